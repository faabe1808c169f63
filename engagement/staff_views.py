"""Staff pages of 解读回应: a form, a scoped lookup (selectors: another unit's item is a 404), a service call, then a
redirect or the page again with the errors next to the fields. Buttons come from the transition tables."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from portal.errors import DomainError
from portal.middleware import rich_text_editor_csp
from portal.staff import office_required, run_action, staff_required

from . import conf, selectors, services
from .forms import (
    AnswerForm,
    ConcernForm,
    HostQuestionForm,
    InterviewForm,
    PhotoForm,
    ReasonForm,
    ResponseForm,
    ResultForm,
)
from .models import ConcernHistory, InterviewHistory, Question, QuestionHistory
from .workflows import CONCERNS, INTERVIEWS, QUESTIONS, can_draft_interview

CA, IA, QA = ConcernHistory.Action, InterviewHistory.Action, QuestionHistory.Action


def _page(request, queryset):
    return Paginator(queryset, conf.PAGE_SIZE).get_page(request.GET.get("page"))


# --- 政务舆情


@staff_required
def concern_list(request):
    concerns = selectors.with_clocks(selectors.concerns_visible_to(request.user)).order_by("-recorded_at", "-pk")
    status = request.GET.get("status", "")
    if status:
        concerns = concerns.filter(status=status)
    return render(request, "engagement/staff/concern_list.html", {"page": _page(request, concerns), "status": status})


@office_required
def concern_create(request):
    form = ConcernForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            concern = services.record_concern(services.NewConcern(**form.cleaned_data), actor=request.user)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "政务舆情已登记，回应时限开始计时，已通知责任单位。")
            return redirect("engagement:staff_concern", concern.pk)
    return render(request, "engagement/staff/concern_form.html", {"form": form})


def _concern_page(request, concern, response_form=None, result_form=None, status=200):
    actions = CONCERNS.allowed_actions(concern, request.user)
    context = {
        "concern": concern,
        "clocks": list(concern.clocks.all()),
        "responses": concern.responses.select_related("organization"),
        "history": selectors.concern_history(concern),
        "actions": actions,
        "response_form": response_form or (ResponseForm() if CA.RESPOND in actions else None),
        "result_form": result_form or (ResultForm() if CA.CLOSE in actions else None),
    }
    return render(request, "engagement/staff/concern_detail.html", context, status=status)


@staff_required
def concern_detail(request, pk: int):
    return _concern_page(request, selectors.get_concern_for_user(request.user, pk))


@staff_required
@require_POST
def concern_respond(request, pk: int):
    concern = selectors.get_concern_for_user(request.user, pk)
    form = ResponseForm(request.POST)
    if not form.is_valid():
        return _concern_page(request, concern, response_form=form)
    data = services.NewResponse(**form.cleaned_data)
    try:
        services.respond(concern, data, actor=request.user)
    except DomainError as exc:
        form.add_error(None, str(exc))
        return _concern_page(request, concern, response_form=form)
    messages.success(request, "回应情况已记录。")
    return redirect("engagement:staff_concern", pk)


@staff_required
@require_POST
def concern_close(request, pk: int):
    concern = selectors.get_concern_for_user(request.user, pk)
    form = ResultForm(request.POST)
    if not form.is_valid():
        return _concern_page(request, concern, result_form=form)
    result = form.cleaned_data["result"]
    run_action(request, lambda: services.close_concern(concern, actor=request.user, result=result), "已办结。")
    return redirect("engagement:staff_concern", pk)


# --- 在线访谈


@staff_required
def interview_list(request):
    interviews = selectors.interviews_visible_to(request.user).order_by("-starts_at", "-pk")
    context = {"page": _page(request, interviews), "may_schedule": can_draft_interview(request.user)}
    return render(request, "engagement/staff/interview_list.html", context)


def _interview_data(form) -> services.InterviewData:
    return services.InterviewData(**form.cleaned_data)


@staff_required
@rich_text_editor_csp
def interview_create(request):
    if not can_draft_interview(request.user):
        raise Http404("未找到该页面。")
    form = InterviewForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            interview = services.schedule_interview(_interview_data(form), actor=request.user)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "访谈已安排，预告已在网站发布。")
            return redirect("engagement:staff_interview", interview.pk)
    return render(request, "engagement/staff/interview_form.html", {"form": form, "interview": None})


@staff_required
@rich_text_editor_csp
def interview_edit(request, pk: int):
    interview = selectors.get_interview_for_user(request.user, pk)
    if INTERVIEWS.problem(interview, request.user, IA.EDIT):
        messages.error(request, "这期访谈当前不能由您修改。")
        return redirect("engagement:staff_interview", pk)
    guests = "\n".join(f"{g.name}，{g.post}" for g in interview.guests.all())
    initial = {"title": interview.title, "organization": interview.organization_id, "starts_at": interview.starts_at,
               "guests": guests, "policy": interview.policy_id, "preview": interview.preview,
               "transcript": interview.transcript}  # fmt: skip
    form = InterviewForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_interview(interview, _interview_data(form), actor=request.user)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "访谈信息已保存。")
            return redirect("engagement:staff_interview", pk)
    return render(request, "engagement/staff/interview_form.html", {"form": form, "interview": interview})


def _interview_page(request, interview, *, photo_form=None, host_form=None, answer_forms=None, status=200):
    user = request.user
    grouped = selectors.questions_by_status(interview)
    answer_forms = answer_forms or {}
    open_questions = grouped[Question.Status.PENDING] + grouped[Question.Status.ACCEPTED]
    for question in open_questions:
        question.interview = interview
        question.actions = QUESTIONS.allowed_actions(question, user)
        question.form = answer_forms.get(question.pk) or AnswerForm(interview=interview, prefix=f"q{question.pk}")
    actions = INTERVIEWS.allowed_actions(interview, user)
    context = {
        "interview": interview,
        "actions": actions,
        "open_questions": open_questions,
        "answered": grouped[Question.Status.ANSWERED],
        "closed_questions": grouped[Question.Status.REJECTED] + grouped[Question.Status.FORWARDED],
        "photo_form": photo_form or PhotoForm(),
        "host_form": host_form or HostQuestionForm(interview=interview),
        "reason_form": ReasonForm(),
        "on_air": interview.status in ("live", "ended"),
    }
    return render(request, "engagement/staff/interview_detail.html", context, status=status)


@staff_required
def interview_detail(request, pk: int):
    return _interview_page(request, selectors.get_interview_for_user(request.user, pk))


INTERVIEW_ACTIONS = {
    "start": (services.start_interview, "访谈已开始，网民提问和答复将实时显示。"),
    "end": (services.end_interview, "访谈已结束。请整理文字实录并上传图片。"),
}


@staff_required
@require_POST
def interview_action(request, pk: int, action: str):
    if action not in INTERVIEW_ACTIONS:
        raise Http404("未找到该操作。")
    interview = selectors.get_interview_for_user(request.user, pk)
    service, success = INTERVIEW_ACTIONS[action]
    run_action(request, lambda: service(interview, actor=request.user), success)
    return redirect("engagement:staff_interview", pk)


@staff_required
@require_POST
def interview_cancel(request, pk: int):
    interview = selectors.get_interview_for_user(request.user, pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    run_action(request, lambda: services.cancel_interview(interview, actor=request.user, reason=reason), "访谈已取消。")
    return redirect("engagement:staff_interview", pk)


@staff_required
@require_POST
def photo_add(request, pk: int):
    interview = selectors.get_interview_for_user(request.user, pk)
    form = PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        return _interview_page(request, interview, photo_form=form)
    data = form.cleaned_data
    add = lambda: services.add_photo(interview, actor=request.user, upload=data["image"], caption=data["caption"])  # noqa: E731
    run_action(request, add, "图片已上传。")
    return redirect("engagement:staff_interview", pk)


@staff_required
@require_POST
def photo_remove(request, pk: int, photo_pk: int):
    interview = selectors.get_interview_for_user(request.user, pk)
    photo = get_object_or_404(interview.photos, pk=photo_pk)
    run_action(request, lambda: services.remove_photo(photo, actor=request.user), "图片已删除。")
    return redirect("engagement:staff_interview", pk)


@staff_required
@require_POST
def host_question(request, pk: int):
    interview = selectors.get_interview_for_user(request.user, pk)
    form = HostQuestionForm(request.POST, interview=interview)
    if not form.is_valid():
        return _interview_page(request, interview, host_form=form)
    data = form.cleaned_data
    put = lambda: services.host_question(interview, actor=request.user, **data)  # noqa: E731
    run_action(request, put, "问答已发布。")
    return redirect("engagement:staff_interview", pk)


def _answer(request, question):
    form = AnswerForm(request.POST, interview=question.interview, prefix=f"q{question.pk}")
    if not form.is_valid():
        return _interview_page(request, question.interview, answer_forms={question.pk: form})
    data = form.cleaned_data
    run_action(request, lambda: services.answer_question(question, actor=request.user, **data), "问答已发布。")
    return None


QUESTION_ACTIONS = {
    "accept": (lambda q, user: services.accept_question(q, actor=user), "已采纳，等待嘉宾答复。"),
    "reject": (lambda q, user: services.reject_question(q, actor=user), "已设为不予采纳。"),
    "forward": (lambda q, user: services.forward_question(q, actor=user), "已转为政民互动留言并分办主办单位。"),
}


@staff_required
@require_POST
def question_action(request, pk: int, question_pk: int, action: str):
    question = selectors.get_question_for_user(request.user, pk, question_pk)
    if action == "answer":
        response = _answer(request, question)
        if response is not None:
            return response
    elif action in QUESTION_ACTIONS:
        service, success = QUESTION_ACTIONS[action]
        run_action(request, lambda: service(question, request.user), success)
    else:
        raise Http404("未找到该操作。")
    return redirect("engagement:staff_interview", pk)
