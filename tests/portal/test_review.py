"""The shared review rules (portal.review): who may review at each level, and four eyes on approving a draft. The
apps' own tests run them through their tables; here the rules themselves."""

from types import SimpleNamespace

import pytest

from portal.models import Role
from portal.review import ReviewLevel, four_eyes, review_problem
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_each_level_has_its_reviewer_and_nobody_reviews_their_own_work(
    township, officer, reviewer, leader, office_staff
):
    assert review_problem(reviewer, ReviewLevel.FIRST, township.pk) is None
    assert review_problem(leader, ReviewLevel.FIRST, township.pk) == "初审须由本单位的单位审核人进行。"
    assert review_problem(leader, ReviewLevel.SECOND, township.pk) is None
    assert review_problem(office_staff, ReviewLevel.FINAL, township.pk) is None
    assert review_problem(reviewer, ReviewLevel.FIRST, township.pk, authors=[reviewer.pk]) == (
        "不能审核本人起草、报送或修改的信息。"
    )
    assert review_problem(office_staff, ReviewLevel.FINAL, township.pk, passers=[office_staff.pk], noun="办事指南") == (
        "同一办事指南在同一轮审核中，每人只能通过一个审核级别。"
    )
    deputy = make_user("deputy", township, Role.LEADER)
    assert review_problem(deputy, ReviewLevel.SECOND, township.pk, important=True) == "重要信息须由本单位主要领导复审。"


def test_four_eyes_lets_the_approver_rule_decide_and_turns_the_drafter_away(officer, office_staff, office):
    colleague = make_user("colleague", office, Role.OFFICE)
    rule = four_eyes(
        lambda user, obj: None if user.is_office_staff else "只有政务公开办可以审核。",
        lambda obj: obj.drafted_by,
        "不能审核本人拟写的答复。",
    )
    draft = SimpleNamespace(drafted_by=office_staff.pk)
    assert rule(officer, draft) == "只有政务公开办可以审核。"
    assert rule(office_staff, draft) == "不能审核本人拟写的答复。"
    assert rule(colleague, draft) is None
