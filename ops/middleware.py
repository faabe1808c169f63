"""Request middleware of ops: the audit context for django-auditlog, and the staff session rules (idle timeout,
the second login step, the expired password)."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from auditlog.middleware import AuditlogMiddleware
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from ops import passwords, sessions
from ops.audit import client_address
from portal.staff import signed_in

# The last-seen time is written at most this often, so an active session does not save on every request.
_TOUCH_SECONDS = 60


class AuditContextMiddleware(AuditlogMiddleware):
    """django-auditlog's middleware with the project's client address (CLIENT_IP_HEADER, never an unconfigured
    X-Forwarded-For, which anyone can forge) and the signed-in user looked up only when a row is written."""

    def get_extra_data(self, request):
        return {"remote_addr": client_address(request), "remote_port": None, "actor": request.user}

    def __call__(self, request):
        # A reader without a session reading a page writes no audited row: no context then (auditlog connects and
        # disconnects a signal receiver for every request it wraps, some 40 µs of a page's time).
        if request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)
        return super().__call__(request)


class StaffSecurityMiddleware:
    """For a signed-in user: log out after STAFF_IDLE_TIMEOUT_MINUTES without a request; until the second login
    step is done, only the verification pages answer; with an expired password, only the change-password page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not signed_in(request):
            return self.get_response(request)
        user, session = request.user, request.session
        if sessions.LAST_SEEN not in session:
            sessions.mark(request, user)
        if self._idle_for_too_long(session):
            return self._log_out_idle(request)
        self._touch(session)
        path = request.path_info
        if path.startswith(settings.STATIC_URL):
            return self.get_response(request)
        if session.get(sessions.NEEDS_OTP) and not user.is_verified():
            if path not in _paths("ops:verify", "ops:enrol", "ops:enrol_qr", "portal:staff_logout"):
                return _redirect_with_next("ops:verify", request)
        elif session.get(sessions.PASSWORD_EXPIRED) and path not in _paths(
            "ops:password_change", "portal:staff_logout"
        ):
            messages.warning(request, passwords.expired_message(), fail_silently=True)
            return _redirect_with_next("ops:password_change", request)
        return self.get_response(request)

    @staticmethod
    def _idle_for_too_long(session) -> bool:
        timeout = settings.STAFF_IDLE_TIMEOUT_MINUTES
        return bool(timeout) and time.time() - session.get(sessions.LAST_SEEN, time.time()) > timeout * 60

    @staticmethod
    def _touch(session) -> None:
        if time.time() - session.get(sessions.LAST_SEEN, 0) > _TOUCH_SECONDS:
            session[sessions.LAST_SEEN] = time.time()

    @staticmethod
    def _log_out_idle(request):
        request.ops_logout_reason = "idle"
        logout(request)
        minutes = settings.STAFF_IDLE_TIMEOUT_MINUTES
        messages.warning(
            request, f"您已超过{minutes}分钟未操作，为保护账号安全已自动退出，请重新登录。", fail_silently=True
        )
        return _redirect_with_next("portal:staff_login", request)


def _paths(*names: str) -> set[str]:
    return {reverse(name) for name in names}


def _redirect_with_next(name: str, request):
    url = reverse(name)
    if request.method == "GET":
        url += "?" + urlencode({"next": request.get_full_path()})
    return redirect(url)
