"""The transition tables of 政民互动: messages (留言), 纠错 reports and consultations (意见征集). The services run every
change through them (portal.workflow) and the staff pages show their buttons from them.

The county's rules: office staff (政务公开办) screen every message, dispatch it to one unit with the leader's
instruction (领导批示), and the unit answers within 3 working days or returns a wrongly dispatched message; a 纠错
report is forwarded within 1 working day and fixed within 2 more (政府网站 art. 20); a consultation publishes its
window and, after it closes, how the opinions were used (公众参与制度 art. 4 and 8)."""

from __future__ import annotations

from django.utils import timezone

from portal.errors import InvalidTransition
from portal.review import four_eyes
from portal.workflow import ANY_STATE, Transition, Workflow

from . import conf
from .models import Consultation, ConsultationHistory, Correction, CorrectionHistory, Message, MessageHistory

S = Message.Status
MA = MessageHistory.Action
C = Correction.Status
CA = CorrectionHistory.Action
K = Consultation.Status
KA = ConsultationHistory.Action


# --- who


def office(user, obj) -> str | None:
    if user is not None and user.is_authenticated and user.is_office_staff:
        return None
    return "只有政务公开办（电子政务室）工作人员可以进行此操作。"


def unit_member(user, obj) -> str | None:
    """Staff of the unit the item was sent to."""
    if user is not None and user.is_active and obj.unit_id and user.organization_id == obj.unit_id:
        return None
    return "只有承办单位的工作人员可以进行此操作。"


def office_or_unit_member(user, obj) -> str | None:
    return office(user, obj) and unit_member(user, obj)


def writer(user, message) -> str | None:
    """The writer acts from the tracking page, proven by the password, with no login."""
    return None if user is None else "只有留言人可以评价。"


# --- conditions (each rules its action out, as a wrong state would: the page does not offer it)


def _not_extended(message: Message) -> InvalidTransition | None:
    return InvalidTransition("该留言已延期一次，不能再次延期。") if message.extension_workdays else None


def _reply_reviewed(message: Message) -> InvalidTransition | None:
    return None if conf.reply_review_required() else InvalidTransition("答复无需审核，请直接答复。")


def _reply_not_reviewed(message: Message) -> InvalidTransition | None:
    return InvalidTransition("答复须经政务公开办审核，请提交答复。") if conf.reply_review_required() else None


def _writer_agreed(message: Message) -> InvalidTransition | None:
    return None if message.agrees_to_publish else InvalidTransition("留言人不同意公开，不能公开该留言。")


def _answered(message: Message) -> InvalidTransition | None:
    return None if message.is_answered else InvalidTransition("留言尚未答复，暂不能评价。")


def _not_rated(message: Message) -> InvalidTransition | None:
    return InvalidTransition("您已评价过该留言，每条留言只能评价一次。") if message.rated_at else None


def _window_not_closed(consultation: Consultation) -> InvalidTransition | None:
    """The stored window, not an edit in progress: a closed consultation cannot be reopened by moving its dates."""
    stored = Consultation.objects.filter(pk=consultation.pk).first() if consultation.pk else None
    return InvalidTransition("征集已结束，不能再修改征集内容。") if stored and stored.has_closed else None


def _ends_in_future(consultation: Consultation) -> InvalidTransition | None:
    return (
        None if consultation.ends_at > timezone.now() else InvalidTransition("截止时间已过，请先修改征集时间再发布。")
    )


def _has_closed(consultation: Consultation) -> InvalidTransition | None:
    return None if consultation.has_closed else InvalidTransition("意见征集结束后才能发布采纳情况。")


MESSAGES = Workflow(
    model=Message,
    history=MessageHistory,
    history_fk="message",
    transitions=[
        Transition(MA.ACCEPT, (S.SUBMITTED,), S.ACCEPTED, who=office),
        Transition(MA.DISPATCH, (S.SUBMITTED, S.ACCEPTED), S.PROCESSING, who=office),
        Transition(MA.REJECT, (S.SUBMITTED, S.ACCEPTED), S.REJECTED, who=office),
        Transition(MA.EXTEND, (S.PROCESSING,), None, who=office, when=(_not_extended,)),
        Transition(MA.REPLY, (S.PROCESSING,), S.REPLIED, who=unit_member, when=(_reply_not_reviewed,)),
        Transition(MA.SUBMIT_REPLY, (S.PROCESSING,), S.REPLY_REVIEW, who=unit_member, when=(_reply_reviewed,)),
        Transition(MA.RETURN, (S.PROCESSING,), S.ACCEPTED, who=unit_member),
        # Four eyes: office staff approve a reply, never the one who drafted it.
        Transition(
            MA.APPROVE_REPLY,
            (S.REPLY_REVIEW,),
            S.REPLIED,
            who=four_eyes(
                office, lambda m: m.replied_by_id, "答复须由拟稿人以外的工作人员审核，不能审核本人拟写的答复。"
            ),
        ),
        Transition(MA.SEND_BACK, (S.REPLY_REVIEW,), S.PROCESSING, who=office, label="退回修改答复"),
        Transition(MA.PUBLISH, (S.REPLIED, S.CLOSED), S.PUBLISHED, who=office, when=(_writer_agreed,)),
        Transition(MA.CLOSE, (S.REPLIED,), S.CLOSED, who=office),
        Transition(MA.UNPUBLISH, (S.PUBLISHED,), S.CLOSED, who=office),
        Transition(MA.RATE, (ANY_STATE,), None, who=writer, when=(_answered, _not_rated)),
    ],
)

CORRECTIONS = Workflow(
    model=Correction,
    history=CorrectionHistory,
    history_fk="correction",
    transitions=[
        Transition(CA.FORWARD, (C.RECEIVED,), C.FORWARDED, who=office),
        Transition(CA.DISMISS, (C.RECEIVED,), C.DISMISSED, who=office),
        Transition(CA.REPLY, (C.FORWARDED,), C.REPLIED, who=office_or_unit_member),
    ],
)

CONSULTATIONS = Workflow(
    model=Consultation,
    history=ConsultationHistory,
    history_fk="consultation",
    transitions=[
        Transition(KA.EDIT, (ANY_STATE,), None, who=office, when=(_window_not_closed,)),
        Transition(KA.PUBLISH, (K.DRAFT,), K.PUBLISHED, who=office, when=(_ends_in_future,)),
        Transition(KA.PUBLISH_OPINION, (ANY_STATE,), None, who=office),
        Transition(KA.UNPUBLISH_OPINION, (ANY_STATE,), None, who=office),
        Transition(KA.PUBLISH_FEEDBACK, (ANY_STATE,), None, who=office, when=(_has_closed,)),
    ],
)
