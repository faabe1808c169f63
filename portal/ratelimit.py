"""A small per-client rate limit on the cache (Redis in production), for public forms and tracking look-ups."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from portal.errors import DomainError

logger = logging.getLogger(__name__)


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or the header nginx sets when CLIENT_IP_HEADER names it. A header is never
    trusted unless configured, or anyone could forge a fresh address per request."""
    header = settings.CLIENT_IP_HEADER
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(scope: str, ident: str) -> str:
    return f"ratelimit:{scope}:{ident}"


def is_limited(scope: str, ident: str, limit: int) -> bool:
    """True when ``ident`` has used up ``limit`` hits in the current window of ``scope``.

    Fails open: with the cache (Redis) down a citizen can still file (DESIGN §3); the captcha still stands."""
    try:
        return (cache.get(_key(scope, ident)) or 0) >= limit
    except Exception:
        logger.warning("Rate-limit cache unavailable; %s not limited", scope, exc_info=True)
        return False


def hit(scope: str, ident: str, window_seconds: int) -> int:
    """Count one hit; returns the count in the current window (fixed window, starting at the first hit).
    Returns 0 when the cache is unavailable."""
    key = _key(scope, ident)
    try:
        if cache.add(key, 1, timeout=window_seconds):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=window_seconds)
            return 1
    except Exception:
        logger.warning("Rate-limit cache unavailable; %s hit not counted", scope, exc_info=True)
        return 0


def reset(scope: str, ident: str) -> None:
    cache.delete(_key(scope, ident))


def form_limited(request, scope: str) -> bool:
    """For public form views: has this client submitted PUBLIC_FORM_RATE_LIMIT times in the window?"""
    return is_limited(scope, client_ip(request), settings.PUBLIC_FORM_RATE_LIMIT)


def count_form_submission(request, scope: str) -> None:
    hit(scope, client_ip(request), settings.PUBLIC_FORM_RATE_WINDOW)


RATE_LIMIT_MESSAGE = "提交过于频繁，请稍后再试。"
TRACKING_FAILED_MESSAGE = "查询编号或密码不正确。"
TRACKING_LOCKED_MESSAGE = "查询失败次数过多，请15分钟后再试。"


def tracking_guess_limited(request, scope: str) -> bool:
    return is_limited(f"{scope}:track", client_ip(request), settings.TRACKING_GUESS_LIMIT)


def count_tracking_failure(request, scope: str) -> None:
    hit(f"{scope}:track", client_ip(request), settings.TRACKING_GUESS_WINDOW)


LOGIN_LIMITED_MESSAGE = "本机地址登录失败次数过多，为防止密码被猜测，请15分钟后再试。如需立即登录，请联系系统管理员。"


def login_limited(request) -> bool:
    """Password spraying (one password tried on many accounts) stays under the per-account lockout; this caps the
    failed logins of one address across all accounts: LOGIN_ADDRESS_LIMIT per LOGIN_ADDRESS_WINDOW seconds."""
    return is_limited("login", client_ip(request), settings.LOGIN_ADDRESS_LIMIT)


def count_login_failure(request) -> None:
    hit("login", client_ip(request), settings.LOGIN_ADDRESS_WINDOW)


@dataclass(frozen=True)
class Submission:
    """What ``submit_public_form`` did: ``result`` is the service's answer when the form was taken (else None), and
    ``status`` the HTTP status of the page that shows the form again (429 over the rate limit)."""

    result: object = None
    status: int = 200

    @property
    def taken(self) -> bool:
        return self.result is not None


def submit_public_form(request, form, scope: str, submit: Callable[[dict], object]) -> Submission:
    """The steps of every public form with a captcha (messages, 纠错, consultation opinions, interview questions):
    over the rate limit the form is shown again with the message (429) and nothing is checked or saved; an invalid
    form is shown again with its errors; otherwise ``submit`` gets the cleaned data without the captcha and with the
    client's address (``submitter_ip``), a refusal of the domain (DomainError) becomes the form's error, and the
    submission is counted. ``submit`` must return something other than None."""
    if form_limited(request, scope):
        form.add_error(None, RATE_LIMIT_MESSAGE)
        return Submission(status=429)
    if not form.is_valid():
        return Submission()
    data = {k: v for k, v in form.cleaned_data.items() if k != "captcha"}
    try:
        result = submit({**data, "submitter_ip": client_ip(request)})
    except DomainError as exc:
        form.add_error(None, str(exc))
        return Submission()
    count_form_submission(request, scope)
    return Submission(result=result)
