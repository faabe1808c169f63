"""The results page on Whoosh: matching, facets, ranking and snippets, engineered to stay fast at 100k documents.

- Evaluation: Whoosh's compound matchers and collector step through every posting in Python (and its block-quality
  shortcut returned a wrong top 10 for these queries), so a query is a small tree of terms evaluated with
  ``search.postings``: each term's documents and BM25F scores are read a posting block at a time, combined
  with set algebra, and the top hits are taken by exact score (the same scores Whoosh computes). Common terms stay
  in a per-searcher cache bounded by ``SEARCH_TERM_CACHE_MB``.
- Matching: every query word must match (AND). A word of several dictionary words (财政预算) matches as the AND of
  its parts (财政, 预算), which the positional analyzer always indexes at the word's position, so segmentation that
  differs between the query and a document cannot hide it. Documents holding only some words follow those holding
  all of them ("partial" hits).
- Exact phrase highest: the top ``SEARCH_RERANK_DEPTH`` hits are re-ranked by whether their stored title or text
  holds the query verbatim, so the cost of phrases is bounded. A quoted phrase must appear as typed: candidates
  are checked against the stored text, at most ``SEARCH_PHRASE_VERIFY_LIMIT`` of them; beyond that the total and
  the facet counts are estimated and marked approximate (``outcome.approximate``), never silently wrong.
- 文号 / 索引号: a typed key is looked up in its ID column and pinned first (and, when found, documents sharing only
  pieces of it are not listed as partial hits).
- Facets: the matching document numbers are counted against per-segment arrays of facet ordinals kept in memory
  beside the searcher (built once per segment, reused until Whoosh merges it), so no Whoosh grouping runs. Above
  ``SEARCH_FACET_EXACT_LIMIT`` hits the counts are sampled and marked approximate. A document listed in other
  columns as well (``also_columns``) is filtered and counted under each of them.
- Snippets: from the stored text by substring search (``search.highlight``), for the page's hits only.
- Suggestions ("您是不是要找") when little matches: ``search.suggest``.
"""

from __future__ import annotations

import heapq
import os
import threading
from array import array
from collections import Counter, OrderedDict
from datetime import datetime, time
from time import time_ns
from zoneinfo import ZoneInfo

from django.conf import settings
from whoosh import query as wq
from whoosh.reading import MultiReader

from search import conf, pinyin, postings, segment, suggest
from search.errors import IndexUnavailable
from search.query import normalize_doc_number
from search.types import COLUMN_SEPARATOR, FACETS, Hit, SearchOutcome, SearchRequest

_local = threading.local()
_facet_lock = threading.Lock()
_segment_arrays: dict[tuple[str, str], array] = {}
_segment_dates: dict[tuple[str, str], array] = {}
_vocab: dict[str, dict[str, int]] = {}
_values: dict[str, list[str]] = {}
# Each document's facet ordinals (in FACETS order) as one combination: an index holds a few hundred of them.
_combination_ids: dict[tuple[int, ...], int] = {}
_combinations: list[tuple[int, ...]] = []
_COMBINATION = "\x00combination"  # its array's key among the facet arrays
# Among the facet arrays, not an array: {document number: the ordinals of the other columns it is also listed in}, for
# the few documents listed in more than one column (the index's ``also_columns``).
_ALSO = "\x00also"
_segment_also: dict[str, dict[int, tuple[int, ...]]] = {}
FACET_FIELDS = (*FACETS, "kind")
TITLE_BOOST = 2.5
# index folder -> (its modification time in ns, the generation found then); see latest_generation
_generations: dict[str, tuple[int, int]] = {}
_RECENT_NS = 2_000_000_000
_SAMPLE = 300  # documents read to estimate how many unchecked phrase candidates hold the phrase


