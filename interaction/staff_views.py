"""Staff workbench pages of 政民互动 (/staff/messages/, /staff/corrections/, /staff/consultations/).

Each action is its own POST view: scoped lookup (another unit's item is a 404), form, service call, redirect. A
refused action (wrong state, wrong role) is shown as a message, never a 403 or 500."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from portal import private_files, registry
from portal.staff import FormAction, offered_forms, office_required, run_action, staff_required, take_form_action

from . import forms, selectors, services, stats
from .models import Consultation, Correction, CorrectionHistory, Message, MessageHistory, page_clock
from .workflows import CONSULTATIONS, CORRECTIONS, MESSAGES

S = Message.Status
MA = MessageHistory.Action
CA = CorrectionHistory.Action
PAGE_SIZE = 30


# --- messages


@staff_required
def message_list(request):
    qs = selectors.messages_for(request.user)
    status = request.GET.get("status", "")
    if status in S.values:
        qs = qs.filter(status=status)
    if request.GET.get("flag") == "red":
        qs = qs.red_flagged()
    q = request.GET.get("q", "").strip()[:50]
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(tracking_number__iexact=q) | Q(content__icontains=q))
    qs = qs.order_by("due_on", "-received_at", "-id") if status == S.PROCESSING else qs.order_by("-received_at", "-id")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    clocks = page_clock(page)
    rows = [(m, m.clock(clocks)) for m in page]
    return render(
        request,
        "interaction/staff/message_list.html",
        {"page": page, "rows": rows, "status": status, "statuses": S.choices, "q": q, "flag": request.GET.get("flag")},
    )


# The actions of each table that its detail page offers, with their forms (in the page's context as
# ``<action>_form``).
MESSAGE_ACTIONS = {
    MA.ACCEPT: FormAction(forms.OpinionTextForm, services.accept_message, "已受理，请分办。"),
    MA.DISPATCH: FormAction(forms.DispatchForm, services.dispatch_message, "已分办，办理单位须在3个工作日内答复。"),
    MA.REJECT: FormAction(forms.RejectForm, services.reject_message, "已标记为不予受理。"),
    MA.EXTEND: FormAction(forms.ReasonForm, services.extend_message, "已延期。"),
    MA.REPLY: FormAction(forms.ReplyForm, services.reply_message, "答复已提交。"),
    MA.RETURN: FormAction(forms.ReasonForm, services.return_message, "已退回政务公开办重新分办。"),
    MA.APPROVE_REPLY: FormAction(forms.OpinionTextForm, services.approve_reply, "答复已审核通过并告知留言人。"),
    MA.SEND_BACK: FormAction(forms.SendBackForm, services.send_back_reply, "答复已退回承办单位修改。"),
    MA.PUBLISH: FormAction(None, services.publish_message, "留言及答复已在网站公开。"),
    MA.CLOSE: FormAction(None, services.close_message, "已办结。"),
    MA.UNPUBLISH: FormAction(forms.ReasonForm, services.unpublish_message, "已撤销公开。"),
}
CORRECTION_ACTIONS = {
    CA.FORWARD: FormAction(
        forms.ForwardForm, services.forward_correction, "已转办，处理单位须在2个工作日内完成处理并答复。"
    ),
    CA.DISMISS: FormAction(forms.ReasonForm, services.dismiss_correction, "已标记为不予处理。"),
    CA.REPLY: FormAction(forms.CorrectionReplyForm, services.reply_correction, "处理结果已提交。"),
}


def _allowed(workflow, item, user) -> list[str]:
    """The table's actions for the buttons; a unit's reply is one form whether or not it goes to review first."""
    allowed = workflow.allowed_actions(item, user)
    return [MA.REPLY if a == MA.SUBMIT_REPLY else a for a in allowed] if workflow is MESSAGES else allowed


def _action_forms(actions: dict, allowed: list[str], initial: dict | None = None) -> dict:
    return {f"{code}_form": form for code, form in offered_forms(actions, allowed, initial).items()}


def _message_page(request, message: Message, bound: dict | None = None):
    allowed = _allowed(MESSAGES, message, request.user)
    context = {
        "message": message,
        "history": message.history.select_related("actor"),
        "clock": message.clock(page_clock([message])),
        "allowed": allowed,
        **_action_forms(MESSAGE_ACTIONS, allowed, {MA.REPLY: {"reply": message.reply}}),
        **(bound or {}),
    }
    return render(request, "interaction/staff/message_detail.html", context)


@staff_required
def message_detail(request, pk: int):
    return _message_page(request, selectors.get_message_for(request.user, pk))


def _take(request, item, action: str, actions: dict, page, detail_url: str):
    def invalid(form):
        return page(request, item, {f"{action}_form": form})

    return take_form_action(request, item, actions[action], invalid) or redirect(detail_url, pk=item.pk)


@require_POST
@staff_required
def message_action(request, pk: int, action: str):
    message = selectors.get_message_for(request.user, pk)
    return _take(request, message, action, MESSAGE_ACTIONS, _message_page, "interaction:staff_message_detail")


@staff_required
def message_attachment(request, pk: int):
    message = selectors.get_message_for(request.user, pk)
    if not message.attachment:
        raise Http404("该留言没有附件。")
    what = f"政民互动留言附件 {message.tracking_number} {message.attachment_name}"
    return private_files.serve_private(request, message.attachment, message.attachment_name or None, audit=what)


@staff_required
def message_stats(request):
    from .views import _year, _years

    year = _year(request)
    month = selectors.small_int(request.GET.get("month", ""), 1, 12)
    report = stats.year_report(year, selectors.messages_for(request.user), month=month)
    return render(
        request,
        "interaction/staff/stats.html",
        {"report": report, "years": _years(), "month": month, "months": range(1, 13)},
    )


# --- 纠错


@staff_required
def correction_list(request):
    qs = selectors.corrections_for(request.user)
    status = request.GET.get("status", "")
    if status in Correction.Status.values:
        qs = qs.filter(status=status)
    page = Paginator(qs.order_by("-received_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    clocks = page_clock(page)
    rows = [(c, c.clock(clocks)) for c in page]
    return render(
        request,
        "interaction/staff/correction_list.html",
        {"page": page, "rows": rows, "status": status, "statuses": Correction.Status.choices},
    )


def _correction_page(request, correction: Correction, bound: dict | None = None):
    allowed = _allowed(CORRECTIONS, correction, request.user)
    context = {
        "correction": correction,
        "history": correction.history.select_related("actor"),
        "clock": correction.clock(page_clock([correction])),
        "allowed": allowed,
        # The unit that owns the reported page is proposed; the office may still choose another.
        **_action_forms(CORRECTION_ACTIONS, allowed, {CA.FORWARD: {"unit": registry.page_owner(correction.page_url)}}),
        **(bound or {}),
    }
    return render(request, "interaction/staff/correction_detail.html", context)


@staff_required
def correction_detail(request, pk: int):
    return _correction_page(request, selectors.get_correction_for(request.user, pk))


@require_POST
@staff_required
def correction_action(request, pk: int, action: str):
    correction = selectors.get_correction_for(request.user, pk)
    return _take(
        request, correction, action, CORRECTION_ACTIONS, _correction_page, "interaction:staff_correction_detail"
    )


# --- 意见征集 (office staff only; everyone else gets a 404)


@office_required
def consultation_list(request):
    qs = selectors.consultations_for(request.user)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "interaction/staff/consultation_list.html", {"page": page, "now": timezone.now()})


@office_required
def consultation_edit(request, pk: int | None = None):
    consultation = selectors.get_consultation_for(request.user, pk) if pk else Consultation()
    form = forms.ConsultationForm(request.POST or None, request.FILES or None, instance=consultation)
    if request.method == "POST" and form.is_valid():
        edited = form.save(commit=False)
        if run_action(request, lambda: services.save_consultation(edited, actor=request.user), "意见征集已保存。"):
            return redirect("interaction:staff_consultation_detail", pk=edited.pk)
    return render(request, "interaction/staff/consultation_form.html", {"form": form, "consultation": consultation})


def _consultation_page(request, consultation: Consultation, bound: dict | None = None):
    allowed = CONSULTATIONS.allowed_actions(consultation, request.user)
    context = {
        "consultation": consultation,
        "opinions": consultation.opinions.all(),
        "history": consultation.history.select_related("actor"),
        "allowed": allowed,
        "publish_feedback_form": forms.FeedbackForm(initial={"feedback": consultation.feedback}),
        **(bound or {}),
    }
    return render(request, "interaction/staff/consultation_detail.html", context)


@office_required
def consultation_detail(request, pk: int):
    return _consultation_page(request, selectors.get_consultation_for(request.user, pk))


@require_POST
@office_required
def consultation_publish(request, pk: int):
    consultation = selectors.get_consultation_for(request.user, pk)
    run_action(request, lambda: services.publish_consultation(consultation, actor=request.user), "意见征集已发布。")
    return redirect("interaction:staff_consultation_detail", pk=pk)


@require_POST
@office_required
def consultation_feedback(request, pk: int):
    consultation = selectors.get_consultation_for(request.user, pk)
    form = forms.FeedbackForm(request.POST)
    if not form.is_valid():
        return _consultation_page(request, consultation, {"publish_feedback_form": form})
    feedback = form.cleaned_data["feedback"]
    run_action(
        request, lambda: services.publish_feedback(consultation, actor=request.user, feedback=feedback),
        "意见采纳情况已发布。",
    )  # fmt: skip
    return redirect("interaction:staff_consultation_detail", pk=pk)


@require_POST
@office_required
def opinion_toggle_public(request, pk: int, opinion_pk: int):
    consultation = selectors.get_consultation_for(request.user, pk)
    opinion = consultation.opinions.filter(pk=opinion_pk).first()
    if opinion is None:
        raise Http404("未找到该意见。")
    public = not opinion.is_public
    run_action(
        request, lambda: services.set_opinion_public(opinion, actor=request.user, public=public),
        "已公开该意见。" if public else "已取消公开该意见。",
    )  # fmt: skip
    return redirect("interaction:staff_consultation_detail", pk=pk)
