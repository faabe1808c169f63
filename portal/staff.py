"""Staff-page plumbing shared by every app: the gates (login, role, unit) and the runner that takes an action from a
POST and reports the outcome. An outsider or a login without a role meets a 404, never a 403: there is nothing to
learn from a staff URL (the scoping rule in portal/scoping.py decides what each user sees inside)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404

from portal.errors import DomainError


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
