"""Highlighting from the stored text, without running jieba over whole documents again.

Chinese words are substrings of the text, so the query's words (from the field's analyzer) are found by plain
substring search; latin words case-insensitively. Every piece of the text is HTML-escaped before ``<mark>`` tags are
added, so a document containing markup can never inject it into the results page.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape

from django.utils.safestring import SafeString

SNIPPET_CHARS = 140
_LEAD_CHARS = 36


def _spans(text_lower: str, needles: list[str], stop: int | None = None) -> list[tuple[int, int]]:
    """Where the (lower-case) needles occur (overlapping or touching occurrences merged), those starting before
    ``stop``."""
    spans = []
    stop = len(text_lower) if stop is None else stop
    for needle in needles:
        start = text_lower.find(needle)
        while start != -1 and start < stop:
            spans.append((start, start + len(needle)))
            start = text_lower.find(needle, start + len(needle))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _needles(terms: list[str]) -> list[str]:
    return [n for n in (t.lower() for t in terms) if n]


def _caseless(needles: list[str]) -> bool:
    """No needle holds a letter with case (Chinese, digits, punctuation): found in the text as it is, they are found
    where they are in its lower-case copy, which then need not be made (14 µs for 3,000 Chinese characters)."""
    return all(n.upper() == n for n in needles)


def mark(text: str, terms: list[str]) -> SafeString:
    """``text`` escaped, with every occurrence of a term wrapped in ``<mark>``."""
    return SafeString(_render(text, _spans(text.lower(), _needles(terms)), 0, len(text)))


@lru_cache(maxsize=256)
def _query(terms: tuple[str, ...], literal: str) -> tuple[tuple[str, ...], str, bool, bool, int]:
    """What ``snippet`` needs of a query, worked out once for the page's hits: the needles, the lower-case literal,
    whether they are caseless, whether none holds whitespace, and the longest one's length."""
    needles, wanted = tuple(_needles(list(terms))), literal.lower()  # a tuple: shared by the page's hits
    everything = [*needles, wanted]
    spaceless = not any(ch.isspace() for n in everything for ch in n)
    return needles, wanted, _caseless(everything), spaceless, max(map(len, everything))


def snippet(text: str, terms: list[str], literal: str = "", length: int = SNIPPET_CHARS) -> SafeString:
    """A window of ``text`` (its whitespace runs made single spaces) around the best match (the literal query if
    present, else the first term), marked."""
    needles, wanted, caseless, spaceless, longest = _query(tuple(terms), literal)
    if caseless and spaceless:
        # Needles without whitespace occur in the text in the same order as in its whitespace-collapsed copy, so the
        # focus is found in the text as stored and only the part of it up to the window's end is collapsed: the
        # cost no longer grows with the length of a long document.
        focus = text.find(wanted) if wanted else -1
        if focus == -1:
            focus = min((p for n in needles if (p := text.find(n)) != -1), default=0)
        cut = focus + length + longest + 64
        if cut < len(text):
            head = " ".join(text[:cut].split())
            body, end = _window(head, head, needles, wanted, length)
            # The head is exact up to its last character: the window, and any occurrence that reaches it, must end
            # before that.
            if end + longest < len(head):
                return SafeString(body + "…")  # _window escapes every piece of the text
    text = " ".join(text.split())
    body, end = _window(text, text if caseless else text.lower(), needles, wanted, length)
    return SafeString(body + ("…" if end < len(text) else ""))  # _window escapes every piece of the text


def _window(text: str, lower: str, needles: list[str], wanted: str, length: int) -> tuple[str, int]:
    """The marked window of ``text`` (with "…" before it unless it starts the text) and where it ends."""
    focus = lower.find(wanted) if wanted else -1
    if focus == -1:  # the first occurrence of any term
        focus = min((p for n in needles if (p := lower.find(n)) != -1), default=0)
    start = max(0, focus - _LEAD_CHARS)
    end = min(len(text), start + length)
    # Only the occurrences that can reach the window are looked for: a common word occurs dozens of times in a
    # document, and finding them all took a results page more time than finding the documents.
    body = _render(text, _spans(lower, needles, end), start, end)
    return ("…" if start > 0 else "") + body, end


# The characters html.escape changes: a part of the text without any (most Chinese text) is written as it is.
_ESCAPED = re.compile("[&<>\"']")


def _render(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    clean = escape if _ESCAPED.search(text, start, end) else str
    out, cursor = [], start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out.append(clean(text[cursor:s]))
        out.append(f"<mark>{clean(text[s:e])}</mark>")
        cursor = e
    out.append(clean(text[cursor:end]))
    return "".join(out)  # every piece is escaped above, unless text[start:end] holds nothing to escape
