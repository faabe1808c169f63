"""Column freshness and the column marks, with time frozen: a column walks fresh → due soon → stale → fresh, the
veto counts flip at exactly their thresholds, each unit's own catalogue is checked for the columns checked per
unit, and the home page counts as updated when any of its news columns publishes."""

from datetime import date

import pytest

from inspection import dashboard, freshness
from inspection.models import ColumnRule, UpdateClass
from portal.models import Organization
from tests.conftest import make_org
from tests.inspection.conftest import at, news_column, publish

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _only_our_columns(db):
    """The migration's column tree is set aside: each test checks the columns it makes."""
    ColumnRule.objects.update(update_class=UpdateClass.NONE, per_unit=False)


def column_state(office_staff, column) -> tuple[str, str]:
    board = dashboard.build(office_staff)
    check = next(c for c in board.columns if c.column.pk == column.pk)
    return check.state, check.detail


def mark(board, code):
    return next(m for m in board.marks if m.code == code)


def test_a_news_column_walks_from_fresh_to_due_to_stale_and_back(office_staff):
    column = news_column("zt-test", "测试动态")
    publish(office_staff, column, "第一条动态", on=date(2026, 11, 2))  # a Monday: stale after Mon 16 Nov
    with at(date(2026, 11, 10)):  # four working days left (11, 12, 13, 16): not yet
        assert column_state(office_staff, column)[0] == freshness.OK
    with at(date(2026, 11, 11)):  # three left: warn
        state, detail = column_state(office_staff, column)
        assert state == freshness.DUE and "2026-11-16前须更新（剩5天）" in detail
    with at(date(2026, 11, 16)):
        assert column_state(office_staff, column)[0] == freshness.DUE
    with at(date(2026, 11, 17)):
        state, detail = column_state(office_staff, column)
        assert state == freshness.STALE and "已于2026-11-16超期（1天）" in detail
    publish(office_staff, column, "第二条动态", on=date(2026, 11, 17))
    with at(date(2026, 11, 17), 15):
        assert column_state(office_staff, column)[0] == freshness.OK


def test_the_warning_window_counts_working_days_across_a_holiday(office_staff, settings):
    """Due on the Friday after National Day 2026 (1-7 Oct off): from 30 Sep only 8 and 9 Oct are left, though
    seven weekdays are."""
    column = news_column("zt-holiday")
    publish(office_staff, column, "节前动态", on=date(2026, 9, 25))  # stale after Fri 9 Oct
    settings.INSPECTION_WARN_WORKDAYS = 2
    with at(date(2026, 9, 30)):
        assert column_state(office_staff, column)[0] == freshness.DUE
    settings.INSPECTION_WARN_WORKDAYS = 1
    with at(date(2026, 9, 30)):
        assert column_state(office_staff, column)[0] == freshness.OK


def test_an_update_class_sets_the_limit(office_staff):
    column = news_column("zt-notice")
    ColumnRule.objects.create(column=column, update_class=UpdateClass.NOTICE)
    publish(office_staff, column, "通知", on=date(2026, 3, 2))
    with at(date(2026, 8, 20)):
        assert column_state(office_staff, column)[0] == freshness.OK
    with at(date(2026, 9, 3)):  # 2 Mar + 6 months = 2 Sep
        assert column_state(office_staff, column)[0] == freshness.STALE


def test_a_column_not_checked_is_left_out(office_staff):
    column = news_column("zt-static")
    ColumnRule.objects.create(column=column, update_class=UpdateClass.NONE)
    assert all(c.column.pk != column.pk for c in dashboard.build(office_staff).columns)


@pytest.mark.parametrize(("stale", "expected"), [(3, dashboard.OK), (4, dashboard.DUE), (5, dashboard.FAILING)])
def test_the_stale_columns_mark_fails_at_five(office_staff, stale, expected):
    for i in range(stale):
        publish(office_staff, news_column(f"old-{i}"), f"旧动态{i}", on=date(2026, 10, 9))
    for i in range(5 - stale):
        publish(office_staff, news_column(f"new-{i}"), f"新动态{i}", on=date(2026, 10, 20))
    with at(date(2026, 10, 26)):
        board = dashboard.build(office_staff)
    assert (mark(board, "columns_stale").count, mark(board, "columns_stale").state) == (stale, expected)


