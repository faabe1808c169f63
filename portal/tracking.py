"""Tracking numbers and query passwords for citizens' applications and messages, and the look-up that checks them.

The number is ``{PREFIX}{year}{6 random digits}`` (random, so it reveals nothing about volume); the password is shown
once and only its hash is stored (Django's password hashers)."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from functools import lru_cache

from django.contrib.auth.hashers import check_password, make_password
from django.db import models
from django.utils import timezone

from portal import ratelimit

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


@dataclass(frozen=True)
class Lookup:
    """The outcome of a citizen's look-up: the item, or the error to show next to the form and the page's status."""

    item: models.Model | None
    error: str = ""
    status: int = 200


@dataclass(frozen=True)
class Tracker:
    """The citizen's way back to their application or message: the number and the password. Failed guesses are
    limited per address (``scope``), an unknown number costs as much as a wrong password (nothing to learn by
    probing numbers), and a proven pair is remembered in the session, so the item's pages take only the number."""

    model: type[models.Model]
    prefix: str  # the tracking number's letters (new_tracking_number)
    scope: str  # the rate-limit scope
    session_key: str
    field: str = "tracking_number"

    def _well_formed(self, number: str) -> bool:
        # Never hand odd input (NUL bytes, 300 characters) to the database.
        return re.fullmatch(rf"{self.prefix}\d{{10}}", number) is not None

    def find(self, number: str, password: str) -> models.Model | None:
        """The item for a number/password pair, or None; both failures look and take the same."""
        number = (number or "").strip().upper()
        item = None
        if self._well_formed(number):
            item = (
                self.model._default_manager.filter(**{self.field: number})
                .only("pk", "password_hash", self.field)
                .first()
            )
        if item is None:
            password_matches(password or "-", _unknown_number_hash())
            return None
        return item if password_matches(password or "", item.password_hash) else None

    def look_up(self, request, number: str, password: str) -> Lookup:
        """A look-up from the public form: refused while this address has too many failures, remembered on success."""
        if ratelimit.tracking_guess_limited(request, self.scope):
            return Lookup(None, ratelimit.TRACKING_LOCKED_MESSAGE, 429)
        item = self.find(number, password)
        if item is None:
            ratelimit.count_tracking_failure(request, self.scope)
            return Lookup(None, ratelimit.TRACKING_FAILED_MESSAGE)
        self.grant(request, item)
        return Lookup(item)

    def grant(self, request, item: models.Model) -> None:
        """Remember an item this session may see without the password again (the one just filed)."""
        granted = set(request.session.get(self.session_key, []))
        request.session[self.session_key] = sorted(granted | {item.pk})

    def tracked(self, request, number: str, queryset: models.QuerySet | None = None) -> models.Model | None:
        """The item behind ``number`` if this session proved its password, else None."""
        number = (number or "").upper()
        if not self._well_formed(number):
            return None
        queryset = self.model._default_manager.all() if queryset is None else queryset
        item = queryset.filter(**{self.field: number}).first()
        if item is None or item.pk not in request.session.get(self.session_key, []):
            return None
        return item


@lru_cache(maxsize=1)
def _unknown_number_hash() -> str:
    return make_password(secrets.token_urlsafe(16))
