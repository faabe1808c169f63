"""Every state change of a document (DESIGN §6). Each function guards the from-state and the actor, changes the row,
writes the history row in the same transaction and queues side effects (search indexing) after commit.

The flow: 草稿 → 待初审 (单位审核人) → 待复审 (单位领导; a 重要 item needs the 主要领导) → 待终审 (政务公开办, who
publishes) → 已发布 → 已撤回. Any review may return the item (退回修改) or refuse it (不予发布, final). Editing an
item under review sends it back to 初审 as a new round. Within a round nobody reviews an item they submitted or
edited, and nobody passes it at two levels."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from disclosure import conf, scan
from disclosure.models import (
    REVIEW_LEVEL_BY_STATUS,
    Attachment,
    Column,
    DisclosureMethod,
    Document,
    DocumentHistory,
    IndexCounter,
    ReviewLevel,
    Validity,
    validate_doc_number,
)
from portal import workdays
from portal.errors import DomainError, InvalidTransition, NotAllowed
from portal.sanitize import clean_html
from portal.uploads import check_upload

S = Document.Status
Decision = DocumentHistory.Decision

# The confidentiality checklist every reviewer answers (seed 001 保密审查制度; DESIGN §6).
CHECKLIST = (
    ("no_state_secret", "不涉及国家秘密"),
    ("no_commercial_secret", "不涉及商业秘密"),
    ("no_privacy", "不涉及个人隐私"),
    ("accuracy_checked", "内容准确、完整，已校对"),
)

ACTION_LABELS = {
    "create": "起草",
    "edit": "修改",
    "submit": "报送审核",
    "review": "审核",
    "override": "放行保密扫描结果",
    "withdraw": "撤回",
    "import": "导入发布",
    "attach": "上传附件",
    "detach": "删除附件",
    "validity": "变更有效性",
}

EDITABLE_FIELDS = (
    "title", "column", "body", "summary", "keywords", "source", "cover_image", "doc_number", "written_date",
    "topic", "genre", "disclosure_method", "validity", "repealed_on", "is_important", "interprets",
)  # fmt: skip
NEXT_STATUS = {ReviewLevel.FIRST: S.PENDING_SECOND, ReviewLevel.SECOND: S.PENDING_FINAL}
LEVEL_STATUS = {level: status for status, level in REVIEW_LEVEL_BY_STATUS.items()}
# Rows whose actor counts as an author of the round: they may not review it.
AUTHOR_ACTIONS = ("submit", "edit", "attach", "detach")


@dataclass(frozen=True)
class ScanSummary:
    findings: list[dict]
    blocking: bool


# --- Helpers


def _now():
    return timezone.now()


def _record(document: Document, actor, action: str, from_state: str, **fields) -> DocumentHistory:
    return DocumentHistory.objects.create(
        document=document,
        actor=actor,
        action=action,
        from_state=from_state,
        to_state=document.status,
        review_round=document.review_round,
        **fields,
    )


def _locked(document: Document) -> Document:
    """Re-read the row under a lock: two reviewers pressing at once must not both move it."""
    return Document.objects.select_for_update().get(pk=document.pk)


def _queue_index(document_id: int) -> None:
    """After commit, index the document if it is public, else remove it: one search task serves every kind."""
    from portal.workflow import after_commit
    from search.tasks import index_object

    after_commit(index_object, "disclosure.document", document_id)


def _queue_unindex(document_id: int) -> None:
    _queue_index(document_id)  # index_object removes a document that is no longer public


def check_column(column: Column, organization) -> None:
    if not column.accepts_documents:
        raise DomainError(f"栏目“{column.name}”不能直接发布信息，请选择它的下级栏目。")
    if not column.allows_unit(organization):
        raise NotAllowed(f"“{organization.display_name}”不能在栏目“{column.name}”中发布信息。")


def _check_fields(document: Document) -> None:
    try:
        validate_doc_number(document.doc_number)
    except ValidationError as exc:
        raise DomainError(exc.messages[0]) from exc
    if document.validity != Validity.VALID and not document.repealed_on:
        raise DomainError("有效性为失效或废止时，请填写失效/废止日期。")
    if document.interprets_id and not document.column.is_interpretation:
        raise DomainError("只有政策解读栏目的信息可以关联被解读的政策文件。")
    if document.interprets_id == document.pk and document.pk:
        raise DomainError("政策解读不能关联自身。")
    if document.interprets_id:
        policy = document.interprets
        if policy.status != S.PUBLISHED or not policy.column.carries_metadata or policy.column.is_interpretation:
            raise DomainError("被解读的政策文件须是已发布的政策文件（不能是政策解读本身）。")


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
    行政规范性文件 (its column says so) needs its 文号."""
    if document.disclosure_method != DisclosureMethod.PROACTIVE:
        return (
            f"公开方式为“{document.disclosure_method}”的信息不在网站发布，只作为内部记录保存；"
            "只有主动公开的信息可以报送发布。"
        )
    if document.column.requires_doc_number and not document.doc_number.strip():
        return f"“{document.column.name}”栏目的信息须有文号才能发布，请填写文号。"
    return None


