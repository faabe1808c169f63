"""search.highlight.snippet looks only for the occurrences that can reach its window, and for Chinese queries collapses
the whitespace of the text only up to the window: the same snippet as marking every occurrence in the whole collapsed
text, which the reference below does."""

import random
from html import escape

from search import highlight


def _reference_snippet(text: str, terms: list[str], literal: str = "", length: int = highlight.SNIPPET_CHARS) -> str:
    text = " ".join(text.split())
    lower = text.lower()
    spans = []
    for term in terms:
        needle = term.lower()
        if not needle:
            continue
        start = lower.find(needle)
        while start != -1:
            spans.append((start, start + len(needle)))
            start = lower.find(needle, start + len(needle))
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    focus = lower.find(literal.lower()) if literal else -1
    if focus == -1:
        focus = merged[0][0] if merged else 0
    start = max(0, focus - 36)
    end = min(len(text), start + length)
    out, cursor = [], start
    for s, e in merged:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out += [escape(text[cursor:s]), f"<mark>{escape(text[s:e])}</mark>"]
        cursor = e
    out.append(escape(text[cursor:end]))
    return ("…" if start > 0 else "") + "".join(out) + ("…" if end < len(text) else "")


def test_the_snippet_is_the_one_every_occurrence_would_give():
    rng = random.Random(7)
    alphabet = "哈政府通知预算 \n<&>Ab"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 400)))
        terms = ["".join(rng.choice(alphabet.strip()) for _ in range(rng.randrange(1, 4))) for _ in range(3)]
        terms += rng.sample(["哈哈", "政府", "预算", "a", "AB", ""], 2)  # repeated, touching, cased, empty terms
        literal = rng.choice(["", " ".join(terms[:2]), terms[0], "政府通知"])
        length = rng.choice([highlight.SNIPPET_CHARS, 20])
        assert highlight.snippet(text, terms, literal, length) == _reference_snippet(text, terms, literal, length)


def test_a_chinese_query_gives_the_same_snippet_from_the_head_of_a_long_text():
    # No letter with case and no whitespace in the query: the focus is found in the text as stored and only the text
    # up to the window is collapsed. Long texts, runs of every kind of whitespace, self-overlapping terms (哈哈).
    rng = random.Random(11)
    alphabet = "哈政府通知预算12<&>" + " \n\t\u3000" * 2
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 1500)))
        if rng.random() < 0.2:
            text = text[:200] + " " * rng.randrange(1, 400) + text[200:]
        terms = ["".join(rng.choice(alphabet[:12]) for _ in range(rng.randrange(1, 4))) for _ in range(2)]
        terms += rng.sample(["哈哈", "政府", "预算", "12", ""], 2)
        literal = rng.choice(["", terms[0], "政府通知", "".join(terms[:2])])
        length = rng.choice([highlight.SNIPPET_CHARS, 20])
        assert highlight.snippet(text, terms, literal, length) == _reference_snippet(text, terms, literal, length)


def test_a_long_text_is_collapsed_only_up_to_the_window():
    text = "前言" * 10 + "预算执行" + "\n正文" * 50_000
    seen = []
    real = str.split

    class Spy(str):
        def split(self, *args):
            seen.append(len(self))
            return real(self, *args)

    assert highlight.snippet(Spy(text), ["预算"], "预算执行").startswith("前言前言")
    assert seen == []  # a slice of the text is a plain str: only a split of the whole text would be seen


def test_a_snippet_is_escaped_and_marked():
    assert highlight.snippet("<b>预算</b> & 政府", ["预算"]) == "&lt;b&gt;<mark>预算</mark>&lt;/b&gt; &amp; 政府"
