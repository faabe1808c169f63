"""Site-wide request hygiene."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.http import QueryDict, UnreadablePostError
from django.utils.cache import add_never_cache_headers

from portal.validators import CONTROL_CHARACTERS_RE, strip_control_characters


def _cleaned(data: QueryDict, *, keep=lambda key: False) -> QueryDict | None:
    """A copy of ``data`` without control characters in keys and values, or None when there are none."""
    if not any(CONTROL_CHARACTERS_RE.search(key + "".join(values)) for key, values in data.lists()):
        return None
    cleaned = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        if keep(key):
            cleaned.setlist(key, values)
        else:
            cleaned.setlist(strip_control_characters(key), [strip_control_characters(value) for value in values])
    cleaned._mutable = False
    return cleaned


def _is_password(key: str) -> bool:
    # A password is never shown; changing it here would lock out whoever set it elsewhere (createsuperuser).
    return "password" in key


class StripControlCharactersMiddleware:
    """Remove control characters and bidirectional overrides from every query and form value before any view or
    form reads them: the one clean step for every text field of every public, staff and admin form.

    PostgreSQL refuses NUL in text, so ``?q=%00`` reaching a filter would be a server error on production while
    SQLite accepts it; a name or title carrying U+202E would show reversed in staff lists and exports. Tab and line
    breaks stay (multi-line text), as does every visible character, Chinese punctuation included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cleaned = _cleaned(request.GET)
        if cleaned is not None:
            request.GET = cleaned
        if request.method == "POST":
            try:
                cleaned = _cleaned(request.POST, keep=_is_password)
            except UnreadablePostError:  # the client went away; the CSRF check answers that request
                cleaned = None
            if cleaned is not None:
                request.POST = cleaned
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """A Content-Security-Policy on every response (CONTENT_SECURITY_POLICY): scripts, styles, images and forms from
    this site only, no inline script or style, no plugins, never framed. The site loads nothing from elsewhere, so an
    injected ``<script>`` or ``style=""`` that slipped past escaping would not run. A view that needs more (the rich
    text editor) sets its own header with ``rich_text_editor_csp``, which is kept."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # DEBUG's technical 404/500 pages are made of inline script and style; production never shows them.
        if settings.DEBUG and response.status_code in (404, 500):
            return response
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = settings.CONTENT_SECURITY_POLICY
        return response


def rich_text_editor_csp(view):
    """For the pages that carry CKEditor 4: its toolbar and dialogs use inline event handlers and inline styles,
    so these pages (staff only, behind login) allow inline script and style (CONTENT_SECURITY_POLICY_EDITOR)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Content-Security-Policy"] = settings.CONTENT_SECURITY_POLICY_EDITOR
        return response

    return wrapper


class NoStorePersonalPagesMiddleware:
    """``Cache-Control: no-store`` (and private, max-age=0) on every page and file under NO_STORE_PATH_PREFIXES: the
    staff area and the admin, and the citizen's once-shown password and tracking pages with their letters and files.
    Neither the browser nor a proxy keeps a copy of personal data for the next person at the same computer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(tuple(settings.NO_STORE_PATH_PREFIXES)):
            add_never_cache_headers(response)
        return response
