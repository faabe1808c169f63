"""State changes of ops: two-factor enrolment, verification, recovery codes and the administrator's reset; the
audit log's retention purge. Each writes its audit row in the same transaction."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ops.audit import record
from ops.models import AuditEntry

logger = logging.getLogger(__name__)
Event = AuditEntry.Event

RECOVERY_CODE_COUNT = 10
# Six months is the floor the Cybersecurity Law (Art. 21) sets for keeping network logs; the PostgreSQL trigger
# (ops/migrations/0002) refuses to delete younger rows whatever the setting says.
AUDIT_RETENTION_FLOOR_DAYS = 184
_DEVICE_NAME = "身份验证器"


class TwoFactorError(Exception):
    """A wrong or throttled code; the message is shown next to the field."""


# --- who needs a second factor
def is_required(user) -> bool:
    """STAFF_2FA_REQUIRED makes TOTP compulsory for 政务公开办 and 系统管理员; others may opt in."""
    return settings.STAFF_2FA_REQUIRED and (user.is_office_staff or user.is_system_admin)


def has_totp(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def needs_second_factor(user) -> bool:
    return is_required(user) or has_totp(user)


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


# --- enrolment
def pending_device(user) -> TOTPDevice:
    """The unconfirmed authenticator being enrolled: the same key until it is confirmed, so a reload keeps the QR
    code the user may already have scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    return device or TOTPDevice.objects.create(user=user, name=_DEVICE_NAME, confirmed=False)


@transaction.atomic
def confirm_enrolment(user, code: str, *, request) -> list[str]:
    """Confirm the pending authenticator with a code it shows; it replaces any earlier one. Returns new recovery
    codes (shown once)."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        raise TwoFactorError("请重新打开绑定页面扫描二维码。")
    if not device.verify_token(_digits(code)):
        raise TwoFactorError("验证码不正确，请输入身份验证器当前显示的6位数字（注意手机时间须准确）。")
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(user)
    record(Event.TWO_FACTOR, request=request, target=user, change="绑定身份验证器")
    return codes


@transaction.atomic
def regenerate_recovery_codes(user, *, request) -> list[str]:
    if not has_totp(user):
        raise TwoFactorError("请先绑定身份验证器。")
    codes = _new_recovery_codes(user)
    record(Event.TWO_FACTOR, request=request, target=user, change="重新生成恢复码")
    return codes


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="恢复码", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


@transaction.atomic
def reset_two_factor(user, *, actor, request) -> None:
    """The administrator's reset (a lost phone): every authenticator and recovery code of ``user`` goes; the user
    enrols again at the next login (or may log in with the password alone if 2FA is not required for them)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    record(
        Event.TWO_FACTOR, request=request, actor=actor, username=user.get_username(), target=user, change="管理员重置"
    )


# --- verification at login
def verify(user, code: str, *, request):
    """The device that accepts ``code`` (a 6-digit TOTP code, or a single-use recovery code), or TwoFactorError.
    Each device throttles its own failures (1, 2, 4 ... seconds), and every failure is an audit row."""
    code = (code or "").strip()
    digits = _digits(code)
    throttled = False
    with transaction.atomic():
        if re.fullmatch(r"\d{6}", digits):
            devices = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True)
            token = digits
        else:
            devices = StaticDevice.objects.select_for_update().filter(user=user, confirmed=True)
            token = re.sub(r"[\s-]", "", code).lower()
        for device in devices:
            if not device.verify_is_allowed()[0]:
                throttled = True
            elif device.verify_token(token):
                record(Event.OTP_VERIFIED, request=request, actor=user, target=user, device=device.name)
                return device
    record(Event.OTP_FAILED, request=request, actor=None, username=user.get_username(), what=user.get_username())
    if throttled:
        raise TwoFactorError("尝试过于频繁，请稍等几秒后再输入。")
    raise TwoFactorError("验证码不正确或已使用过，请重新输入。")


def _digits(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "")


# --- audit retention
def purge_audit(*, now=None) -> int:
    """Delete audit rows older than AUDIT_RETENTION_DAYS (never younger than the six-month floor): the one deletion
    the application makes. On PostgreSQL the trigger lets it through only inside this transaction (the session
    setting ``ops.audit_purge``) and only for rows past the floor; the purge itself is recorded."""
    days = max(settings.AUDIT_RETENTION_DAYS, AUDIT_RETENTION_FLOOR_DAYS)
    cutoff = (now or timezone.now()) - timedelta(days=days)
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    column = connection.ops.quote_name("timestamp")
    with transaction.atomic():
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL ops.audit_purge = 'on'")
            cursor.execute(f"DELETE FROM {table} WHERE {column} < %s", [cutoff])  # noqa: S608 - names are ours
            deleted = cursor.rowcount
        if deleted:
            record(
                Event.PURGE, actor=None, what=f"清理{days}天前的审计日志", deleted=deleted, before=cutoff.isoformat()
            )
    logger.info("audit purge: %s rows older than %s", deleted, cutoff)
    return deleted
