"""Every state change of a document. Each function validates its input and runs the change through the transition
table (disclosure.workflows.WORKFLOW): the row is locked, the table checked, the row changed and the history row
written in one transaction, and side effects (search indexing) queued after commit.

The flow: 草稿 → 待初审 (单位审核人) → 待复审 (单位领导; a 重要 item needs the 主要领导) → 待终审 (政务公开办, who
publish) → 已发布 → 已撤回. Any review may return the item (退回修改) or refuse it (不予发布, final). Editing an item
under review sends it back to 初审 as a new round."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from disclosure import conf, scan
from disclosure.models import (
    CHECKLIST,
    REVIEW_LEVEL_BY_STATUS,
    Attachment,
    Column,
    Document,
    DocumentHistory,
    IndexCounter,
    ReviewLevel,
    Validity,
    validate_doc_number,
)
from disclosure.workflows import WORKFLOW, may_draft, publication_problem
from portal import workdays
from portal.errors import DomainError, InvalidTransition, NotAllowed, require_text
from portal.review import OPINION_REQUIRED
from portal.sanitize import clean_html
from portal.uploads import check_upload
from portal.workflow import UNCHANGED, Outcome, after_commit
from search.tasks import index_object

S = Document.Status
A = DocumentHistory.Action
Decision = DocumentHistory.Decision

EDITABLE_FIELDS = (
    "title", "column", "body", "summary", "keywords", "source", "cover_image", "doc_number", "written_date",
    "topic", "genre", "disclosure_method", "validity", "repealed_on", "is_important", "interprets",
    "interpretation_kind", "interpretation_plan",
)  # fmt: skip
NEXT_STATUS = {ReviewLevel.FIRST: S.PENDING_SECOND, ReviewLevel.SECOND: S.PENDING_FINAL}


@dataclass(frozen=True)
class ScanSummary:
    findings: list[dict]
    blocking: bool


def queue_index(document: Document) -> None:
    """After commit, index the document if it is public, else remove it: one search task serves every kind."""
    after_commit(index_object, "disclosure.document", document.pk)


def _check_publishable(document: Document) -> None:
    problem = publication_problem(document)
    if problem:
        raise DomainError(problem)


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
        _check_policy(document, document.interprets)


# States of a policy a 解读 may be drafted against: 政策解读制度 二 has the 解读方案 and material drafted with the
# policy, so a policy still being drafted or reviewed counts as well as a published one.
INTERPRETABLE_STATES = (S.DRAFT, S.RETURNED, *REVIEW_LEVEL_BY_STATUS, S.PUBLISHED)


def _check_policy(document: Document, policy: Document) -> None:
    if (
        not policy.column.carries_metadata
        or policy.column.is_interpretation
        or policy.status not in INTERPRETABLE_STATES
    ):
        raise DomainError("被解读的政策文件须是公开目录中已发布或正在起草、审核的政策文件（不能是政策解读本身）。")
    # 谁起草、谁解读: a policy not yet published is visible to its own unit only, and that unit writes its 解读.
    if policy.status != S.PUBLISHED and policy.organization_id != document.organization_id:
        raise DomainError("尚未发布的政策文件只能由起草单位配发解读。")


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
    return updated + _recompute_interpretation_clocks()


def _recompute_interpretation_clocks() -> int:
    """The 3-working-day 解读 clock of each published policy still without a 解读 (a calendar edit can move it)."""
    has_one = Document.objects.published().filter(interprets=OuterRef("pk"))
    waiting = Document.objects.published().filter(interpretation_due_on__isnull=False).exclude(Exists(has_one))
    updated = 0
    for policy in waiting.only("pk", "published_at", "interpretation_due_on"):
        due = workdays.add_workdays(policy.published_at, conf.INTERPRETATION_WORKDAYS)
        if due != policy.interpretation_due_on:
            Document.objects.filter(pk=policy.pk).update(interpretation_due_on=due)
            updated += 1
    return updated


def _start_round(document: Document, actor) -> dict:
    """A (re)submission: a new round at 初审, a fresh 保密审查 clock and a fresh scan; any override lapses. Only an
    item that may be published enters the review (an edit under review that makes it unpublishable is refused)."""
    _check_publishable(document)
    now = timezone.now()
    document.review_round += 1
    document.status = S.PENDING_FIRST
    document.submitted_by = actor
    document.submitted_at = now
    document.review_due_on = workdays.add_workdays(now, conf.CONFIDENTIALITY_REVIEW_WORKDAYS)
    _enter_level(document, ReviewLevel.FIRST, now)
    document.scan_override_reason = ""
    return {"scan": rescan(document).findings}


# --- Drafting and editing


def _set_also_listed(document: Document, columns) -> bool:
    """List the document in other columns as well (no second copy); each must accept the unit's documents."""
    columns = [c for c in columns or [] if c.pk != document.column_id]
    for column in columns:
        check_column(column, document.organization)
    wanted = {c.pk for c in columns}
    if wanted == set(document.also_listed_in.values_list("pk", flat=True)):
        return False
    document.also_listed_in.set(columns)
    return True


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
    also_listed_in = fields.pop("also_listed_in", None)
    _apply(document, fields)
    _check_fields(document)
    document.save()
    _set_also_listed(document, also_listed_in)
    WORKFLOW.record(document, A.CREATE, actor=actor, from_state="")
    return document


