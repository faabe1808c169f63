"""Addresses on this site only: for redirects after a form (``next``), QR codes of pages and the 纠错 page address.

A value a client sends is never used as a redirect or a link unless it is a plain path on this site."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.utils.http import url_has_allowed_host_and_scheme

MAX_PATH_LENGTH = 500


def is_local_path(path: str) -> bool:
    """True for an absolute path on this site such as ``/documents/12/?page=2``.

    Refused: full URLs, scheme-relative ``//host/...``, backslashes (browsers read ``/\\host`` as ``//host``),
    control characters and overlong input."""
    if not path or len(path) > MAX_PATH_LENGTH or not path.startswith("/"):
        return False
    if path.startswith("//") or "\\" in path or any(ord(c) < 32 or ord(c) == 127 for c in path):
        return False
    parts = urlsplit(path)
    return not parts.scheme and not parts.netloc


def redirect_target(request, value: str | None, default: str = "/") -> str:
    """``value`` when it is a local path Django also judges safe, else ``default``: a ``next`` of ``-1``, a quote
    or an emoji is not a URL, and handing it to ``redirect()`` would try to reverse it as a view name."""
    value = value or ""
    if is_local_path(value) and url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()}):
        return value
    return default
