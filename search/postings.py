"""Doc-number sets and BM25F scores read straight from Whoosh's posting blocks.

Whoosh's compound matchers (``And``, ``Or``, ``Phrase``) and its collector step through every matching posting in
Python, a few microseconds each; over the common words of 20,000 documents that is most of a query's time. Here a
term's postings are read a block (128 postings) at a time, the sets of matching documents are combined with Python's
set algebra (C speed), and the BM25F score Whoosh would give (same formula, same idf, same quantised field lengths,
same query boosts) is summed per document only for the candidates that need ranking.

Deleted documents (withdrawn, replaced) are removed exactly as Whoosh's own reader does.
"""

from __future__ import annotations

import threading
from array import array

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import wrappers
from whoosh.util.numeric import byte_to_length
from whoosh.util.numlists import delta_decode

_LENGTH_OF_BYTE = [byte_to_length(b) for b in range(256)]
_lock = threading.Lock()
# (segment id, field) -> array of quantised field lengths by segment-local document number.
_segment_lengths: dict[tuple[str, str], array] = {}
B, K1 = 0.75, 1.2  # Whoosh's BM25F defaults (the index uses its default weighting)


class Postings:
    """One term's postings over the whole searcher: parallel arrays of global doc numbers and weights."""

    __slots__ = ("ids", "weights")

    def __init__(self) -> None:
        self.ids = array("I")
        self.weights = array("f")


def _leaf_postings(reader, field: str, word: str, offset: int, out: Postings) -> None:
    if (field, word) not in reader:
        return
    matcher = reader.postings(field, word)
    deleted = None
    if isinstance(matcher, wrappers.FilterMatcher):
        deleted = matcher._ids  # the deleted set Whoosh's reader filters out
        matcher = matcher.child
    if isinstance(matcher, W3LeafMatcher):
        matcher.reset()  # the filter may already have stepped past deleted postings
        ids, weights = [], []
        while matcher.is_active():
            if matcher._data is None:
                matcher._read_data()
            raw = matcher._data[0]
            block_ids = raw if matcher._byteids else tuple(delta_decode(raw))
            matcher._read_weights()
            ids.extend(block_ids)
            weights.extend(matcher._weights)
            matcher._next_block()
    else:  # any other codec: the generic, slower way
        ids, weights = [], []
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
    if deleted:
        pairs = [(d, w) for d, w in zip(ids, weights, strict=True) if d not in deleted]
        ids, weights = [d for d, _ in pairs], [w for _, w in pairs]
    out.ids.extend(d + offset for d in ids) if offset else out.ids.extend(ids)
    out.weights.extend(weights)


def leaves(searcher) -> list[tuple[object, int]]:
    return [(r, offset) for r, offset in searcher.reader().leaf_readers() if r.segment() is not None]


class Term:
    """One term over the whole searcher: the set of matching documents and a dense array of their BM25F scores
    (0.0 where the term is absent), indexed by document number."""

    __slots__ = ("ids", "scores", "size")

    def __init__(self, ids: frozenset, scores: array) -> None:
        self.ids, self.scores = ids, scores
        self.size = 64 * len(ids) + scores.itemsize * len(scores)  # bytes held, roughly


_EMPTY = Term(frozenset(), array("d"))


