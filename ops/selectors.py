"""Reads of ops, scoped: the audit log only for system administrators (superusers); the accounts overview only for
them; the status page for office staff and administrators. Anyone else gets a 404."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from ops.models import AuditEntry, JobRun, PasswordRecord


def require_audit_reader(user) -> None:
    if not (user.is_active and user.is_superuser):
        raise Http404("未找到该页面。")


def require_status_reader(user) -> None:
    if not (user.is_office_staff or user.is_system_admin):
        raise Http404("未找到该页面。")


def audit_entries(user, filters: dict) -> QuerySet[AuditEntry]:
    require_audit_reader(user)
    qs = AuditEntry.objects.select_related("actor", "content_type")
    if filters.get("event"):
        qs = qs.filter(event=filters["event"])
    if filters.get("username"):
        name = filters["username"].strip()
        qs = qs.filter(Q(username__iexact=name) | Q(actor__username__iexact=name))
    if filters.get("address"):
        qs = qs.filter(remote_addr=filters["address"].strip())
    if filters.get("q"):
        qs = qs.filter(Q(object_repr__icontains=filters["q"]) | Q(changes_text__icontains=filters["q"]))
    if filters.get("date_from"):
        qs = qs.filter(timestamp__gte=_start_of(filters["date_from"]))
    if filters.get("date_to"):
        qs = qs.filter(timestamp__lt=_start_of(filters["date_to"]) + timedelta(days=1))
    return qs.order_by("-timestamp", "-id")


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def staff_accounts(user) -> QuerySet:
    """Every account with its two-factor state and when its password last changed."""
    require_audit_reader(user)
    latest_password = PasswordRecord.objects.filter(user=OuterRef("pk")).values("created_at")[:1]
    return (
        get_user_model()
        .objects.select_related("organization")
        .prefetch_related("groups")
        .annotate(
            has_totp=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
            password_changed_at=Subquery(latest_password),
        )
        .order_by("-is_active", "organization__order", "username")
    )


def own_recent_events(user, limit: int = 10) -> list[AuditEntry]:
    """The account's own recent logins and failures, for its security page."""
    events = (AuditEntry.Event.LOGIN, AuditEntry.Event.LOGIN_FAILED, AuditEntry.Event.OTP_FAILED,
              AuditEntry.Event.LOCKOUT)  # fmt: skip
    return list(AuditEntry.objects.filter(event__in=events, username=user.get_username())[:limit])


def job_runs() -> list[JobRun]:
    return list(JobRun.objects.all())
