"""The staff password policy (AUTH_PASSWORD_VALIDATORS): character classes, not the username, not one of the last
five passwords (kept hashed), and the 90-day expiry of office and administrator passwords.

The published demo password ``Qinghe@2025`` passes every rule."""

from __future__ import annotations

import string
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.contrib.auth.password_validation import MinimumLengthValidator as DjangoMinimumLengthValidator
from django.core.exceptions import ValidationError
from django.utils import timezone

from ops.models import PasswordRecord

_CLASSES = (
    ("大写字母", set(string.ascii_uppercase)),
    ("小写字母", set(string.ascii_lowercase)),
    ("数字", set(string.digits)),
)


def _classes_in(password: str) -> int:
    found = sum(1 for _, chars in _CLASSES if set(password) & chars)
    # Anything that is not an ASCII letter or digit (punctuation, a space, a Chinese character) counts as a symbol.
    has_symbol = any(not (c.isascii() and c.isalnum()) for c in password)
    return found + has_symbol


class MinimumLengthValidator(DjangoMinimumLengthValidator):
    """Django's rule (PASSWORD_MIN_LENGTH, default 10) with its message in Chinese: Django 5.2 reworded the English
    text and its zh-hans catalogue has not caught up."""

    def get_error_message(self) -> str:
        return f"密码太短，至少需要{self.min_length}个字符。"

    def get_help_text(self) -> str:
        return f"至少{self.min_length}个字符。"


class CharacterClassesValidator:
    """At least ``min_classes`` of: upper-case letters, lower-case letters, digits, symbols."""

    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        if _classes_in(password) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return f"密码须至少包含大写字母、小写字母、数字、符号中的{self.min_classes}类。"


class NotUsernameValidator:
    """The password must not contain the username, forwards or backwards, in any case."""

    def validate(self, password: str, user=None) -> None:
        username = (user.get_username() if user is not None else "").lower()
        if len(username) >= 3 and (username in password.lower() or username[::-1] in password.lower()):
            raise ValidationError("密码不能包含用户名。", code="password_contains_username")

    def get_help_text(self) -> str:
        return "密码不能包含用户名。"


class PasswordHistoryValidator:
    """Not one of the user's last ``history`` passwords; ``password_changed`` keeps their hashes."""

    def __init__(self, history: int = 5):
        self.history = history

    def validate(self, password: str, user=None) -> None:
        if user is None or user.pk is None:
            return
        recent = PasswordRecord.objects.filter(user=user).values_list("password", flat=True)[: self.history]
        if any(check_password(password, encoded) for encoded in recent):
            raise ValidationError(f"新密码不能与最近{self.history}次使用过的密码相同。", code="password_reused")

    def password_changed(self, password: str, user) -> None:
        latest = PasswordRecord.objects.filter(user=user).first()
        if latest is not None and check_password(password, latest.password):
            # The same password re-hashed (a stronger hasher on login): not a change, the expiry clock keeps running.
            PasswordRecord.objects.filter(pk=latest.pk).update(password=user.password)
            return
        PasswordRecord.objects.create(user=user, password=user.password)
        stale = PasswordRecord.objects.filter(user=user).values_list("pk", flat=True)[self.history :]
        PasswordRecord.objects.filter(pk__in=list(stale)).delete()

    def get_help_text(self) -> str:
        return f"不能与最近{self.history}次使用过的密码相同。"


def expiry_applies(user) -> bool:
    """The 90-day rule covers 政务公开办 and 系统管理员 accounts."""
    return settings.PASSWORD_MAX_AGE_DAYS > 0 and (user.is_office_staff or user.is_system_admin)


def changed_at(user):
    latest = PasswordRecord.objects.filter(user=user).values_list("created_at", flat=True).first()
    return latest or user.date_joined


def is_expired(user) -> bool:
    if not expiry_applies(user):
        return False
    return timezone.now() - changed_at(user) > timedelta(days=settings.PASSWORD_MAX_AGE_DAYS)


def expired_message() -> str:
    days = settings.PASSWORD_MAX_AGE_DAYS
    return f"按照安全规定，政务公开办和系统管理员账号的密码每{days}天须更换一次。您的密码已超过{days}天未更换，请先修改密码再继续使用。"
