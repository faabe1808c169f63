"""Site-wide request hygiene."""

from __future__ import annotations

from django.http import QueryDict, UnreadablePostError

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
