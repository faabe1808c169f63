"""A stand-in for a page cache for anonymous readers, placed below the visit counter in the tests' MIDDLEWARE: the
second request for a page is answered from memory without reaching the view, as a real page cache would."""

from django.http import HttpResponse

STORED: dict[str, HttpResponse] = {}
RENDERED: list[str] = []


class FakePageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "GET" and request.path in STORED:
            return STORED[request.path]
        response = self.get_response(request)
        if request.method == "GET" and response.status_code == 200:
            RENDERED.append(request.path)
            STORED[request.path] = response
        return response
