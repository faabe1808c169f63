"""The search's entry points: the results page (``search``), the index write path (``sync_object``) and the
nightly reconcile. Views, tasks and commands call these; nothing else touches the index."""

from __future__ import annotations

import hashlib
import logging
import time
from datetime import timedelta

from django.apps import apps
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from haystack import connections
from haystack.exceptions import NotHandled

from portal.pagecache import Repeats
from search import conf
from search.types import COLUMN_SEPARATOR, FACETS, Hit, SearchOutcome, SearchRequest

logger = logging.getLogger(__name__)
_GENERATION_KEY = "search:generation"


# --- reading
def backend():
    return connections["default"].get_backend()


def search(request: SearchRequest) -> SearchOutcome:
    """The results page: from the cache, else the engine, else (index missing, locked or corrupt) the database."""
    if request.query.is_empty and not request.doc_number:
        return SearchOutcome()
    engine = backend()
    try:
        key = _cache_key(engine, request)
        found = cache.get(key) if _searches_seen.stored_here(key) else None
        if found is not None:
            return found
        outcome = engine.portal_search(request) if hasattr(engine, "portal_search") else _generic(request)
    except Exception:
        logger.exception("search index unavailable; answering from the database")
        return database_search(request)
    if _searches_seen.admitted(key):
        cache.set(key, outcome, conf.SEARCH_CACHE_SECONDS)
    return outcome


# Results are stored at their SEARCH_CACHE_ADMIT_AFTER-th computation in a process: most queries are asked once, and
# looking each up and storing it (14 KB pickled) cost a quarter of a millisecond of CPU, 6% of a search.
_searches_seen = Repeats(lambda: conf.SEARCH_CACHE_ADMIT_AFTER)


def _cache_key(engine, request: SearchRequest) -> str:
    # The Whoosh generation changes with every commit, so a publish or withdrawal invalidates every cached page.
    generation = engine.generation() if hasattr(engine, "generation") else cache.get(_GENERATION_KEY, 0)
    digest = hashlib.sha256(request.cache_key().encode()).hexdigest()[:32]
    return f"search:page:{generation}:{digest}"


def _generic(request: SearchRequest) -> SearchOutcome:
    """Any other haystack engine (Elasticsearch): the same page through SearchQuerySet."""
    from haystack.inputs import AutoQuery
    from haystack.query import SearchQuerySet

    parsed = request.query
    sqs = SearchQuerySet().filter(**{"title" if request.title_only else "content": AutoQuery(parsed.text)})
    for field, value in request.filters.items():
        sqs = sqs.filter(**{field: value})
    if request.date_from:
        sqs = sqs.filter(pub_date__gte=request.date_from)
    if request.date_to:
        sqs = sqs.filter(pub_date__lte=request.date_to)
    if request.sort == "date":
        sqs = sqs.order_by("-pub_date")
    for field in FACETS:
        sqs = sqs.facet(field)
    start = (request.page - 1) * request.page_size
    terms = parsed.all_terms()
    outcome = SearchOutcome(total=sqs.count(), engine="generic")
    outcome.facets = {f: list(v) for f, v in (sqs.facet_counts().get("fields") or {}).items()}
    outcome.hits = [
        Hit.from_stored(r.get_stored_fields(), terms, parsed.literal) for r in sqs[start : start + request.page_size]
    ]
    return outcome


def database_search(request: SearchRequest, limit: int = 500) -> SearchOutcome:
    """A plain ``icontains`` scan of every registered index's rows: slow but always there."""
    parsed = request.query
    words = parsed.words + parsed.phrases or ([parsed.text] if parsed.text else [])
    if request.doc_number:
        words.append(request.doc_number)
    hits: list[Hit] = []
    for index in _indexes():
        rows = index.fallback_queryset()
        fields = ("title",) if request.title_only else index.fallback_fields
        for word in words:
            condition = Q()
            for field in fields:
                condition |= Q(**{f"{field}__icontains": word})
            rows = rows.filter(condition)
        for obj in rows[:limit]:
            data = index.fallback_hit(obj)
            if _passes(data, request) and index.fallback_visible(data, words):
                hits.append(Hit.from_stored(data, words, parsed.literal))
    hits.sort(key=lambda h: h.pub_date.timestamp() if h.pub_date else 0, reverse=True)
    start = (request.page - 1) * request.page_size
    return SearchOutcome(
        hits=hits[start : start + request.page_size], total=len(hits), degraded=True, engine="database"
    )


