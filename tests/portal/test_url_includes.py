"""portal.fasturls.include_at_root: the product apps' URLconfs included at the root resolve every route as
``path("", include(...))`` does, while an app none of whose routes starts the path is skipped without trying them."""

import re
import types

import pytest
from django.conf import settings
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, include, path, resolve
from django.urls.resolvers import RoutePattern

from portal import registry
from portal.fasturls import _FirstSegments, include_at_root

SAMPLES = {"int": "7", "str": "abc", "slug": "a-b", "path": "a/b.txt", "uuid": "12345678-1234-5678-1234-567812345678"}


def _plain_urlconf() -> types.ModuleType:
    """The site's URLconf as it was written before: every app included with ``path("", include(...))``."""
    module = types.ModuleType("plain_urls")
    module.urlpatterns = []
    for entry in get_resolver(settings.ROOT_URLCONF).url_patterns:
        if isinstance(entry, URLResolver) and isinstance(entry.pattern, _FirstSegments):
            entry = path("", include((entry.urlconf_name, entry.app_name), namespace=entry.namespace))
        module.urlpatterns.append(entry)
    return module


def _sample_paths(patterns, prefix: str = "") -> list[str]:
    paths = []
    for entry in patterns:
        if not isinstance(entry.pattern, RoutePattern):
            continue
        route = prefix + re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLES[m.group(1) or "str"], str(entry.pattern))
        if isinstance(entry, URLPattern):
            paths.append("/" + route)
        else:
            paths.extend(_sample_paths(entry.url_patterns, route))
    return paths


def _outcome(path_: str, urlconf):
    try:
        match = resolve(path_, urlconf=urlconf)
    except Resolver404:
        return None
    return match.view_name, match.func, match.args, match.kwargs


def test_every_route_resolves_as_a_plain_include_would():
    plain = _plain_urlconf()
    paths = _sample_paths(get_resolver(settings.ROOT_URLCONF).url_patterns)
    assert len(paths) > 150 and "/search/" in paths and "/documents/7/" in paths and "/" in paths
    odd = ["/nothing-here/", "/search", "/documents/", "/documents/x/", "/documents/7/print/extra/", "//", "/静态/"]
    for path_ in paths + odd:
        assert _outcome(path_, None) == _outcome(path_, plain), path_


def test_an_app_is_skipped_unless_the_path_starts_one_of_its_routes():
    includes = [e for e in get_resolver().url_patterns if isinstance(e.pattern, _FirstSegments)]
    assert len(includes) == len(registry.url_includes()) + 1  # the apps and the site shell
    search = next(e for e in includes if e.urlconf_name.__name__ == "search.urls")
    assert search.pattern.match("search/") is not None
    assert search.pattern.match("documents/7/") is None
    shell = next(e for e in includes if e.namespace == "portal")
    assert shell.pattern.match("") is not None  # the home page


@pytest.mark.parametrize(
    ("routes", "segments"),
    [
        (["a/", "a/<int:pk>/", "b.xml"], {"a", "b.xml"}),
        (["<slug:code>/"], None),  # a converter first: any path may match
        (["x-<int:pk>/"], None),
    ],
)
def test_the_first_segments_of_an_apps_routes(routes, segments):
    urlconf = types.ModuleType("some_urls")
    urlconf.urlpatterns = [path(route, lambda request: None) for route in routes]
    expected = None if segments is None else frozenset(segments)
    assert include_at_root(urlconf).pattern.segments == expected
