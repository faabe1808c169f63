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


# --- the shared look-up (portal.tracking.Tracker), on 政民互动 messages


@pytest.fixture
def tracker():
    from interaction.models import Message

    return tracking.Tracker(Message, prefix="LY", scope="test-tracking", session_key="test_tracked")


@pytest.fixture
def filed():
    from interaction import services
    from interaction.models import Message

    data = services.NewMessage(
        kind=Message.Kind.CONSULT, title="咨询", content="内容", name="张三", phone="13812345678"
    )
    return services.submit_message(data)


@pytest.fixture
def request_(rf):
    request = rf.post("/", REMOTE_ADDR="10.0.0.9")
    request.session = {}
    return request


def test_a_right_pair_is_found_and_remembered_in_the_session(tracker, filed, request_):
    message, password = filed
    found = tracker.look_up(request_, message.tracking_number.lower(), password)
    assert found.item == message and found.error == ""
    assert tracker.tracked(request_, message.tracking_number) == message


def test_an_unknown_number_and_a_wrong_password_get_the_same_answer(tracker, filed, request_):
    message, _ = filed
    wrong = tracker.look_up(request_, message.tracking_number, "nope")
    unknown = tracker.look_up(request_, "LY2025000000", "nope")
    assert wrong == unknown == tracking.Lookup(None, "查询编号或密码不正确。", 200)
    assert tracker.tracked(request_, message.tracking_number) is None


def test_odd_input_is_refused_without_a_query(tracker, db, request_, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert tracker.find("\x00" * 30, "x") is None
        assert tracker.tracked(request_, "A" * 300) is None


def test_too_many_failures_lock_the_address_out(tracker, filed, request_, settings):
    from django.core.cache import cache

    cache.clear()
    settings.TRACKING_GUESS_LIMIT = 2
    message, password = filed
    tracker.look_up(request_, message.tracking_number, "x")
    tracker.look_up(request_, message.tracking_number, "y")
    locked = tracker.look_up(request_, message.tracking_number, password)
    assert (locked.item, locked.status) == (None, 429) and "失败次数过多" in locked.error
    cache.clear()