def update_document(document: Document, *, actor, **fields) -> Document:
    """Save edits. Editing an item under review sends it back to 初审 as a new round."""

    also_listed_in = fields.pop("also_listed_in", None)

    def step(document: Document):
        changed = _apply(document, fields)
        if "column" in changed:
            check_column(document.column, document.organization)
        _check_fields(document)
        if also_listed_in is not None and _set_also_listed(document, also_listed_in):
            changed.append("also_listed_in")
        if not changed:
            return UNCHANGED
        return _content_changed(document, actor, {"fields": changed})

    return WORKFLOW.run(document, A.EDIT, actor=actor, step=step)


def _content_changed(document: Document, actor, extra: dict) -> Outcome:
    """An edit, or an attachment added or removed: under review, the item starts a new round at 初审."""
    if document.is_in_review or document.status == S.APPROVED:
        return Outcome(extra={**extra, **_start_round(document, actor)}, opinion="修改后重新进入初审")
    return Outcome(extra=extra)


def add_attachment(document: Document, *, actor, upload) -> Attachment:
    added: list[Attachment] = []

    def step(document: Document) -> Outcome:
        try:
            kind = check_upload(upload, conf.ATTACHMENT_KINDS)
        except ValidationError as exc:
            raise DomainError(exc.messages[0]) from exc
        text = scan.extract_text(kind, upload)
        name = upload.name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]
        added.append(Attachment.objects.create(
            document=document, file=upload, name=name, kind=kind, size=upload.size, extracted_text=text,
            order=document.attachments.count(),
        ))  # fmt: skip
        return _content_changed(document, actor, {"attachment": name})

    WORKFLOW.run(document, A.ATTACH, actor=actor, step=step)
    return added[0]


def remove_attachment(attachment: Attachment, *, actor) -> None:
    def step(document: Document) -> Outcome:
        name = attachment.name
        attachment.file.delete(save=False)
        attachment.delete()
        return _content_changed(document, actor, {"attachment": name})

    WORKFLOW.run(attachment.document, A.DETACH, actor=actor, step=step)


# --- The review


def submit(document: Document, *, actor) -> Document:
    return WORKFLOW.run(document, A.SUBMIT, actor=actor, step=lambda document: _start_round(document, actor))


def check_checklist(checklist: dict, decision: str) -> dict:
    answers = {key: checklist.get(key) for key, _ in CHECKLIST}
    if any(not isinstance(v, bool) for v in answers.values()):
        raise DomainError("请逐项回答保密审查清单。")
    if decision == Decision.PASS and not all(answers.values()):
        failed = "、".join(label for key, label in CHECKLIST if not answers[key])
        raise DomainError(f"保密审查清单中“{failed}”未确认，不能审核通过；请退回修改或不予发布。")
    return answers


def review(document: Document, *, actor, decision: str, checklist: dict, opinion: str = "") -> Document:
    """One review decision at the document's current level; passing 终审 publishes it, and publishing a policy
    publishes the 解读 approved with it in the same transaction (同步发布): both go up or neither does. A 解读 whose
    policy is not yet published waits at 待随政策发布."""
    with transaction.atomic():
        document = _review(document, actor=actor, decision=decision, checklist=checklist, opinion=opinion)
        if document.status == S.PUBLISHED:
            publish_interpretations(document, actor=actor)
        elif document.status == S.REJECTED:
            return_interpretations(document, actor=actor)
    return document


