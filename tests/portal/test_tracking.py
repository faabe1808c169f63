"""Tracking numbers and query passwords (DESIGN §7)."""

import re

import pytest
from django.utils import timezone

from portal import tracking
from portal.models import Organization

pytestmark = pytest.mark.django_db


def test_password_is_stored_hashed_and_matches_only_itself():
    raw, hashed = tracking.new_password()
    assert len(raw) == 8
    assert raw not in hashed
    assert tracking.password_matches(raw, hashed)
    assert not tracking.password_matches(raw.swapcase(), hashed) or raw == raw.swapcase()
    assert not tracking.password_matches("wrong-one", hashed)
    assert not tracking.password_matches("", hashed)
    assert not tracking.password_matches(raw, "")


def test_passwords_avoid_characters_that_are_misread():
    for _ in range(50):
        raw, _ = tracking.new_password()
        assert not set(raw) & set("0O1lI")


def test_tracking_number_has_prefix_year_and_six_digits():
    number = tracking.new_tracking_number("YS", Organization, "code")
    assert re.fullmatch(rf"YS{timezone.localdate().year}\d{{6}}", number)


def test_tracking_numbers_are_not_repeated():
    numbers = {tracking.new_tracking_number("LY", Organization, "code") for _ in range(20)}
    assert len(numbers) == 20
