"""The audit log's write path: ``record`` for explicit events, the receivers that turn logins, logouts, failures,
lockouts and downloads of personal data into rows, and the naming of django-auditlog's model changes."""

from __future__ import annotations

import ipaddress
import logging
from typing import Any

from auditlog.context import auditlog_value
from django.contrib.auth.signals import user_logged_out, user_login_failed
from django.dispatch import receiver

from ops.models import AuditEntry
from portal import ratelimit
from portal.signals import sensitive_download

logger = logging.getLogger(__name__)
Event = AuditEntry.Event

MASK = "******"


def mask_value(value: Any) -> str:
    """AUDITLOG_MASK_CALLABLE: a masked field (the password hash) shows no part of its value."""
    return MASK


def client_address(request) -> str | None:
    """The client's address as the rate limits see it, or None when it is not an IP address."""
    try:
        return str(ipaddress.ip_address(ratelimit.client_ip(request)))
    except ValueError:
        return None


def record(
    event: str, *, request=None, actor=None, username: str = "", target=None, what: str = "", **details
) -> AuditEntry:
    """Write one explicit event. ``actor`` defaults to the signed-in user of ``request``; ``target`` is the object
    acted on (its type and key are kept); ``details`` go to the row's additional data."""
    if actor is None and request is not None and getattr(request, "user", None) is not None:
        actor = request.user if request.user.is_authenticated else None
    entry = AuditEntry(
        event=event,
        actor=actor,
        username=username or (actor.get_username() if actor else ""),
        remote_addr=client_address(request) if request is not None else _context_address(),
        object_repr=what or (str(target) if target is not None else ""),
        additional_data={k: v for k, v in details.items() if v not in (None, "")} or None,
    )
    if target is not None:
        from django.contrib.contenttypes.models import ContentType

        entry.content_type = ContentType.objects.get_for_model(target)
        entry.object_pk = str(target.pk)
        entry.object_id = target.pk if isinstance(target.pk, int) else None
    entry.save()
    return entry


def _context_address() -> str | None:
    # Outside a view (a service called by one), the address the request middleware put in auditlog's context.
    try:
        return auditlog_value.get().get("remote_addr")
    except LookupError:
        return None


@receiver(user_logged_out, dispatch_uid="ops.audit.logged_out")
def _logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        reason = getattr(request, "ops_logout_reason", "")
        record(Event.LOGOUT, request=request, actor=user, target=user, reason=reason)


@receiver(user_login_failed, dispatch_uid="ops.audit.login_failed")
def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = str((credentials or {}).get("username", ""))[:150]
    # During a lock django-axes refuses before checking the password; the lockout receiver records those tries.
    if request is not None and getattr(request, "axes_locked_out", False):
        return
    record(Event.LOGIN_FAILED, request=request, actor=None, username=username, what=username)


def _locked_out(sender, request=None, username: str = "", ip_address: str = "", **kwargs) -> None:
    record(Event.LOCKOUT, request=request, actor=None, username=str(username or "")[:150], what=str(username or ""))


@receiver(sensitive_download, dispatch_uid="ops.audit.download")
def _downloaded(sender, request, what: str, count: int | None = None, **kwargs) -> None:
    record(Event.EXPORT, request=request, what=what, count=count, path=request.path)


def connect_axes() -> None:
    from axes.signals import user_locked_out

    user_locked_out.connect(_locked_out, dispatch_uid="ops.audit.locked_out")