def return_interpretations(policy: Document, *, actor) -> list[Document]:
    """Send back every 解读 approved to go up with ``policy``, which was refused (不予发布) or withdrawn: without this
    they would wait at 待随政策发布 for ever, unseen."""
    readings = policy.interpretations.filter(status=S.APPROVED).order_by("pk")
    return [return_with_policy(reading, actor=actor) for reading in readings]


def return_with_policy(reading: Document, *, actor) -> Document:
    """One approved 解读 back to its unit (退回修改) because its policy will not be published."""
    policy = reading.interprets
    fate = "已撤回" if policy is not None and policy.status == S.WITHDRAWN else "不予发布"
    opinion = f"所解读的政策文件“{policy.title if policy else ''}”{fate}，解读退回：请改为解读其他政策后重新报送，或不再发布。"

    def step(reading: Document) -> dict:
        reading.level_due_on = reading.level_started_at = None
        return {"policy": reading.interprets_id}

    return WORKFLOW.run(reading, A.RETURN_WITH_POLICY, actor=actor, opinion=opinion, step=step)


def publish_interpretations(policy: Document, *, actor) -> list[Document]:
    """Publish every approved 解读 of ``policy`` (just published) through the table, one history row each."""
    readings = policy.interpretations.filter(status=S.APPROVED).order_by("pk")
    return [publish_with_policy(reading, actor=actor) for reading in readings]


def publish_with_policy(reading: Document, *, actor) -> Document:
    """Publish one approved 解读 whose policy is published (the table refuses it while the policy is not)."""

    def step(reading: Document) -> dict:
        return {"index_number": _publish(reading, actor), "policy": reading.interprets_id}

    return WORKFLOW.run(reading, A.PUBLISH_WITH_POLICY, actor=actor, step=step)


def _review(document: Document, *, actor, decision: str, checklist: dict, opinion: str = "") -> Document:
    opinion = opinion.strip()

    def step(document: Document) -> Outcome:
        level = document.review_level
        if decision not in Decision.values:
            raise DomainError("请选择审核结论。")
        answers = check_checklist(checklist, decision)
        if decision == Decision.PASS:
            _check_publishable(document)  # an item that reached review before the rule: passing it would publish it
        if decision != Decision.PASS and not opinion:
            raise DomainError(OPINION_REQUIRED)
        summary = rescan(document)
        blocked = summary.blocking and not document.scan_override_reason
        if decision == Decision.PASS and level == ReviewLevel.FINAL and blocked:
            raise InvalidTransition(
                "保密扫描发现阻断性问题：请退回修改（非密处理）后重新报送，或填写理由放行后再终审。"
            )
        extra: dict = {"scan": summary.findings}
        if decision == Decision.RETURN:
            document.status = S.RETURNED
        elif decision == Decision.REJECT:
            document.status = S.REJECTED
        elif level == ReviewLevel.FINAL and _waits_for_policy(document):
            document.status = S.APPROVED
            document.level_due_on = document.level_started_at = None
            extra["waits_for_policy"] = document.interprets_id
        elif level == ReviewLevel.FINAL:
            extra["index_number"] = _publish(document, actor)
        else:
            document.status = NEXT_STATUS[level]
            _enter_level(document, REVIEW_LEVEL_BY_STATUS[document.status], timezone.now())
        if document.status in (S.RETURNED, S.REJECTED):
            document.level_due_on = document.level_started_at = None
        return Outcome(extra=extra, fields={"level": level, "decision": decision, "checklist": answers})

    return WORKFLOW.run(document, A.REVIEW, actor=actor, opinion=opinion, step=step)


def _waits_for_policy(document: Document) -> bool:
    """A 解读 passing 终审 before its policy is published waits for it; one whose policy was refused or withdrawn
    cannot go up at all."""
    policy = document.interprets
    if policy is None or policy.status == S.PUBLISHED:
        return False
    if policy.status not in INTERPRETABLE_STATES:
        raise DomainError(f"被解读的政策文件“{policy.title}”状态为“{policy.get_status_display()}”，解读不能发布。")
    return True