def _check_publishable(document: Document) -> None:
    problem = publication_problem(document)
    if problem:
        raise DomainError(problem)


# --- Who may do what (the views use these to show only the actions that will work).


def may_edit(user, document: Document) -> bool:
    if not user.is_active:
        return False
    if user.is_office_staff:
        return True
    same_unit = user.organization_id == document.organization_id
    if document.status in (S.DRAFT, S.RETURNED):
        return same_unit and (user.is_officer or document.created_by_id == user.id)
    if document.is_in_review:
        return same_unit and (user.is_officer or user.is_unit_reviewer or user.is_unit_leader)
    return False


def may_draft(user) -> bool:
    return user.is_active and bool(user.organization_id) and (user.is_officer or user.is_office_staff)


def review_problem(user, document: Document, round_rows: list[DocumentHistory] | None = None) -> str | None:
    """Why ``user`` may not review ``document`` at its current level now, or None when they may."""
    level = document.review_level
    if not level:
        return f"该信息当前状态为“{document.get_status_display()}”，不在审核中。"
    same_unit = user.organization_id == document.organization_id
    if level == ReviewLevel.FIRST and not (user.is_unit_reviewer and same_unit):
        return "初审须由本单位的单位审核人进行。"
    if level == ReviewLevel.SECOND:
        if not (user.is_unit_leader and same_unit):
            return "复审须由本单位的单位领导进行。"
        if document.is_important and not user.is_principal_leader:
            return "重要信息须由本单位主要领导复审。"
    if level == ReviewLevel.FINAL and not user.is_office_staff:
        return "终审须由县政府办公室（政务公开办）进行。"
    if round_rows is None:
        round_rows = list(document.history.filter(review_round=document.review_round))
    mine = [r for r in round_rows if r.actor_id == user.pk]
    if document.created_by_id == user.pk or any(r.action in AUTHOR_ACTIONS for r in mine):
        return "不能审核本人起草、报送或修改的信息。"
    if any(r.decision == Decision.PASS for r in mine):
        return "同一信息在同一轮审核中，每人只能通过一个审核级别。"
    return None


# --- Scan and deadlines


def rescan(document: Document) -> ScanSummary:
    findings = [f.as_dict() for f in scan.scan_document(document)]
    document.scan_findings = findings
    document.scan_blocking = any(f["blocking"] for f in findings)
    return ScanSummary(findings, document.scan_blocking)


def _enter_level(document: Document, level: str, at) -> None:
    document.level_started_at = at
    document.level_due_on = level_due_on(document, level)


def level_due_on(document: Document, level: str) -> date | None:
    if not document.level_started_at:
        return None
    due = workdays.add_workdays(document.level_started_at, conf.LEVEL_WORKDAYS[level])
    return min(due, document.review_due_on) if document.review_due_on else due


