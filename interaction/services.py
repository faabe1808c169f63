"""Every state change of messages, 纠错 reports and consultations: guard the from-state, change the row, write the
history row, queue side effects after commit (STYLE: services)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from portal import tracking, workdays
from portal.errors import InvalidTransition, NotAllowed
from portal.models import Organization

from . import conf
from .models import (
    Consultation,
    ConsultationHistory,
    Correction,
    CorrectionHistory,
    Message,
    MessageHistory,
    Opinion,
)

S = Message.Status


# --- helpers


def _guard(obj, allowed: tuple, action: str) -> None:
    if obj.status not in allowed:
        raise InvalidTransition(f"当前状态为“{obj.get_status_display()}”，不能{action}。")


def _require_office(actor) -> None:
    if not actor.is_office_staff:
        raise NotAllowed("只有政务公开办（电子政务室）工作人员可以进行此操作。")


def _require_unit_member(actor, unit_id: int | None) -> None:
    if not actor.is_active or not unit_id or actor.organization_id != unit_id:
        raise NotAllowed("只有承办单位的工作人员可以进行此操作。")


def _log(obj, actor, action: str, from_state: str, opinion: str = "", **extra) -> None:
    model, key = {
        Message: (MessageHistory, "message"),
        Correction: (CorrectionHistory, "correction"),
        Consultation: (ConsultationHistory, "consultation"),
    }[type(obj)]
    model.objects.create(
        **{key: obj},
        actor=actor,
        action=action,
        from_state=from_state,
        to_state=getattr(obj, "status", ""),
        opinion=opinion,
        extra={k: (v.isoformat() if isinstance(v, date) else v) for k, v in extra.items()},
    )


def _on_commit(task, *args) -> None:
    transaction.on_commit(lambda: _safe_delay(task, *args))


def _safe_delay(task, *args) -> None:
    """Queue a task; when the broker is down, the periodic sweep sends it later (DESIGN §3)."""
    import logging

    try:
        task.delay(*args)
    except Exception:
        logging.getLogger(__name__).exception("Could not queue %s%r; the sweep will retry", task.name, args)


def _reason_required(reason: str, what: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise InvalidTransition(f"请填写{what}。")
    return reason


# --- messages


@dataclass
class NewMessage:
    kind: str
    title: str
    content: str
    name: str
    phone: str
    email: str = ""
    agrees_to_publish: bool = False
    attachment: UploadedFile | None = None
    submitter_ip: str | None = None


def submit_message(data: NewMessage) -> tuple[Message, str]:
    """A citizen's message: saved first (so Redis being down loses nothing), number and password returned once."""
    raw_password, password_hash = tracking.new_password()
    message = Message(
        tracking_number=tracking.new_tracking_number(Message.TRACKING_PREFIX, Message),
        password_hash=password_hash,
        kind=data.kind,
        title=data.title.strip(),
        content=data.content.strip(),
        name=data.name.strip(),
        phone=data.phone.strip(),
        email=data.email.strip(),
        agrees_to_publish=data.agrees_to_publish,
        submitter_ip=data.submitter_ip,
    )
    if data.attachment:
        message.attachment_name = data.attachment.name[:200]
        message.attachment = data.attachment
    with transaction.atomic():
        message.save()
        _log(message, None, "提交留言", "")
    return message, raw_password


def accept_message(message: Message, *, actor, opinion: str = "") -> Message:
    _require_office(actor)
    with transaction.atomic():
        message = _lock(message)
        _guard(message, (S.SUBMITTED,), "受理")
        message.status = S.ACCEPTED
        message.accepted_at = timezone.now()
        message.save(update_fields=["status", "accepted_at"])
        _log(message, actor, "受理", S.SUBMITTED, opinion)
    return message


def reject_message(message: Message, *, actor, reason: str, note: str = "") -> Message:
    """不予受理: the reason is shown to the writer on the tracking page."""
    _require_office(actor)
    if reason not in Message.RejectReason.values:
        raise InvalidTransition("请选择不予受理的原因。")
    if reason == Message.RejectReason.OTHER:
        note = _reason_required(note, "不予受理的具体说明")
    with transaction.atomic():
        message = _lock(message)
        _guard(message, (S.SUBMITTED, S.ACCEPTED), "不予受理")
        from_state = message.status
        message.status = S.REJECTED
        message.reject_reason = reason
        message.reject_note = (note or "").strip()
        message.save(update_fields=["status", "reject_reason", "reject_note"])
        _log(message, actor, "不予受理", from_state, message.reject_note, reason=reason)
        _queue_writer_notice(message)
    return message


