"""The three-level review (DESIGN §6): every allowed transition, every forbidden one, and the people rules."""

from datetime import date

import pytest

from disclosure import services
from disclosure.models import Document, DocumentHistory
from portal.errors import DomainError, InvalidTransition, NotAllowed
from tests.disclosure.conftest import YES, draft, passed, published, submitted

S = Document.Status
pytestmark = pytest.mark.django_db


def test_officer_drafts_into_own_unit(officer, news_column):
    document = draft(officer, news_column)
    assert document.status == S.DRAFT
    assert document.organization == officer.organization
    assert document.history.get().action == "create"


def test_submit_moves_draft_to_first_review_with_a_ten_workday_clock(officer, news_column):
    document = submitted(officer, news_column)
    assert document.status == S.PENDING_FIRST
    assert document.review_round == 1
    assert document.review_due_on is not None and document.level_due_on <= document.review_due_on
    assert document.history.last().action == "submit"


def test_full_path_publishes_with_index_number(officer, reviewer, leader, office_staff, news_column):
    document = submitted(officer, news_column)
    document = passed(document, reviewer)
    assert document.status == S.PENDING_SECOND
    document = passed(document, leader)
    assert document.status == S.PENDING_FINAL
    document = passed(document, office_staff)
    assert document.status == S.PUBLISHED
    assert document.index_number.startswith(f"{officer.organization.code}/")
    assert document.published_at and document.published_by == office_staff
    levels = list(document.history.filter(action="review").values_list("level", "decision"))
    assert levels == [("first", "pass"), ("second", "pass"), ("final", "pass")]


@pytest.mark.parametrize("level", [0, 1, 2])
@pytest.mark.parametrize("decision,state", [("return", S.RETURNED), ("reject", S.REJECTED)])
def test_any_review_level_can_return_or_reject(
    officer, reviewer, leader, office_staff, news_column, level, decision, state
):
    document = passed(submitted(officer, news_column), *[reviewer, leader][:level])
    actor = [reviewer, leader, office_staff][level]
    document = services.review(document, actor=actor, decision=decision, checklist=YES, opinion="表述不准确。")
    assert document.status == state
    row = document.history.last()
    assert (row.decision, row.opinion, row.checklist) == (decision, "表述不准确。", YES)


def test_returned_item_can_be_resubmitted_as_a_new_round(officer, reviewer, news_column):
    document = submitted(officer, news_column)
    document = services.review(document, actor=reviewer, decision="return", checklist=YES, opinion="补充附件。")
    document = services.submit(document, actor=officer)
    assert (document.status, document.review_round) == (S.PENDING_FIRST, 2)


def test_return_and_reject_need_an_opinion(officer, reviewer, news_column):
    document = submitted(officer, news_column)
    with pytest.raises(DomainError, match="审核意见"):
        services.review(document, actor=reviewer, decision="return", checklist=YES, opinion=" ")


def test_rejected_is_final(officer, reviewer, news_column):
    document = submitted(officer, news_column)
    document = services.review(document, actor=reviewer, decision="reject", checklist=YES, opinion="不宜公开。")
    with pytest.raises(InvalidTransition):
        services.submit(document, actor=officer)
    with pytest.raises(InvalidTransition):
        services.update_document(document, actor=officer, title="新标题")
    with pytest.raises(InvalidTransition):
        services.review(document, actor=reviewer, decision="pass", checklist=YES)


@pytest.mark.parametrize("state_builder", ["draft", "published", "withdrawn"])
def test_review_outside_review_states_is_an_invalid_transition(
    officer, reviewer, leader, office_staff, news_column, state_builder
):
    if state_builder == "draft":
        document = draft(officer, news_column)
    else:
        document = published(officer, reviewer, leader, office_staff, news_column)
        if state_builder == "withdrawn":
            document = services.withdraw(document, actor=office_staff, reason="内容已过时效")
    with pytest.raises(InvalidTransition):
        services.review(document, actor=office_staff, decision="pass", checklist=YES)


def test_cannot_submit_twice(officer, news_column):
    document = submitted(officer, news_column)
    with pytest.raises(InvalidTransition):
        services.submit(document, actor=officer)


def test_submit_requires_catalogue_metadata(officer, catalogue_column):
    document = services.create_document(
        actor=officer, column=catalogue_column, title="关于印发某办法的通知", body="<p>正文</p>"
    )
    with pytest.raises(DomainError, match="主题分类"):
        services.submit(document, actor=officer)


def test_withdraw_needs_office_staff_and_a_reason(officer, reviewer, leader, office_staff, news_column):
    document = published(officer, reviewer, leader, office_staff, news_column)
    with pytest.raises(NotAllowed):
        services.withdraw(document, actor=leader, reason="不再适用")
    with pytest.raises(DomainError):
        services.withdraw(document, actor=office_staff, reason="")
    document = services.withdraw(document, actor=office_staff, reason="文件已被新文件替代")
    assert document.status == S.WITHDRAWN and document.withdraw_reason == "文件已被新文件替代"
    assert document.index_number  # the row and its 索引号 stay
    with pytest.raises(InvalidTransition):
        services.withdraw(document, actor=office_staff, reason="再次撤回")


