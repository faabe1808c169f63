"""The transition tables of 解读回应: a 政务舆情 (recorded by the office, answered by the responsible units, closed by
the office with the result: 舆情回应制度 一 and 三), an 在线访谈 (scheduled, live, ended) and a public question
(moderated before anyone sees it, answered live, or handed to a unit as a 政民互动 message)."""

from __future__ import annotations

from portal.errors import InvalidTransition
from portal.workflow import Transition, Workflow

from .models import Concern, ConcernHistory, Interview, InterviewHistory, Question, QuestionHistory

C = Concern.Status
CA = ConcernHistory.Action
I = Interview.Status  # noqa: E741
IA = InterviewHistory.Action
Q = Question.Status
QA = QuestionHistory.Action


# --- who


def is_office(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active and user.is_office_staff


def office(user, obj) -> str | None:
    return None if is_office(user) else "只有政务公开办（电子政务室）工作人员可以进行此操作。"


def responsible(user, concern: Concern) -> str | None:
    """The office, or the staff of a unit the concern names (舆情回应制度 一: the unit concerned answers first)."""
    if is_office(user):
        return None
    staff = user is not None and user.is_active and user.is_portal_staff and user.organization_id
    if staff and user.organization_id in {concern.organization_id, *concern.units.values_list("pk", flat=True)}:
        return None
    return "只有政务公开办或责任单位的工作人员可以记录回应。"


def host(user, interview: Interview) -> str | None:
    """The office, or the host unit's 信息员."""
    if is_office(user):
        return None
    if user is not None and user.is_active and user.is_officer and user.organization_id == interview.organization_id:
        return None
    return "只有政务公开办或主办单位的信息员可以管理访谈。"


def question_host(user, question: Question) -> str | None:
    return host(user, question.interview)


def can_draft_interview(user) -> bool:
    return is_office(user) or (user.is_active and user.is_officer and bool(user.organization_id))


# --- conditions


def _on_air(question: Question) -> InvalidTransition | None:
    if question.interview.status not in (I.LIVE, I.ENDED):
        return InvalidTransition("访谈开始后才能发布答复。")
    return None


def _after_the_interview(question: Question) -> InvalidTransition | None:
    if question.interview.status != I.ENDED:
        return InvalidTransition("访谈结束后，未答复的问题才能转为政民互动留言。")
    return None


CONCERNS = Workflow(
    model=Concern,
    history=ConcernHistory,
    history_fk="concern",
    transitions=[
        Transition(CA.RESPOND, (C.OPEN, C.RESPONDED), C.RESPONDED, who=responsible),
        Transition(CA.CLOSE, (C.RESPONDED,), C.CLOSED, who=office),
    ],
)

INTERVIEWS = Workflow(
    model=Interview,
    history=InterviewHistory,
    history_fk="interview",
    transitions=[
        Transition(IA.EDIT, (I.SCHEDULED, I.LIVE, I.ENDED), None, who=host),
        Transition(IA.START, (I.SCHEDULED,), I.LIVE, who=host),
        Transition(IA.END, (I.LIVE,), I.ENDED, who=host),
        Transition(IA.CANCEL, (I.SCHEDULED,), I.CANCELLED, who=host),
        Transition(IA.PHOTO, (I.SCHEDULED, I.LIVE, I.ENDED), None, who=host),
        Transition(IA.PHOTO_REMOVE, (I.SCHEDULED, I.LIVE, I.ENDED), None, who=host),
    ],
)

QUESTIONS = Workflow(
    model=Question,
    history=QuestionHistory,
    history_fk="question",
    transitions=[
        Transition(QA.ACCEPT, (Q.PENDING,), Q.ACCEPTED, who=question_host),
        Transition(QA.REJECT, (Q.PENDING, Q.ACCEPTED), Q.REJECTED, who=question_host),
        Transition(QA.ANSWER, (Q.PENDING, Q.ACCEPTED), Q.ANSWERED, who=question_host, when=(_on_air,)),
        # The office hands the question to interaction, which dispatches it to the host unit.
        Transition(QA.FORWARD, (Q.PENDING, Q.ACCEPTED), Q.FORWARDED, who=office, when=(_after_the_interview,)),
    ],
)
