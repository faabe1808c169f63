"""The clock badge every app shows (portal.clocks): on time, due soon, overdue, done, not running; a page of items
reads the calendar once."""

from datetime import date

import pytest

from portal.clocks import PageClock, clock_state, soon_limit
from portal.models import WorkdayOverride

ON = date(2025, 9, 26)  # a Friday; Sunday 28 September is a make-up working day before the National Day holiday


@pytest.mark.parametrize(
    ("due_on", "code", "label"),
    [
        (date(2025, 9, 26), "due_soon", "今日到期"),
        (date(2025, 9, 28), "due_soon", "剩余1个工作日"),
        (date(2025, 9, 30), "due_soon", "剩余3个工作日"),
        (date(2025, 10, 10), "on_time", "剩余5个工作日"),
        (date(2025, 9, 24), "overdue", "已超期2个工作日"),
        (None, "none", "未计时"),
    ],
)
def test_a_due_date_is_classified_in_working_days(db, due_on, code, label):
    state = clock_state(due_on, on=ON)
    assert (state.code, state.label) == (code, label)
    assert PageClock([due_on], ON).state(due_on) == state


def test_a_finished_item_is_done_whatever_its_date(db):
    assert clock_state(date(2025, 9, 1), on=ON, done=True).code == "done"


def test_the_due_soon_window_is_a_parameter(db):
    assert clock_state(date(2025, 9, 30), on=ON, soon_workdays=1).code == "on_time"
    assert soon_limit(ON) == date(2025, 9, 30)
    assert soon_limit(ON, 1) == date(2025, 9, 28)


def test_a_page_of_due_dates_reads_the_calendar_once(db, django_assert_num_queries):
    dates = [date(2025, 9, d) for d in range(1, 31)] + [date(2025, 12, 31), None]
    with django_assert_num_queries(1):
        page = PageClock(dates, ON)
    assert [page.state(d) for d in dates] == [clock_state(d, on=ON) for d in dates]


def test_an_override_of_the_calendar_moves_the_badge(db):
    WorkdayOverride.objects.create(date=date(2025, 9, 29), is_workday=False, note="test")
    assert clock_state(date(2025, 9, 30), on=ON).label == "剩余2个工作日"
