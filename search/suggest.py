"""The "您是不是要找" suggestions: words the index holds that the reader probably meant, when a query finds little."""

from __future__ import annotations

from search import pinyin


def _doc_frequency(terms, word: str) -> int:
    return terms.doc_frequency("text", word)


def suggest(terms, parsed, limit: int = 3) -> list[str]:
    """Words the index holds that are close to what was typed: they sound the same (财证预算 → 财政预算) or differ
    by one character (营商环竟 → 营商环境), most frequent first. A dictionary word is taken as meant (街道 finding
    nothing is not a typo of 接到); several words get a suggestion only when its words occur together in a document.
    Otherwise none. ``terms`` is the searcher's term cache (search.postings.TermCache)."""
    literal = parsed.literal.lower()
    if not literal or pinyin.looks_like_pinyin(literal):
        return []
    found: dict[str, int] = {}
    if not pinyin.is_word(literal):
        found = _sound_alikes(terms, literal)
        if 3 <= len(literal) <= 8 and _all_chinese(literal) and not any(ch.isspace() for ch in parsed.text.strip()):
            reader = terms.searcher.reader()
            for term in _prefix_terms(reader, literal[0], 20_000):
                if len(term) == len(literal) and term != literal and _one_off(term, literal):
                    found[term] = max(found.get(term, 0), reader.doc_frequency("text", term))
    if not found and len(parsed.words) > 1:
        found = _word_by_word(terms, parsed.words)
    return [w for w, _ in sorted(found.items(), key=lambda p: -p[1])][:limit]


def _sound_alikes(terms, typed: str) -> dict[str, int]:
    """Indexed dictionary words that sound like ``typed``, with their document frequency."""
    found = {}
    for key in pinyin.readings(typed):
        for word in pinyin.pinyin_map().get(key, []):
            if word != typed and pinyin.sounds_like(word, typed) and (df := _doc_frequency(terms, word)):
                found[word] = df
    return found


def _all_chinese(text: str) -> bool:
    """A one-character typo is looked for in a single Chinese word only (the query's text has no space; its literal
    has its spaces taken out): the index's terms hold no spaces, and a word with digits or Latin letters (民政3,
    2024年报) is not a typo of a longer word. The look-up walks up to 20,000 index terms, so skipping it matters for
    most queries (several words, a word with a number)."""
    return all("\u4e00" <= ch <= "\u9fff" for ch in text)


def _prefix_terms(reader, prefix: str, limit: int):
    for n, term in enumerate(reader.expand_prefix("text", prefix)):
        if n >= limit:
            return
        yield term.decode("utf-8") if isinstance(term, bytes) else term


def _one_off(a: str, b: str) -> bool:
    return sum(x != y for x, y in zip(a, b, strict=True)) == 1


def _word_by_word(terms, words: list[str]) -> dict[str, int]:
    """Replace each word that is neither indexed nor a dictionary word by its commonest indexed homophone; the
    result is offered only when all its words occur together in some document (a long sentence rarely does)."""
    fixed, changed = [], False
    for word in words:
        if _doc_frequency(terms, word) or pinyin.is_word(word):
            fixed.append(word)
            continue
        options = _sound_alikes(terms, word)
        best = max(options, key=options.__getitem__, default="")
        fixed.append(best or word)
        changed = changed or bool(best)
    if not changed or not _occur_together(terms, fixed):
        return {}
    return {"".join(fixed): 1}


def _occur_together(terms, words: list[str]) -> bool:
    """Some document holds all the words: their document sets from the term cache intersected, rarest first (the
    query's own words are usually cached already; Whoosh's And matcher took a couple of milliseconds)."""
    together = None
    for word in sorted(set(words), key=lambda w: _doc_frequency(terms, w)):
        ids = terms.term("text", word).ids
        together = ids if together is None else together & ids
        if not together:
            return False
    return together is not None
