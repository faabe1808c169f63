"""The review workflow of a document as a transition table: which action each person may take from which state
(三审: 初审 by the unit's reviewer, 复审 by its leader — the 主要领导 for an item marked 重要 — and 终审 by the
政务公开办, who publish). The services run every state change through ``WORKFLOW``; pages show the buttons
``WORKFLOW.allowed_actions`` gives, so a button and its guard cannot disagree."""

from __future__ import annotations

from disclosure import conf, scan
from disclosure.models import REVIEW_LEVEL_BY_STATUS, DisclosureMethod, Document, DocumentHistory
from portal import review
from portal.errors import InvalidTransition
from portal.workflow import Transition, Workflow

S = Document.Status
A = DocumentHistory.Action
Decision = DocumentHistory.Decision

# An approved 解读 waiting for its policy can still be edited: the edit sends it back to 初审 as a new round.
EDITABLE = (S.DRAFT, S.RETURNED, *REVIEW_LEVEL_BY_STATUS, S.APPROVED)
# Rows whose actor counts as an author of the round: they may not review it.
AUTHOR_ACTIONS = (A.SUBMIT, A.EDIT, A.ATTACH, A.DETACH)


# --- Who


def may_draft(user) -> bool:
    """A unit's 信息员 drafts for the unit; office staff may draft for any unit."""
    return user.is_active and bool(user.organization_id) and (user.is_officer or user.is_office_staff)


def _may_edit(user, document: Document) -> bool:
    """Drafts and returned items: the unit's officers and the drafter. Under review: the unit's officers, reviewers and
    leaders (an edit starts a new round at 初审). Office staff: any item not yet decided."""
    if not user.is_active:
        return False
    if user.is_office_staff:
        return True
    same_unit = user.organization_id == document.organization_id
    if document.status in (S.DRAFT, S.RETURNED):
        return same_unit and (user.is_officer or document.created_by_id == user.id)
    return same_unit and (user.is_officer or user.is_unit_reviewer or user.is_unit_leader)


def _editor(refusal: str):
    def rule(user, document: Document) -> str | None:
        return None if _may_edit(user, document) else refusal

    return rule


def _office(refusal: str):
    def rule(user, document: Document) -> str | None:
        return None if user.is_office_staff else refusal

    return rule


def review_problem(user, document: Document) -> str | None:
    """Why ``user`` may not review ``document`` at its current level, or None (the shared rule of portal.review: the
    drafter and whoever submitted or edited it in this round may not review it, nobody passes it at two levels).
    Reads ``document.history``, so a list page prefetches it."""
    rows = [r for r in document.history.all() if r.review_round == document.review_round]
    authors = {document.created_by_id} | {r.actor_id for r in rows if r.action in AUTHOR_ACTIONS}
    passers = {r.actor_id for r in rows if r.decision == Decision.PASS}
    return review.review_problem(
        user, document.review_level, document.organization_id, authors=authors, passers=passers,
        important=document.is_important,
    )  # fmt: skip


# --- What must be true of the document


def missing_for_submit(document: Document) -> list[str]:
    """What a document still lacks before it can go to review (empty list = complete)."""
    missing = []
    if not document.title.strip():
        missing.append("标题")
    if not document.body.strip() and not document.attachments.exists():
        missing.append("正文或附件")
    if document.column.carries_metadata:
        for field in ("topic", "genre", "written_date", "summary"):
            if not getattr(document, field):
                missing.append(Document._meta.get_field(field).verbose_name)
    if document.column.requires_doc_number and not document.doc_number.strip():
        missing.append("文号")
    if document.column.is_interpretation and not document.interprets_id:
        missing.append("解读的政策文件")
    return missing


def publication_problem(document: Document) -> str | None:
    """Why the document may not go on the site at all as it stands, or None. Only 主动公开 items are published;
    依申请公开 and 不予公开 items stay internal records (kept as drafts), given out only on application. A 规章 or
    行政规范性文件 (its column says so) needs its 文号. Checked at submission (a condition of the table), and by the
    services at every review pass, at an edit under review and at import."""
    if document.disclosure_method != DisclosureMethod.PROACTIVE:
        return (
            f"公开方式为“{document.disclosure_method}”的信息不在网站发布，只作为内部记录保存；"
            "只有主动公开的信息可以报送发布。"
        )
    if document.column.requires_doc_number and not document.doc_number.strip():
        return f"“{document.column.name}”栏目的信息须有文号才能发布，请填写文号。"
    return None