def latest_generation(backend) -> int:
    """The generation of the index's last commit. Whoosh finds it by listing the folder and matching every name
    against its table-of-contents pattern (25 µs); a commit writes a new table of contents, which changes the folder's
    modification time, so the generation read at one modification time is kept until it changes. A folder modified
    in the last two seconds is listed every time: a second commit within the file system's time granularity would
    leave its modification time as it was."""
    try:
        stamp = os.stat(backend.path).st_mtime_ns
    except FileNotFoundError:
        raise IndexUnavailable(f"search index folder {backend.path} is missing") from None
    known = _generations.get(backend.path)
    if known is not None and known[0] == stamp and time_ns() - stamp > _RECENT_NS:
        return known[1]
    found = backend.index.latest_generation()
    _generations[backend.path] = (stamp, found)
    return found


def searcher_for(backend):
    """A long-lived searcher per thread and index folder, reopened after writes. (Whoosh's ``Searcher.refresh``
    reuses a segment's reader even when only its deletions changed, so a withdrawn document would stay visible.)"""
    generation = latest_generation(backend)
    cache = getattr(_local, "searchers", None)
    if cache is None:
        cache = _local.searchers = {}
    searcher = cache.get(backend.path)
    if searcher is None or searcher.reader().generation() != generation:
        if searcher is not None:
            searcher.close()
        backend.index = backend.index.refresh()
        searcher = cache[backend.path] = backend.index.searcher()
    return searcher


def drop_searchers() -> None:
    """Forget this thread's searchers (tests that swap index folders)."""
    _local.searchers = {}


# --- facet arrays
def _ordinal(field: str, value: str) -> int:
    vocab = _vocab.setdefault(field, {})
    if value not in vocab:
        vocab[value] = len(vocab)
        _values.setdefault(field, []).append(value)
    return vocab[value]


def _segment_array(reader, field: str) -> array:
    key = (reader.segment().segment_id(), field)
    found = _segment_arrays.get(key)
    if found is None:
        with _facet_lock:
            if reader.has_column(field):
                values = [v or "" for v in reader.column_reader(field)]
            else:
                values = [""] * reader.doc_count_all()
            found = _segment_arrays[key] = array("I", (_ordinal(field, v) for v in values))
    return found


def _combination(ordinals: tuple[int, ...]) -> int:
    found = _combination_ids.get(ordinals)
    if found is None:
        found = _combination_ids[ordinals] = len(_combinations)
        _combinations.append(ordinals)
    return found


def _segment_combinations(reader) -> array:
    key = (reader.segment().segment_id(), _COMBINATION)
    found = _segment_arrays.get(key)
    if found is None:
        columns = [_segment_array(reader, field) for field in FACETS]
        with _facet_lock:
            found = _segment_arrays[key] = array("I", map(_combination, zip(*columns, strict=True)))
    return found


def _segment_listings(reader) -> dict[int, tuple[int, ...]]:
    key = reader.segment().segment_id()
    found = _segment_also.get(key)
    if found is None:
        with _facet_lock:
            found = {}
            if reader.has_column("also_columns"):
                for docnum, names in enumerate(reader.column_reader("also_columns")):
                    if names:
                        found[docnum] = tuple(_ordinal("column", n) for n in names.split(COLUMN_SEPARATOR))
            _segment_also[key] = found
    return found


def facet_arrays(searcher) -> dict[str, array]:
    """field → array of facet ordinals indexed by the searcher's document numbers (and under ``_COMBINATION``, the
    number of each document's combination of them; under ``_ALSO``, the other columns of the documents listed in
    more than one)."""
    # An index with no documents yet has one leaf without a segment: it contributes nothing.
    leaves = [(r, offset) for r, offset in searcher.reader().leaf_readers() if r.segment() is not None]
    key = tuple(r.segment().segment_id() for r, _ in leaves)
    cached = getattr(searcher, "_portal_facets", None)
    if cached and cached[0] == key:
        return cached[1]
    arrays = {}
    for field in FACET_FIELDS:
        combined = array("I")
        for reader, _offset in leaves:  # leaves come in offset order, so concatenation is by document number
            combined.extend(_segment_array(reader, field))
        arrays[field] = combined
    arrays[_COMBINATION] = array("I")
    also: dict[int, tuple[int, ...]] = {}
    for reader, offset in leaves:
        arrays[_COMBINATION].extend(_segment_combinations(reader))
        also.update((docnum + offset, listed) for docnum, listed in _segment_listings(reader).items())
    arrays[_ALSO] = also
    searcher._portal_facets = (key, arrays)
    return arrays


