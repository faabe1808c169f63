"""The buttons and the guards cannot disagree: for every persona, every state a version can be in and every action of
the table, an action ``allowed_actions`` offers succeeds through its service and one it hides is refused."""

import pytest
from django.utils import timezone

from portal.models import Role
from services_guide import services
from services_guide.models import GuideVersion
from services_guide.workflows import WORKFLOW
from tests.allowed_actions import check_offered_actions
from tests.conftest import make_user
from tests.services_guide.conftest import draft_item, review_through

pytestmark = pytest.mark.django_db
S = GuideVersion.Status

SERVICES = {
    "edit": lambda v, user: services.update_version(v, actor=user, hours="工作日全天"),
    "submit": lambda v, user: services.submit(v, actor=user),
    "pass_first": lambda v, user: services.pass_review(v, actor=user, level="first"),
    "pass_second": lambda v, user: services.pass_review(v, actor=user, level="second"),
    "approve": lambda v, user: services.approve(v, actor=user),
    "return": lambda v, user: services.return_for_changes(v, actor=user, opinion="请修改"),
    "reject": lambda v, user: services.reject(v, actor=user, opinion="不予发布"),
    "discard": lambda v, user: services.discard(v, actor=user),
    "stop": lambda v, user: services.stop(v, actor=user, reason="取消", stopped_on=timezone.localdate()),
}


def _states(officer, reviewer, leader, office_staff):
    """A fresh version in each state, built through the services; codes keep the items apart."""
    n = iter(range(100))

    def fresh():
        return draft_item(officer, code=f"QH-{next(n):03d}")

    def pending(levels):
        version = fresh()
        services.submit(version, actor=officer)
        if levels > 1:
            services.pass_review(version, actor=reviewer, level="first")
        if levels > 2:
            services.pass_review(version, actor=leader, level="second")
        return version

    def returned():
        version = pending(1)
        return services.return_for_changes(version, actor=reviewer, opinion="改")

    def published():
        return review_through(fresh(), reviewer, leader, office_staff)

    def superseded():
        version = published()
        change = services.draft_change(version.item, actor=officer)
        review_through(change, reviewer, leader, office_staff)
        version.refresh_from_db()
        return version

    def stopped():
        version = published()
        return services.stop(version, actor=office_staff, reason="取消", stopped_on=timezone.localdate())

    return {
        S.DRAFT: fresh,
        S.RETURNED: returned,
        S.PENDING_FIRST: lambda: pending(1),
        S.PENDING_SECOND: lambda: pending(2),
        S.PENDING_FINAL: lambda: pending(3),
        S.PUBLISHED: published,
        S.SUPERSEDED: superseded,
        S.STOPPED: stopped,
        S.REJECTED: lambda: services.reject(pending(1), actor=reviewer, opinion="否"),
        S.DISCARDED: lambda: services.discard(fresh(), actor=officer),
    }


def test_every_offered_action_succeeds_and_every_hidden_one_is_refused(
    officer, reviewer, leader, outsider, office_staff, township
):
    both = make_user("reviewer_leader", township, Role.REVIEWER, Role.LEADER)
    personas = {"officer": officer, "reviewer": reviewer, "leader": leader, "both": both, "outsider": outsider,
                "office": office_staff}  # fmt: skip
    builders = _states(officer, reviewer, leader, office_staff)
    assert set(builders) == set(S.values)
    assert set(SERVICES) == set(WORKFLOW.table)
    offered_somewhere = set()
    for state, build in builders.items():
        version = build()
        assert version.status == state
        load = lambda version=version: GuideVersion.objects.get(pk=version.pk)  # noqa: E731
        offered_somewhere |= check_offered_actions(WORKFLOW, load, personas, SERVICES)
    assert offered_somewhere == set(SERVICES)
