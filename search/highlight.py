"""Highlighting from the stored text, without running jieba over whole documents again.

Chinese words are substrings of the text, so the query's words (from the field's analyzer) are found by plain
substring search; latin words case-insensitively. Every piece of the text is HTML-escaped before ``<mark>`` tags are
added, so a document containing markup can never inject it into the results page.
"""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe

SNIPPET_CHARS = 140
_LEAD_CHARS = 36


def _spans(text_lower: str, terms: list[str], stop: int | None = None) -> list[tuple[int, int]]:
    """Where the terms occur (overlapping or touching occurrences merged), those starting before ``stop``."""
    spans = []
    stop = len(text_lower) if stop is None else stop
    for term in terms:
        needle = term.lower()
        if not needle:
            continue
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


def mark(text: str, terms: list[str]) -> SafeString:
    """``text`` escaped, with every occurrence of a term wrapped in ``<mark>``."""
    return _render(text, _spans(text.lower(), terms), 0, len(text))


def snippet(text: str, terms: list[str], literal: str = "", length: int = SNIPPET_CHARS) -> SafeString:
    """A window of ``text`` around the best match (the literal query if present, else the first term), marked."""
    text = " ".join(text.split())
    lower = text.lower()
    focus = lower.find(literal.lower()) if literal else -1
    if focus == -1:  # the first occurrence of any term
        focus = min((p for term in terms if term and (p := lower.find(term.lower())) != -1), default=0)
    start = max(0, focus - _LEAD_CHARS)
    end = min(len(text), start + length)
    # Only the occurrences that can reach the window are looked for: a common word occurs dozens of times in a
    # document, and finding them all took a results page more time than finding the documents.
    body = _render(text, _spans(lower, terms, end), start, end)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + body + suffix)  # noqa: S308 - _render escapes every piece of the text


def _render(text: str, spans: list[tuple[int, int]], start: int, end: int) -> SafeString:
    out, cursor = [], start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out.append(escape(text[cursor:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        cursor = e
    out.append(escape(text[cursor:end]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above
