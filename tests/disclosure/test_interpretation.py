"""政策解读 with its policy (政策解读制度 二, 网站及新媒体制度 第十八条(三)): a 解读 drafted while its policy is in review
passes the same three levels, waits after 终审 and goes up in the same transaction as the policy; a policy published
without one gets a 3-working-day clock that the workbench and the inspection dashboard show."""

from datetime import date, datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine

from disclosure import selectors, services
from disclosure.models import Column, Document
from portal.errors import DomainError
from tests.disclosure.conftest import YES, draft, passed, published, submitted

S = Document.Status
pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def at(*args):
    return time_machine.travel(datetime(*args, tzinfo=TZ), tick=False)


@pytest.fixture
def reading_column(db) -> Column:
    return Column.objects.get(slug="zcjd")


def reading_of(officer, column, policy, **fields) -> Document:
    fields.setdefault("interpretation_kind", "问答")
    return draft(officer, column, title=f"《{policy.title}》政策问答", interprets=policy, **fields)


def test_a_reading_can_be_drafted_while_its_policy_is_in_review(officer, catalogue_column, reading_column):
    policy = submitted(officer, catalogue_column)
    reading = services.submit(reading_of(officer, reading_column, policy), actor=officer)
    assert reading.status == S.PENDING_FIRST and reading.interprets == policy


def test_another_unit_cannot_link_a_policy_not_yet_published(officer, outsider, catalogue_column, reading_column):
    policy = submitted(officer, catalogue_column)
    with pytest.raises(DomainError, match="起草单位"):
        reading_of(outsider, reading_column, policy)


def test_a_reading_passing_final_review_waits_for_its_policy(
    officer, reviewer, leader, office_staff, catalogue_column, reading_column
):
    policy = submitted(officer, catalogue_column)
    reading = passed(services.submit(reading_of(officer, reading_column, policy), actor=officer),
                     reviewer, leader, office_staff)  # fmt: skip
    assert reading.status == S.APPROVED
    assert reading.index_number is None and reading.published_at is None
    assert reading.history.last().extra["waits_for_policy"] == policy.pk


def test_publishing_the_policy_publishes_its_approved_reading(
    officer, reviewer, leader, office_staff, catalogue_column, reading_column
):
    policy = submitted(officer, catalogue_column)
    reading = passed(services.submit(reading_of(officer, reading_column, policy), actor=officer),
                     reviewer, leader, office_staff)  # fmt: skip
    policy = passed(policy, reviewer, leader, office_staff)
    reading.refresh_from_db()
    assert policy.status == reading.status == S.PUBLISHED
    assert reading.published_at == policy.published_at or reading.published_at >= policy.published_at
    assert reading.index_number and reading.history.last().action == "publish_with_policy"
    assert reading.history.last().actor == office_staff
    assert list(selectors.policies_without_interpretation(office_staff)) == []


def test_a_reading_still_in_review_is_not_published_with_the_policy(
    officer, reviewer, leader, office_staff, catalogue_column, reading_column
):
    policy = submitted(officer, catalogue_column)
    reading = services.submit(reading_of(officer, reading_column, policy), actor=officer)
    passed(policy, reviewer, leader, office_staff)
    reading.refresh_from_db()
    assert reading.status == S.PENDING_FIRST


def test_policy_and_reading_go_up_together_or_not_at_all(
    officer, reviewer, leader, office_staff, catalogue_column, reading_column
):
    policy = submitted(officer, catalogue_column)
    reading = passed(services.submit(reading_of(officer, reading_column, policy), actor=officer),
                     reviewer, leader, office_staff)  # fmt: skip
    policy = passed(policy, reviewer, leader)
    numbers = [f"{policy.organization.code}/2026-00001", RuntimeError("counter down")]
    with mock.patch.object(services, "next_index_number", side_effect=numbers), pytest.raises(RuntimeError):
        passed(policy, office_staff)
    policy.refresh_from_db()
    reading.refresh_from_db()
    assert (policy.status, reading.status) == (S.PENDING_FINAL, S.APPROVED)
    assert policy.index_number is None and not policy.history.filter(level="final").exists()


