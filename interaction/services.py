"""Every state change of messages, 纠错 reports and consultations: each runs through its transition table
(interaction.workflows), which locks the row, checks the state and the actor, writes the history row; side effects
(e-mails, the search index) are queued after commit; the app's own tasks by name, so services and tasks do not import
each other."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from portal import tracking, workdays
from portal.errors import InvalidTransition, NotAllowed, require_text
from portal.models import Organization
from portal.sanitize import clean_html, html_to_text
from portal.workflow import after_commit, lock_row
from search.tasks import index_object

from . import conf
from .models import Consultation, ConsultationHistory, Correction, CorrectionHistory, Message, MessageHistory, Opinion
from .workflows import CONSULTATIONS, CORRECTIONS, MESSAGES, office

S = Message.Status
MA = MessageHistory.Action
CA = CorrectionHistory.Action
KA = ConsultationHistory.Action


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
        MESSAGES.record(message, MA.SUBMIT, actor=None, from_state="")
    return message, raw_password


def accept_message(message: Message, *, actor, opinion: str = "") -> Message:
    def step(message: Message) -> None:
        message.accepted_at = timezone.now()

    return MESSAGES.run(message, MA.ACCEPT, actor=actor, step=step, opinion=opinion)


def reject_message(message: Message, *, actor, reason: str, note: str = "") -> Message:
    """不予受理: the reason is shown to the writer on the tracking page."""
    if reason not in Message.RejectReason.values:
        raise InvalidTransition("请选择不予受理的原因。")
    if reason == Message.RejectReason.OTHER:
        note = require_text(note, "请填写不予受理的具体说明。")
    note = (note or "").strip()

    def step(message: Message) -> None:
        message.reject_reason, message.reject_note = reason, note
        _notify_writer(message)

    return MESSAGES.run(message, MA.REJECT, actor=actor, step=step, opinion=note, extra={"reason": reason})


def dispatch_message(message: Message, *, actor, unit: Organization, instruction: str) -> Message:
    """Dispatch to one unit with the leader's instruction (领导批示); the 3-working-day clock starts today. A message
    that is still 待审核 is accepted in the same step. Re-dispatch after a return starts the clock anew."""
    instruction = require_text(instruction, "请填写领导批示或分办意见。")
    if not unit.is_active:
        raise InvalidTransition("该单位已停用，不能分办。")

    def step(message: Message) -> dict:
        now = timezone.now()
        message.unit, message.instruction, message.dispatched_at = unit, instruction, now
        message.clock_workdays, message.extension_workdays, message.extension_reason = conf.reply_workdays(), 0, ""
        message.due_on = workdays.add_workdays(now, message.clock_workdays)
        message.unit_notified_at = None
        after_commit("interaction.notify_unit_of_message", message.pk)
        return {"unit": unit.name, "unit_id": unit.pk, "due_on": message.due_on}

    with transaction.atomic():
        lock_row(message)
        if message.status == S.SUBMITTED and not MESSAGES.problem(message, actor, MA.DISPATCH):
            accept_message(message, actor=actor)
        return MESSAGES.run(message, MA.DISPATCH, actor=actor, step=step, opinion=instruction)


def return_message(message: Message, *, actor, reason: str) -> Message:
    """A unit returns a wrongly dispatched message (退回); it goes back to the office's dispatch queue."""
    reason = require_text(reason, "请填写退回理由。")

    def step(message: Message) -> dict:
        unit_name = message.unit.name
        message.unit, message.due_on = None, None
        return {"unit": unit_name}

    return MESSAGES.run(message, MA.RETURN, actor=actor, step=step, opinion=reason)


def extend_message(message: Message, *, actor, reason: str) -> Message:
    """Office staff grant one extension, with a reason."""
    reason = require_text(reason, "请填写延期理由。")

    def step(message: Message) -> dict:
        old_due = message.due_on
        message.extension_workdays, message.extension_reason = conf.extension_workdays(), reason
        message.due_on = _message_due_on(message)
        return {"old_due_on": old_due, "due_on": message.due_on}

    return MESSAGES.run(message, MA.EXTEND, actor=actor, step=step, opinion=reason)