def recompute_due_dates(changed_dates: list[date]) -> int:
    """Calendar hook (portal.workdays.register_recompute): recompute the clocks of every item under review."""
    updated = 0
    for document in Document.objects.filter(status__in=list(REVIEW_LEVEL_BY_STATUS)).exclude(submitted_at=None):
        before = (document.review_due_on, document.level_due_on)
        document.review_due_on = workdays.add_workdays(document.submitted_at, conf.CONFIDENTIALITY_REVIEW_WORKDAYS)
        document.level_due_on = level_due_on(document, document.review_level)
        if (document.review_due_on, document.level_due_on) != before:
            document.save(update_fields=["review_due_on", "level_due_on"])
            updated += 1
    return updated


def _start_round(document: Document, actor, action: str, from_state: str, opinion: str = "") -> None:
    """A (re)submission: a new round at 初审, a fresh 保密审查 clock and a fresh scan; any override lapses."""
    _check_publishable(document)
    now = _now()
    document.review_round += 1
    document.status = S.PENDING_FIRST
    document.submitted_by = actor
    document.submitted_at = now
    document.review_due_on = workdays.add_workdays(now, conf.CONFIDENTIALITY_REVIEW_WORKDAYS)
    _enter_level(document, ReviewLevel.FIRST, now)
    document.scan_override_reason = ""
    summary = rescan(document)
    document.save()
    _record(document, actor, action, from_state, opinion=opinion, extra={"scan": summary.findings})


# --- Drafting and editing


def _apply(document: Document, fields: dict) -> list[str]:
    changed = []
    for name, value in fields.items():
        if name not in EDITABLE_FIELDS:
            raise ValueError(f"not an editable field: {name}")
        if name == "body":
            value = clean_html(value)
        if name == "cover_image" and value is None:  # no new upload: keep the stored one ("" clears it)
            continue
        if getattr(document, name) != value:
            setattr(document, name, value)
            changed.append(name)
    if "validity" in changed and document.validity == Validity.VALID:
        document.repealed_on = None
    return changed


@transaction.atomic
def create_document(*, actor, column: Column, title: str, organization=None, **fields) -> Document:
    organization = organization or actor.organization
    if not may_draft(actor):
        raise NotAllowed("只有信息员或政务公开办人员可以起草信息。")
    if organization != actor.organization and not actor.is_office_staff:
        raise NotAllowed("只能为本单位起草信息。")
    check_column(column, organization)
    document = Document(column=column, organization=organization, title=title.strip(), created_by=actor)
    _apply(document, fields)
    _check_fields(document)
    document.save()
    _record(document, actor, "create", "")
    return document


@transaction.atomic
def update_document(document: Document, *, actor, **fields) -> Document:
    """Save edits. Editing an item under review sends it back to 初审 as a new round (DESIGN §6)."""
    document = _locked(document)
    if not document.is_editable:
        raise InvalidTransition(f"“{document.get_status_display()}”状态的信息不能修改。")
    if not may_edit(actor, document):
        raise NotAllowed("您不能修改这条信息。")
    changed = _apply(document, fields)
    if "column" in changed:
        check_column(document.column, document.organization)
    _check_fields(document)
    if not changed:
        return document
    _content_changed(document, actor, "edit", {"fields": changed})
    return document


def _content_changed(document: Document, actor, action: str, extra: dict) -> None:
    from_state = document.status
    if document.is_in_review:
        document.save()
        _start_round(document, actor, action, from_state, opinion="修改后重新进入初审")
        return
    document.save()
    _record(document, actor, action, from_state, extra=extra)


@transaction.atomic
def add_attachment(document: Document, *, actor, upload) -> Attachment:
    document = _locked(document)
    if not document.is_editable or not may_edit(actor, document):
        raise NotAllowed("您不能为这条信息上传附件。")
    if document.attachments.count() >= conf.MAX_ATTACHMENTS:
        raise DomainError(f"每条信息最多{conf.MAX_ATTACHMENTS}个附件。")
    try:
        kind = check_upload(upload, conf.ATTACHMENT_KINDS)
    except ValidationError as exc:
        raise DomainError(exc.messages[0]) from exc
    text = scan.extract_text(kind, upload)
    name = upload.name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]
    attachment = Attachment.objects.create(
        document=document, file=upload, name=name, kind=kind, size=upload.size, extracted_text=text,
        order=document.attachments.count(),
    )  # fmt: skip
    _content_changed(document, actor, "attach", {"attachment": name})
    return attachment