def test_editing_an_approved_reading_sends_it_back_to_first_review(
    officer, reviewer, leader, office_staff, catalogue_column, reading_column
):
    policy = submitted(officer, catalogue_column)
    reading = passed(services.submit(reading_of(officer, reading_column, policy), actor=officer),
                     reviewer, leader, office_staff)  # fmt: skip
    reading = services.update_document(reading, actor=officer, summary="补充政策问答。")
    assert reading.status == S.PENDING_FIRST and reading.review_round == 2


def test_a_reading_of_a_refused_policy_cannot_pass_final_review(
    officer, reviewer, leader, office_staff, catalogue_column, reading_column
):
    policy = submitted(officer, catalogue_column)
    reading = passed(services.submit(reading_of(officer, reading_column, policy), actor=officer), reviewer, leader)
    services.review(policy, actor=reviewer, decision="reject", checklist=YES, opinion="不予出台。")
    with pytest.raises(DomainError, match="不予发布"):
        passed(reading, office_staff)


@pytest.mark.parametrize("refused_at", ["first", "final"])
def test_refusing_the_policy_sends_its_waiting_reading_back_to_the_unit(
    refused_at, officer, reviewer, leader, office_staff, catalogue_column, reading_column
):
    policy = submitted(officer, catalogue_column)
    reading = passed(services.submit(reading_of(officer, reading_column, policy), actor=officer),
                     reviewer, leader, office_staff)  # fmt: skip
    assert reading.status == S.APPROVED
    if refused_at == "final":
        policy = passed(policy, reviewer, leader)
    refuser = reviewer if refused_at == "first" else office_staff
    services.review(policy, actor=refuser, decision="reject", checklist=YES, opinion="不予出台。")

    reading.refresh_from_db()
    assert reading.status == S.RETURNED and reading.published_at is None
    row = reading.history.last()
    assert row.action == "return_with_policy" and row.actor == refuser
    assert f"所解读的政策文件“{policy.title}”不予发布" in row.opinion
    # Back with its unit, it is pointed at another policy and sent again.
    other = submitted(officer, catalogue_column, title="关于城乡环境卫生整治的补充通知")
    reading = services.update_document(reading, actor=officer, interprets=other)
    assert services.submit(reading, actor=officer).status == S.PENDING_FIRST


def test_a_reading_still_waiting_is_left_alone_when_its_policy_is_only_returned(
    officer, reviewer, leader, office_staff, catalogue_column, reading_column
):
    policy = submitted(officer, catalogue_column)
    reading = passed(services.submit(reading_of(officer, reading_column, policy), actor=officer),
                     reviewer, leader, office_staff)  # fmt: skip
    services.review(policy, actor=reviewer, decision="return", checklist=YES, opinion="请补充依据。")
    reading.refresh_from_db()
    assert reading.status == S.APPROVED  # the policy may still go up, and the reading with it


def test_policy_published_without_reading_gets_three_workdays_across_national_day(
    officer, reviewer, leader, office_staff, catalogue_column
):
    with at(2026, 9, 30, 16):
        policy = published(officer, reviewer, leader, office_staff, catalogue_column)
    # Oct 1-7 off; Thu 8, Fri 9 and the make-up Saturday 10 are the three working days.
    assert policy.interpretation_due_on == date(2026, 10, 10)


def test_news_items_get_no_reading_clock(officer, reviewer, leader, office_staff, news_column):
    document = published(officer, reviewer, leader, office_staff, news_column)
    assert document.interpretation_due_on is None


