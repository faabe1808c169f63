"""Counting public page views (evaluation.visits)."""

from __future__ import annotations

from evaluation import visits


class VisitCounterMiddleware:
    """Counts a public page view after the page was answered; costs the request a dictionary increment.

    It must stay OUTSIDE (above, earlier in MIDDLEWARE than) any page cache for anonymous readers: a page answered
    from such a cache never reaches the middleware below it, and it must be counted like a rendered one. It is the
    first entry of MIDDLEWARE for that reason."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        visits.count(request, response)
        return response
