"""Tracking numbers and query passwords for citizens' applications and messages (DESIGN §7-8).

The number is ``{PREFIX}{year}{6 random digits}`` (random, so it reveals nothing about volume); the password is shown
once and only its hash is stored (Django's password hashers)."""

from __future__ import annotations

import secrets

from django.contrib.auth.hashers import check_password, make_password
from django.db import models
from django.utils import timezone

# No 0/O, 1/l/I: the password is read off a screen or a printed receipt and typed back.
_PASSWORD_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"  # noqa: S105 - an alphabet, not a password


def new_tracking_number(prefix: str, model: type[models.Model], field: str = "tracking_number") -> str:
    year = timezone.localdate().year
    for _ in range(50):
        number = f"{prefix}{year}{secrets.randbelow(10**6):06d}"
        if not model._default_manager.filter(**{field: number}).exists():
            return number
    raise RuntimeError("Could not find a free tracking number")  # a million per year per prefix: not reached


def new_password(length: int = 8) -> tuple[str, str]:
    """(the password to show once, its hash to store)."""
    raw = "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(length))
    return raw, make_password(raw)


def password_matches(raw: str, hashed: str) -> bool:
    return bool(raw) and bool(hashed) and check_password(raw, hashed)