def dispatch_message(message: Message, *, actor, unit: Organization, instruction: str) -> Message:
    """Dispatch to one unit with the leader's instruction (领导批示); the 3-working-day clock starts today (seed 000
    三(四)). A message that is still 待审核 is accepted in the same step. Re-dispatch after a return starts anew."""
    _require_office(actor)
    instruction = _reason_required(instruction, "领导批示或分办意见")
    if not unit.is_active:
        raise InvalidTransition("该单位已停用，不能分办。")
    with transaction.atomic():
        message = _lock(message)
        _guard(message, (S.SUBMITTED, S.ACCEPTED), "分办")
        if message.status == S.SUBMITTED:
            accept_message(message, actor=actor)
            message.refresh_from_db()
        now = timezone.now()
        message.status = S.PROCESSING
        message.unit = unit
        message.instruction = instruction
        message.dispatched_at = now
        message.clock_workdays = conf.reply_workdays()
        message.extension_workdays = 0
        message.extension_reason = ""
        message.due_on = workdays.add_workdays(now, message.clock_workdays)
        message.unit_notified_at = None
        message.save(
            update_fields=[
                "status", "unit", "instruction", "dispatched_at", "clock_workdays", "extension_workdays",
                "extension_reason", "due_on", "unit_notified_at",
            ]
        )  # fmt: skip
        _log(message, actor, "分办", S.ACCEPTED, instruction, unit=unit.name, unit_id=unit.pk, due_on=message.due_on)
        from .tasks import notify_unit_of_message

        _on_commit(notify_unit_of_message, message.pk)
    return message


def return_message(message: Message, *, actor, reason: str) -> Message:
    """A unit returns a wrongly dispatched message (退回); it goes back to the office's dispatch queue."""
    reason = _reason_required(reason, "退回理由")
    with transaction.atomic():
        message = _lock(message)
        _guard(message, (S.PROCESSING,), "退回")
        _require_unit_member(actor, message.unit_id)
        unit_name = message.unit.name
        message.status = S.ACCEPTED
        message.unit = None
        message.due_on = None
        message.save(update_fields=["status", "unit", "due_on"])
        _log(message, actor, "退回", S.PROCESSING, reason, unit=unit_name)
    return message


def extend_message(message: Message, *, actor, reason: str) -> Message:
    """Office staff grant one extension, with a reason."""
    _require_office(actor)
    reason = _reason_required(reason, "延期理由")
    with transaction.atomic():
        message = _lock(message)
        _guard(message, (S.PROCESSING,), "延期")
        if message.extension_workdays:
            raise InvalidTransition("该留言已延期一次，不能再次延期。")
        old_due = message.due_on
        message.extension_workdays = conf.extension_workdays()
        message.extension_reason = reason
        message.due_on = _message_due_on(message)
        message.save(update_fields=["extension_workdays", "extension_reason", "due_on"])
        _log(message, actor, "延期", S.PROCESSING, reason, old_due_on=old_due, due_on=message.due_on)
    return message


def reply_message(message: Message, *, actor, reply: str) -> Message:
    """The unit's answer. With MESSAGE_REPLY_REVIEW on it waits for office review; otherwise it goes out now.
    On-time is frozen here, at the unit's answer, whichever way it goes."""
    reply = _reason_required(reply, "答复内容")
    with transaction.atomic():
        message = _lock(message)
        _guard(message, (S.PROCESSING,), "答复")
        _require_unit_member(actor, message.unit_id)
        now = timezone.now()
        message.reply = reply
        message.replied_by = actor
        message.reply_submitted_at = now
        message.replied_on_time = workdays.to_local_date(now) <= message.due_on
        message.handling_workdays = max(workdays.workdays_between(message.received_at, now), 0)
        fields = ["reply", "replied_by", "reply_submitted_at", "replied_on_time", "handling_workdays", "status"]
        if conf.reply_review_required():
            message.status = S.REPLY_REVIEW
            message.save(update_fields=fields)
            _log(message, actor, "提交答复", S.PROCESSING, reply)
        else:
            _release_reply(message, actor, fields, "答复", S.PROCESSING)
    return message