def _passes(data: dict, request: SearchRequest) -> bool:
    for field, value in request.filters.items():
        actual = (
            str(timezone.localtime(data["pub_date"]).year)
            if field == "year" and data.get("pub_date")
            else data.get(field)
        )
        if actual != value and not (
            field == "column" and value and value in (data.get("also_columns") or "").split(COLUMN_SEPARATOR)
        ):
            return False
    day = timezone.localtime(data["pub_date"]).date() if data.get("pub_date") else None
    if request.date_from and (day is None or day < request.date_from):
        return False
    return not (request.date_to and (day is None or day > request.date_to))


def _indexes():
    return connections["default"].get_unified_index().get_indexes().values()


# --- writing
def _index_for(model_label: str):
    model = apps.get_model(model_label)
    try:
        return model, connections["default"].get_unified_index().get_index(model)
    except NotHandled:
        return model, None


def sync_object(model_label: str, pk) -> str:
    """Index the row if its index's queryset holds it (it is public), else remove it. Returns what was done.
    Raises ``IndexLocked`` when the index stayed locked, so the caller's task can retry."""
    model, index = _index_for(model_label)
    if index is None:
        return "not indexed"
    obj = index.index_queryset().filter(pk=pk).first()
    identifier = f"{model._meta.app_label}.{model._meta.model_name}.{pk}"
    if obj is None:
        index.remove_object(identifier)
        result = "removed"
    else:
        index.update_object(obj)
        result = "indexed"
    _bump_generation()
    return result


def _bump_generation() -> None:
    try:
        cache.incr(_GENERATION_KEY)
    except ValueError:
        cache.set(_GENERATION_KEY, 1, None)


def reconcile() -> dict[str, int]:
    """Compare each index with its database rows and repair both ways: index the public rows it lacks, remove the
    rows that are no longer public, and re-index the rows changed in the last ``SEARCH_RECONCILE_RECENT_DAYS`` days
    when the index names its updated-date field (haystack's ``get_updated_field``), so an edit whose task was lost
    is not searched in its old wording for ever. Returns counts for the log and tests."""
    started = time.monotonic()
    report = {"added": 0, "removed": 0, "refreshed": 0, "checked": 0}
    engine = backend()
    since = timezone.now() - timedelta(days=conf.SEARCH_RECONCILE_RECENT_DAYS)
    for index in _indexes():
        model = index.get_model()
        label = f"{model._meta.app_label}.{model._meta.model_name}"
        wanted = {str(pk) for pk in index.index_queryset().values_list("pk", flat=True)}
        present = _indexed_ids(engine, label)
        report["checked"] += len(wanted)
        missing = wanted - present
        _update(engine, index, sorted(missing))
        report["added"] += len(missing)
        for pk in present - wanted:
            engine.remove(f"{label}.{pk}")
            report["removed"] += 1
        if updated_field := index.get_updated_field():
            recent = index.index_queryset().filter(**{f"{updated_field}__gte": since}).values_list("pk", flat=True)
            changed = sorted({str(pk) for pk in recent} - missing)
            _update(engine, index, changed)
            report["refreshed"] += len(changed)
    if report["added"] or report["removed"] or report["refreshed"]:
        _bump_generation()
    logger.info("search reconcile: %s in %.1fs", report, time.monotonic() - started)
    return report


def _update(engine, index, pks: list[str]) -> None:
    for start in range(0, len(pks), 500):
        engine.update(index, list(index.index_queryset().filter(pk__in=pks[start : start + 500])))


def compact_index() -> bool:
    """Merge the Whoosh index's segments when there are many (see ``PortalWhooshBackend.compact``)."""
    engine = backend()
    if not hasattr(engine, "compact"):
        return False
    started = time.monotonic()
    merged = engine.compact()
    if merged:
        logger.info("search index compacted in %.1fs", time.monotonic() - started)
    return merged


def _indexed_ids(engine, label: str) -> set[str]:
    from haystack.constants import DJANGO_CT, DJANGO_ID
    from whoosh.query import Term

    if not hasattr(engine, "portal_search"):
        from haystack.query import SearchQuerySet

        model = apps.get_model(label)
        return {str(result.pk) for result in SearchQuerySet().models(model)}
    if not engine.setup_complete:
        engine.setup()
    with engine.index.refresh().searcher() as searcher:
        return {searcher.stored_fields(d)[DJANGO_ID] for d in searcher.docs_for_query(Term(DJANGO_CT, label))}