def test_a_later_reading_takes_the_policy_off_the_waiting_list(
    officer, reviewer, leader, office_staff, catalogue_column, reading_column
):
    policy = published(officer, reviewer, leader, office_staff, catalogue_column)
    assert list(selectors.policies_without_interpretation(officer)) == [policy]
    reading = services.submit(reading_of(officer, reading_column, policy), actor=officer)
    passed(reading, reviewer, leader, office_staff)
    assert list(selectors.policies_without_interpretation(officer)) == []


def test_outsider_does_not_see_the_policy_waiting(officer, reviewer, leader, office_staff, outsider, catalogue_column):
    published(officer, reviewer, leader, office_staff, catalogue_column)
    assert list(selectors.policies_without_interpretation(outsider)) == []
    assert selectors.policies_without_interpretation(office_staff).count() == 1


def test_workbench_shows_the_waiting_policy_overdue_after_national_day(
    client, officer, reviewer, leader, office_staff, catalogue_column
):
    with at(2026, 9, 30, 16):
        published(officer, reviewer, leader, office_staff, catalogue_column)
    client.force_login(officer)
    with at(2026, 10, 9, 10):
        page = client.get("/staff/").content.decode()
    assert "政策文件·待配发解读" in page and "2026-10-10" in page
    with at(2026, 10, 12, 10):
        page = client.get("/staff/").content.decode()
    assert "已超期" in page or "clock-overdue" in page


def test_inspection_dashboard_lists_policies_without_reading(
    client, officer, reviewer, leader, office_staff, catalogue_column
):
    with at(2026, 9, 30, 16):
        policy = published(officer, reviewer, leader, office_staff, catalogue_column)
    client.force_login(office_staff)
    with at(2026, 10, 12, 10):
        page = client.get("/staff/inspection/").content.decode()
    assert "政策文件待配发解读" in page and policy.title in page and "已超期" in page


def test_create_form_starts_a_reading_for_the_policy(client, officer, catalogue_column, reading_column):
    policy = submitted(officer, catalogue_column)
    client.force_login(officer)
    page = client.get(f"/staff/disclosure/new/?interprets={policy.pk}").content.decode()
    assert f'<option value="{policy.pk}" selected' in page
    assert f"《{policy.title}》政策解读" in page


def test_form_requires_the_reading_kind(client, officer, catalogue_column, reading_column):
    policy = submitted(officer, catalogue_column)
    client.force_login(officer)
    response = client.post("/staff/disclosure/new/", {
        "title": "政策解读", "column": reading_column.pk, "interprets": policy.pk, "body": "<p>解读</p>",
        "disclosure_method": "主动公开", "validity": "有效",
    })  # fmt: skip
    assert "请选择解读形式。" in response.content.decode()
    assert not Document.objects.filter(column=reading_column).exists()


def test_public_pages_link_policy_and_reading_and_name_the_form(
    client, officer, reviewer, leader, office_staff, catalogue_column, reading_column
):
    policy = submitted(officer, catalogue_column)
    reading = passed(services.submit(reading_of(officer, reading_column, policy), actor=officer),
                     reviewer, leader, office_staff)  # fmt: skip
    assert client.get(f"/documents/{reading.pk}/").status_code == 404  # not public before its policy
    passed(policy, reviewer, leader, office_staff)
    assert reading.title in client.get(f"/documents/{policy.pk}/").content.decode()
    page = client.get(f"/documents/{reading.pk}/").content.decode()
    assert "解读形式" in page and "政策问答" in page and policy.title in page


def test_a_calendar_edit_moves_the_reading_clock(
    officer, reviewer, leader, office_staff, catalogue_column, django_capture_on_commit_callbacks
):
    from portal.models import WorkdayOverride

    with at(2026, 9, 30, 16):
        policy = published(officer, reviewer, leader, office_staff, catalogue_column)
    with django_capture_on_commit_callbacks(execute=True):
        WorkdayOverride.objects.create(date=date(2026, 10, 9), is_workday=False, note="临时调整")
    policy.refresh_from_db()
    assert policy.interpretation_due_on == date(2026, 10, 12)  # 8, 10 (make-up Saturday), 12