def approve_reply(message: Message, *, actor, opinion: str = "") -> Message:
    _require_office(actor)
    with transaction.atomic():
        message = _lock(message)
        _guard(message, (S.REPLY_REVIEW,), "审核通过答复")
        _release_reply(message, actor, ["status"], "审核通过答复", S.REPLY_REVIEW, opinion)
    return message


def send_back_reply(message: Message, *, actor, opinion: str) -> Message:
    """Office review sends the reply back to the unit; the clock keeps running from the dispatch."""
    _require_office(actor)
    opinion = _reason_required(opinion, "退回修改意见")
    with transaction.atomic():
        message = _lock(message)
        _guard(message, (S.REPLY_REVIEW,), "退回修改答复")
        message.status = S.PROCESSING
        message.save(update_fields=["status"])
        _log(message, actor, "答复退回修改", S.REPLY_REVIEW, opinion)
    return message


def _release_reply(message: Message, actor, fields: list[str], action: str, from_state: str, opinion="") -> None:
    message.status = S.REPLIED
    message.replied_at = timezone.now()
    message.writer_notified_at = None
    message.save(update_fields=[*fields, "replied_at", "writer_notified_at"])
    _log(message, actor, action, from_state, opinion or (message.reply if action == "答复" else ""))
    _queue_writer_notice(message)


def publish_message(message: Message, *, actor) -> Message:
    _require_office(actor)
    with transaction.atomic():
        message = _lock(message)
        _guard(message, (S.REPLIED, S.CLOSED), "公开")
        if not message.agrees_to_publish:
            raise NotAllowed("留言人不同意公开，不能公开该留言。")
        from_state = message.status
        message.status = S.PUBLISHED
        message.published_at = timezone.now()
        message.save(update_fields=["status", "published_at"])
        _log(message, actor, "公开", from_state)
        _queue_index(message)
    return message


def close_message(message: Message, *, actor) -> Message:
    """已办结 without publication (the writer did not agree, or the content is not for the public)."""
    _require_office(actor)
    with transaction.atomic():
        message = _lock(message)
        _guard(message, (S.REPLIED,), "办结")
        message.status = S.CLOSED
        message.closed_at = timezone.now()
        message.save(update_fields=["status", "closed_at"])
        _log(message, actor, "办结", S.REPLIED)
    return message


def unpublish_message(message: Message, *, actor, reason: str) -> Message:
    _require_office(actor)
    reason = _reason_required(reason, "撤销公开的理由")
    with transaction.atomic():
        message = _lock(message)
        _guard(message, (S.PUBLISHED,), "撤销公开")
        message.status = S.CLOSED
        message.closed_at = message.closed_at or timezone.now()
        message.save(update_fields=["status", "closed_at"])
        _log(message, actor, "撤销公开", S.PUBLISHED, reason)
        _queue_index(message)
    return message


def rate_message(message: Message, *, satisfaction: str, comment: str = "") -> Message:
    """The writer's rating, once (the caller has checked the tracking password)."""
    if satisfaction not in Message.Satisfaction.values:
        raise InvalidTransition("请选择满意度。")
    with transaction.atomic():
        message = _lock(message)
        if not message.is_answered:
            raise InvalidTransition("留言尚未答复，暂不能评价。")
        if message.rated_at:
            raise InvalidTransition("您已评价过该留言，每条留言只能评价一次。")
        message.satisfaction = satisfaction
        message.rating_comment = (comment or "").strip()
        message.rated_at = timezone.now()
        message.save(update_fields=["satisfaction", "rating_comment", "rated_at"])
        _log(message, None, "评价", message.status, message.rating_comment, satisfaction=satisfaction)
    return message


def _lock(obj):
    """Re-read the row under a lock (PostgreSQL; SQLite serialises writers anyway) so two clicks cannot both pass
    the from-state guard."""
    return type(obj).objects.select_for_update().get(pk=obj.pk)


def _queue_writer_notice(message: Message) -> None:
    if message.email:
        from .tasks import notify_writer

        _on_commit(notify_writer, message.pk)


def _queue_index(message: Message) -> None:
    """Search (DESIGN §10): one task indexes a published message or removes any other, after commit."""
    from portal.search.tasks import index_object

    _on_commit(index_object, "interaction.message", message.pk)


def _message_due_on(message: Message) -> date:
    return workdays.add_workdays(message.dispatched_at, message.clock_workdays + message.extension_workdays)


# --- 纠错 reports


