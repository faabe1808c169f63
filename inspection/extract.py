"""The addresses a page links to: every href and src in its HTML (links, images, frames, media), made absolute
against the page's own address, fragments dropped; mail, phone and script links are not web addresses."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

_ATTRIBUTES = {
    "a": "href", "area": "href", "link": "href", "img": "src", "iframe": "src", "embed": "src", "source": "src",
    "video": "src", "audio": "src", "track": "src", "script": "src", "object": "data",
}  # fmt: skip
_WEB = {"http", "https", ""}


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        wanted = _ATTRIBUTES.get(tag)
        if wanted:
            self.found.extend(value.strip() for name, value in attrs if name == wanted and value and value.strip())


def links_in(html: str, page_url: str) -> list[str]:
    """Absolute addresses (or site paths, for this site's pages) found in ``html``, each once, in order."""
    collector = _Collector()
    collector.feed(html or "")
    collector.close()
    found: dict[str, None] = {}
    for value in collector.found:
        if value.startswith("#"):
            continue
        url = urldefrag(urljoin(page_url, value)).url
        if urlsplit(url).scheme in _WEB:
            found[url] = None
    return list(found)
