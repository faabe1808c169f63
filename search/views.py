from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote_plus

from django.shortcuts import render

from search import conf, services
from search.forms import MAX_PAGE, SearchForm
from search.types import FACETS, SORTS, SearchOutcome


def search(request):
    """/search/?q=: results with highlights, facets, sorting and pages; the tips when nothing was asked."""
    form = SearchForm(request.GET)
    outcome, search_request, offset = SearchOutcome(), None, 0
    if form.is_valid():
        search_request = form.to_request()
        outcome = services.search(search_request)
        offset = (search_request.page - 1) * search_request.page_size
        partial_rows = {outcome.partial_from - offset} if outcome.partial_from is not None else set()
    else:
        partial_rows = set()
    links = _Links(request.GET)
    asked = bool(search_request and (not search_request.query.is_empty or search_request.doc_number))
    context = {
        "form": form,
        "asked": asked,
        "search": search_request,
        "outcome": outcome,
        "partial_rows": partial_rows,
        "offset": offset,
        "facets": _facet_links(links, outcome, search_request),
        "sorts": _sort_links(links, search_request),
        "pages": _pages(links, outcome, search_request),
        "max_chars": conf.SEARCH_MAX_QUERY_CHARS,
        "advanced": any(request.GET.get(k) for k in ("title_only", "doc_number", "date_from", "date_to")),
    }
    return render(request, "search/results.html", context)


class _Links:
    """The page's links, each the current query string with one parameter changed (and the page number dropped
    unless it is the one changed), as ``QueryDict.copy()`` + ``urlencode()`` would write them. The unchanged
    parameters are encoded once per parameter changed, not once per link: a results page has about a hundred."""

    def __init__(self, query):
        self._keys = list(query.lists())
        self._parts: dict[str, tuple[str, str, str]] = {}

    def url(self, key: str, value) -> str:
        parts = self._parts.get(key)
        if parts is None:
            before, after, seen = [], [], False
            for name, values in self._keys:
                if name == key:
                    seen = True
                elif name != "page":
                    (after if seen else before).extend(_pair(name, v) for v in values)
            # The encoded parameters before and after the changed one, each with the "&" that joins it to the value.
            head, tail = "&".join(before), "&".join(after)
            parts = self._parts[key] = (head + "&" if head else "", quote_plus(key) + "=", "&" + tail if tail else "")
        head, name, tail = parts
        if value in (None, ""):
            return "?" + "&".join(p for p in (head[:-1], tail[1:]) if p)
        return f"?{head}{name}{_quoted(str(value))}{tail}"


# A results page writes about a hundred links, most for the facet values (a unit's or a column's name, a year), which
# recur from page to page: each is percent-encoded once per process, not once per link (2-3 µs each).
_quoted = lru_cache(maxsize=4096)(quote_plus)


def _pair(name: str, value: str) -> str:
    return f"{quote_plus(name)}={quote_plus(value)}"


def _facet_links(links, outcome: SearchOutcome, search_request) -> list[dict]:
    chosen = search_request.filters if search_request else {}
    groups = []
    for field, label in FACETS.items():
        options = [
            {
                "value": value,
                "count": count,
                "url": links.url(field, value),
                "active": chosen.get(field) == value,
            }
            for value, count in outcome.facets.get(field, [])[:20]
        ]
        if options or field in chosen:
            groups.append(
                {
                    "field": field,
                    "label": label,
                    "options": options,
                    "clear_url": links.url(field, ""),
                    "chosen": chosen.get(field, ""),
                }
            )
    return groups


def _sort_links(links, search_request) -> list[dict]:
    current = search_request.sort if search_request else "relevance"
    return [{"label": label, "url": links.url("sort", key), "active": key == current} for key, label in SORTS.items()]


def _pages(links, outcome: SearchOutcome, search_request) -> dict:
    if not search_request or not outcome.total:
        return {}
    count = min(-(-outcome.total // search_request.page_size), MAX_PAGE)
    current = search_request.page
    window = range(max(1, current - 4), min(count, current + 4) + 1)
    return {
        "count": count,
        "current": current,
        "numbers": [{"n": n, "url": links.url("page", n), "active": n == current} for n in window],
        "previous": links.url("page", current - 1) if current > 1 else "",
        "next": links.url("page", current + 1) if current < count else "",
    }
