"""Site-wide request hygiene."""

from __future__ import annotations

from django.http import QueryDict


class StripNulFromQueryMiddleware:
    """Remove NUL characters from query-string values before any view reads them.

    PostgreSQL refuses NUL in text, so ``?q=%00`` reaching a filter would be a server error on production while
    SQLite accepts it; no legitimate query contains one. (Forms posting NUL are refused by Django's own field
    validator with a message next to the field.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.META.get("QUERY_STRING", "") or "%00" in request.META.get("QUERY_STRING", ""):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)
