"""The "您是不是要找" suggestions: words the index holds that the reader probably meant, when a query finds little."""

from __future__ import annotations

from search import pinyin


def _doc_frequency(searcher, word: str) -> int:
    return searcher.doc_frequency("text", word)


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