@dataclass
class NewCorrection:
    page_url: str
    kind: str
    description: str
    name: str = ""
    phone: str = ""
    email: str = ""
    submitter_ip: str | None = None


def submit_correction(data: NewCorrection) -> Correction:
    now = timezone.now()
    correction = Correction(
        page_url=data.page_url.strip(),
        kind=data.kind,
        description=data.description.strip(),
        name=data.name.strip(),
        phone=data.phone.strip(),
        email=data.email.strip(),
        submitter_ip=data.submitter_ip,
        received_at=now,
        forward_due_on=workdays.add_workdays(now, conf.correction_forward_workdays()),
    )
    with transaction.atomic():
        correction.save()
        _log(correction, None, "提交纠错", "", due_on=correction.forward_due_on)
    return correction


def forward_correction(correction: Correction, *, actor, unit: Organization, note: str = "") -> Correction:
    """Forward to the unit responsible for the page; the unit's 2-working-day clock starts now."""
    _require_office(actor)
    with transaction.atomic():
        correction = _lock(correction)
        _guard(correction, (Correction.Status.RECEIVED,), "转办")
        now = timezone.now()
        correction.status = Correction.Status.FORWARDED
        correction.unit = unit
        correction.forward_note = (note or "").strip()
        correction.forwarded_at = now
        correction.forwarded_on_time = workdays.to_local_date(now) <= correction.forward_due_on
        correction.fix_due_on = workdays.add_workdays(now, conf.correction_fix_workdays())
        correction.save(
            update_fields=["status", "unit", "forward_note", "forwarded_at", "forwarded_on_time", "fix_due_on"]
        )
        _log(correction, actor, "转办", Correction.Status.RECEIVED, note, unit=unit.name, due_on=correction.fix_due_on)
        from .tasks import notify_unit_of_correction

        _on_commit(notify_unit_of_correction, correction.pk)
    return correction


def reply_correction(correction: Correction, *, actor, reply: str) -> Correction:
    reply = _reason_required(reply, "处理结果")
    with transaction.atomic():
        correction = _lock(correction)
        _guard(correction, (Correction.Status.FORWARDED,), "答复")
        if not actor.is_office_staff:
            _require_unit_member(actor, correction.unit_id)
        now = timezone.now()
        correction.status = Correction.Status.REPLIED
        correction.reply = reply
        correction.replied_at = now
        correction.replied_on_time = workdays.to_local_date(now) <= correction.fix_due_on
        correction.save(update_fields=["status", "reply", "replied_at", "replied_on_time"])
        _log(correction, actor, "处理并答复", Correction.Status.FORWARDED, reply)
        if correction.email:
            from .tasks import notify_reporter

            _on_commit(notify_reporter, correction.pk)
    return correction


def dismiss_correction(correction: Correction, *, actor, reason: str) -> Correction:
    """Not an error of the site (spam, a question that belongs in 留言 ...)."""
    _require_office(actor)
    reason = _reason_required(reason, "不予处理的理由")
    with transaction.atomic():
        correction = _lock(correction)
        _guard(correction, (Correction.Status.RECEIVED,), "不予处理")
        correction.status = Correction.Status.DISMISSED
        correction.dismiss_reason = reason
        correction.save(update_fields=["status", "dismiss_reason"])
        _log(correction, actor, "不予处理", Correction.Status.RECEIVED, reason)
        if correction.email:  # the reporter is told either way
            from .tasks import notify_reporter

            _on_commit(notify_reporter, correction.pk)
    return correction


# --- consultations


def save_consultation(consultation: Consultation, *, actor) -> Consultation:
    """Create or edit (office staff). Once the window has closed the draft and window are frozen."""
    _require_office(actor)
    creating = consultation.pk is None
    if not creating and Consultation.objects.get(pk=consultation.pk).has_closed:
        raise InvalidTransition("征集已结束，不能再修改征集内容。")
    from portal.sanitize import clean_html

    consultation.background = clean_html(consultation.background)
    consultation.draft_text = clean_html(consultation.draft_text)
    with transaction.atomic():
        if creating:
            consultation.created_by = actor
        consultation.save()
        _log(consultation, actor, "创建" if creating else "修改", consultation.status)
    return consultation