def test_withdraw_only_from_published(officer, news_column, office_staff):
    with pytest.raises(InvalidTransition):
        services.withdraw(submitted(officer, news_column), actor=office_staff, reason="测试撤回")


# --- Who may review


def test_officer_cannot_review_own_submission(officer, reviewer, news_column):
    from portal.models import User

    officer.groups.add(*reviewer.groups.all())  # the officer is also a unit reviewer
    officer = User.objects.get(pk=officer.pk)
    document = submitted(officer, news_column)
    with pytest.raises(NotAllowed, match="本人起草、报送"):
        services.review(document, actor=officer, decision="pass", checklist=YES)


def test_office_staff_cannot_pass_a_draft_they_wrote_for_a_unit(
    officer, reviewer, leader, office_staff, second_office_staff, news_column, township
):
    """Office staff may draft for any unit; when the unit's officer submits it, the drafter still may not 终审 it."""
    document = services.create_document(
        actor=office_staff, column=news_column, title="关于做好冬季供暖保障工作的通知", organization=township,
        body="<p>各村（社区）要做好供暖保障工作。</p>",
    )  # fmt: skip
    document = passed(services.submit(document, actor=officer), reviewer, leader)
    with pytest.raises(NotAllowed, match="本人起草"):
        services.review(document, actor=office_staff, decision="pass", checklist=YES)
    assert passed(document, second_office_staff).status == S.PUBLISHED


def test_nobody_passes_two_levels_of_one_item(officer, reviewer, news_column, township):
    from portal.models import Role
    from tests.conftest import make_user

    both = make_user("both", township, Role.REVIEWER, Role.LEADER, is_principal_leader=True)
    document = passed(submitted(officer, news_column), both)
    with pytest.raises(NotAllowed, match="只能通过一个审核级别"):
        services.review(document, actor=both, decision="pass", checklist=YES)


def test_a_new_round_lets_reviewers_review_again(officer, reviewer, leader, news_column):
    document = passed(submitted(officer, news_column), reviewer)
    document = services.review(document, actor=leader, decision="return", checklist=YES, opinion="请修改标题。")
    document = services.submit(document, actor=officer)
    document = passed(document, reviewer, leader)
    assert document.status == S.PENDING_FINAL


def test_first_review_needs_a_reviewer_of_the_same_unit(officer, outsider, leader, news_column):
    document = submitted(officer, news_column)
    for actor in (outsider, leader):
        with pytest.raises(NotAllowed, match="初审"):
            services.review(document, actor=actor, decision="pass", checklist=YES)


def test_second_review_needs_a_leader_of_the_same_unit(officer, reviewer, second_reviewer, outsider, news_column):
    document = passed(submitted(officer, news_column), reviewer)
    for actor in (second_reviewer, outsider):
        with pytest.raises(NotAllowed, match="复审"):
            services.review(document, actor=actor, decision="pass", checklist=YES)


def test_important_item_needs_the_principal_leader(officer, reviewer, deputy_leader, leader, news_column):
    document = passed(submitted(officer, news_column, is_important=True), reviewer)
    with pytest.raises(NotAllowed, match="主要领导"):
        services.review(document, actor=deputy_leader, decision="pass", checklist=YES)
    assert passed(document, leader).status == S.PENDING_FINAL


def test_ordinary_item_any_unit_leader_may_pass(officer, reviewer, deputy_leader, news_column):
    document = passed(submitted(officer, news_column), reviewer, deputy_leader)
    assert document.status == S.PENDING_FINAL


def test_final_review_needs_office_staff(officer, reviewer, leader, outsider, news_column):
    document = passed(submitted(officer, news_column), reviewer, leader)
    for actor in (leader, outsider, officer):
        with pytest.raises(NotAllowed, match="终审"):
            services.review(document, actor=actor, decision="pass", checklist=YES)


def test_checklist_must_be_answered_and_all_yes_to_pass(officer, reviewer, news_column):
    document = submitted(officer, news_column)
    with pytest.raises(DomainError, match="逐项"):
        services.review(document, actor=reviewer, decision="pass", checklist={"no_state_secret": True})
    with pytest.raises(DomainError, match="不涉及个人隐私"):
        services.review(document, actor=reviewer, decision="pass", checklist={**YES, "no_privacy": False})
    document = services.review(
        document, actor=reviewer, decision="return", checklist={**YES, "no_privacy": False}, opinion="含身份证号"
    )
    assert document.history.last().checklist["no_privacy"] is False


# --- Editing


def test_editing_a_submitted_item_sends_it_back_to_first_review(officer, reviewer, leader, news_column):
    document = passed(submitted(officer, news_column), reviewer)
    assert document.status == S.PENDING_SECOND
    document = services.update_document(document, actor=officer, title="关于开展城乡环境卫生整治工作的通知")
    assert (document.status, document.review_round) == (S.PENDING_FIRST, 2)
    assert document.history.last().action == "edit"
    assert passed(document, reviewer).status == S.PENDING_SECOND


