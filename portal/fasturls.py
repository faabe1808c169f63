"""``reverse()`` for the URLs a list page writes once per row (a document's, a column's): the view's URL is worked
out once per process and script prefix, and each row only puts its argument in. ``reverse()`` costs some 15 µs, and
a column page asks it twenty times. ``url_of`` does the same for a view without arguments.

And ``include_at_root``: the product apps' URLconfs are included at the site's root, one after the other, so Django
tried every pattern of every app listed before the one that answers (some 240 for /search/: 100 µs a request). An
app included with it is skipped at once when the path's first segment starts none of its routes."""

from __future__ import annotations

import functools
import re

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import URLPattern, URLResolver, get_script_prefix, include, reverse
from django.urls.resolvers import RoutePattern

# Stand-ins that a path converter accepts (int, slug) and that cannot occur elsewhere in a URL of this site.
_SAMPLES = {int: 918273645, str: "zq0sample0qz"}
_PLAIN = re.compile(r"[-\w]+", re.ASCII)


@functools.cache
def _pattern(viewname: str, kind: type, prefix: str) -> tuple[str, str] | None:
    sample = str(_SAMPLES[kind])
    url = reverse(viewname, args=[_SAMPLES[kind]])
    if url.count(sample) != 1:
        return None
    head, tail = url.split(sample)
    return head, tail


def url_with(viewname: str, value: int | str) -> str:
    """``reverse(viewname, args=[value])`` for a view taking one int or slug argument."""
    kind = type(value)
    if kind in _SAMPLES and (kind is int or _PLAIN.fullmatch(value)):
        pattern = _pattern(viewname, kind, get_script_prefix())
        if pattern is not None:
            return f"{pattern[0]}{value}{pattern[1]}"
    return reverse(viewname, args=[value])


@functools.cache
def _plain(viewname: str, prefix: str) -> str:
    return reverse(viewname)


def url_of(viewname: str) -> str:
    """``reverse(viewname)`` for a view without arguments."""
    return _plain(viewname, get_script_prefix())


@receiver(setting_changed)
def _urlconf_changed(setting, **kwargs) -> None:  # tests that swap the URLconf
    if setting == "ROOT_URLCONF":
        _pattern.cache_clear()
        _plain.cache_clear()


class _FirstSegments(RoutePattern):
    """The empty route of an app's include() that matches only paths whose first segment starts one of the app's
    routes (``segments``; None when some route starts with a converter or a regex, so any path may match)."""

    def __init__(self, segments: frozenset[str] | None):
        super().__init__("", is_endpoint=False)
        self.segments = segments

    def match(self, path):
        if self.segments is not None and path.partition("/")[0] not in self.segments:
            return None
        return super().match(path)


def _first_segments(patterns) -> frozenset[str] | None:
    found = set()
    for entry in patterns:
        route = str(entry.pattern) if isinstance(entry.pattern, RoutePattern) else None
        if route is None:
            return None  # a regex route: no cheap way to know where it starts
        head = route.partition("/")[0]
        if "<" in head:
            return None
        if head or isinstance(entry, URLPattern):
            found.add(head)
        elif isinstance(entry, URLResolver):  # a nested include at the same level: its own routes count
            nested = _first_segments(entry.url_patterns)
            if nested is None:
                return None
            found |= nested
    return frozenset(found)


def include_at_root(arg, namespace: str | None = None) -> URLResolver:
    """``path("", include(arg, namespace))``, skipped for paths that none of its routes can start."""
    urlconf, app_name, namespace = include(arg, namespace)
    patterns = getattr(urlconf, "urlpatterns", urlconf)
    return URLResolver(_FirstSegments(_first_segments(patterns)), urlconf, app_name=app_name, namespace=namespace)
