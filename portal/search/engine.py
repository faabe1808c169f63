"""The results page on Whoosh: matching, facets, ranking and snippets, engineered to stay fast at 100k documents.

- Matching: every query word must match (AND). A word of several dictionary words (财政预算) matches as the AND of
  its parts (财政, 预算), which the positional analyzer always indexes at the word's position, so segmentation that
  differs between the query and a document cannot hide it. Documents holding only some words follow those holding
  all of them ("partial" hits).
- Exact phrase highest: the top ``SEARCH_RERANK_DEPTH`` hits are re-ranked by whether their stored title or text
  holds the query verbatim, so the cost of phrases is bounded (a positional phrase query over common words is not).
- 文号 / 索引号: a typed key is looked up in its ID column and pinned first.
- Facets: the matching document numbers are collected without scoring and counted against per-segment arrays of
  facet ordinals kept in memory beside the searcher (built once per segment, reused until Whoosh merges it), so no
  Whoosh grouping runs. Above ``SEARCH_FACET_EXACT_LIMIT`` hits the counts are sampled and marked approximate.
- Snippets: from the stored text by substring search (``portal.search.highlight``).
"""

from __future__ import annotations

import os
import threading
from array import array
from collections import Counter
from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from whoosh import query as wq

from portal.search import conf, highlight, pinyin, segment
from portal.search.backend import IndexUnavailable
from portal.search.types import FACETS, Hit, SearchOutcome, SearchRequest

_local = threading.local()
_facet_lock = threading.Lock()
_segment_arrays: dict[tuple[str, str], array] = {}
_vocab: dict[str, dict[str, int]] = {}
_values: dict[str, list[str]] = {}
FACET_FIELDS = (*FACETS, "kind")
TITLE_BOOST = 2.5


def searcher_for(backend):
    """A long-lived searcher per thread and index folder, reopened after writes. (Whoosh's ``Searcher.refresh``
    reuses a segment's reader even when only its deletions changed, so a withdrawn document would stay visible.)"""
    if not os.path.isdir(backend.path):
        raise IndexUnavailable(f"search index folder {backend.path} is missing")
    cache = getattr(_local, "searchers", None)
    if cache is None:
        cache = _local.searchers = {}
    searcher = cache.get(backend.path)
    if searcher is None or not searcher.up_to_date():
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


def facet_arrays(searcher) -> dict[str, array]:
    """field → array of facet ordinals indexed by the searcher's document numbers."""
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


def word_query(word: str, fields) -> wq.Query:
    parts = _cover(word)
    per_field = []
    for name, boost in fields:
        if len(parts) == 1:
            per_field.append(wq.Term(name, word, boost=boost))
        else:
            per_field.append(wq.And([wq.Term(name, p) for p in parts], boost=boost))
    return per_field[0] if len(per_field) == 1 else wq.Or(per_field)


def phrase_query(phrase: str, fields) -> wq.Query:
    words = [w.lower() for w in segment.words(phrase)]
    if len(words) == 1:
        return word_query(words[0], fields)
    return wq.Or([wq.Phrase(name, words, boost=boost) for name, boost in fields])


def _doc_frequency(searcher, word: str) -> int:
    return searcher.doc_frequency("text", word)


def pinyin_candidates(searcher, key: str, limit: int = 3) -> list[str]:
    words = [(searcher.doc_frequency("text", w), w) for w in pinyin.pinyin_map().get(key, [])]
    return [w for df, w in sorted(words, reverse=True) if df > 0][:limit]


def _pinyin_query(searcher, keys: list[str], fields) -> tuple[wq.Query | None, list[str]]:
    options, found = [], []
    per_key = [pinyin_candidates(searcher, k) for k in keys]
    if all(per_key):
        options.append(wq.And([wq.Or([word_query(w, fields) for w in c]) for c in per_key]))
        found += [w for c in per_key for w in c]
    if len(keys) > 1 and (whole := pinyin_candidates(searcher, "".join(keys))):
        options.append(wq.Or([word_query(w, fields) for w in whole]))
        found = whole + found
    return (wq.Or(options) if options else None), list(dict.fromkeys(found))


def _key_query(request: SearchRequest) -> wq.Query | None:
    parsed = request.query
    keys = []
    if parsed.doc_number:
        keys.append(wq.Term("doc_number_key", parsed.doc_number))
    if parsed.index_number:
        keys.append(wq.Term("index_number_key", parsed.index_number))
    return wq.Or(keys) if keys else None


def _date_query(request: SearchRequest) -> wq.Query | None:
    if not (request.date_from or request.date_to):
        return None
    tz = ZoneInfo(settings.TIME_ZONE)
    start = datetime.combine(request.date_from, time.min, tz) if request.date_from else None
    end = datetime.combine(request.date_to, time.max, tz) if request.date_to else None
    return wq.DateRange("pub_date", start, end)


