"""Rich text sanitising with nh3 (ammonia): everything a rich-text field stores passes through ``clean_html``."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import unquote, urlsplit

import nh3
from django.conf import settings

ALLOWED_TAGS = {
    "p", "br", "hr", "div", "span", "strong", "b", "em", "i", "u", "s", "sub", "sup", "blockquote", "pre", "code",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "img",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "p": {"align"},
    "div": {"align"},
    "col": {"span"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def _filter_attribute(tag: str, attr: str, value: str) -> str | None:
    # Images only from our own media folder: no tracking pixels, no hot-linked content.
    if tag == "img" and attr == "src":
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or not parts.path.startswith(settings.MEDIA_URL):
            return None
        # "/media/../x" (or %2e%2e, or a backslash) would leave the media folder once the browser resolves it.
        path = unquote(parts.path)
        if "\\" in path or any(segment in (".", "..") for segment in path.split("/")):
            return None
    return value


def clean_html(html: str) -> str:
    """Allowlist sanitising: no script/style, no event handlers, no javascript: URLs, images from /media/ only."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_filter_attribute,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


# Block-level ends become line breaks, so that two paragraphs do not run together into one "word" for the scans.
_BLOCK_END = re.compile(r"(<br\s*/?>|</(?:p|div|li|tr|h[1-6]|blockquote|pre|table|caption)\s*>)", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n\s*\n+")


def html_to_text(html: str) -> str:
    """Plain text of HTML (entities decoded, script/style content dropped), for scans, search and summaries."""
    text = nh3.clean(_BLOCK_END.sub(r"\1\n", html or ""), tags=set(), attributes={})
    text = unescape(text).replace("\xa0", " ")
    return _BLANK_LINES.sub("\n", text).strip()