def reply_message(message: Message, *, actor, reply: str) -> Message:
    """The unit's answer. With MESSAGE_REPLY_REVIEW on it waits for office review; otherwise it goes out now.
    On-time is frozen here, at the unit's answer, whichever way it goes."""
    reply = require_text(reply, "请填写答复内容。")
    reviewed = conf.reply_review_required()

    def step(message: Message) -> None:
        now = timezone.now()
        message.reply, message.replied_by, message.reply_submitted_at = reply, actor, now
        message.replied_on_time = workdays.to_local_date(now) <= message.due_on
        message.handling_workdays = max(workdays.workdays_between(message.received_at, now), 0)
        if not reviewed:
            _release_reply(message)

    return MESSAGES.run(message, MA.SUBMIT_REPLY if reviewed else MA.REPLY, actor=actor, step=step, opinion=reply)


def approve_reply(message: Message, *, actor, opinion: str = "") -> Message:
    return MESSAGES.run(message, MA.APPROVE_REPLY, actor=actor, step=_release_reply, opinion=opinion)


def send_back_reply(message: Message, *, actor, opinion: str) -> Message:
    """Office review sends the reply back to the unit; the clock keeps running from the dispatch."""
    opinion = require_text(opinion, "请填写退回修改意见。")
    return MESSAGES.run(message, MA.SEND_BACK, actor=actor, opinion=opinion)


def _release_reply(message: Message) -> None:
    message.replied_at = timezone.now()
    message.writer_notified_at = None
    _notify_writer(message)


def publish_message(message: Message, *, actor) -> Message:
    def step(message: Message) -> None:
        message.published_at = timezone.now()
        _queue_index(message)

    return MESSAGES.run(message, MA.PUBLISH, actor=actor, step=step)


def close_message(message: Message, *, actor) -> Message:
    """已办结 without publication (the writer did not agree, or the content is not for the public)."""

    def step(message: Message) -> None:
        message.closed_at = timezone.now()

    return MESSAGES.run(message, MA.CLOSE, actor=actor, step=step)


def unpublish_message(message: Message, *, actor, reason: str) -> Message:
    reason = require_text(reason, "请填写撤销公开的理由。")

    def step(message: Message) -> None:
        message.closed_at = message.closed_at or timezone.now()
        _queue_index(message)

    return MESSAGES.run(message, MA.UNPUBLISH, actor=actor, step=step, opinion=reason)


def rate_message(message: Message, *, satisfaction: str, comment: str = "", actor=None) -> Message:
    """The writer's rating, once (the caller has checked the tracking password: ``actor`` None)."""
    if satisfaction not in Message.Satisfaction.values:
        raise InvalidTransition("请选择满意度。")
    comment = (comment or "").strip()

    def step(message: Message) -> dict:
        message.satisfaction, message.rating_comment, message.rated_at = satisfaction, comment, timezone.now()
        return {"satisfaction": satisfaction}

    return MESSAGES.run(message, MA.RATE, actor=actor, step=step, opinion=comment)


def _notify_writer(message: Message) -> None:
    if message.email:
        after_commit("interaction.notify_writer", message.pk)