def test_columns_about_to_go_stale_bring_the_mark_forward(office_staff):
    """Three stale and two due within the warning window: the mark is due (five by the end of the window)."""
    for i in range(3):
        publish(office_staff, news_column(f"old-{i}"), f"旧动态{i}", on=date(2026, 10, 9))
    for i in range(2):
        publish(office_staff, news_column(f"soon-{i}"), f"将到期{i}", on=date(2026, 10, 13))  # stale after 27 Oct
    with at(date(2026, 10, 26)):
        stale = mark(dashboard.build(office_staff), "columns_stale")
    assert (stale.count, stale.state) == (3, dashboard.DUE)
    assert sorted(i.state for i in stale.items) == ["due", "due", "failing", "failing", "failing"]


@pytest.mark.parametrize(("empty", "expected"), [(3, dashboard.OK), (4, dashboard.DUE), (5, dashboard.FAILING)])
def test_the_empty_columns_mark_fails_at_five(office_staff, empty, expected):
    for i in range(empty):
        news_column(f"empty-{i}")
    board = dashboard.build(office_staff)
    assert (mark(board, "columns_empty").count, mark(board, "columns_empty").state) == (empty, expected)


def test_the_home_page_is_updated_by_any_of_its_news_columns(office_staff):
    from disclosure.models import Column

    publish(office_staff, Column.objects.get(slug="zwyw"), "要闻", on=date(2026, 11, 2))
    with at(date(2026, 11, 17)):
        assert mark(dashboard.build(office_staff), "home").state == dashboard.FAILING
    publish(office_staff, Column.objects.get(slug="tzgg"), "通知", on=date(2026, 11, 17))
    with at(date(2026, 11, 17), 15):
        home = mark(dashboard.build(office_staff), "home")
    assert home.state == dashboard.OK and "2026-12-01前须更新" in home.items[0].detail


def test_a_page_that_never_published_on_the_home_page_fails(office_staff):
    assert mark(dashboard.build(office_staff), "home").state == dashboard.FAILING


def test_each_unit_own_catalogue_is_checked_for_columns_checked_per_unit(office_staff, township, other_township):
    from disclosure.models import Column

    news = Column.objects.get(slug="xzdt")  # 乡镇动态: townships only
    ColumnRule.objects.filter(column=news).update(update_class=UpdateClass.NEWS, per_unit=True)
    make_org("县审计局", Organization.Kind.DEPARTMENT)
    publish(office_staff, news, "城关镇动态", on=date(2026, 11, 2), organization=township)
    with at(date(2026, 11, 5)):
        board = dashboard.build(office_staff)
    states = {c.unit.name: c.state for c in board.unit_columns}
    assert states == {"城关镇人民政府": freshness.OK, "河西乡人民政府": freshness.EMPTY}
    site = next(c for c in board.columns if c.column.pk == news.pk)
    assert site.state == freshness.OK  # site-wide it was updated


def test_a_unit_sees_its_own_catalogue_and_marks_counted_on_it(office_staff, officer, township, other_township):
    from disclosure.models import Column

    news = Column.objects.get(slug="xzdt")
    ColumnRule.objects.filter(column=news).update(update_class=UpdateClass.NEWS, per_unit=True)
    publish(office_staff, news, "河西乡动态", on=date(2026, 11, 2), organization=other_township)
    with at(date(2026, 11, 5)):
        board = dashboard.build(officer)
    assert [c.unit for c in board.unit_columns] == [township]
    assert board.columns == [] and all(m.code != "home" for m in board.marks)
    assert mark(board, "columns_empty").count == 1


def test_a_column_without_a_rule_is_checked_by_its_kind():
    assert freshness.default_class(type("C", (), {"kind": "news"})()) == UpdateClass.NEWS
    assert freshness.default_class(type("C", (), {"kind": "catalogue"})()) == UpdateClass.NOTICE
    assert freshness.default_class(type("C", (), {"kind": "section"})()) == UpdateClass.NONE
