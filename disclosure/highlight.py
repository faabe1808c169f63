"""Scan findings shown where they are: every hit of the confidentiality scan marked in the document's own text on the
review page, so a reviewer reads each one in context instead of hunting for it."""

from __future__ import annotations

import html
import re

from django.utils.safestring import SafeString, mark_safe

TAG = re.compile(r"(<[^>]*>)")


def mark_hits(body_html: str, findings: list[dict], source: str = "正文") -> SafeString:
    """``body_html`` (already sanitised) with each finding of ``source`` wrapped in <mark>; tags are left alone, so
    only text is marked. A blocking hit carries the class that paints it red."""
    hits = {f["match"]: bool(f.get("blocking")) for f in findings if f.get("source") == source and f.get("match")}
    if not hits:
        return mark_safe(body_html)  # noqa: S308 - the body was sanitised with nh3 when it was saved
    pattern = re.compile("|".join(re.escape(html.escape(m, quote=False)) for m in sorted(hits, key=len, reverse=True)))
    blocking = {html.escape(m, quote=False): b for m, b in hits.items()}

    def wrap(match: re.Match) -> str:
        css = "scan-hit scan-hit-blocking" if blocking.get(match.group(0)) else "scan-hit"
        return f'<mark class="{css}">{match.group(0)}</mark>'

    parts = TAG.split(body_html)
    marked = [part if part.startswith("<") else pattern.sub(wrap, part) for part in parts]
    return mark_safe("".join(marked))  # noqa: S308 - sanitised body, escaped matches