def _docs(searcher, q: wq.Query | None) -> set[int]:
    return set(searcher.docs_for_query(q)) if q is not None else set()


# --- the page
def run(backend, request: SearchRequest) -> SearchOutcome:
    searcher = searcher_for(backend)
    fields = _fields(request)
    parsed = request.query
    outcome = SearchOutcome()
    items = [word_query(w, fields) for w in parsed.words] + [phrase_query(p, fields) for p in parsed.phrases]
    if request.doc_number:
        from portal.search.query import normalize_doc_number

        key = normalize_doc_number(request.doc_number)
        items.append(
            wq.Term("doc_number_key", key)
            if key
            else wq.And([word_query(w, fields) for w in segment.words(request.doc_number)])
        )
    and_q = wq.And(items) if items else None
    or_q = wq.Or(items) if len(items) > 1 else None
    if parsed.pinyin_keys:
        pinyin_q, outcome.pinyin_words = _pinyin_query(searcher, parsed.pinyin_keys, fields)
        if pinyin_q is not None:
            and_q = wq.Or([and_q, pinyin_q]) if and_q is not None else pinyin_q
    key_ids = _docs(searcher, _key_query(request))
    and_ids = _docs(searcher, and_q)
    if parsed.phrases:
        and_ids = _verbatim(searcher, and_ids, parsed.phrases)
    or_ids = _docs(searcher, or_q) - and_ids if or_q is not None else set()
    matched = key_ids | and_ids | or_ids
    date_q = _date_query(request)
    if date_q is not None and matched:
        matched &= _docs(searcher, date_q)
    arrays = facet_arrays(searcher)
    chosen = {f: _vocab.get(f, {}).get(v, -1) for f, v in request.filters.items() if f in arrays}
    selected = _apply_filters(matched, arrays, chosen)
    outcome.total = len(selected)
    if request.with_facets:
        outcome.facets, outcome.facets_approximate = _count_facets(matched, arrays, chosen)
    order = _ranked_page(searcher, request, and_q, or_q, key_ids, and_ids, selected)
    offset = (request.page - 1) * request.page_size
    pinned_and_all = len(key_ids & selected) + len((and_ids - key_ids) & selected)
    if or_ids & selected:
        outcome.partial_from = pinned_and_all
    terms = parsed.all_terms() + outcome.pinyin_words
    outcome.hits = [
        _hit(searcher, d, terms, parsed.literal, d in key_ids) for d in order[offset : offset + request.page_size]
    ]
    full_matches = len((key_ids | and_ids) & selected)
    if full_matches < 3 and not request.filters:
        outcome.suggestions = suggest(searcher, parsed)
    return outcome


def _verbatim(searcher, ids: set[int], phrases: list[str]) -> set[int]:
    """Quoted phrases must appear as typed: positional phrase matches can straddle a sub-word (部门预算/严格执行
    holds 预算 then 执行 at adjacent positions), so the stored text decides."""
    wanted = [p.lower() for p in phrases]

    def holds(docnum: int) -> bool:
        stored = searcher.stored_fields(docnum)
        text = ((stored.get("title") or "") + "\n" + (stored.get("text") or "")).lower()
        return all(p in text for p in wanted)

    return {d for d in ids if holds(d)}


def _apply_filters(ids: set[int], arrays, chosen: dict[str, int], skip: str = "") -> set[int]:
    result = ids
    for field, wanted in chosen.items():
        if field != skip:
            column = arrays[field]
            result = {d for d in result if column[d] == wanted}
    return result


