"""Addresses on this site only: for redirects after a form (``next``), QR codes of pages and the 纠错 page address.

A value a client sends is never used as a redirect or a link unless it is a plain path on this site."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http.request import split_domain_port, validate_host
from django.utils.http import url_has_allowed_host_and_scheme

MAX_PATH_LENGTH = 500


def _has_control_characters(value: str) -> bool:
    return any(ord(c) < 32 or ord(c) == 127 for c in value)


def is_local_path(path: str) -> bool:
    """True for an absolute path on this site such as ``/documents/12/?page=2``.

    Refused: full URLs, scheme-relative ``//host/...``, backslashes (browsers read ``/\\host`` as ``//host``),
    control characters and overlong input."""
    if not path or len(path) > MAX_PATH_LENGTH or not path.startswith("/"):
        return False
    if path.startswith("//") or "\\" in path or _has_control_characters(path):
        return False
    parts = urlsplit(path)
    return not parts.scheme and not parts.netloc


def site_hosts() -> list[str]:
    """The host names this site answers to: ALLOWED_HOSTS and the site profile's domain."""
    from portal.context_processors import site_profile

    return [*settings.ALLOWED_HOSTS, site_profile().site_domain.strip().lower()]


def is_site_url(value: str) -> bool:
    """A local path, or an http(s) URL whose host is one of this site's (no user part, nothing else)."""
    if value.startswith("/"):
        return is_local_path(value)
    if len(value) > MAX_PATH_LENGTH or "\\" in value or _has_control_characters(value):
        return False
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or "@" in parts.netloc:
        return False
    domain, _port = split_domain_port(parts.netloc.lower())
    return bool(domain) and validate_host(domain, site_hosts())


def redirect_target(request, value: str | None, default: str = "/") -> str:
    """``value`` when it is a local path Django also judges safe, else ``default``: a ``next`` of ``-1``, a quote
    or an emoji is not a URL, and handing it to ``redirect()`` would try to reverse it as a view name."""
    value = value or ""
    if is_local_path(value) and url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()}):
        return value
    return default