def needs_interpretation(document: Document) -> bool:
    """A policy that gets a 解读: an item of a catalogue column beside a 政策解读 column (规章、行政规范性文件 and
    其他文件 under 政策)."""
    column = document.column
    if column.is_interpretation or column.kind != Column.Kind.CATALOGUE or column.parent_id is None:
        return False
    return Column.objects.filter(parent_id=column.parent_id, is_interpretation=True).exists()


def next_index_number(organization, on: date) -> str:
    """The next 索引号 ``{unit code}/{year}-{serial:05d}``: gapless per unit and year because the counter row is
    locked until the publishing transaction ends, and rolled back with it if publishing fails; never changed once
    given."""
    IndexCounter.objects.bulk_create([IndexCounter(organization=organization, year=on.year)], ignore_conflicts=True)
    counter = IndexCounter.objects.select_for_update().get(organization=organization, year=on.year)
    counter.last_serial += 1
    counter.save(update_fields=["last_serial"])
    return f"{organization.code}/{on.year}-{counter.last_serial:05d}"


def _publish(document: Document, actor) -> str:
    now = timezone.now()
    document.status = S.PUBLISHED
    document.published_at = now
    document.published_by = actor
    if not document.index_number:  # 索引号 never changes once given
        document.index_number = next_index_number(document.organization, timezone.localdate(now))
    document.published_late = is_late(document.written_date, now)
    document.level_due_on = document.level_started_at = None
    if needs_interpretation(document) and not document.interpretation_due_on:
        document.interpretation_due_on = workdays.add_workdays(now, conf.INTERPRETATION_WORKDAYS)
    queue_index(document)
    return document.index_number


def is_late(written_date: date | None, published_at) -> bool:
    """条例 Art. 26: proactive disclosure within 20 working days of the information being formed."""
    if not written_date:
        return False
    limit = workdays.add_workdays(written_date, conf.PROACTIVE_DISCLOSURE_WORKDAYS)
    return workdays.to_local_date(published_at) > limit


def override_scan(document: Document, *, actor, reason: str) -> Document:
    """Office staff let a blocking scan finding through, with a written reason kept in the history."""
    reason = reason.strip()

    def step(document: Document) -> dict:
        if len(reason) < 5:
            raise DomainError("请填写放行理由（不少于5个字）。")
        document.scan_override_reason = reason
        return {"scan": rescan(document).findings}

    return WORKFLOW.run(document, A.OVERRIDE, actor=actor, opinion=reason, step=step)


# --- After publishing


def withdraw(document: Document, *, actor, reason: str) -> Document:
    """The page stays and says the item was withdrawn and why; the row and its 索引号 stay, the index drops it."""
    reason = reason.strip()

    def step(document: Document) -> None:
        document.withdraw_reason = require_text(reason, "请填写撤回理由。")
        document.withdrawn_at = timezone.now()
        queue_index(document)  # index_object removes a document that is no longer public

    with transaction.atomic():
        document = WORKFLOW.run(document, A.WITHDRAW, actor=actor, opinion=reason, step=step)
        return_interpretations(document, actor=actor)
    return document


def change_validity(document: Document, *, actor, validity: str, repealed_on: date | None, reason: str) -> Document:
    """Mark a published policy 失效 or 废止 (or valid again); its page shows the mark, the row stays."""

    def step(document: Document) -> dict:
        if validity not in Validity.values:
            raise DomainError("请选择有效性。")
        if validity != Validity.VALID and not repealed_on:
            raise DomainError("请填写失效/废止日期。")
        before = document.validity
        document.validity = validity
        document.repealed_on = None if validity == Validity.VALID else repealed_on
        queue_index(document)
        return {"from": before, "to": validity, "repealed_on": str(document.repealed_on or "")}

    return WORKFLOW.run(document, A.VALIDITY, actor=actor, opinion=reason.strip(), step=step)


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
    document.interpretation_due_on = None  # a policy carried over from the old site starts no 解读 clock here
    document.save()
    WORKFLOW.record(document, A.IMPORT, actor=actor, from_state="",
                    extra={"source_file": source_name, "index_number": index_number})  # fmt: skip
    return document
