from __future__ import annotations

from django.shortcuts import render

from search import conf, services
from search.forms import MAX_PAGE, SearchForm
from search.types import FACETS, SORTS, SearchOutcome


def search(request):
    """/search/?q=: results with highlights, facets, sorting and pages; the tips when nothing was asked."""
    form = SearchForm(request.GET)
    outcome, search_request = SearchOutcome(), None
    if form.is_valid():
        search_request = form.to_request()
        outcome = services.search(search_request)
        offset = (search_request.page - 1) * search_request.page_size
        partial_rows = {outcome.partial_from - offset} if outcome.partial_from is not None else set()
    else:
        partial_rows = set()
    asked = bool(search_request and (not search_request.query.is_empty or search_request.doc_number))
    context = {
        "form": form,
        "asked": asked,
        "search": search_request,
        "outcome": outcome,
        "partial_rows": partial_rows,
        "facets": _facet_links(request, outcome, search_request),
        "sorts": _sort_links(request, search_request),
        "pages": _pages(request, outcome, search_request),
        "max_chars": conf.SEARCH_MAX_QUERY_CHARS,
        "advanced": any(request.GET.get(k) for k in ("title_only", "doc_number", "date_from", "date_to")),
    }
    return render(request, "search/results.html", context)


def _url(request, **changes) -> str:
    params = request.GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    if "page" not in changes:
        params.pop("page", None)
    return "?" + params.urlencode()


def _facet_links(request, outcome: SearchOutcome, search_request) -> list[dict]:
    chosen = search_request.filters if search_request else {}
    groups = []
    for field, label in FACETS.items():
        options = [
            {
                "value": value,
                "count": count,
                "url": _url(request, **{field: value}),
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
                    "clear_url": _url(request, **{field: ""}),
                    "chosen": chosen.get(field, ""),
                }
            )
    return groups


def _sort_links(request, search_request) -> list[dict]:
    current = search_request.sort if search_request else "relevance"
    return [{"label": label, "url": _url(request, sort=key), "active": key == current} for key, label in SORTS.items()]


def _pages(request, outcome: SearchOutcome, search_request) -> dict:
    if not search_request or not outcome.total:
        return {}
    count = min(-(-outcome.total // search_request.page_size), MAX_PAGE)
    current = search_request.page
    window = range(max(1, current - 4), min(count, current + 4) + 1)
    return {
        "count": count,
        "current": current,
        "numbers": [{"n": n, "url": _url(request, page=n), "active": n == current} for n in window],
        "previous": _url(request, page=current - 1) if current > 1 else "",
        "next": _url(request, page=current + 1) if current < count else "",
    }
