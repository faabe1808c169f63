"""Staff pages of 依申请公开 (/staff/requests/): the scoped list and export, registration, the detail page whose
forms are the actions the transition table offers the user, one POST view per action, letters, files, table 三."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from portal import exports, private_files, workdays
from portal.clocks import PageClock
from portal.errors import DomainError
from portal.models import Organization
from portal.signals import sensitive_download
from portal.staff import FormAction, offered_forms, office_required, staff_required, take_form_action
from requests_app import conf, forms, selectors, services, stats
from requests_app.models import ApplicantType, Application, ApplicationEvent, Channel, Extension, Result
from requests_app.views import letter_response
from requests_app.workflows import APPLICATIONS, can_handle, extension_too_late

S = Application.Status
A = ApplicationEvent.Action


def _filters(request) -> tuple[forms.ListFilterForm, selectors.ListFilters]:
    form = forms.ListFilterForm(request.GET or None, user=request.user)
    f = selectors.ListFilters()
    if form.is_valid():
        d = form.cleaned_data
        f = selectors.ListFilters(
            status=d["status"], unit=d["unit"].pk if d["unit"] else None, channel=d["channel"], result=d["result"],
            year=d["year"], clock=d["clock"], q=d["q"],
        )  # fmt: skip
    return form, f


@staff_required
def staff_list(request):
    form, f = _filters(request)
    qs = selectors.order_for_list(selectors.filter_applications(selectors.applications_visible_to(request.user), f), f)
    page = Paginator(qs, conf.page_size()).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    clock = PageClock([a.clock_due_on for a in rows])
    for app in rows:
        app.clock = clock.state(app.clock_due_on, done=app.is_concluded)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "requests_app/staff/list.html",
        {"form": form, "page": page, "rows": rows, "query": query.urlencode()},
    )


_CSV_FIELDS = [
    ("tracking_number", "申请编号"), ("created_at", "提交时间"), ("received_on", "收到日期"),
    ("applicant_type", "申请人类型"), ("applicant_name", "申请人"), ("organization__name", "被申请机关"),
    ("handling_unit__name", "承办单位"), ("channel", "渠道"), ("status", "状态"), ("due_on", "答复期限"),
    ("concluded_on", "办结日期"), ("result", "办理结果"),
]  # fmt: skip


@staff_required
def staff_export(request):
    """CSV of the filtered list (no identity numbers or contact details: an export travels)."""
    _, f = _filters(request)
    qs = selectors.filter_applications(selectors.applications_visible_to(request.user), f).order_by("created_at")
    labels = {
        "applicant_type": dict(ApplicantType.choices), "channel": dict(Channel.choices),
        "status": dict(S.choices), "result": dict(Result.choices),
    }  # fmt: skip

    def rows():
        for values in qs.values_list(*[name for name, _ in _CSV_FIELDS]).iterator(chunk_size=2000):
            out = []
            for (name, _), value in zip(_CSV_FIELDS, values, strict=True):
                if name == "created_at" and value:
                    value = workdays.to_local_date(value)
                out.append(labels.get(name, {}).get(value, value))
            yield out

    header = [label for _, label in _CSV_FIELDS]
    sensitive_download.send(sender=Application, request=request, what="依申请公开申请列表 CSV", count=qs.count())
    return exports.csv_response(f"requests-{workdays.today():%Y%m%d}.csv", header, rows())


@office_required
def staff_register(request):
    form = forms.RegisterForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            filed = services.register(
                form.application_data(), actor=request.user, channel=form.cleaned_data["channel"],
                received_on=form.cleaned_data["received_on"], files=form.cleaned_data["files"],
            )  # fmt: skip
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                f"已登记，申请编号 {filed.application.tracking_number}，查询密码 {filed.password}"
                "（请告知申请人，密码只显示这一次）。",
            )
            return redirect("requests_app:staff_detail", pk=filed.application.pk)
    return render(request, "requests_app/staff/register.html", {"form": form})


# The actions of the transition table that the detail page offers, with their forms.
ACTIONS = {
    A.CONFIRM_RECEIPT: FormAction(forms.ConfirmReceiptForm, services.confirm_receipt, "已确认接收，开始计算答复期限。"),
    A.ASSIGN: FormAction(forms.AssignForm, services.assign, "已交办。"),
    A.REQUEST_CORRECTION: FormAction(
        forms.CorrectionRequestForm, services.request_correction, "已发出补正通知，答复计时暂停。"
    ),
    A.RECEIVE_CORRECTION: FormAction(
        forms.CorrectionReceivedForm, services.receive_correction, "已登记补正材料，答复期限重新计算。"
    ),
    A.ASK_THIRD_PARTY: FormAction(
        forms.ThirdPartyForm, services.ask_third_party, "已发出征求意见书，等待期间不计入答复期限。"
    ),
    A.THIRD_PARTY_ANSWER: FormAction(
        forms.ThirdPartyAnswerForm, services.record_third_party_answer, "已登记第三方意见，恢复计时。"
    ),
    A.ISSUE_FEE_NOTICE: FormAction(
        forms.FeeNoticeForm, services.issue_fee_notice, "已发出收费通知书，缴费期间答复计时暂停。"
    ),
    A.RECORD_FEE_PAYMENT: FormAction(forms.FeePaymentForm, services.record_fee_payment, "已登记缴费，恢复计时。"),
    A.REQUEST_EXTENSION: FormAction(
        forms.ExtensionRequestForm, services.request_extension, "延期申请已提交政务公开办审批。"
    ),
    A.APPROVE_EXTENSION: FormAction(
        forms.DecisionForm, services.approve_extension, "已批准延期，延期答复告知书已生成。"
    ),
    A.REJECT_EXTENSION: FormAction(forms.DecisionForm, services.reject_extension, "已退回延期申请。"),
    A.DRAFT_REPLY: FormAction(forms.ReplyDraftForm, services.draft_reply, "答复已提交政务公开办审核。"),
    A.APPROVE_REPLY: FormAction(forms.DecisionForm, services.approve_reply, "答复已发出，告知书已生成。"),
    A.RETURN_DRAFT: FormAction(forms.RequiredOpinionForm, services.return_draft, "答复已退回承办单位修改。"),
}


def _initial(action: str, app: Application) -> dict:
    today = workdays.today()
    if action in (A.CONFIRM_RECEIPT, A.RECEIVE_CORRECTION, A.THIRD_PARTY_ANSWER, A.RECORD_FEE_PAYMENT):
        return {"received_on": today, "answered_on": today, "paid_on": today}
    if action == A.REQUEST_CORRECTION:
        return {"deadline": workdays.add_workdays(today, conf.correction_default_workdays())}
    if action == A.DRAFT_REPLY:
        return {"result": app.result, "text": app.reply_text, "referral_agency": app.referral_agency}
    if action == A.ASSIGN:
        return {"unit": app.handling_unit_id or app.organization_id}
    return {}


def _detail_page(request, app: Application, bound: dict | None = None, status: int = 200):
    detail = selectors.application_detail(app)
    allowed = APPLICATIONS.allowed_actions(app, request.user)
    action_forms = offered_forms(ACTIONS, allowed, {code: _initial(code, app) for code in allowed})
    action_forms.update(bound or {})  # a refused form is shown again with its errors, whatever else changed
    # While a third party's answer is overdue the reply clock runs again: the badge follows the reply's due date.
    overdue_due_on = services.due_on_while_third_party_overdue(app)
    deadline = overdue_due_on or app.clock_due_on
    clock = PageClock([deadline]).state(deadline, done=app.is_concluded)
    pending = next((e for e in detail["extensions"] if e.status == Extension.Status.PENDING), None)
    context = {
        "app": app, "clock": clock, "forms": action_forms, "pending_extension": pending,
        "due_on_third_party_overdue": overdue_due_on,
        # Art. 33: past the original due date a pending extension can only be refused; the page says why.
        "extension_too_late": extension_too_late(app) if pending else None,
        # Identity numbers and contact details in full only for the handling staff (a unit leader sees them masked).
        "sees_identity": can_handle(request.user, app), **detail,
    }  # fmt: skip
    return render(request, "requests_app/staff/detail.html", context, status=status)


@staff_required
def staff_detail(request, pk: int):
    return _detail_page(request, selectors.get_application_for_user(request.user, pk))


@require_POST
@staff_required
def take_action(request, pk: int, action: str):
    """The POST of one action (the URL names it): bind its form (shown again with its errors when invalid), call its
    service, report the outcome as a message."""
    app = selectors.get_application_for_user(request.user, pk)

    def invalid(form):
        messages.error(request, "请检查表单中标出的错误。")
        return _detail_page(request, app, bound={action: form}, status=400)

    return take_form_action(request, app, ACTIONS[action], invalid) or redirect("requests_app:staff_detail", pk=app.pk)


@staff_required
def staff_letter(request, pk: int, letter_pk: int):
    app = selectors.get_application_for_user(request.user, pk)
    return letter_response(request, get_object_or_404(app.letters.all(), pk=letter_pk))


@staff_required
def staff_file(request, pk: int, file_pk: int):
    app = selectors.get_application_for_user(request.user, pk)
    item = get_object_or_404(app.files.all(), pk=file_pk)
    return private_files.serve_private(
        request, item.file, item.name, audit=f"依申请公开材料 {app.tracking_number} {item.name}"
    )


@staff_required
def staff_stats(request):
    today = workdays.today()
    form = forms.StatsForm(request.GET or {"year": today.year})
    if not request.user.is_office_staff:
        form.fields["organization"].queryset = Organization.objects.filter(pk=request.user.organization_id)
    table = None
    if form.is_valid():
        org = form.cleaned_data["organization"]
        if not request.user.is_office_staff:
            org = request.user.organization
        table = stats.table_three(form.cleaned_data["year"], org)
    return render(request, "requests_app/staff/stats.html", {"form": form, "table": table, "columns": stats.COLUMNS})


# --- 行政复议 / 行政诉讼 cases (table 四 of the annual report)


@staff_required
def case_list(request):
    cases = selectors.cases_visible_to(request.user)
    page = Paginator(cases, 50).get_page(request.GET.get("page"))
    return render(request, "requests_app/staff/cases.html", {"page": page})


@staff_required
def case_edit(request, pk: int | None = None):
    case = selectors.get_case_for_user(request.user, pk) if pk else None
    form = forms.DisputeCaseForm(request.POST or None, instance=case, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            if case is None:
                services.register_case(actor=request.user, **form.service_fields())
            else:
                services.update_case(selectors.get_case_for_user(request.user, pk), actor=request.user,
                                     **form.service_fields())  # fmt: skip
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "案件已保存。")
            return redirect("requests_app:staff_cases")
    return render(request, "requests_app/staff/case_form.html", {"form": form, "case": case})