def _count_facets(matched: set[int], arrays, chosen) -> tuple[dict, bool]:
    approximate = len(matched) > conf.SEARCH_FACET_EXACT_LIMIT
    step = -(-len(matched) // conf.SEARCH_FACET_EXACT_LIMIT) if approximate else 1
    facets = {}
    for field in FACETS:
        ids = _apply_filters(matched, arrays, chosen, skip=field)
        sample = sorted(ids)[::step] if approximate else ids
        counts = Counter(map(arrays[field].__getitem__, sample))
        values = _values.get(field, [])
        pairs = [(values[o], n * step) for o, n in counts.items() if values[o]]
        facets[field] = sorted(pairs, key=lambda p: (-p[1], p[0]))
    return facets, approximate


def _ranked_page(searcher, request, and_q, or_q, key_ids, and_ids, selected) -> list[int]:
    need = request.page * request.page_size
    by_date = request.sort == "date"
    pinned = sorted(key_ids & selected, key=lambda d: _pub_date(searcher, d), reverse=True)
    order = list(pinned)
    and_allowed = (and_ids - key_ids) & selected
    if len(order) < need and and_allowed and and_q is not None:
        depth = need - len(order) if by_date else max(need - len(order), conf.SEARCH_RERANK_DEPTH)
        hits = _top(
            searcher,
            and_q,
            and_allowed,
            depth,
            by_date,
            everything=len(and_allowed) == len(and_ids) and not request.query.phrases,
        )
        if not by_date:
            hits = _rerank_phrase(searcher, hits, request.query.literal)
        order += hits
    or_allowed = selected - key_ids - and_ids
    if len(order) < need and or_allowed and or_q is not None:
        order += _top(searcher, or_q, or_allowed, need - len(order), by_date)
    return order


def _top(searcher, q, allowed: set[int], limit: int, by_date: bool, everything: bool = False) -> list[int]:
    kwargs = {"sortedby": "pub_date", "reverse": True} if by_date else {}
    # No allow-list when it would admit every match anyway (no filter, no pinned key hit).
    results = searcher.search(q, limit=limit, filter=None if everything else allowed, **kwargs)
    return [hit.docnum for hit in results]


def _rerank_phrase(searcher, ranked: list[int], literal: str) -> list[int]:
    """Stable re-rank: the query verbatim in the title, then in the text, then the rest (BM25 order kept)."""
    literal = literal.lower()
    if len(literal) < 2:
        return ranked
    head, tail = ranked[: conf.SEARCH_RERANK_DEPTH], ranked[conf.SEARCH_RERANK_DEPTH :]

    def rank(docnum: int) -> int:
        stored = searcher.stored_fields(docnum)
        if literal in (stored.get("title") or "").lower():
            return 0
        return 1 if literal in (stored.get("text") or "").lower() else 2

    return sorted(head, key=rank) + tail


def _pub_date(searcher, docnum: int) -> float:
    value = searcher.stored_fields(docnum).get("pub_date")
    return value.timestamp() if value else 0.0


def _hit(searcher, docnum: int, terms: list[str], literal: str, exact: bool) -> Hit:
    stored = searcher.stored_fields(docnum)
    title = stored.get("title") or ""
    text = stored.get("text") or ""
    return Hit(
        title=title,
        url=stored.get("url") or "",
        title_html=highlight.mark(title, terms),
        snippet_html=highlight.snippet(text, terms, literal),
        unit=stored.get("unit") or "",
        column=stored.get("column") or "",
        doc_type=stored.get("doc_type") or "",
        kind=stored.get("kind") or "",
        pub_date=stored.get("pub_date") or None,
        doc_number=stored.get("doc_number") or "",
        index_number=stored.get("index_number") or "",
        exact=exact,
        phrase=bool(literal) and len(literal) > 1 and literal.lower() in (title + text).lower(),
    )


# --- "您是不是要找"
def suggest(searcher, parsed, limit: int = 3) -> list[str]:
    """Words the index holds that sound like the query (homophone typos: 财证预算 → 财政预算) or differ from it by
    one character (营商环竟 → 营商环境), most frequent first."""
    literal = parsed.literal.lower()
    if not literal or pinyin.looks_like_pinyin(literal):
        return []
    found: dict[str, int] = {}
    for key in pinyin.readings(literal):
        for word in pinyin.pinyin_map().get(key, []):
            if word != literal and (df := _doc_frequency(searcher, word)):
                found[word] = df
    if 3 <= len(literal) <= 8:
        reader = searcher.reader()
        for term in _prefix_terms(reader, literal[0], 20_000):
            if len(term) == len(literal) and term != literal and _one_off(term, literal):
                found[term] = max(found.get(term, 0), reader.doc_frequency("text", term))
    if not found and len(parsed.words) > 1:
        found = _word_by_word(searcher, parsed.words)
    return [w for w, _ in sorted(found.items(), key=lambda p: -p[1])][:limit]


def _prefix_terms(reader, prefix: str, limit: int):
    for n, term in enumerate(reader.expand_prefix("text", prefix)):
        if n >= limit:
            return
        yield term.decode("utf-8") if isinstance(term, bytes) else term


def _one_off(a: str, b: str) -> bool:
    return sum(x != y for x, y in zip(a, b, strict=True)) == 1


def _word_by_word(searcher, words: list[str]) -> dict[str, int]:
    """Replace each word the index lacks by its commonest homophone."""
    fixed, changed = [], False
    for word in words:
        if _doc_frequency(searcher, word):
            fixed.append(word)
            continue
        options = [w for key in pinyin.readings(word) for w in pinyin.pinyin_map().get(key, [])]
        best = max(options, key=lambda w: _doc_frequency(searcher, w), default="")
        if best and _doc_frequency(searcher, best):
            fixed.append(best)
            changed = True
        else:
            fixed.append(word)
    return {"".join(fixed): 1} if changed else {}
