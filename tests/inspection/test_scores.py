"""The marks and scored items read from the other apps' selectors: messages past three months, silent new-media
accounts, 解读 within 3 working days of their policy, replies and 纠错 on time, and the site's own probes of
search and 长者模式."""

from datetime import date, datetime

import pytest

from disclosure.models import Column
from inspection import dashboard, probes
from interaction import services as interaction
from tests.inspection.conftest import TZ, at, publish
from tests.interaction.conftest import new_message
from tests.newmedia.conftest import _media_root, file_account  # noqa: F401 - the fixture keeps images in tmp
from tests.search.conftest import search_index  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def mark(user, code):
    return next(m for m in dashboard.build(user).marks if m.code == code)


def score(user, code):
    return next(s for s in dashboard.build(user).scores if s.code == code)


def test_a_message_unanswered_over_three_months_fails_and_one_about_to_is_due(office_staff, township, officer):
    with at(date(2026, 7, 1)):
        message, _ = new_message(title="七月的留言")
        interaction.dispatch_message(message, actor=office_staff, unit=township, instruction="请办理。")
    with at(date(2026, 9, 1)):
        assert mark(office_staff, "messages").items == []
    with at(date(2026, 9, 28)):  # 1 Oct comes within 3 working days (1-7 Oct off: 29, 30 Sep, 8 Oct)
        messages = mark(office_staff, "messages")
        assert (messages.count, messages.state, messages.items[0].state) == (0, dashboard.DUE, dashboard.DUE)
    with at(date(2026, 10, 2)):
        messages = mark(office_staff, "messages")
        assert (messages.count, messages.state) == (1, dashboard.FAILING)
        assert "七月的留言" in messages.items[0].label and "超过3个月仍未答复" in messages.items[0].detail
        assert messages.items[0].url == f"/staff/messages/{message.pk}/"
        assert mark(officer, "messages").count == 1  # the unit it was dispatched to sees it too
    with at(date(2026, 10, 9)):
        interaction.reply_message(message, actor=officer, reply="已答复。")
        assert mark(office_staff, "messages").items == []


def test_replies_and_corrections_on_time_are_scored(office_staff, township, officer):
    with at(date(2026, 11, 2)):
        quick, _ = new_message(title="及时")
        slow, _ = new_message(title="超期")
        for m in (quick, slow):
            interaction.dispatch_message(m, actor=office_staff, unit=township, instruction="请办理。")
        interaction.reply_message(quick, actor=officer, reply="已办理。")
        correction = interaction.submit_correction(interaction.NewCorrection("/columns/tzgg/", "typo", "错字"))
        interaction.forward_correction(correction, actor=office_staff, unit=township)
        interaction.reply_correction(correction, actor=officer, reply="已改正。")
    with at(date(2026, 11, 12)):
        interaction.reply_message(slow, actor=officer, reply="已办理。")
        scores = {s.code: (s.value, s.state) for s in dashboard.build(office_staff).scores}
    assert scores["messages"] == ("1/2（50.0%）", "attention")
    assert scores["corrections"] == ("1/1（100.0%）", "ok")


def test_interpretations_within_three_working_days_of_their_policy(office_staff):
    policies, readings = Column.objects.get(slug="gfxwj"), Column.objects.get(slug="zcjd")
    prompt = publish(office_staff, policies, "关于加强养老服务的意见", on=date(2026, 11, 2))
    late = publish(office_staff, policies, "关于规范农村宅基地管理的通知", on=date(2026, 11, 2))
    from disclosure import services as disclosure

    def reading(policy, title, day):
        with at(day):
            return disclosure.import_document(
                actor=office_staff, column=readings, organization=office_staff.organization, title=title,
                body="<p>解读</p>", summary=title, topic="综合政务", genre="其他", interprets=policy,
            )  # fmt: skip

    reading(prompt, "《关于加强养老服务的意见》解读", date(2026, 11, 5))  # the 3rd working day after Mon 2 Nov
    reading(late, "《关于规范农村宅基地管理的通知》解读", date(2026, 11, 6))  # the 4th
    with at(date(2026, 11, 20)):
        result = score(office_staff, "interpretation")
    assert (result.value, result.state) == ("1/2（50.0%）", "attention")
    assert [i.label for i in result.items] == ["关于规范农村宅基地管理的通知"]
    assert "解读2026-11-06发布" in result.items[0].detail


def test_a_silent_account_fails_and_one_silent_for_a_week_is_due(officer, leader, office_staff):
    from newmedia import services as newmedia

    busy = file_account(officer, leader, office_staff, platform="wechat", name="活跃号", opened_on=date(2026, 9, 1))
    quiet = file_account(officer, leader, office_staff, platform="weibo", name="沉默号", opened_on=date(2026, 9, 1))
    lapsing = file_account(officer, leader, office_staff, platform="douyin", name="断更号", opened_on=date(2026, 9, 1))
    for account, posts in ((busy, (5, 5)), (quiet, (0, 0)), (lapsing, (0, 6))):
        for week, count in zip((date(2026, 11, 9), date(2026, 11, 2)), posts, strict=True):
            newmedia.record_activity(account, actor=officer, week=week, posts=count)
    with at(date(2026, 11, 16)):
        accounts = mark(office_staff, "newmedia")
    assert (accounts.count, accounts.state) == (1, dashboard.FAILING)
    assert {i.label: i.state for i in accounts.items} == {"沉默号（微博）": "failing", "断更号（抖音）": "due"}


def test_the_search_probe_finds_the_newest_document(office_staff, search_index):  # noqa: F811
    from search import services as search

    document = publish(office_staff, Column.objects.get(slug="tzgg"), "关于开展冬季供暖安全检查的通知")
    assert probes.search_works()["ok"] is False  # not in the index yet: the page fell back to the database
    search.sync_object("disclosure.document", document.pk)
    result = probes.search_works()
    assert result == {"ok": True, "detail": "按标题搜索找到最新发布的《关于开展冬季供暖安全检查的通知》"}


def test_the_search_probe_needs_something_published(db, search_index):  # noqa: F811
    assert probes.search_works() == {"ok": False, "detail": "尚无已发布信息，无法检验搜索"}


def test_the_elder_mode_probe_turns_large_text_on(db):
    assert probes.elder_mode() == {"ok": True, "detail": "首页可切换长者模式（大字号）"}


def test_probe_results_show_on_the_dashboard_from_the_last_run(office_staff):
    from inspection.models import InspectionRun

    InspectionRun.objects.create(
        on=date(2026, 11, 2), status=InspectionRun.Status.DONE, finished_at=datetime(2026, 11, 2, 3, tzinfo=TZ),
        stats={"probes": {"search": {"ok": False, "detail": "搜索索引不可用"}, "elder": {"ok": True, "detail": "可"}}},
    )  # fmt: skip
    scores = {s.code: (s.value, s.state) for s in dashboard.build(office_staff).scores}
    assert scores["search"] == ("不可用", "failing") and scores["elder"] == ("可用", "ok")