# --- queries
def _cover(word: str) -> list[str]:
    """The word as consecutive dictionary sub-words (财政预算 → 财政 + 预算), or [word] when there is no cover."""
    subs = set(segment.sub_words(word))
    parts, i = [], 0
    while i < len(word):
        for size in (3, 2):
            if word[i : i + size] in subs:
                parts.append(word[i : i + size])
                i += size
                break
        else:
            return [word]
    return parts


def _fields(request: SearchRequest) -> list[tuple[str, float]]:
    return [("title", 1.0)] if request.title_only else [("text", 1.0), ("title", TITLE_BOOST)]


# A query is a small tree evaluated against posting sets (``search.postings``), scored exactly as Whoosh
# scores the equivalent query (a term's BM25F times its boost; And / Or add up their matching children's scores).
# ("term", field, word, boost) | ("and", children, boost) | ("or", children, boost)
Node = tuple


def word_query(word: str, fields) -> Node:
    parts = _cover(word)
    per_field = []
    for name, boost in fields:
        if len(parts) == 1:
            per_field.append(("term", name, word, boost))
        else:
            per_field.append(("and", [("term", name, p, 1.0) for p in parts], boost))
    return per_field[0] if len(per_field) == 1 else ("or", per_field, 1.0)


def phrase_query(phrase: str, fields) -> Node:
    """Every word of the phrase (a superset of the verbatim matches, which ``_verbatim`` then checks)."""
    words = [w.lower() for w in segment.words(phrase)]
    if len(words) == 1:
        return word_query(words[0], fields)
    return ("and", [word_query(w, fields) for w in words], 1.0)


_SPARSE = 50  # a term is read whole unless it has this many times more documents than the candidates to test


def _estimate(terms, node: Node) -> int:
    """How many documents ``node`` may match, from document frequencies (no postings read)."""
    kind = node[0]
    if kind == "term":
        return terms.doc_frequency(node[1], node[2])
    sizes = [_estimate(terms, child) for child in node[1]]
    return min(sizes) if kind == "and" else sum(sizes)


def _sparse_ok(terms, node: Node, within) -> bool:
    return (
        within is not None
        and terms.cached(node[1], node[2]) is None
        and len(within) * _SPARSE < terms.doc_frequency(node[1], node[2])
    )


def _ids(terms: postings.TermCache, node: Node, within=None) -> frozenset | set:
    """The documents matching ``node`` (only those in ``within`` when given, which may save reading postings)."""
    kind = node[0]
    if kind == "term":
        if _sparse_ok(terms, node, within):
            return set(terms.sparse(node[1], node[2], within))
        found = terms.term(node[1], node[2]).ids
        return found if within is None else found & within
    if kind == "and":
        result = within
        for child in sorted(node[1], key=lambda c: _estimate(terms, c)):  # rarest first
            result = _ids(terms, child, result)
            if not result:
                return set()
        return result
    return frozenset().union(*(_ids(terms, child, within) for child in node[1]))