def _queue_index(message: Message) -> None:
    """Search: one task indexes a published message or removes any other, after commit."""
    after_commit(index_object, "interaction.message", message.pk)


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
    """File a report; the citizen's query password is on the returned row as ``password`` (shown once, not stored)."""
    now = timezone.now()
    password, password_hash = tracking.new_password()
    correction = Correction(
        tracking_number=tracking.new_tracking_number(Correction.TRACKING_PREFIX, Correction),
        password_hash=password_hash,
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
        CORRECTIONS.record(
            correction, CA.SUBMIT, actor=None, from_state="", extra={"due_on": correction.forward_due_on}
        )
    correction.password = password
    return correction


def forward_correction(correction: Correction, *, actor, unit: Organization, note: str = "") -> Correction:
    """Forward to the unit responsible for the page; the unit's 2-working-day clock starts now."""
    note = (note or "").strip()

    def step(correction: Correction) -> dict:
        now = timezone.now()
        correction.unit, correction.forward_note, correction.forwarded_at = unit, note, now
        correction.forwarded_on_time = workdays.to_local_date(now) <= correction.forward_due_on
        correction.fix_due_on = workdays.add_workdays(now, conf.correction_fix_workdays())
        after_commit("interaction.notify_unit_of_correction", correction.pk)
        return {"unit": unit.name, "due_on": correction.fix_due_on}

    return CORRECTIONS.run(correction, CA.FORWARD, actor=actor, step=step, opinion=note)


def reply_correction(correction: Correction, *, actor, reply: str) -> Correction:
    reply = require_text(reply, "请填写处理结果。")

    def step(correction: Correction) -> None:
        now = timezone.now()
        correction.reply, correction.replied_at = reply, now
        correction.replied_on_time = workdays.to_local_date(now) <= correction.fix_due_on
        _notify_reporter(correction)

    return CORRECTIONS.run(correction, CA.REPLY, actor=actor, step=step, opinion=reply)


def dismiss_correction(correction: Correction, *, actor, reason: str) -> Correction:
    """Not an error of the site (spam, a question that belongs in 留言 ...); the reporter is told either way."""
    reason = require_text(reason, "请填写不予处理的理由。")

    def step(correction: Correction) -> None:
        correction.dismiss_reason = reason
        _notify_reporter(correction)

    return CORRECTIONS.run(correction, CA.DISMISS, actor=actor, step=step, opinion=reason)


def _notify_reporter(correction: Correction) -> None:
    if correction.email:
        after_commit("interaction.notify_reporter", correction.pk)


# --- consultations


def save_consultation(consultation: Consultation, *, actor) -> Consultation:
    """Create or edit (office staff). Once the window has closed the draft and window are frozen. ``consultation``
    carries the edits (a form's instance), so it is not re-read under a lock."""
    consultation.background = clean_html(consultation.background)
    consultation.draft_text = clean_html(consultation.draft_text)
    if consultation.pk is not None:
        return CONSULTATIONS.run(consultation, KA.EDIT, actor=actor, lock=False)
    if refusal := office(actor, consultation):
        raise NotAllowed(refusal)
    with transaction.atomic():
        consultation.created_by = actor
        consultation.save()
        CONSULTATIONS.record(consultation, KA.CREATE, actor=actor, from_state=consultation.status)
    return consultation


def publish_consultation(consultation: Consultation, *, actor) -> Consultation:
    def step(consultation: Consultation) -> None:
        consultation.published_at = timezone.now()

    return CONSULTATIONS.run(consultation, KA.PUBLISH, actor=actor, step=step)


@dataclass
class NewOpinion:
    name: str
    content: str
    phone: str = ""
    email: str = ""
    submitter_ip: str | None = None


def submit_opinion(consultation: Consultation, data: NewOpinion) -> Opinion:
    """Opinions are submitted within the published window (公众参与制度 art. 4)."""
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
    """Feed back what was adopted and why, after the window closes (公众参与制度 art. 8)."""
    feedback = clean_html(feedback)
    if not html_to_text(feedback):
        raise InvalidTransition("请填写意见采纳情况。")

    def step(consultation: Consultation) -> None:
        consultation.feedback = feedback
        consultation.feedback_published_at = consultation.feedback_published_at or timezone.now()

    return CONSULTATIONS.run(consultation, KA.PUBLISH_FEEDBACK, actor=actor, step=step)


def set_opinion_public(opinion: Opinion, *, actor, public: bool) -> Opinion:
    def step(consultation: Consultation) -> dict:
        opinion.is_public = public
        opinion.save(update_fields=["is_public"])
        return {"opinion_id": opinion.pk}

    action = KA.PUBLISH_OPINION if public else KA.UNPUBLISH_OPINION
    CONSULTATIONS.run(opinion.consultation, action, actor=actor, step=step)
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
