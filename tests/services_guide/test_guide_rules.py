"""The 办事指南's required elements, the three review levels with four eyes, versioning and 停止办理."""

import datetime as dt

import pytest
import time_machine
from django.db import IntegrityError

from portal.errors import DomainError, InvalidTransition, NotAllowed
from services_guide import services
from services_guide.models import GuideHistory, GuideVersion, ServiceItem
from services_guide.workflows import WORKFLOW, missing_elements
from tests.services_guide.conftest import draft_item, review_through

pytestmark = pytest.mark.django_db
S = GuideVersion.Status


def test_a_guide_missing_required_elements_cannot_be_submitted(officer):
    version = services.create_item(actor=officer, organization=officer.organization, code="QH-1", name="残疾人证办理")

    assert "受理条件" in missing_elements(version) and "申请材料" in missing_elements(version)
    with pytest.raises(DomainError, match="缺少必备要素.*设定依据.*申请材料"):
        services.submit(version, actor=officer)
    version.refresh_from_db()
    assert version.status == S.DRAFT
    assert "submit" not in WORKFLOW.allowed_actions(version, officer)


def test_charging_items_need_the_fee_and_its_basis_and_online_items_their_entrance(officer):
    version = draft_item(officer, charges=True, online="fully", online_url="")

    assert missing_elements(version) == ["收费标准", "收费依据", "网上办理入口"]
    services.update_version(version, actor=officer, fee_standard="每件10元", fee_basis="示价费〔2019〕3号",
                            online_url="https://zwfw.example.gov.cn/x")  # fmt: skip
    assert missing_elements(version) == []


def test_a_promise_longer_than_the_legal_time_limit_is_refused_and_nothing_is_saved(officer):
    with pytest.raises(DomainError, match="承诺办结时限不能长于法定办结时限"):
        draft_item(officer, legal_days=5, promised_days=10)
    assert not ServiceItem.objects.exists()


def test_three_levels_publish_the_first_version(draft, reviewer, leader, office_staff):
    version = review_through(draft, reviewer, leader, office_staff)

    assert version.status == S.PUBLISHED and version.published_by == office_staff
    assert version.item.current == version
    actions = list(GuideHistory.objects.filter(version=version).values_list("action", "review_round"))
    assert actions == [("create", 0), ("submit", 1), ("pass_first", 1), ("pass_second", 1), ("approve", 1)]


def test_nobody_reviews_their_own_submission(officer, reviewer, township):
    from portal.models import Role
    from tests.conftest import make_user

    both = make_user("both", township, Role.OFFICER, Role.REVIEWER)
    version = draft_item(both)
    services.submit(version, actor=both)

    with pytest.raises(NotAllowed, match="不能审核本人"):
        services.pass_review(version, actor=both, level="first")
    services.pass_review(version, actor=reviewer, level="first")


def test_nobody_passes_two_levels_of_one_round(draft, township, office_staff):
    from portal.models import Role
    from tests.conftest import make_user

    boss = make_user("boss", township, Role.REVIEWER, Role.LEADER)
    services.submit(draft, actor=draft.created_by)
    services.pass_review(draft, actor=boss, level="first")

    with pytest.raises(NotAllowed, match="只能通过一个审核级别"):
        services.pass_review(draft, actor=boss, level="second")
    assert "pass_second" not in WORKFLOW.allowed_actions(draft, boss)


def test_each_level_needs_its_role_in_the_unit(draft, reviewer, leader, outsider, office_staff):
    services.submit(draft, actor=draft.created_by)
    for user in (leader, outsider, office_staff):
        with pytest.raises(NotAllowed, match="初审须由本单位的单位审核人"):
            services.pass_review(draft, actor=user, level="first")
    services.pass_review(draft, actor=reviewer, level="first")
    with pytest.raises(NotAllowed, match="复审须由本单位的单位领导"):
        services.pass_review(draft, actor=outsider, level="second")
    services.pass_review(draft, actor=leader, level="second")
    with pytest.raises(NotAllowed, match="终审须由县政府办公室"):
        services.approve(draft, actor=leader)


