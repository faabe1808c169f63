"""Staff workbench pages of 政民互动 (/staff/messages/, /staff/corrections/, /staff/consultations/).

Each action is its own POST view: scoped lookup (another unit's item is a 404), form, service call, redirect. A
refused action (wrong state, wrong role) is shown as a message, never a 403 or 500."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from portal.errors import DomainError
from portal.signals import sensitive_download

from . import forms, selectors, services, stats
from .clocks import ClockCache, correction_clock, message_clock
from .models import Consultation, Correction, Message

S = Message.Status
PAGE_SIZE = 30


# --- messages


@login_required
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
    clocks = ClockCache()
    rows = [(m, message_clock(m, clocks)) for m in page]
    return render(
        request,
        "interaction/staff/message_list.html",
        {"page": page, "rows": rows, "status": status, "statuses": S.choices, "q": q, "flag": request.GET.get("flag")},
    )


def _message_context(request, message: Message, **forms_override) -> dict:
    user = request.user
    is_office = user.is_office_staff
    is_handler = bool(user.organization_id) and user.organization_id == message.unit_id
    context = {
        "message": message,
        "history": message.history.select_related("actor"),
        "clock": message_clock(message, ClockCache()),
        "is_office": is_office,
        "is_handler": is_handler,
        "reject_form": forms.RejectForm(),
        "dispatch_form": forms.DispatchForm(),
        "accept_form": forms.OpinionTextForm(),
        "return_form": forms.ReasonForm(),
        "extend_form": forms.ReasonForm(),
        "reply_form": forms.ReplyForm(initial={"reply": message.reply}),
        "approve_form": forms.OpinionTextForm(),
        "send_back_form": forms.SendBackForm(),
        "unpublish_form": forms.ReasonForm(),
    }
    context.update(forms_override)
    return context


@login_required
def message_detail(request, pk: int):
    message = selectors.get_message_for(request.user, pk)
    return render(request, "interaction/staff/message_detail.html", _message_context(request, message))


def _message_action(form_class, form_key: str, action: Callable, success: str) -> Callable:
    """Build a POST view: bind the form, call the service, flash the result; an invalid form re-renders the page
    with the errors next to the fields."""

    @login_required
    @require_POST
    def view(request, pk: int):
        message = selectors.get_message_for(request.user, pk)
        form = form_class(request.POST) if form_class else None
        if form is not None and not form.is_valid():
            return render(
                request,
                "interaction/staff/message_detail.html",
                _message_context(request, message, **{form_key: form}),
            )
        try:
            action(message, request.user, form.cleaned_data if form else {})
            flash.success(request, success)
        except DomainError as exc:
            flash.error(request, str(exc))
        return redirect("interaction:staff_message_detail", pk=message.pk)

    return view


message_accept = _message_action(
    forms.OpinionTextForm, "accept_form",
    lambda m, u, d: services.accept_message(m, actor=u, opinion=d["opinion"]), "已受理，请分办。",
)  # fmt: skip
message_reject = _message_action(
    forms.RejectForm, "reject_form",
    lambda m, u, d: services.reject_message(m, actor=u, reason=d["reason"], note=d["note"]), "已标记为不予受理。",
)  # fmt: skip
message_dispatch = _message_action(
    forms.DispatchForm, "dispatch_form",
    lambda m, u, d: services.dispatch_message(m, actor=u, unit=d["unit"], instruction=d["instruction"]),
    "已分办，办理单位须在3个工作日内答复。",
)  # fmt: skip
message_return = _message_action(
    forms.ReasonForm, "return_form",
    lambda m, u, d: services.return_message(m, actor=u, reason=d["reason"]), "已退回政务公开办重新分办。",
)  # fmt: skip
message_extend = _message_action(
    forms.ReasonForm, "extend_form",
    lambda m, u, d: services.extend_message(m, actor=u, reason=d["reason"]), "已延期。",
)  # fmt: skip
message_reply = _message_action(
    forms.ReplyForm, "reply_form",
    lambda m, u, d: services.reply_message(m, actor=u, reply=d["reply"]), "答复已提交。",
)  # fmt: skip
message_approve = _message_action(
    forms.OpinionTextForm, "approve_form",
    lambda m, u, d: services.approve_reply(m, actor=u, opinion=d["opinion"]), "答复已审核通过并告知留言人。",
)  # fmt: skip
message_send_back = _message_action(
    forms.SendBackForm, "send_back_form",
    lambda m, u, d: services.send_back_reply(m, actor=u, opinion=d["opinion"]), "答复已退回承办单位修改。",
)  # fmt: skip
message_publish = _message_action(
    None, "", lambda m, u, d: services.publish_message(m, actor=u), "留言及答复已在网站公开。"
)
message_close = _message_action(None, "", lambda m, u, d: services.close_message(m, actor=u), "已办结。")
message_unpublish = _message_action(
    forms.ReasonForm, "unpublish_form",
    lambda m, u, d: services.unpublish_message(m, actor=u, reason=d["reason"]), "已撤销公开。",
)  # fmt: skip


@login_required
def message_attachment(request, pk: int):
    message = selectors.get_message_for(request.user, pk)
    if not message.attachment:
        raise Http404("该留言没有附件。")
    what = f"政民互动留言附件 {message.tracking_number} {message.attachment_name}"
    sensitive_download.send(sender=type(message), request=request, what=what, count=1)
    return FileResponse(message.attachment.open("rb"), as_attachment=True, filename=message.attachment_name or None)


@login_required
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


@login_required
def correction_list(request):
    qs = selectors.corrections_for(request.user)
    status = request.GET.get("status", "")
    if status in Correction.Status.values:
        qs = qs.filter(status=status)
    page = Paginator(qs.order_by("-received_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    clocks = ClockCache()
    rows = [(c, correction_clock(c, clocks)) for c in page]
    return render(
        request,
        "interaction/staff/correction_list.html",
        {"page": page, "rows": rows, "status": status, "statuses": Correction.Status.choices},
    )


def _correction_context(request, correction: Correction, **override) -> dict:
    context = {
        "correction": correction,
        "history": correction.history.select_related("actor"),
        "clock": correction_clock(correction, ClockCache()),
        "is_office": request.user.is_office_staff,
        "is_handler": request.user.organization_id == correction.unit_id,
        "forward_form": forms.ForwardForm(),
        "reply_form": forms.CorrectionReplyForm(),
        "dismiss_form": forms.ReasonForm(),
    }
    return context | override


@login_required
def correction_detail(request, pk: int):
    correction = selectors.get_correction_for(request.user, pk)
    return render(request, "interaction/staff/correction_detail.html", _correction_context(request, correction))


def _correction_action(form_class, form_key: str, action: Callable, success: str) -> Callable:
    @login_required
    @require_POST
    def view(request, pk: int):
        correction = selectors.get_correction_for(request.user, pk)
        form = form_class(request.POST)
        if not form.is_valid():
            return render(
                request,
                "interaction/staff/correction_detail.html",
                _correction_context(request, correction, **{form_key: form}),
            )
        try:
            action(correction, request.user, form.cleaned_data)
            flash.success(request, success)
        except DomainError as exc:
            flash.error(request, str(exc))
        return redirect("interaction:staff_correction_detail", pk=correction.pk)

    return view


correction_forward = _correction_action(
    forms.ForwardForm, "forward_form",
    lambda c, u, d: services.forward_correction(c, actor=u, unit=d["unit"], note=d["note"]),
    "已转办，处理单位须在2个工作日内完成处理并答复。",
)  # fmt: skip
correction_reply = _correction_action(
    forms.CorrectionReplyForm, "reply_form",
    lambda c, u, d: services.reply_correction(c, actor=u, reply=d["reply"]), "处理结果已提交。",
)  # fmt: skip
correction_dismiss = _correction_action(
    forms.ReasonForm, "dismiss_form",
    lambda c, u, d: services.dismiss_correction(c, actor=u, reason=d["reason"]), "已标记为不予处理。",
)  # fmt: skip


# --- 意见征集 (office staff only; everyone else gets a 404)


@login_required
def consultation_list(request):
    qs = selectors.consultations_for(request.user)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "interaction/staff/consultation_list.html", {"page": page, "now": timezone.now()})


@login_required
def consultation_edit(request, pk: int | None = None):
    consultation = selectors.get_consultation_for(request.user, pk) if pk else Consultation()
    if pk is None:
        selectors.require_office(request.user)
    form = forms.ConsultationForm(request.POST or None, request.FILES or None, instance=consultation)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.save_consultation(form.save(commit=False), actor=request.user)
            flash.success(request, "意见征集已保存。")
            return redirect("interaction:staff_consultation_detail", pk=consultation.pk)
        except DomainError as exc:
            flash.error(request, str(exc))
    return render(request, "interaction/staff/consultation_form.html", {"form": form, "consultation": consultation})


def _consultation_context(consultation, **override) -> dict:
    context = {
        "consultation": consultation,
        "opinions": consultation.opinions.all(),
        "history": consultation.history.select_related("actor"),
        "feedback_form": forms.FeedbackForm(initial={"feedback": consultation.feedback}),
    }
    return context | override


@login_required
def consultation_detail(request, pk: int):
    consultation = selectors.get_consultation_for(request.user, pk)
    return render(request, "interaction/staff/consultation_detail.html", _consultation_context(consultation))


@login_required
@require_POST
def consultation_publish(request, pk: int):
    consultation = selectors.get_consultation_for(request.user, pk)
    try:
        services.publish_consultation(consultation, actor=request.user)
        flash.success(request, "意见征集已发布。")
    except DomainError as exc:
        flash.error(request, str(exc))
    return redirect("interaction:staff_consultation_detail", pk=pk)


@login_required
@require_POST
def consultation_feedback(request, pk: int):
    consultation = selectors.get_consultation_for(request.user, pk)
    form = forms.FeedbackForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "interaction/staff/consultation_detail.html",
            _consultation_context(consultation, feedback_form=form),
        )
    try:
        services.publish_feedback(consultation, actor=request.user, feedback=form.cleaned_data["feedback"])
        flash.success(request, "意见采纳情况已发布。")
    except DomainError as exc:
        flash.error(request, str(exc))
    return redirect("interaction:staff_consultation_detail", pk=pk)


@login_required
@require_POST
def opinion_toggle_public(request, pk: int, opinion_pk: int):
    consultation = selectors.get_consultation_for(request.user, pk)
    opinion = consultation.opinions.filter(pk=opinion_pk).first()
    if opinion is None:
        raise Http404("未找到该意见。")
    try:
        services.set_opinion_public(opinion, actor=request.user, public=not opinion.is_public)
        flash.success(request, "已公开该意见。" if opinion.is_public else "已取消公开该意见。")
    except DomainError as exc:
        flash.error(request, str(exc))
    return redirect("interaction:staff_consultation_detail", pk=pk)
