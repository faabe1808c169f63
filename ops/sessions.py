"""What a signed-in session carries for ops: when it was last active (idle timeout), whether it still owes the second
login step or a password change, and the previous login it announces once. Worked out at login, so the middleware
reads the session alone on every request."""

from __future__ import annotations

import time

from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from ops import passwords, services
from ops.audit import record
from ops.models import AuditEntry

Event = AuditEntry.Event
LAST_SEEN = "ops_last_seen"
NEEDS_OTP = "ops_needs_otp"
PASSWORD_EXPIRED = "ops_password_expired"  # noqa: S105 - a session key, not a password
PREVIOUS_LOGIN = "ops_previous_login"
_FAILURE_EVENTS = (Event.LOGIN_FAILED, Event.OTP_FAILED, Event.LOCKOUT)


@receiver(user_logged_in, dispatch_uid="ops.sessions.logged_in")
def _logged_in(sender, request, user, **kwargs) -> None:
    if request is not None:
        start(request, user)


def start(request, user) -> None:
    """Called on every login (user_logged_in): record it and mark what the session still owes."""
    previous = previous_login(user)
    record(Event.LOGIN, request=request, actor=user, target=user)
    session = request.session
    session[LAST_SEEN] = time.time()
    session[NEEDS_OTP] = services.needs_second_factor(user)
    session[PASSWORD_EXPIRED] = passwords.is_expired(user)
    session[PREVIOUS_LOGIN] = previous
    if not session[NEEDS_OTP]:
        announce_previous_login(request)


def mark(request, user) -> None:
    """A session that began before ops was installed: mark it as if it had just logged in, without a login row."""
    session = request.session
    session[LAST_SEEN] = time.time()
    session[NEEDS_OTP] = services.needs_second_factor(user)
    session[PASSWORD_EXPIRED] = passwords.is_expired(user)


def previous_login(user) -> dict | None:
    """The latest login of ``user`` so far (time and address) and the failed tries on the account since then."""
    last = AuditEntry.objects.filter(event=Event.LOGIN, actor=user).values("timestamp", "remote_addr").first()
    if last is None:
        return None
    failures = AuditEntry.objects.filter(
        event__in=_FAILURE_EVENTS, username=user.get_username(), timestamp__gt=last["timestamp"]
    ).count()
    return {"at": last["timestamp"].isoformat(), "address": last["remote_addr"] or "", "failures": failures}


def announce_previous_login(request) -> None:
    """The notice on the first page after login: when the account last logged in and from where."""
    previous = request.session.pop(PREVIOUS_LOGIN, None)
    messages.info(request, previous_login_text(previous), fail_silently=True)


def previous_login_text(previous: dict | None) -> str:
    if not previous:
        return "这是该账号的首次登录。"
    at = timezone.localtime(parse_datetime(previous["at"]))
    text = f"上次登录时间：{at:%Y年%m月%d日 %H:%M}，登录地址：{previous['address'] or '未知'}。"
    if previous["failures"]:
        text += f"此后该账号有{previous['failures']}次登录失败，如非本人操作请立即修改密码并联系系统管理员。"
    return text
