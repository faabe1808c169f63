"""The three review levels (初审 / 复审 / 终审) and the rule for who may review at each, shared by every app whose items
are reviewed like documents (信息发布审核制度: the unit's reviewer, then the unit's leader, then the county office;
nobody reviews an item they drafted, submitted or changed, and nobody passes one item at two levels)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models

# A reviewer who returns an item or refuses it says why.
OPINION_REQUIRED = "退回修改或不予发布时，请填写审核意见。"


class ReviewLevel(models.TextChoices):
    FIRST = "first", "初审"
    SECOND = "second", "复审"
    FINAL = "final", "终审"


def review_problem(
    user,
    level: str,
    organization_id: int,
    *,
    authors: Iterable[int] = (),
    passers: Iterable[int] = (),
    important: bool = False,
    noun: str = "信息",
) -> str | None:
    """Why ``user`` may not review, at ``level``, an item of the unit ``organization_id``; None when they may.

    ``authors`` are the ids of the people who drafted, submitted or changed the item (they may not review it);
    ``passers`` the ids of those who already passed it at another level of the same round."""
    same_unit = user.organization_id == organization_id
    if level == ReviewLevel.FIRST and not (user.is_unit_reviewer and same_unit):
        return "初审须由本单位的单位审核人进行。"
    if level == ReviewLevel.SECOND:
        if not (user.is_unit_leader and same_unit):
            return "复审须由本单位的单位领导进行。"
        if important and not user.is_principal_leader:
            return f"重要{noun}须由本单位主要领导复审。"
    if level == ReviewLevel.FINAL and not user.is_office_staff:
        return "终审须由县政府办公室（政务公开办）进行。"
    if user.pk in set(authors):
        return f"不能审核本人起草、报送或修改的{noun}。"
    if user.pk in set(passers):
        return f"同一{noun}在同一轮审核中，每人只能通过一个审核级别。"
    return None


def four_eyes(approver, drafter_id, refusal: str):
    """A transition's ``who`` rule for approving a draft (a reply to a citizen): whom ``approver`` lets approve, but
    never the person ``drafter_id(obj)`` names, the one who drafted it (refused with ``refusal``)."""

    def rule(user, obj) -> str | None:
        if problem := approver(user, obj):
            return problem
        return refusal if drafter_id(obj) == user.pk else None

    return rule