def _scores(terms: postings.TermCache, node: Node, candidates) -> dict[int, float]:
    """docnum -> score for the candidates that match ``node``."""
    kind, boost = node[0], node[-1]
    if kind == "term":
        if _sparse_ok(terms, node, candidates):
            found = terms.sparse(node[1], node[2], candidates)
            return found if boost == 1.0 else {d: v * boost for d, v in found.items()}
        term = terms.term(node[1], node[2])
        # The set intersection and the look-ups run in C: a partial-hit ranking scores thousands of candidates.
        present = term.ids.intersection(candidates)
        values = map(term.scores.__getitem__, present)
        return dict(zip(present, values if boost == 1.0 else map(boost.__mul__, values), strict=True))
    if kind == "and":
        candidates = _ids(terms, node, set(candidates))
    parts = [_scores(terms, child, candidates) for child in node[1]]
    if kind == "and":
        total: dict[int, float] = dict.fromkeys(candidates, 0.0)
    elif parts:  # an "or": its first part copied at C speed, the others added in order (so the sums are as before)
        if len(parts) == 2 and len(parts[1]) > len(parts[0]):
            parts.reverse()  # a + b == b + a: the larger one is copied
        total, parts = dict(parts[0]), parts[1:]
    else:
        total = {}
    get = total.get
    for part in parts:
        for d, v in part.items():
            total[d] = get(d, 0.0) + v
    if boost != 1.0:
        total = dict(zip(total, map(boost.__mul__, total.values()), strict=True))
    return total


def pinyin_candidates(searcher, key: str, limit: int = 3) -> list[str]:
    words = [(searcher.doc_frequency("text", w), w) for w in pinyin.pinyin_map().get(key, [])]
    return [w for df, w in sorted(words, reverse=True) if df > 0][:limit]


def _pinyin_query(searcher, keys: list[str], fields) -> tuple[Node | None, list[str]]:
    options, found = [], []
    per_key = [pinyin_candidates(searcher, k) for k in keys]
    if all(per_key):
        options.append(("and", [("or", [word_query(w, fields) for w in c], 1.0) for c in per_key], 1.0))
        found += [w for c in per_key for w in c]
    if len(keys) > 1 and (whole := pinyin_candidates(searcher, "".join(keys))):
        options.append(("or", [word_query(w, fields) for w in whole], 1.0))
        found = whole + found
    return (("or", options, 1.0) if options else None), list(dict.fromkeys(found))


def _key_ids(terms, request: SearchRequest) -> set[int]:
    parsed = request.query
    found: set[int] = set()
    if parsed.doc_number:
        found |= terms.term("doc_number_key", parsed.doc_number).ids
    if parsed.index_number:
        found |= terms.term("index_number_key", parsed.index_number).ids
    return found


def _date_query(request: SearchRequest) -> wq.Query | None:
    if not (request.date_from or request.date_to):
        return None
    tz = ZoneInfo(settings.TIME_ZONE)
    start = datetime.combine(request.date_from, time.min, tz) if request.date_from else None
    end = datetime.combine(request.date_to, time.max, tz) if request.date_to else None
    return wq.DateRange("pub_date", start, end)