def test_reviewer_who_edits_cannot_then_review_that_round(officer, reviewer, second_reviewer, news_column):
    document = submitted(officer, news_column)
    document = services.update_document(document, actor=reviewer, body="<p>修订后的正文。</p>")
    with pytest.raises(NotAllowed, match="本人起草、报送或修改"):
        services.review(document, actor=reviewer, decision="pass", checklist=YES)
    assert passed(document, second_reviewer).status == S.PENDING_SECOND


def test_unchanged_edit_keeps_the_state(officer, reviewer, news_column):
    document = passed(submitted(officer, news_column), reviewer)
    document = services.update_document(document, actor=officer, title=document.title)
    assert document.status == S.PENDING_SECOND


def test_outsider_cannot_edit(officer, outsider, news_column):
    with pytest.raises(NotAllowed):
        services.update_document(draft(officer, news_column), actor=outsider, title="改")


def test_published_item_cannot_be_edited(officer, reviewer, leader, office_staff, news_column):
    document = published(officer, reviewer, leader, office_staff, news_column)
    with pytest.raises(InvalidTransition):
        services.update_document(document, actor=office_staff, title="改")


def test_column_must_allow_the_unit_kind(officer):
    from disclosure.models import Column

    with pytest.raises(NotAllowed, match="部门动态"):
        draft(officer, Column.objects.get(slug="bmdt"))
    with pytest.raises(DomainError, match="下级栏目"):
        draft(officer, Column.objects.get(slug="fdzdgk"))


def test_doc_number_shape_is_checked(officer, catalogue_column):
    with pytest.raises(DomainError, match="文号"):
        draft(officer, catalogue_column, doc_number="城政发(2026)3号")
    assert draft(officer, catalogue_column, doc_number="城政发〔2026〕3号").doc_number == "城政发〔2026〕3号"


# --- Policy interpretation links


def test_interpretation_links_to_its_policy_and_back(officer, reviewer, leader, office_staff, catalogue_column):
    from disclosure.models import Column

    policy = published(officer, reviewer, leader, office_staff, catalogue_column)
    reading = published(
        officer, reviewer, leader, office_staff, Column.objects.get(slug="zcjd"), title="图解：环境卫生整治通知",
        interprets=policy,
    )  # fmt: skip
    assert list(policy.interpretations.all()) == [reading]


def test_interpretation_link_only_from_interpretation_column(officer, reviewer, leader, office_staff, catalogue_column):
    policy = published(officer, reviewer, leader, office_staff, catalogue_column)
    with pytest.raises(DomainError, match="政策解读"):
        draft(officer, catalogue_column, interprets=policy)


def test_interpretation_must_point_at_a_live_policy(officer, reviewer, leader, office_staff, catalogue_column):
    """A policy still in review may get its 解读 (they go up together); a refused one, or a 解读, may not."""
    from disclosure.models import Column

    interpretation_column = Column.objects.get(slug="zcjd")
    refused = services.review(submitted(officer, catalogue_column, title="不予出台的文件"), actor=reviewer,
                              decision="reject", checklist=YES, opinion="不予出台。")  # fmt: skip
    with pytest.raises(DomainError, match="被解读的政策文件须是"):
        draft(officer, interpretation_column, title="解读：不予发布的文件", interprets=refused)
    policy = published(officer, reviewer, leader, office_staff, catalogue_column, title="关于印发某办法的通知")
    reading = published(
        officer, reviewer, leader, office_staff, interpretation_column, title="解读一", interprets=policy
    )
    with pytest.raises(DomainError, match="被解读的政策文件须是"):
        draft(officer, interpretation_column, title="解读的解读", interprets=reading)


# --- Timeliness and validity


def test_publishing_late_is_flagged(officer, reviewer, leader, office_staff, catalogue_column):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    import time_machine

    with time_machine.travel(datetime(2026, 11, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        late = published(officer, reviewer, leader, office_staff, catalogue_column, written_date=date(2026, 9, 1))
        timely = published(officer, reviewer, leader, office_staff, catalogue_column, written_date=date(2026, 11, 2))
    assert late.published_late is True
    assert timely.published_late is False


def test_office_staff_marks_a_policy_repealed(officer, reviewer, leader, office_staff, catalogue_column):
    document = published(officer, reviewer, leader, office_staff, catalogue_column)
    with pytest.raises(DomainError):
        services.change_validity(document, actor=office_staff, validity="废止", repealed_on=None, reason="")
    document = services.change_validity(
        document, actor=office_staff, validity="废止", repealed_on=date(2026, 12, 1), reason="被新办法废止"
    )
    assert (document.validity, document.repealed_on) == ("废止", date(2026, 12, 1))
    assert document.history.last().action == "validity"


def test_history_rows_are_immutable(officer, news_column):
    row = draft(officer, news_column).history.get()
    with pytest.raises(TypeError):
        row.save()
    with pytest.raises(TypeError):
        DocumentHistory.objects.filter(pk=row.pk).update(opinion="改")
    with pytest.raises(TypeError):
        row.delete()
