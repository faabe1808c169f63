"""Permission-scoped reads of 解读回应. Staff: a concern is seen by the office and the units it names, an interview by
the office and its host unit; anything else is a 404. Public: responses marked public, interviews not cancelled, and
only questions that were answered."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from portal import pagecache
from portal.scoping import get_for_user_or_404, scope_to_user

from .models import Concern, ConcernClock, ConcernHistory, ConcernResponse, Interview, Question, QuestionHistory

# --- 政务舆情 (staff)


def concerns_visible_to(user):
    queryset = Concern.objects.select_related("organization")
    if user is not None and user.is_authenticated and user.is_active and user.is_office_staff:
        return queryset
    if user is None or not user.is_authenticated or not user.is_portal_staff or not user.organization_id:
        return queryset.none()
    mine = Q(organization_id=user.organization_id) | Q(units__id=user.organization_id)
    return queryset.filter(pk__in=Concern.objects.filter(mine).values("pk"))


def with_clocks(queryset):
    return queryset.prefetch_related(Prefetch("clocks", queryset=ConcernClock.objects.order_by("due_at", "pk")))


def get_concern_for_user(user, pk: int) -> Concern:
    return get_object_or_404(concerns_visible_to(user).prefetch_related("units"), pk=pk)


def open_concerns(user):
    """Concerns still running a clock, the nearest deadline first (workbench)."""
    queryset = concerns_visible_to(user).filter(status__in=[Concern.Status.OPEN, Concern.Status.RESPONDED])
    return with_clocks(queryset).order_by("recorded_at", "pk")


def concern_history(concern: Concern):
    return ConcernHistory.objects.filter(concern=concern).select_related("actor").order_by("at", "id")


# --- 回应关切 (public)


def public_responses():
    return ConcernResponse.objects.filter(is_public=True).select_related("concern", "organization")


def response_listing() -> list[ConcernResponse]:
    """回应关切's list, newest first, with the fields a row shows: kept until public content changes (the page then
    takes no query; a county publishes some dozens of responses a year)."""

    def build() -> list[ConcernResponse]:
        fields = ("title", "link", "kind", "responded_at", "concern__title", "organization__name")
        return list(public_responses().only(*fields).order_by("-responded_at", "-pk"))

    return pagecache.per_generation("engagement:responses", build)


# --- 在线访谈 (staff)


def interviews_visible_to(user):
    return scope_to_user(Interview.objects.select_related("organization"), user)


def get_interview_for_user(user, pk: int) -> Interview:
    queryset = Interview.objects.select_related("organization", "policy").prefetch_related("guests", "photos")
    return get_for_user_or_404(queryset, user, pk=pk)


def get_question_for_user(user, interview_pk: int, pk: int) -> Question:
    interview = get_interview_for_user(user, interview_pk)
    question = get_object_or_404(interview.questions.all(), pk=pk)
    question.interview = interview
    return question


def questions_by_status(interview: Interview) -> dict[str, list[Question]]:
    grouped: dict[str, list[Question]] = {value: [] for value in Question.Status.values}
    for question in interview.questions.order_by("submitted_at", "pk"):
        grouped[question.status].append(question)
    return grouped


def question_history(interview: Interview):
    return QuestionHistory.objects.filter(question__interview=interview).select_related("actor", "question")


# --- 在线访谈 (public)


def public_interviews():
    return (
        Interview.objects.public()
        .select_related("organization")
        .annotate(answered=Count("questions", filter=Q(questions__status=Question.Status.ANSWERED)))
    )


def interview_listing() -> tuple[list[Interview], list[Interview]]:
    """The 在线访谈 page's lists, with the answers given: upcoming and live ones soonest first, ended ones newest first.
    Kept until public content changes (a question answered or an interview's state changed is such a change)."""

    def build() -> tuple[list[Interview], list[Interview]]:
        fields = ("title", "status", "starts_at", "organization__name")
        interviews = public_interviews().only(*fields)
        upcoming = interviews.filter(status__in=[Interview.Status.SCHEDULED, Interview.Status.LIVE])
        past = interviews.filter(status=Interview.Status.ENDED)
        return list(upcoming.order_by("starts_at", "pk")), list(past.order_by("-starts_at", "-pk"))

    return pagecache.per_generation("engagement:interviews", build)


def public_interview(pk: int) -> Interview:
    queryset = Interview.objects.public().select_related("organization", "policy").prefetch_related("guests", "photos")
    try:
        return queryset.get(pk=pk)
    except Interview.DoesNotExist as exc:
        raise Http404("访谈不存在。") from exc


def public_interview_alone(pk: int) -> Interview:
    """The interview row only (the live page's fragment needs nothing else)."""
    return get_object_or_404(Interview.objects.public().only("pk", "status"), pk=pk)


def answered_questions(interview: Interview):
    """The question-and-answer pairs published so far, in the order they were answered."""
    return interview.questions.filter(status=Question.Status.ANSWERED).order_by("answered_at", "pk")


# --- Figures for the 网站工作年度报表 (read by the evaluation app)


def annual_figures(start: datetime, end: datetime) -> dict[str, int]:
    """[start, end): 在线访谈 held (started in the period and not cancelled), the public's questions to them, the
    questions answered, and the responses made to public concerns (回应公众关注热点或重大舆情)."""
    held = (
        Interview.objects.public()
        .filter(starts_at__gte=start, starts_at__lt=end)
        .exclude(status=Interview.Status.SCHEDULED)
    )
    questions = Question.objects.filter(interview__in=held).exclude(from_host=True)
    return {
        "interviews": held.count(),
        "interview_questions": questions.count(),
        "interview_answers": questions.filter(status=Question.Status.ANSWERED).count(),
        "responses": ConcernResponse.objects.filter(responded_at__gte=start, responded_at__lt=end).count(),
    }
