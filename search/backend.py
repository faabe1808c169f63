"""haystack's Whoosh engine, subclassed only where the portal needs it (never copied):

- ``build_schema``: facet and key fields become Whoosh ``ID`` columns (not stemmed English text), Chinese text fields
  keep the positional jieba analyzer without the full-text sort column and spelling graph haystack adds to every
  text field (they doubled the index and slowed indexing), and ``indexed=False`` fields are only stored;
- ``update`` / ``remove``: one serialised write path. Whoosh allows one writer at a time, so a process-wide lock
  orders writers within a process and the index lock is retried with a timeout across processes; after the last
  retry ``IndexLocked`` is raised so the Celery task retries later (the request that published never waits);
- merging: Whoosh merges segments at commit through an external sort (a pickle per posting), about 3 ms a document,
  single-threaded: with its default policy the last batch of a 20,000-document rebuild spent a minute merging 19,000
  documents again. Bulk batches (``rebuild_index``, ``update_index``) are therefore committed without merging, and
  ordinary commits merge only small segments (fewer than ``SEARCH_SMALL_SEGMENT_DOCS`` documents, i.e. the
  one-document segments of publishes), so a publish never triggers a long merge; ``optimize()`` (nightly, when
  there are more than ``SEARCH_MAX_SEGMENTS`` segments or many deletions) folds everything back into one;
- ``portal_search``: the results page's query (facets, phrase re-rank, keys, pinyin), in ``search.engine``.

haystack's ``SearchQuerySet`` keeps working on top of this (``rebuild_index``, ``update_index``, generic queries).
"""

from __future__ import annotations

import logging
import os
import threading
import time

from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend, WhooshSearchQuery
from haystack.constants import ID
from haystack.exceptions import SkipDocument
from haystack.fields import FacetField
from haystack.utils import get_identifier
from whoosh.fields import ID as WHOOSH_ID
from whoosh.fields import STORED, TEXT
from whoosh.index import LockError
from whoosh.writing import MERGE_SMALL

from search import conf, engine
from search.analyzer import ChineseAnalyzer
from search.errors import IndexLocked, IndexUnavailable

logger = logging.getLogger(__name__)
_process_write_lock = threading.RLock()
# Above this many documents in one update, Whoosh writes with a bigger buffer (rebuild_index, update_index).
_BULK = 200


class PortalWhooshBackend(WhooshSearchBackend):
    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        self.include_spelling = False

    def setup(self):
        # haystack's setup creates the folder and an empty index when missing; threads of one process doing that at
        # once (the first publishes after start-up) would trip over each other's files.
        # (haystack's own delete_index calls setup again on purpose, so do not skip it when already set up.)
        with _process_write_lock:
            super().setup()

    # --- schema
    def build_schema(self, fields):
        content_field_name, schema = super().build_schema(fields)
        for field_class in fields.values():
            replacement = self._whoosh_field(field_class)
            if replacement is not None:
                schema.remove(field_class.index_fieldname)
                schema.add(field_class.index_fieldname, replacement)
        return content_field_name, schema

    @staticmethod
    def _whoosh_field(field_class):
        if field_class.is_multivalued or field_class.field_type != "string":
            return None
        if isinstance(field_class, FacetField):
            return WHOOSH_ID(stored=True, sortable=True)
        if not field_class.indexed:
            return STORED()
        return TEXT(
            stored=field_class.stored,
            analyzer=field_class.analyzer or ChineseAnalyzer(),
            field_boost=field_class.boost,
            phrase=True,
        )

    # --- the serialised write path
    def _open_writer(self, bulk: bool):
        options = {"limitmb": 256} if bulk else {}
        if bulk and conf.SEARCH_BULK_PROCS > 1:
            # Several processes analyse in parallel (jieba is most of the cost); each writes its own segment.
            options.update(procs=conf.SEARCH_BULK_PROCS, limitmb=128, multisegment=True)
        last_error: Exception | None = None
        for attempt in range(conf.SEARCH_WRITE_RETRIES):
            try:
                return self.index.writer(timeout=conf.SEARCH_WRITE_LOCK_TIMEOUT, **options)
            except LockError as error:
                last_error = error
                logger.warning("search index locked (attempt %s of %s)", attempt + 1, conf.SEARCH_WRITE_RETRIES)
                time.sleep(min(0.2 * 2**attempt, 2.0))
        raise IndexLocked(f"Whoosh index at {self.path} stayed locked") from last_error

    def _write(self, operations, bulk: bool = False) -> None:
        with _process_write_lock:
            self.index = self.index.refresh()
            writer = self._open_writer(bulk)
            try:
                operations(writer)
            except BaseException:
                writer.cancel()
                raise
            if bulk:
                writer.commit(merge=False)
            else:
                writer.commit(mergetype=merge_small_segments)

    def compact(self, force: bool = False) -> bool:
        """Merge every segment into one (and purge deleted documents) when there are many segments or many
        deletions, or when ``force``. Holds the write lock for the whole merge (minutes at 100k documents), so it
        runs from the nightly task. Returns whether it merged."""
        if not self.setup_complete:
            self.setup()
        with _process_write_lock:
            self.index = self.index.refresh()
            segments = self.index._segments()
            deleted = sum(seg.deleted_count() for seg in segments)
            total = sum(seg.doc_count_all() for seg in segments) or 1
            if not (force or len(segments) > conf.SEARCH_MAX_SEGMENTS or deleted / total > 0.1):
                return False
            writer = self._open_writer(bulk=False)
            writer.commit(optimize=True)
            return True

    def update(self, index, iterable, commit=True):
        if not self.setup_complete:
            self.setup()
        docs = []
        for obj in iterable:
            try:
                doc = index.full_prepare(obj)
            except SkipDocument:
                continue
            docs.append({key: self._from_python(value) for key, value in doc.items() if key != "boost"})
        if docs:
            self._write(lambda writer: [writer.update_document(**doc) for doc in docs], bulk=len(docs) > _BULK)

    def remove(self, obj_or_string, commit=True):
        if not self.setup_complete:
            self.setup()
        whoosh_id = get_identifier(obj_or_string)
        self._write(lambda writer: writer.delete_by_term(ID, whoosh_id))

    def _from_python(self, value):
        # haystack would index None as the string "None".
        return "" if value is None else super()._from_python(value)

    # --- reading
    def generation(self) -> int:
        # haystack's setup() would silently create an empty index where the folder went missing.
        if not self.setup_complete:
            if not os.path.isdir(self.path):
                raise IndexUnavailable(f"search index folder {self.path} is missing")
            self.setup()
        return engine.latest_generation(self)

    def portal_search(self, request):
        if not self.setup_complete:
            self.setup()
        return engine.run(self, request)


def merge_small_segments(writer, segments):
    """Whoosh's MERGE_SMALL policy over the small segments only: the big ones written in bulk are left alone."""
    small = [seg for seg in segments if seg.doc_count_all() < conf.SEARCH_SMALL_SEGMENT_DOCS]
    big = [seg for seg in segments if seg.doc_count_all() >= conf.SEARCH_SMALL_SEGMENT_DOCS]
    return big + MERGE_SMALL(writer, small)


class PortalWhooshEngine(WhooshEngine):
    backend = PortalWhooshBackend
    query = WhooshSearchQuery