# --- the page
def run(backend, request: SearchRequest) -> SearchOutcome:
    searcher = searcher_for(backend)
    terms = postings.term_cache(searcher, conf.SEARCH_TERM_CACHE_MB * 1_000_000)
    fields = _fields(request)
    parsed = request.query
    outcome = SearchOutcome()
    items = [word_query(w, fields) for w in parsed.words] + [phrase_query(p, fields) for p in parsed.phrases]
    if request.doc_number:
        key = normalize_doc_number(request.doc_number)
        items.append(
            ("term", "doc_number_key", key, 1.0)
            if key
            else ("and", [word_query(w, fields) for w in segment.words(request.doc_number)], 1.0)
        )
    and_q = ("and", items, 1.0) if items else None
    or_q = ("or", items, 1.0) if len(items) > 1 else None
    if parsed.pinyin_keys:
        pinyin_q, outcome.pinyin_words = _pinyin_query(searcher, parsed.pinyin_keys, fields)
        if pinyin_q is not None:
            and_q = ("or", [and_q, pinyin_q], 1.0) if and_q is not None else pinyin_q
    key_ids = _key_ids(terms, request)
    if key_ids:
        # The typed 文号 / 索引号 was found: documents sharing only some of its pieces (号, the year) are noise.
        or_q = None
    and_ids = set(_ids(terms, and_q)) if and_q is not None else set()
    or_ids = set(_ids(terms, or_q)) - and_ids if or_q is not None else set()
    date_q = _date_query(request)
    if date_q is not None:
        in_range = set(searcher.docs_for_query(date_q))
        key_ids &= in_range
        and_ids &= in_range
        or_ids &= in_range
    arrays = facet_arrays(searcher)
    chosen = {f: _vocab.get(f, {}).get(v, -1) for f, v in request.filters.items() if f in arrays}
    need = request.page * request.page_size
    by_date = request.sort == "date"
    and_scores, estimate = None, None
    if parsed.phrases and and_ids:
        # Quoted phrases must appear as typed: checked against the stored text, best candidates first.
        and_scores = _scores(terms, and_q, and_ids)
        candidates = and_ids
        and_ids, estimate = _verbatim(
            searcher, terms, arrays, chosen, and_ids, and_scores, parsed.phrases, need, by_date
        )
        if or_q is not None:  # a candidate without the phrase still holds some of the words: a partial hit
            or_ids |= candidates - and_ids - (estimate[1] if estimate else set())
        outcome.approximate = estimate is not None
    matched = key_ids | and_ids | or_ids
    selected = _apply_filters(matched, arrays, chosen)
    outcome.total = len(selected)
    if request.with_facets:
        outcome.facets, outcome.facets_approximate = _count_facets(matched, arrays, chosen)
    if outcome.approximate:
        # Scale the checked part up to the whole candidate set (the page's hits themselves are all checked).
        ratio, unchecked, unchecked_selected = estimate
        outcome.total += round(unchecked_selected * ratio)
        outcome.facets_approximate = True
        if request.with_facets:
            outcome.facets = _scaled_facets(outcome.facets, unchecked, arrays, chosen, ratio)
    order = _ranked_page(searcher, terms, request, and_q, or_q, key_ids, and_ids, or_ids, selected, and_scores)
    offset = (request.page - 1) * request.page_size
    pinned_and_all = len(key_ids & selected) + len((and_ids - key_ids) & selected)
    if or_ids & selected:
        outcome.partial_from = pinned_and_all
    words = parsed.all_terms() + outcome.pinyin_words
    outcome.hits = [
        _hit(searcher, d, words, parsed.literal, d in key_ids) for d in order[offset : offset + request.page_size]
    ]
    full_matches = len((key_ids | and_ids) & selected)
    if full_matches < 3 and not request.filters:
        outcome.suggestions = suggest.suggest(terms, parsed)
    return outcome


def _holds(searcher, docnum: int, wanted: list[str]) -> bool:
    stored = stored_fields(searcher, docnum)
    text = ((stored.get("title") or "") + "\n" + (stored.get("text") or "")).lower()
    return all(p in text for p in wanted)


