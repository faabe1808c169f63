"""Helpers for the operations tests: TOTP codes computed from a device's key at the (frozen) current time, an
enrolled authenticator, and the search index fixture of the search tests."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.search.conftest import search_index  # noqa: F401 - a fixture the health tests use

NOW = datetime(2025, 11, 17, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
LOGIN = "/staff/login/"


def code_for(device: TOTPDevice, offset_steps: int = 0) -> str:
    """The 6-digit code the authenticator shows now (time-machine freezes time.time())."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift + offset_steps):06d}"


def enrol(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="身份验证器", confirmed=True)


def log_in(client, username: str, password: str = "pass-1234", **headers):
    return client.post(LOGIN, {"username": username, "password": password}, **headers)


@pytest.fixture
def two_factor_required(settings):
    settings.STAFF_2FA_REQUIRED = True