def publish_consultation(consultation: Consultation, *, actor) -> Consultation:
    _require_office(actor)
    with transaction.atomic():
        consultation = _lock(consultation)
        _guard(consultation, (Consultation.Status.DRAFT,), "发布")
        if consultation.ends_at <= timezone.now():
            raise InvalidTransition("截止时间已过，请先修改征集时间再发布。")
        consultation.status = Consultation.Status.PUBLISHED
        consultation.published_at = timezone.now()
        consultation.save(update_fields=["status", "published_at"])
        _log(consultation, actor, "发布", Consultation.Status.DRAFT)
    return consultation


@dataclass
class NewOpinion:
    name: str
    content: str
    phone: str = ""
    email: str = ""
    submitter_ip: str | None = None


def submit_opinion(consultation: Consultation, data: NewOpinion) -> Opinion:
    """Seed 001 公众参与制度 art. 4: opinions are submitted within the published window."""
    phase = consultation.phase()
    if phase == Consultation.Phase.UPCOMING:
        raise InvalidTransition(
            f"意见征集尚未开始（开始时间：{timezone.localtime(consultation.starts_at):%Y-%m-%d %H:%M}）。"
        )
    if phase != Consultation.Phase.OPEN:
        raise InvalidTransition("意见征集已结束，不再接收意见。")
    return Opinion.objects.create(
        consultation=consultation,
        name=data.name.strip(),
        phone=data.phone.strip(),
        email=data.email.strip(),
        content=data.content.strip(),
        submitter_ip=data.submitter_ip,
    )


def publish_feedback(consultation: Consultation, *, actor, feedback: str) -> Consultation:
    """Art. 8: feed back what was adopted and why, after the window closes."""
    _require_office(actor)
    from portal.sanitize import clean_html, html_to_text

    feedback = clean_html(feedback)
    if not html_to_text(feedback):
        raise InvalidTransition("请填写意见采纳情况。")
    with transaction.atomic():
        consultation = _lock(consultation)
        if not consultation.has_closed:
            raise InvalidTransition("意见征集结束后才能发布采纳情况。")
        consultation.feedback = feedback
        consultation.feedback_published_at = consultation.feedback_published_at or timezone.now()
        consultation.save(update_fields=["feedback", "feedback_published_at"])
        _log(consultation, actor, "发布采纳情况", consultation.status)
    return consultation


def set_opinion_public(opinion: Opinion, *, actor, public: bool) -> Opinion:
    _require_office(actor)
    with transaction.atomic():
        opinion.is_public = public
        opinion.save(update_fields=["is_public"])
        _log(
            opinion.consultation, actor, "公开意见" if public else "取消公开意见", opinion.consultation.status,
            opinion_id=opinion.pk,
        )  # fmt: skip
    return opinion


# --- clocks: recompute when the calendar changes, and the daily reminders


def recompute_due_dates(changed_dates: list[date]) -> int:
    """portal.workdays hook: move every open clock whose span may cross an edited calendar date (an empty list, from
    the nightly sweep, means every open clock)."""
    lo, hi = (min(changed_dates), max(changed_dates)) if changed_dates else (None, None)
    updated = 0
    messages = Message.objects.filter(status__in=(S.PROCESSING, S.REPLY_REVIEW), dispatched_at__isnull=False)
    if lo:
        messages = messages.filter(due_on__gte=lo, dispatched_at__date__lte=hi)
    for message in messages.only("pk", "dispatched_at", "clock_workdays", "extension_workdays", "due_on"):
        updated += _move_due(message, "due_on", _message_due_on(message))
    received = Correction.objects.filter(status=Correction.Status.RECEIVED)
    forwarded = Correction.objects.filter(status=Correction.Status.FORWARDED)
    if lo:
        received = received.filter(forward_due_on__gte=lo, received_at__date__lte=hi)
        forwarded = forwarded.filter(fix_due_on__gte=lo, forwarded_at__date__lte=hi)
    for c in received:
        updated += _move_due(
            c, "forward_due_on", workdays.add_workdays(c.received_at, conf.correction_forward_workdays())
        )
    for c in forwarded:
        updated += _move_due(c, "fix_due_on", workdays.add_workdays(c.forwarded_at, conf.correction_fix_workdays()))
    return updated


def _move_due(obj, field: str, new_due: date) -> int:
    if getattr(obj, field) == new_due:
        return 0
    # A queryset update: the row may have moved on meanwhile; only open rows matter and the next run fixes the rest.
    return type(obj).objects.filter(pk=obj.pk).update(**{field: new_due})