def _verbatim(searcher, terms, arrays, chosen, ids: set[int], scores, phrases: list[str], need: int, by_date: bool):
    """Keep the candidates (documents holding every word of the quoted phrases) whose title or text holds each
    phrase as typed; positional matches are not enough (they can straddle a sub-word: 部门预算/严格执行 holds 预算
    then 执行 at adjacent positions). A document with a token equal to the phrase holds it (tokens are substrings of
    the text), so only the others are read; reading stored text costs ~50 µs a document, so at most
    ``SEARCH_PHRASE_VERIFY_LIMIT`` of them are checked, in the order the page shows them, and the rest are estimated
    from an evenly spread sample. Returns the kept ids and ``None`` when everything was checked, else the estimate
    ``(ratio, unchecked ids, how many unchecked ids pass the filters)``."""
    wanted = [p.lower() for p in phrases]
    sure = set(ids)
    for phrase in wanted:
        sure &= frozenset().union(*(terms.term(field, phrase).ids for field in ("text", "title")))
    if by_date:
        dates = pub_dates(searcher)
        key = lambda d: (-dates[d], d)  # noqa: E731
    else:
        key = lambda d: (-scores.get(d, 0.0), d)  # noqa: E731
    doubtful = ids - sure
    selected = _apply_filters(doubtful, arrays, chosen)
    limit = max(conf.SEARCH_PHRASE_VERIFY_LIMIT, need + conf.SEARCH_RERANK_DEPTH)
    # The filtered candidates first (they make the page), then the rest (they only make facet counts).
    ordered = sorted(selected, key=key) + sorted(doubtful - selected, key=key)
    checked, unchecked = ordered[:limit], ordered[limit:]
    kept = sure | {d for d in checked if _holds(searcher, d, wanted)}
    if not unchecked:
        return kept, None
    step = max(1, len(unchecked) // _SAMPLE)
    sample = unchecked[::step]
    ratio = sum(_holds(searcher, d, wanted) for d in sample) / len(sample)
    unchecked_set = set(unchecked)
    return kept, (ratio, unchecked_set, len(unchecked_set & selected))


def _scaled_facets(facets: dict, unchecked: set[int], arrays, chosen, ratio: float) -> dict:
    extra, _ = _count_facets(unchecked, arrays, chosen)
    scaled = {}
    for field, pairs in facets.items():
        counts = dict(pairs)
        for value, n in extra.get(field, []):
            counts[value] = counts.get(value, 0) + round(n * ratio)
        scaled[field] = sorted(((v, n) for v, n in counts.items() if n), key=lambda p: (-p[1], p[0]))
    return scaled


def _apply_filters(ids: set[int], arrays, chosen: dict[str, int], skip: str = "") -> set[int]:
    result = ids
    for field, wanted in chosen.items():
        if field != skip:
            column = arrays[field]
            kept = {d for d in result if column[d] == wanted}
            if field == "column" and (also := arrays.get(_ALSO)):  # and the documents also listed in that column
                kept.update(d for d in result.intersection(also) if wanted in also[d])
            result = kept
    return result


def _listed_in(also: dict, docnum: int, home: int) -> tuple[int, ...]:
    """The columns a document counts under: its own, then the others it is also listed in."""
    return (home, *(o for o in also.get(docnum, ()) if o != home))


def _count_facets(matched: set[int], arrays, chosen) -> tuple[dict, bool]:
    """Each facet's values with their counts among the matches (a field's own chosen value ignored, so its other
    values stay offered), and whether they were sampled: above SEARCH_FACET_EXACT_LIMIT matches, every n-th is
    counted and the counts scaled."""
    if len(matched) <= conf.SEARCH_FACET_EXACT_LIMIT:
        return _count_by_combination(matched, arrays, chosen), False
    step = -(-len(matched) // conf.SEARCH_FACET_EXACT_LIMIT)
    facets = {}
    for field in FACETS:
        sample = sorted(_apply_filters(matched, arrays, chosen, skip=field))[::step]
        counts = Counter(map(arrays[field].__getitem__, sample))
        if field == "column" and (also := arrays.get(_ALSO)):
            home = arrays["column"]
            counts.update(o for d in also.keys() & set(sample) for o in _listed_in(also, d, home[d])[1:])
        values = _values.get(field, [])
        pairs = [(values[o], n * step) for o, n in counts.items() if values[o]]
        facets[field] = sorted(pairs, key=lambda p: (-p[1], p[0]))
    return facets, True


def _count_by_combination(matched: set[int], arrays, chosen: dict[str, int]) -> dict:
    """The exact counts in one pass over the matches instead of one per field: the matches' combinations are counted,
    and each field's counts are summed from the combinations that hold the values chosen in the other fields."""
    also = arrays.get(_ALSO) or {}
    listed = matched.intersection(also) if also else ()  # counted one by one below
    combination = arrays[_COMBINATION]
    tally = Counter(map(combination.__getitem__, matched))
    tally.subtract(map(combination.__getitem__, listed))
    rows = [(_combinations[c], n) for c, n in tally.items() if n]
    position = {field: i for i, field in enumerate(FACETS)}
    column = position["column"]
    facets = {}
    for field, i in position.items():
        others = [(position[f], wanted) for f, wanted in chosen.items() if f != field]
        counts: dict[int, int] = {}
        for ordinals, n in rows:
            for j, wanted in others:
                if ordinals[j] != wanted:
                    break
            else:
                counts[ordinals[i]] = counts.get(ordinals[i], 0) + n
        for d in listed:
            ordinals = _combinations[combination[d]]
            columns = _listed_in(also, d, ordinals[column])
            if all(wanted in columns if j == column else ordinals[j] == wanted for j, wanted in others):
                for o in columns if i == column else (ordinals[i],):
                    counts[o] = counts.get(o, 0) + 1
        values = _values.get(field, [])
        pairs = [(values[o], n) for o, n in counts.items() if values[o]]
        facets[field] = sorted(pairs, key=lambda p: (-p[1], p[0]))
    return facets


def _ranked_page(searcher, terms, request, and_q, or_q, key_ids, and_ids, or_ids, selected, and_scores) -> list[int]:
    need = request.page * request.page_size
    by_date = request.sort == "date"
    dates = pub_dates(searcher)
    pinned = sorted(key_ids & selected, key=lambda d: (-dates[d], d))
    order = list(pinned)
    and_allowed = (and_ids - key_ids) & selected
    if len(order) < need and and_allowed and and_q is not None:
        depth = need - len(order) if by_date else max(need - len(order), conf.SEARCH_RERANK_DEPTH)
        if by_date:
            hits = heapq.nsmallest(depth, and_allowed, key=lambda d: (-dates[d], d))
        else:
            scores = and_scores if and_scores is not None else _scores(terms, and_q, and_allowed)
            hits = _best(scores, and_allowed, depth)
            hits = _rerank_phrase(searcher, hits, request.query.literal)
        order += hits
    or_allowed = (or_ids - key_ids) & selected
    if len(order) < need and or_allowed and or_q is not None:
        depth = need - len(order)
        if by_date:
            order += heapq.nsmallest(depth, or_allowed, key=lambda d: (-dates[d], d))
        else:
            order += _best(_scores(terms, or_q, or_allowed), or_allowed, depth)
    return order


def _best(scores: dict[int, float], allowed: set[int], depth: int) -> list[int]:
    """The ``depth`` allowed documents with the highest scores (ties by document number): the cut-off score is
    found over the bare values first, so only the few above it are sorted (100,000 hits: ~10 ms, not ~40)."""
    if depth <= 0:
        return []
    if not scores.keys() <= allowed:
        scores = {d: v for d, v in scores.items() if d in allowed}
    pool = scores
    if len(scores) > 4 * depth:
        cutoff = heapq.nlargest(depth, scores.values())[-1]
        pool = {d: v for d, v in scores.items() if v >= cutoff}
    ranked = sorted(pool, key=lambda d: (-pool[d], d))[:depth]
    if len(ranked) < depth and len(scores) < len(allowed):  # matches without a score rank last
        ranked += sorted(allowed - scores.keys())[: depth - len(ranked)]
    return ranked


def _rerank_phrase(searcher, ranked: list[int], literal: str) -> list[int]:
    """Stable re-rank: the query verbatim in the title, then in the text, then the rest (BM25 order kept)."""
    literal = literal.lower()
    if len(literal) < 2:
        return ranked
    head, tail = ranked[: conf.SEARCH_RERANK_DEPTH], ranked[conf.SEARCH_RERANK_DEPTH :]

    def rank(docnum: int) -> int:
        stored = shown_fields(searcher, docnum)
        if literal in (stored.get("title") or "").lower():
            return 0
        return 1 if literal in (stored.get("text") or "").lower() else 2

    return sorted(head, key=rank) + tail


def pub_dates(searcher) -> array:
    """Publication time as a sortable number by document number (0 when missing), built once per segment."""
    leaves = postings.leaves(searcher)
    key = tuple(r.segment().segment_id() for r, _ in leaves)
    cached = getattr(searcher, "_portal_dates", None)
    if cached and cached[0] == key:
        return cached[1]
    combined = array("q")
    for reader, _offset in leaves:
        seg_key = (reader.segment().segment_id(), "pub_date")
        found = _segment_dates.get(seg_key)
        if found is None:
            if reader.has_column("pub_date"):
                column = reader.column_reader("pub_date", translate=False)
                found = array("q", (int(v or 0) for v in column))
            else:
                found = array("q", bytes(8 * reader.doc_count_all()))
            _segment_dates[seg_key] = found
        combined.extend(found)
    searcher._portal_dates = (key, combined)
    return combined


def _hit(searcher, docnum: int, terms: list[str], literal: str, exact: bool) -> Hit:
    return Hit.from_stored(shown_fields(searcher, docnum), terms, literal, exact=exact)


# Characters of stored title and text kept per searcher by ``shown_fields`` (some 5 MB of memory; about 600
# documents of 3,000 characters).
STORED_CACHE_CHARS = 2_000_000


class _StoredCache:
    """The stored fields of the documents results pages showed last, least recently shown dropped first once their
    titles and texts hold more than STORED_CACHE_CHARS characters. A searcher's documents never change (a commit
    opens a new searcher), so nothing goes stale."""

    def __init__(self, budget: int) -> None:
        self.budget, self.held = budget, 0
        self.entries: OrderedDict[int, tuple[dict, int]] = OrderedDict()

    def get(self, docnum: int) -> dict | None:
        found = self.entries.get(docnum)
        if found is None:
            return None
        self.entries.move_to_end(docnum)
        return found[0]

    def put(self, docnum: int, stored: dict) -> None:
        size = len(stored.get("title") or "") + len(stored.get("text") or "") + 100
        self.entries[docnum] = (stored, size)
        self.held += size
        while self.held > self.budget and len(self.entries) > 1:
            self.held -= self.entries.popitem(last=False)[1][1]


def shown_fields(searcher, docnum: int) -> dict:
    """``stored_fields`` for a document a results page shows (or ranks by its text), kept for the next pages: the
    documents that answer one query answer many (in the pages benchmark's random queries, four in five documents a
    page showed had been shown among the last five hundred), and reading one costs its whole stored text
    decompressed and unpickled (30-50 µs a document).
    Searchers are per thread (``searcher_for``), and so is this cache. The dict returned is shared: read only."""
    kept = getattr(searcher, "_portal_stored", None)
    if kept is None:
        kept = searcher._portal_stored = _StoredCache(STORED_CACHE_CHARS)
    found = kept.get(docnum)
    if found is None:
        found = stored_fields(searcher, docnum)
        kept.put(docnum, found)
    return found


def stored_fields(searcher, docnum: int) -> dict:
    """A document's stored fields as ``searcher.stored_fields`` reads them, without the copy of the dict it makes to
    drop fields the schema no longer has (callers read only the fields they know): 29 µs instead of 37 for a
    document of 3,000 characters, and a results page reads ten of them or more."""
    reader = searcher.reader()
    if isinstance(reader, MultiReader):
        segment_number, docnum = reader._segment_and_docnum(docnum)
        reader = reader.readers[segment_number]
    perdoc = getattr(reader, "_perdoc", None)
    if perdoc is None:  # a reader of another kind
        return reader.stored_fields(docnum)
    return perdoc.stored_fields(docnum)