@transaction.atomic
def remove_attachment(attachment: Attachment, *, actor) -> None:
    document = _locked(attachment.document)
    if not document.is_editable or not may_edit(actor, document):
        raise NotAllowed("您不能删除这条信息的附件。")
    name = attachment.name
    attachment.file.delete(save=False)
    attachment.delete()
    _content_changed(document, actor, "detach", {"attachment": name})


# --- The workflow


@transaction.atomic
def submit(document: Document, *, actor) -> Document:
    document = _locked(document)
    if document.status not in (S.DRAFT, S.RETURNED):
        raise InvalidTransition(f"“{document.get_status_display()}”状态的信息不能报送。")
    if not may_edit(actor, document):
        raise NotAllowed("您不能报送这条信息。")
    missing = missing_for_submit(document)
    if missing:
        raise DomainError(f"报送前请补充：{'、'.join(missing)}。")
    _start_round(document, actor, "submit", document.status)
    return document


def check_checklist(checklist: dict, decision: str) -> dict:
    answers = {key: checklist.get(key) for key, _ in CHECKLIST}
    if any(not isinstance(v, bool) for v in answers.values()):
        raise DomainError("请逐项回答保密审查清单。")
    if decision == Decision.PASS and not all(answers.values()):
        failed = "、".join(label for key, label in CHECKLIST if not answers[key])
        raise DomainError(f"保密审查清单中“{failed}”未确认，不能审核通过；请退回修改或不予发布。")
    return answers


@transaction.atomic
def review(document: Document, *, actor, decision: str, checklist: dict, opinion: str = "") -> Document:
    """One review decision at the document's current level; passing 终审 publishes it."""
    document = _locked(document)
    level = document.review_level
    problem = review_problem(actor, document)
    if problem:
        raise (InvalidTransition if not level else NotAllowed)(problem)
    if decision not in Decision.values:
        raise DomainError("请选择审核结论。")
    answers = check_checklist(checklist, decision)
    if decision == Decision.PASS:
        _check_publishable(document)
    opinion = opinion.strip()
    if decision != Decision.PASS and not opinion:
        raise DomainError("退回修改或不予发布时，请填写审核意见。")
    summary = rescan(document)
    blocked = summary.blocking and not document.scan_override_reason
    if decision == Decision.PASS and level == ReviewLevel.FINAL and blocked:
        raise InvalidTransition("保密扫描发现阻断性问题：请退回修改（非密处理）后重新报送，或填写理由放行后再终审。")
    from_state = document.status
    extra: dict = {"scan": summary.findings}
    if decision == Decision.RETURN:
        document.status = S.RETURNED
    elif decision == Decision.REJECT:
        document.status = S.REJECTED
    elif level == ReviewLevel.FINAL:
        extra["index_number"] = _publish(document, actor)
    else:
        document.status = NEXT_STATUS[level]
        _enter_level(document, REVIEW_LEVEL_BY_STATUS[document.status], _now())
    if document.status in (S.RETURNED, S.REJECTED):
        document.level_due_on = document.level_started_at = None
    document.save()
    _record(document, actor, "review", from_state, level=level, decision=decision, opinion=opinion,
            checklist=answers, extra=extra)  # fmt: skip
    return document


def publish(document: Document, *, actor, checklist: dict, opinion: str = "") -> Document:
    """终审 and publish: the office's pass at the final level."""
    return review(document, actor=actor, decision=Decision.PASS, checklist=checklist, opinion=opinion)


def next_index_number(organization, on: date) -> str:
    """The next 索引号 ``{code}/{year}-{serial:05d}``: gapless per unit and year because the counter row is locked
    until the publishing transaction ends, and rolled back with it if publishing fails (REFERENCE §4)."""
    IndexCounter.objects.bulk_create([IndexCounter(organization=organization, year=on.year)], ignore_conflicts=True)
    counter = IndexCounter.objects.select_for_update().get(organization=organization, year=on.year)
    counter.last_serial += 1
    counter.save(update_fields=["last_serial"])
    return f"{organization.code}/{on.year}-{counter.last_serial:05d}"


