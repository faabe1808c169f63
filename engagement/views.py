"""Public pages of 解读回应: the 在线访谈 list and page (questions sent with a captcha under the rate limit; the live
question-and-answer list refreshed by a small script polling a fragment), and the 回应关切 column."""

from __future__ import annotations

from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal import ratelimit

from . import conf, selectors, services
from .forms import QuestionForm
from .models import Interview


def interview_list(request):
    upcoming, past = selectors.interview_listing()
    page = Paginator(past, conf.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "engagement/interview_list.html", {"upcoming": upcoming, "page": page})


def interview_detail(request, pk: int, form: QuestionForm | None = None, status: int = 200):
    interview = selectors.public_interview(pk)
    context = {
        "interview": interview,
        "answered": selectors.answered_questions(interview),
        "form": form or (QuestionForm() if interview.takes_questions else None),
        "poll_seconds": conf.LIVE_POLL_SECONDS,
        "live": interview.status == Interview.Status.LIVE,
    }
    return render(request, "engagement/interview_detail.html", context, status=status)


@never_cache
def interview_answers(request, pk: int):
    """The question-and-answer list alone, for the live page's script (no whole-page reload)."""
    interview = selectors.public_interview_alone(pk)
    return render(request, "engagement/_answers.html", {"answered": selectors.answered_questions(interview)})


@require_POST
def question_new(request, pk: int):
    interview = selectors.public_interview(pk)
    form = QuestionForm(request.POST)
    sent = ratelimit.submit_public_form(
        request,
        form,
        "interview_questions",
        lambda data: services.submit_question(interview, services.NewQuestion(**data)),
    )
    if not sent.taken:
        return interview_detail(request, pk, form, status=sent.status)
    flash.success(request, "您的提问已提交，经审核后由嘉宾答复。")
    return redirect(reverse("engagement:interview", args=[pk]) + "#qa")


def response_list(request):
    """回应关切: the responses made to public concerns, newest first."""
    page = Paginator(selectors.response_listing(), conf.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "engagement/response_list.html", {"page": page, "now": timezone.now()})
