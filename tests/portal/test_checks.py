"""portal.W001: warn while the calendar knows fewer than 60 days ahead (DESIGN §4)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from portal.checks import calendar_coverage
from portal.models import WorkdayOverride

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def ids(messages) -> list[str]:
    return [m.id for m in messages]


def test_no_warning_while_more_than_sixty_days_are_known():
    with time_machine.travel(datetime(2026, 10, 31, 9, tzinfo=SHANGHAI), tick=False):  # 61 days to 12-31
        assert calendar_coverage(None) == []


def test_warning_at_fewer_than_sixty_days_names_the_year_to_enter():
    with time_machine.travel(datetime(2026, 11, 2, 9, tzinfo=SHANGHAI), tick=False):  # 59 days to 12-31
        messages = calendar_coverage(None)
    assert ids(messages) == ["portal.W001"]
    assert "2026-12-31" in messages[0].msg
    assert "2027" in messages[0].hint


def test_warning_stops_once_next_year_is_entered():
    WorkdayOverride.objects.create(date=date(2027, 1, 1), is_workday=False, note="元旦")
    with time_machine.travel(datetime(2026, 12, 20, 9, tzinfo=SHANGHAI), tick=False):
        assert calendar_coverage(None) == []


def test_warning_after_the_known_range_says_no_days_remain():
    with time_machine.travel(datetime(2027, 3, 1, 9, tzinfo=SHANGHAI), tick=False):
        messages = calendar_coverage(None)
    assert ids(messages) == ["portal.W001"]
    assert "还剩 0 天" in messages[0].msg