def _publish(document: Document, actor) -> str:
    now = _now()
    document.status = S.PUBLISHED
    document.published_at = now
    document.published_by = actor
    if not document.index_number:  # 索引号 never changes once given
        document.index_number = next_index_number(document.organization, timezone.localdate(now))
    document.published_late = is_late(document.written_date, now)
    document.level_due_on = document.level_started_at = None
    _queue_index(document.pk)
    return document.index_number


def is_late(written_date: date | None, published_at) -> bool:
    """条例 Art. 26: proactive disclosure within 20 working days of the information being formed."""
    if not written_date:
        return False
    limit = workdays.add_workdays(written_date, conf.PROACTIVE_DISCLOSURE_WORKDAYS)
    return workdays.to_local_date(published_at) > limit


@transaction.atomic
def override_scan(document: Document, *, actor, reason: str) -> Document:
    """Office staff let a blocking scan finding through, with a written reason kept in the history."""
    document = _locked(document)
    if not actor.is_office_staff:
        raise NotAllowed("只有政务公开办人员可以放行保密扫描结果。")
    if document.status != S.PENDING_FINAL:
        raise InvalidTransition("只有待终审的信息可以放行保密扫描结果。")
    reason = reason.strip()
    if len(reason) < 5:
        raise DomainError("请填写放行理由（不少于5个字）。")
    summary = rescan(document)
    if not summary.blocking:
        raise InvalidTransition("当前保密扫描没有阻断性问题，无需放行。")
    document.scan_override_reason = reason
    document.save()
    _record(document, actor, "override", document.status, opinion=reason, extra={"scan": summary.findings})
    return document


@transaction.atomic
def withdraw(document: Document, *, actor, reason: str) -> Document:
    document = _locked(document)
    if not actor.is_office_staff:
        raise NotAllowed("只有政务公开办人员可以撤回已发布的信息。")
    if document.status != S.PUBLISHED:
        raise InvalidTransition(f"“{document.get_status_display()}”状态的信息不能撤回。")
    reason = reason.strip()
    if not reason:
        raise DomainError("请填写撤回理由。")
    document.status = S.WITHDRAWN
    document.withdrawn_at = _now()
    document.withdraw_reason = reason
    document.save()
    _record(document, actor, "withdraw", S.PUBLISHED, opinion=reason)
    _queue_unindex(document.pk)
    return document


@transaction.atomic
def change_validity(document: Document, *, actor, validity: str, repealed_on: date | None, reason: str) -> Document:
    """Mark a published policy 失效 or 废止 (or valid again); its page shows the mark, the row stays."""
    document = _locked(document)
    if not actor.is_office_staff:
        raise NotAllowed("只有政务公开办人员可以变更已发布信息的有效性。")
    if document.status != S.PUBLISHED:
        raise InvalidTransition("只有已发布的信息可以变更有效性。")
    if validity not in Validity.values:
        raise DomainError("请选择有效性。")
    if validity != Validity.VALID and not repealed_on:
        raise DomainError("请填写失效/废止日期。")
    before = document.validity
    document.validity = validity
    document.repealed_on = None if validity == Validity.VALID else repealed_on
    document.save(update_fields=["validity", "repealed_on", "updated_at"])
    _record(document, actor, "validity", document.status, opinion=reason.strip(),
            extra={"from": before, "to": validity, "repealed_on": str(document.repealed_on or "")})  # fmt: skip
    _queue_index(document.pk)
    return document


@transaction.atomic
def import_document(*, actor, column: Column, organization, title: str, source_name: str = "", **fields) -> Document:
    """Publish an item carried over from the old site (the import command): it gets its 索引号, a history row
    marked as an import, and is indexed, like any other published item; it skips the review it had there."""
    if not actor.is_office_staff:
        raise NotAllowed("只有政务公开办人员可以导入信息。")
    check_column(column, organization)
    document = Document(column=column, organization=organization, title=title.strip()[:200], created_by=actor)
    _apply(document, fields)
    _check_fields(document)
    _check_publishable(document)
    document.save()
    index_number = _publish(document, actor)
    document.save()
    _record(document, actor, "import", "", extra={"source_file": source_name, "index_number": index_number})
    return document
