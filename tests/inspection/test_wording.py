"""The 错敏 check: the dictionary's wrong forms, leaders' posts and names against each unit's 领导信息, warnings in the
review form at 初审, and the nightly check of everything published (serious errors fail the site)."""

from datetime import date

import pytest

from disclosure.models import Column
from inspection import dashboard, services, wording
from inspection.models import WordingHit, WordingRule
from portal.models import Leader
from tests.disclosure.conftest import submitted
from tests.inspection.conftest import at, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def leaders(township, db):
    Leader.objects.create(organization=township, name="张国华", post="党委副书记、镇长")
    Leader.objects.create(organization=township, name="黄志明", post="副镇长")
    Leader.objects.create(organization=township, name="李强", post="城关镇党委书记")


def found(text: str) -> list[tuple[str, str, str, bool]]:
    return [(w.label, w.match, w.suggestion, w.serious) for w in wording.check_texts([("正文", text)], wording.load())]


def test_the_starter_dictionary_finds_common_errors():
    assert found("各部门要再接再励，截止到本月底完成。") == [
        ("固定用语", "再接再励", "再接再厉", False), ("固定用语", "截止到", "截至", False),
    ]  # fmt: skip
    assert found("中华人民共合国成立以来") == [("国家和党的名称及规范表述", "中华人民共合国", "中华人民共和国", True)]
    assert found("请到县国土资源局办理。") == [("过时机构名称", "国土资源局", "自然资源局", False)]


def test_a_wrong_form_inside_its_own_right_form_is_not_an_error():
    WordingRule.objects.create(wrong="国务院", correct="中共中央、国务院", kind="name")  # (a contrived entry)
    assert found("中共中央、国务院印发通知") == []
    assert [m for _, m, _, _ in found("国务院印发通知")] == ["国务院"]


def test_inactive_entries_are_not_used():
    WordingRule.objects.filter(wrong="按装").update(is_active=False)
    assert found("按装燃气报警器") == []


def test_the_context_around_a_finding_is_kept():
    (warning,) = wording.check_texts([("标题", "请及时按装燃气报警器")], wording.load())
    assert (warning.before, warning.match, warning.after, warning.source) == ("请及时", "按装", "燃气报警器", "标题")


def test_a_leaders_post_must_be_one_the_unit_records(leaders):
    assert found("镇长张国华主持会议，副镇长黄志明参加。") == []
    assert found("党委书记李强讲话。") == []
    assert found("张国华镇长指出") == []
    assert found("党委副书记张国华强调") == []  # one row may hold two posts
    ((label, match, suggestion, serious),) = found("副镇长张国华主持会议")
    assert (label, match, serious) == ("领导职务", "副镇长张国华", True)
    assert suggestion == "张国华的职务为党委副书记、镇长"
    assert [m for _, m, _, _ in found("镇长黄志明强调")] == ["镇长黄志明"]  # a deputy is not the head


def test_a_name_one_character_off_a_leaders_after_the_title_is_a_misspelt_name(leaders):
    assert found("镇长张国化出席") == [("领导姓名", "张国化", "应为镇长张国华", True)]
    assert found("镇长王国华出席") == []  # another family name: another person


def test_the_review_form_lists_wording_warnings_at_first_review(client, officer, reviewer, leaders):
    column = Column.objects.get(slug="tzgg")
    document = submitted(officer, column, body="<p>副镇长张国华主持会议，县国土资源局参加。</p>")
    client.force_login(reviewer)
    html = client.get(f"/staff/disclosure/{document.pk}/review/").content.decode()
    assert "错敏检查提示" in html
    assert "<mark>副镇长张国华</mark>" in html and "领导职务·严重" in html
    assert "<mark>国土资源局</mark>" in html and "建议：自然资源局" in html


def test_the_nightly_run_keeps_the_findings_and_a_serious_one_fails_the_site(office_staff, leaders, checker):
    notices = Column.objects.get(slug="tzgg")
    publish(office_staff, notices, "会议通知", body="<p>中华人民共合国。</p>")
    publish(office_staff, notices, "办事指南", body="<p>请及时按装。</p>")
    with at(date(2026, 11, 2), 2):
        services.run_inspection(checker=checker, notify=False)
    assert sorted(WordingHit.objects.values_list("page_title", "match", "is_serious")) == [
        ("会议通知", "中华人民共合国", True), ("办事指南", "按装", False),
    ]  # fmt: skip
    board = dashboard.build(office_staff)
    serious = next(m for m in board.marks if m.code == "wording")
    minor = next(m for m in board.marks if m.code == "wording_minor")
    assert (serious.count, serious.state, serious.veto) == (1, dashboard.FAILING, True)
    assert (minor.count, minor.veto) == (1, False)
    assert "“中华人民共合国”，中华人民共和国" in serious.items[0].detail


def test_a_unit_sees_the_findings_on_its_own_pages_only(office_staff, officer, township, other_township, checker):
    notices = Column.objects.get(slug="tzgg")
    publish(office_staff, notices, "城关镇通知", body="<p>按装</p>", organization=township)
    publish(office_staff, notices, "河西乡通知", body="<p>按装</p>", organization=other_township)
    with at(date(2026, 11, 2), 2):
        services.run_inspection(checker=checker, notify=False)
    minor = next(m for m in dashboard.build(officer).marks if m.code == "wording_minor")
    assert [item.label for item in minor.items] == ["城关镇通知"]