def _complete(document: Document) -> str | None:
    missing = missing_for_submit(document)
    return f"报送前请补充：{'、'.join(missing)}。" if missing else None


def _has_room(document: Document) -> str | None:
    if document.attachments.count() >= conf.MAX_ATTACHMENTS:
        return f"每条信息最多{conf.MAX_ATTACHMENTS}个附件。"
    return None


def _scan_blocks(document: Document) -> InvalidTransition | None:
    """Something to let through: a blocking finding of the scan as it stands now (the word list may have changed since
    the last scan) that no one has let through yet."""
    if document.scan_override_reason:
        return InvalidTransition("保密扫描结果已放行。")
    if not any(finding.blocking for finding in scan.scan_document(document)):
        return InvalidTransition("当前保密扫描没有阻断性问题，无需放行。")
    return None


def _has_validity(document: Document) -> str | None:
    # 有效性 is catalogue metadata: only items of the 政府信息公开目录 carry it.
    return None if document.column.carries_metadata else "只有公开目录栏目的信息有有效性。"


def _policy_published(document: Document) -> str | None:
    policy = document.interprets
    if policy is None or policy.status != S.PUBLISHED:
        return "被解读的政策文件发布后，解读随之发布。"
    return None


def _policy_refused(document: Document) -> str | None:
    policy = document.interprets
    if policy is not None and policy.status in (S.REJECTED, S.WITHDRAWN):
        return None
    return "被解读的政策文件仍可发布，解读继续等待随政策发布。"


def _unit_reviewer_or_office(refusal: str):
    def rule(user, document: Document) -> str | None:
        if not user.is_active:
            return refusal
        same_unit = user.organization_id == document.organization_id
        return (
            None if user.is_office_staff or (same_unit and (user.is_unit_reviewer or user.is_unit_leader)) else refusal
        )

    return rule


WORKFLOW = Workflow(
    model=Document,
    history=DocumentHistory,
    history_fk="document",
    row_fields=lambda document: {"review_round": document.review_round},
    transitions=[
        # An edit of an item under review sends it back to 初审 as a new round (the service's step moves it).
        Transition(A.EDIT, EDITABLE, None, who=_editor("您不能修改这条信息。")),
        Transition(
            A.SUBMIT,
            (S.DRAFT, S.RETURNED),
            S.PENDING_FIRST,
            who=_editor("您不能报送这条信息。"),
            when=(_complete, publication_problem),
        ),  # fmt: skip
        # The decision (pass to the next level or publish at 终审, return, reject) moves it.
        Transition(A.REVIEW, tuple(REVIEW_LEVEL_BY_STATUS), None, who=review_problem),
        Transition(
            A.OVERRIDE,
            (S.PENDING_FINAL,),
            None,
            who=_office("只有政务公开办人员可以放行保密扫描结果。"),
            when=(_scan_blocks,),
        ),  # fmt: skip
        # 同步发布: publishing a policy publishes the 解读 that passed 终审 while it was in review.
        Transition(
            A.PUBLISH_WITH_POLICY,
            (S.APPROVED,),
            S.PUBLISHED,
            who=_office("只有政务公开办人员可以发布信息。"),
            when=(_policy_published,),
        ),  # fmt: skip
        # A 解读 waiting for a policy that will not go up (不予发布 or withdrawn) goes back to its unit, which chooses
        # another policy or drops it; whoever refused the policy sends it back in the same transaction.
        Transition(
            A.RETURN_WITH_POLICY,
            (S.APPROVED,),
            S.RETURNED,
            who=_unit_reviewer_or_office("只有本单位审核人、单位领导或政务公开办人员可以退回这条解读。"),
            when=(_policy_refused,),
        ),  # fmt: skip
        Transition(A.WITHDRAW, (S.PUBLISHED,), S.WITHDRAWN, who=_office("只有政务公开办人员可以撤回已发布的信息。")),
        Transition(
            A.VALIDITY,
            (S.PUBLISHED,),
            None,
            who=_office("只有政务公开办人员可以变更已发布信息的有效性。"),
            when=(_has_validity,),
        ),  # fmt: skip
        Transition(A.ATTACH, EDITABLE, None, who=_editor("您不能为这条信息上传附件。"), when=(_has_room,)),
        Transition(A.DETACH, EDITABLE, None, who=_editor("您不能删除这条信息的附件。")),
    ],
)
