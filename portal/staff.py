"""Staff-page plumbing shared by every app: the gates (login, role, unit), the runner that takes an action from a
POST and reports the outcome, and the forms of the actions a transition table offers. An outsider or a login without a role meets a 404, never a 403: there is nothing to
learn from a staff URL (the scoping rule in portal/scoping.py decides what each user sees inside)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse

from portal.errors import DomainError


def signed_in(request) -> bool:
    """Whether a user is signed in to this request. Every signed-in user's browser sends the session cookie, so for a
    reader without one (most requests) neither the session nor the user is loaded (some 20 µs a request), and the
    answer holds where no authentication ran (a page answered from the page cache)."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def _gate(test: Callable[[object], bool]) -> Callable:
    def decorator(view: Callable) -> Callable:
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not test(request.user):
                raise Http404("未找到该页面。")
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def is_staff_of_a_unit(user) -> bool:
    """A role, and a unit to work for (office staff work for every unit)."""
    return user.is_portal_staff and bool(user.organization_id or user.is_office_staff)


staff_required = _gate(is_staff_of_a_unit)
office_required = _gate(lambda user: is_staff_of_a_unit(user) and user.is_office_staff)


def run_action(request, action: Callable[[], object], success: str) -> bool:
    """Run a service call for a staff POST: its success message, or the domain error as the message (never a 403 or
    a 500). Returns whether it succeeded, so the view can redirect or re-render its form."""
    try:
        action()
    except DomainError as error:
        messages.error(request, str(error))
        return False
    messages.success(request, success)
    return True


@dataclass(frozen=True)
class FormAction:
    """One action a staff detail page offers: its form (None: a plain button), the service that takes it, called as
    ``service(item, actor=user, **the form's data)``, and the message on success."""

    form: type[forms.Form] | None
    service: Callable[..., object]
    success: str


def offered_forms(actions: dict[str, FormAction], allowed: list[str], initial: dict | None = None) -> dict:
    """The unbound forms of the actions the transition table allows, keyed by action code."""
    initial = initial or {}
    return {
        code: action.form(initial=initial.get(code))
        for code, action in actions.items()
        if action.form is not None and code in allowed
    }


def take_form_action(request, item, action: FormAction, invalid: Callable[[forms.Form], HttpResponse]):
    """Bind the action's form to the POST: an invalid one goes back to ``invalid(form)`` (the page again, errors next
    to the fields, what was typed kept); a valid one calls the service through ``run_action``. Returns the response to
    send, or None once the service ran (the caller redirects to the item)."""
    form = action.form(request.POST, request.FILES) if action.form else None
    if form is not None and not form.is_valid():
        return invalid(form)
    data = form.cleaned_data if form is not None else {}
    run_action(request, lambda: action.service(item, actor=request.user, **data), action.success)
    return None
