"""Warnings by e-mail before a mark trips: a column (or the home page) due within N working days or stale, and a veto
count within one of its threshold; each item once per change of state, every warning recorded."""

from datetime import date

import pytest

from inspection import alerts, dashboard
from inspection.models import ColumnRule, ItemState, SentWarning, UpdateClass
from tests.inspection.conftest import at, news_column, publish

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _only_our_columns(db):
    ColumnRule.objects.update(update_class=UpdateClass.NONE, per_unit=False)


@pytest.fixture
def staff(office_staff, officer):
    office_staff.email = "office@example.gov.cn"
    office_staff.save()
    officer.email = "officer@example.gov.cn"
    officer.save()
    return office_staff


def night(day: date) -> int:
    with at(day, 3):
        return alerts.warn(dashboard.build(dashboard.SiteWide()))


def column_warnings() -> list[tuple[str, str]]:
    return [(w.key.split(":")[0], w.state) for w in SentWarning.objects.order_by("id") if w.key.startswith("column")]


def test_a_column_is_warned_once_per_change_of_state(staff, mailoutbox):
    column = news_column("zt-warn", "测试动态")
    publish(staff, column, "动态", on=date(2026, 11, 2))  # stale after Mon 16 Nov
    night(date(2026, 11, 10))
    assert column_warnings() == []
    night(date(2026, 11, 11))
    night(date(2026, 11, 12))  # still due: nothing new
    assert column_warnings() == [("column", "due")]
    night(date(2026, 11, 17))
    assert column_warnings() == [("column", "due"), ("column", "failing")]
    publish(staff, column, "新动态", on=date(2026, 11, 18))
    night(date(2026, 11, 18))
    assert len(column_warnings()) == 2  # fresh again: recorded, not mailed
    assert ItemState.objects.get(key=f"column:{column.pk}").state == "ok"
    night(date(2026, 11, 30))  # due again (stale after 2 Dec): a new change of state, told again
    assert column_warnings()[-1] == ("column", "due")
    mails = [m for m in mailoutbox if "测试动态" in m.body]
    assert len(mails) == 3 and all(m.to == ["office@example.gov.cn"] for m in mails)
    assert "“测试动态”即将超期：最近更新2026-11-02" in mails[0].body


def test_a_units_own_catalogue_warns_the_unit_and_the_office(staff, township, mailoutbox):
    from disclosure.models import Column

    news = Column.objects.get(slug="xzdt")
    ColumnRule.objects.filter(column=news).update(update_class=UpdateClass.NEWS, per_unit=True)
    publish(staff, news, "城关镇动态", on=date(2026, 11, 2), organization=township)
    night(date(2026, 11, 11))
    to_unit = [m for m in mailoutbox if m.to == ["officer@example.gov.cn"]]
    assert len(to_unit) == 1 and "乡镇动态（城关镇人民政" in to_unit[0].body
    assert "【网站自查预警】" in to_unit[0].subject
    warning = SentWarning.objects.get(key=f"column:{news.pk}:unit:{township.pk}")
    assert warning.recipients == "office@example.gov.cn、officer@example.gov.cn"
    assert warning.organization == township


def test_a_veto_count_within_one_of_its_threshold_is_warned(staff, mailoutbox):
    for i in range(4):
        news_column(f"empty-{i}", f"空白{i}")
    night(date(2026, 11, 2))
    marks = SentWarning.objects.filter(key="mark:columns_empty")
    assert [w.state for w in marks] == ["due"]
    assert "单项否决指标“空白栏目”：4项（达到5项即不合格）" in marks[0].text
    news_column("empty-4")
    night(date(2026, 11, 3))
    assert [w.state for w in SentWarning.objects.filter(key="mark:columns_empty").order_by("id")] == ["due", "failing"]


def test_nothing_is_sent_when_nothing_changed(staff, mailoutbox):
    night(date(2026, 11, 2))
    sent = len(mailoutbox)
    assert night(date(2026, 11, 3)) == 0 and len(mailoutbox) == sent


def test_a_mail_server_down_loses_no_warning(staff, mailoutbox, monkeypatch, checker):
    from inspection import services
    from portal import mail

    news_column("empty-x", "空白X")

    def down(*args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(mail, "send_mass_mail", down)
    with at(date(2026, 11, 2), 3):
        run = services.run_inspection(checker=checker)
    assert run.status == "done" and "smtp down" in run.stats["warnings_error"]
    assert not SentWarning.objects.exists() and not ItemState.objects.exists()
    monkeypatch.undo()
    with at(date(2026, 11, 3), 3):
        run = services.run_inspection(checker=checker)
    assert run.stats["warnings_sent"] == 1 and any("空白X" in m.body for m in mailoutbox)