def test_returning_needs_an_opinion_and_the_officer_can_resubmit_in_a_new_round(draft, reviewer):
    services.submit(draft, actor=draft.created_by)
    with pytest.raises(DomainError, match="请填写审核意见"):
        services.return_for_changes(draft, actor=reviewer, opinion=" ")
    services.return_for_changes(draft, actor=reviewer, opinion="受理条件表述不准确")
    services.update_version(draft, actor=draft.created_by, conditions="本村集体经济组织成员，年满十八周岁")
    services.submit(draft, actor=draft.created_by)

    draft.refresh_from_db()
    assert (draft.status, draft.review_round) == (S.PENDING_FIRST, 2)
    assert GuideHistory.objects.filter(version=draft, action="return").get().opinion == "受理条件表述不准确"


def test_a_change_is_a_new_version_and_the_public_keeps_the_approved_one_until_it_is_approved(
    published, officer, reviewer, leader, office_staff, client
):
    item = published.item
    change = services.draft_change(item, actor=officer)
    services.update_version(change, actor=officer, name="农村宅基地审批（新）", promised_days=5)
    services.submit(change, actor=officer)

    page = client.get(item.get_absolute_url()).content.decode()
    assert "10个工作日" in page and "农村宅基地审批（新）" not in page
    with pytest.raises(InvalidTransition, match="未完成的版本"):
        services.draft_change(item, actor=officer)

    services.pass_review(change, actor=reviewer, level="first")
    services.pass_review(change, actor=leader, level="second")
    services.approve(change, actor=office_staff)

    published.refresh_from_db()
    item.refresh_from_db()
    assert item.current == change and change.number == 2
    assert published.status == S.SUPERSEDED and published.superseded_at == change.published_at
    page = client.get(item.get_absolute_url()).content.decode()
    assert "农村宅基地审批（新）" in page and "5个工作日" in page
    old = client.get(f"{item.get_absolute_url()}versions/1/").content.decode()
    assert "历史版本" in old and "10个工作日" in old
    assert GuideHistory.objects.filter(version=published, action="supersede").exists()


def test_a_change_copies_the_materials_and_shares_their_files(published, officer):
    change = services.draft_change(published.item, actor=officer)
    old = list(published.materials.order_by("order"))
    new = list(change.materials.order_by("order"))

    assert [m.name for m in new] == [m.name for m in old]
    assert new[0].blank_form.name == old[0].blank_form.name
    services.update_version(change, actor=officer, materials=[
        services.MaterialInput(name=new[0].name, pk=new[0].pk, delete=True),
    ])  # fmt: skip
    assert old[0].blank_form.storage.exists(old[0].blank_form.name)  # the published version still has it


def test_a_second_open_version_of_one_item_is_refused_by_the_database(published, officer):
    services.draft_change(published.item, actor=officer)
    with pytest.raises(IntegrityError):
        GuideVersion.objects.create(item=published.item, number=9, name="x", created_by=officer)


@time_machine.travel(dt.datetime(2025, 6, 10, 10, tzinfo=dt.UTC), tick=False)
def test_stopping_an_item_keeps_its_page_with_the_reason_and_voids_its_pending_change(
    published, officer, office_staff, client
):
    item = published.item
    change = services.draft_change(item, actor=officer)
    services.submit(change, actor=officer)

    with pytest.raises(NotAllowed):
        services.stop(published, actor=officer, reason="取消", stopped_on=dt.date(2025, 6, 10))
    with pytest.raises(DomainError, match="不能晚于今天"):
        services.stop(published, actor=office_staff, reason="取消", stopped_on=dt.date(2025, 6, 11))
    services.stop(
        published, actor=office_staff, reason="依据示政发〔2025〕3号取消该事项", stopped_on=dt.date(2025, 6, 10)
    )

    published.refresh_from_db()
    change.refresh_from_db()
    assert (published.status, published.stopped_on) == (S.STOPPED, dt.date(2025, 6, 10))
    assert change.status == S.DISCARDED
    page = client.get(item.get_absolute_url()).content.decode()
    assert "已于2025年6月10日停止办理" in page and "示政发〔2025〕3号" in page
    assert item.code not in client.get("/services/").content.decode()
    with pytest.raises(InvalidTransition):
        services.draft_change(item, actor=officer)
    assert GuideHistory.objects.get(version=published, action="stop").extra == {"stopped_on": "2025-06-10"}
