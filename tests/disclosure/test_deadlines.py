"""Review clocks (DESIGN §5): the 保密审查 opinion within 10 working days of submission, per-level shares, real
holidays and make-up days, and recomputation when the calendar override table changes."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from disclosure.models import Document
from portal.models import WorkdayOverride
from tests.disclosure.conftest import passed, submitted

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def at(*args):
    return time_machine.travel(datetime(*args, tzinfo=TZ), tick=False)


def test_clock_skips_national_day_and_counts_the_make_up_saturday(officer, news_column):
    with at(2026, 9, 30, 16):
        document = submitted(officer, news_column)
    # Oct 1-7 off; Sat Oct 10 is a make-up working day: 8, 9, 10, 12, 13, 14, 15, 16, 19, 20.
    assert document.review_due_on == date(2026, 10, 20)
    assert document.level_due_on == date(2026, 10, 10)  # 初审: 3 working days


def test_each_level_gets_its_share_but_never_beyond_the_review_deadline(officer, reviewer, leader, news_column):
    with at(2026, 9, 30, 16):
        document = submitted(officer, news_column)
    with at(2026, 10, 16, 9):
        document = passed(document, reviewer)
    assert document.level_due_on == date(2026, 10, 20)  # 3 working days would be Oct 21: capped
    with at(2026, 10, 19, 9):
        document = passed(document, leader)
    assert document.level_due_on == date(2026, 10, 20)


def test_calendar_edit_recomputes_open_clocks(officer, news_column, django_capture_on_commit_callbacks):
    with at(2026, 9, 30, 16):
        document = submitted(officer, news_column)
    with django_capture_on_commit_callbacks(execute=True):
        WorkdayOverride.objects.create(date=date(2026, 10, 12), is_workday=False, note="临时调整")
    document = Document.objects.get(pk=document.pk)
    assert document.review_due_on == date(2026, 10, 21)


def test_workbench_clock_turns_overdue(client, officer, reviewer, news_column):
    with at(2026, 9, 30, 16):
        submitted(officer, news_column, title="逾期未审的信息")
    client.force_login(reviewer)
    with at(2026, 10, 22, 9):
        html = client.get("/staff/").content.decode()
    assert "逾期未审的信息" in html and "已超期" in html