class TermCache:
    """Terms of one searcher, least recently used dropped first once they hold more than ``budget`` bytes.
    Reading a term costs about a microsecond per posting (Whoosh unpickles positions with every block), so the
    common words that most queries share are kept; rare words are cheap to read again."""

    def __init__(self, searcher, budget: int) -> None:
        self.searcher = searcher
        self.leaves = leaves(searcher)
        self.budget = budget
        self.held = 0
        self._terms: dict[tuple[str, str], Term] = {}
        self._lock = threading.Lock()

    def term(self, field: str, word: str) -> Term:
        key = (field, word)
        with self._lock:
            found = self._terms.pop(key, None)
            if found is not None:
                self._terms[key] = found  # most recently used last
                return found
        found = self._read(field, word)
        with self._lock:
            if key not in self._terms:
                self._terms[key] = found
                self.held += found.size
                while self.held > self.budget and len(self._terms) > 1:
                    oldest = next(iter(self._terms))
                    self.held -= self._terms.pop(oldest).size
        return found

    def cached(self, field: str, word: str) -> Term | None:
        with self._lock:
            return self._terms.get((field, word))

    def doc_frequency(self, field: str, word: str) -> int:
        found = self.cached(field, word)
        return len(found.ids) if found is not None else self.searcher.doc_frequency(field, word)

    def sparse(self, field: str, word: str, candidates) -> dict[int, float]:
        """The term's scores for a few candidates only, by skipping through its postings (block headers are read,
        block data only where a candidate falls): far cheaper than reading a common word's postings whole."""
        found: dict[int, float] = {}
        wanted = sorted(candidates)
        if not wanted or not self.searcher.doc_frequency(field, word):
            return found
        idf, k1p1, base, slope, lengths = _bm25f_terms(self.searcher, self.leaves, field, word)
        i = 0
        for n, (reader, offset) in enumerate(self.leaves):
            end = self.leaves[n + 1][1] if n + 1 < len(self.leaves) else float("inf")
            local = []
            while i < len(wanted) and wanted[i] < end:
                local.append(wanted[i] - offset)
                i += 1
            if not local or (field, word) not in reader:
                continue
            matcher = reader.postings(field, word)  # skips deleted documents itself
            for d in local:
                if not matcher.is_active():
                    break
                matcher.skip_to(d)
                if matcher.is_active() and matcher.id() == d:
                    w = matcher.weight()
                    found[d + offset] = idf * (w * k1p1) / (w + base + slope * lengths[d + offset])
        return found

    def clear(self) -> None:
        with self._lock:
            self._terms.clear()
            self.held = 0

    def _read(self, field: str, word: str) -> Term:
        post = Postings()
        for reader, offset in self.leaves:
            _leaf_postings(reader, field, word, offset, post)
        if not post.ids:
            return _EMPTY
        idf, k1p1, base, slope, lengths = _bm25f_terms(self.searcher, self.leaves, field, word)
        scores = array("d", bytes(8 * self.searcher.doc_count_all()))
        for d, w in zip(post.ids, post.weights, strict=True):  # inline: this loop runs once per posting
            scores[d] = idf * (w * k1p1) / (w + base + slope * lengths[d])
        return Term(frozenset(post.ids), scores)


def term_cache(searcher, budget: int) -> TermCache:
    found = getattr(searcher, "_portal_terms", None)
    if found is None:
        found = searcher._portal_terms = TermCache(searcher, budget)
    return found


def field_lengths(searcher, leaf_list, field: str) -> array:
    """Quantised field lengths (as Whoosh scores with) by global document number, built once per segment."""
    key = tuple(r.segment().segment_id() for r, _ in leaf_list)
    cache = getattr(searcher, "_portal_lengths", None)
    if cache is None or cache[0] != key:
        cache = searcher._portal_lengths = (key, {})
    combined = cache[1].get(field)
    if combined is None:
        combined = array("I")
        for reader, _offset in leaf_list:
            combined.extend(_segment_field_lengths(reader, field))
        cache[1][field] = combined
    return combined


def _segment_field_lengths(reader, field: str) -> array:
    key = (reader.segment().segment_id(), field)
    found = _segment_lengths.get(key)
    if found is None:
        with _lock:
            count = reader.doc_count_all()
            lengths = reader.doc_field_length
            table = _LENGTH_OF_BYTE
            try:
                column = reader._perdoc._cached_reader(f"_{field}_len", _length_column())
            except AttributeError:
                column = None
            if column is not None:
                found = array("I", (table[b] if b else 0 for b in column))
            else:
                found = array("I", ((lengths(d, field) or 0) for d in range(count)))
            if len(found) < count:
                found.extend([0] * (count - len(found)))
            _segment_lengths[key] = found
    return found


def _length_column():
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN

    return LENGTHS_COLUMN


def _bm25f_terms(searcher, leaf_list, field: str, word: str):
    """The constants of Whoosh's BM25F score of ``word`` in ``field`` (idf, k1 + 1, the length-normalisation base
    and slope) and the field lengths by global doc number; the score of a weight w at document d is
    ``idf * (w * k1p1) / (w + base + slope * lengths[d])``."""
    avg = searcher.avg_field_length(field) or 1
    lengths = field_lengths(searcher, leaf_list, field)
    return searcher.idf(field, word), K1 + 1, K1 * (1 - B), K1 * B / avg, lengths
