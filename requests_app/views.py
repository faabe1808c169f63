"""Thin views: a form, a scoped lookup, a service call, then a redirect or a page. Domain errors become messages."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from portal import ratelimit, workdays
from portal.errors import DomainError
from portal.home import Block
from portal.models import Organization, SiteProfile
from portal.signals import sensitive_download
from portal.workbench import Section, Task
from requests_app import conf, forms, notifications, selectors, services, stats
from requests_app.clocks import PageClock
from requests_app.models import (
    ApplicantType,
    Application,
    ApplicationFile,
    Channel,
    ClockPause,
    Extension,
    Letter,
    Result,
)

RATE_SCOPE = "requests"
SESSION_ACCESS = "requests_access"
SESSION_NEW = "requests_new"
S = Application.Status


# --- public pages


def guide(request):
    office = Organization.objects.active().filter(kind=Organization.Kind.COUNTY_OFFICE).first()
    return render(request, "requests_app/guide.html", {"office": office, "reply_days": conf.reply_workdays()})


def new(request):
    limited = request.method == "POST" and ratelimit.form_limited(request, RATE_SCOPE)
    if request.method == "POST" and not limited:
        form = forms.PublicApplicationForm(request.POST, request.FILES)
        if form.is_valid():
            filed = services.submit_online(form.application_data(), form.cleaned_data["files"])
            ratelimit.count_form_submission(request, RATE_SCOPE)
            _grant(request, filed.application)
            request.session[SESSION_NEW] = {"number": filed.application.tracking_number, "password": filed.password}
            return redirect("requests_app:submitted")
    else:
        # Over the limit: nothing is checked or saved, but what was typed is put back in the form.
        form = forms.PublicApplicationForm(initial=request.POST.dict() if limited else None)
        if limited:
            messages.error(request, ratelimit.RATE_LIMIT_MESSAGE)
    office = Organization.objects.active().filter(kind=Organization.Kind.COUNTY_OFFICE).first()
    return render(request, "requests_app/new.html", {"form": form, "office": office}, status=429 if limited else 200)


def submitted(request):
    """The tracking number and the password, shown once."""
    new_one = request.session.pop(SESSION_NEW, None)
    if not new_one:
        return redirect("requests_app:track")
    receipt = Letter.objects.filter(
        application__tracking_number=new_one["number"], kind=Letter.Kind.RECEIPT
    ).values_list("pk", flat=True)
    context = {**new_one, "receipt_pk": receipt.first()}
    return render(request, "requests_app/submitted.html", context)


def _grant(request, app: Application) -> None:
    allowed = set(request.session.get(SESSION_ACCESS, []))
    allowed.add(app.pk)
    request.session[SESSION_ACCESS] = sorted(allowed)


_NUMBER_RE = re.compile(r"^[A-Z]{3}\d{10}$")


def _tracked(request, number: str) -> Application | None:
    if not _NUMBER_RE.match(number):  # never hand odd input (NUL bytes, 300 characters) to the database
        return None
    app = Application.objects.select_related("organization").filter(tracking_number=number).first()
    if app is None or app.pk not in request.session.get(SESSION_ACCESS, []):
        return None
    return app


def track(request):
    form = forms.TrackingForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if ratelimit.tracking_guess_limited(request, RATE_SCOPE):
            form.add_error(None, ratelimit.TRACKING_LOCKED_MESSAGE)
            status = 429
        elif form.is_valid():
            app = selectors.find_for_tracking(form.cleaned_data["tracking_number"], form.cleaned_data["password"])
            if app is not None:
                _grant(request, app)
                return redirect("requests_app:track_detail", number=app.tracking_number)
            ratelimit.count_tracking_failure(request, RATE_SCOPE)
            form.add_error(None, ratelimit.TRACKING_FAILED_MESSAGE)
    return render(request, "requests_app/track.html", {"form": form}, status=status)


def _tracked_or_redirect(view: Callable) -> Callable:
    @wraps(view)
    def wrapper(request, number: str, *args, **kwargs):
        app = _tracked(request, number)
        if app is None:
            messages.info(request, "请输入申请编号和查询密码。")
            return redirect("requests_app:track")
        return view(request, app, *args, **kwargs)

    return wrapper


def _track_page(request, app: Application, *, correction_form=None, withdraw_form=None, status: int = 200):
    context = {
        "app": app,
        "events": selectors.public_events(app),
        "letters": selectors.public_letters(app),
        "released": app.files.filter(kind=ApplicationFile.Kind.RELEASED) if app.status == S.REPLIED else [],
        "correction": app.pauses.filter(kind=ClockPause.Kind.CORRECTION, ended_on__isnull=True).first(),
        "correction_form": correction_form or forms.CorrectionReplyForm(),
        "withdraw_form": withdraw_form or forms.WithdrawForm(),
    }
    return render(request, "requests_app/track_detail.html", context, status=status)


@_tracked_or_redirect
def track_detail(request, app: Application):
    return _track_page(request, app)


@_tracked_or_redirect
def track_letter(request, app: Application, pk: int):
    letter = get_object_or_404(app.letters.filter(kind__in=Letter.PUBLIC_KINDS), pk=pk)
    return _pdf_response(request, letter)


@_tracked_or_redirect
def track_file(request, app: Application, pk: int):
    if app.status != S.REPLIED:
        raise Http404("文件不存在。")
    item = get_object_or_404(app.files.filter(kind=ApplicationFile.Kind.RELEASED), pk=pk)
    return _file_response(request, app, item)


@require_POST
@_tracked_or_redirect
def track_withdraw(request, app: Application):
    form = forms.WithdrawForm(request.POST)
    if not form.is_valid():
        return _track_page(request, app, withdraw_form=form, status=400)
    try:
        services.withdraw(app, reason=form.cleaned_data["reason"])
        messages.success(request, "您的申请已撤回。")
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect("requests_app:track_detail", number=app.tracking_number)


@require_POST
@_tracked_or_redirect
def track_correction(request, app: Application):
    form = forms.CorrectionReplyForm(request.POST, request.FILES)
    if not form.is_valid():
        return _track_page(request, app, correction_form=form, status=400)
    try:
        services.receive_correction(app, text=form.cleaned_data["text"], files=form.cleaned_data["files"])
        messages.success(request, "补正材料已提交，答复期限自今日起重新计算。")
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect("requests_app:track_detail", number=app.tracking_number)


def _pdf_response(request, letter: Letter) -> HttpResponse:
    data = notifications.letter_pdf_bytes(letter)
    sensitive_download.send(
        sender=Letter,
        request=request,
        what=f"依申请公开告知书 {letter.application.tracking_number} {letter.filename}",
        count=1,
    )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{_quote(letter.filename)}"
    return response


def _file_response(request, app: Application, item: ApplicationFile) -> FileResponse:
    sensitive_download.send(
        sender=ApplicationFile, request=request, what=f"依申请公开材料 {app.tracking_number} {item.name}", count=1
    )
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


# --- staff pages


def staff_only(view: Callable) -> Callable:
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_portal_staff:
            raise Http404("未找到该页面。")
        return view(request, *args, **kwargs)

    return wrapper


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


def _deadline(app: Application):
    return app.due_on if app.status in Application.RUNNING_STATES else app.pause_deadline


@staff_only
def staff_list(request):
    form, f = _filters(request)
    qs = selectors.order_for_list(selectors.filter_applications(selectors.applications_visible_to(request.user), f), f)
    page = Paginator(qs, conf.page_size()).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    clock = PageClock([_deadline(a) for a in rows])
    for app in rows:
        app.clock = clock.state(_deadline(app), done=app.is_concluded)
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


class _Echo:
    def write(self, value):
        return value


@staff_only
def staff_export(request):
    """CSV of the filtered list (no identity numbers or contact details: an export travels)."""
    _, f = _filters(request)
    qs = selectors.filter_applications(selectors.applications_visible_to(request.user), f).order_by("created_at")
    labels = {
        "applicant_type": dict(ApplicantType.choices), "channel": dict(Channel.choices),
        "status": dict(S.choices), "result": dict(Result.choices),
    }  # fmt: skip
    writer = csv.writer(_Echo())

    def rows():
        yield "\ufeff" + writer.writerow([label for _, label in _CSV_FIELDS])
        for values in qs.values_list(*[name for name, _ in _CSV_FIELDS]).iterator(chunk_size=2000):
            out = []
            for (name, _), value in zip(_CSV_FIELDS, values, strict=True):
                if name == "created_at" and value:
                    value = workdays.to_local_date(value)
                out.append(labels.get(name, {}).get(value, value) if value is not None else "")
            yield writer.writerow(out)

    sensitive_download.send(sender=Application, request=request, what="依申请公开申请列表 CSV", count=qs.count())
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename=requests-{workdays.today():%Y%m%d}.csv"
    return response


@staff_only
def staff_register(request):
    if not request.user.is_office_staff:
        raise Http404("未找到该页面。")
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


def available_actions(user, app: Application, pending: Extension | None, has_live_extension: bool) -> set[str]:
    """Which action forms the detail page shows; the services enforce the same rules again."""
    office, handler = user.is_office_staff, services.can_handle(user, app)
    actions = set()
    if office and app.status == S.SUBMITTED:
        actions.add("confirm")
    if office and app.status in (S.PROCESSING, S.CORRECTION, S.THIRD_PARTY):
        actions.add("assign")
    if handler and app.status == S.PROCESSING:
        actions |= {"third_party", "draft"}
        if not app.pauses.filter(kind=ClockPause.Kind.CORRECTION).exists() and workdays.today() <= (
            services.correction_window_ends(app)
        ):
            actions.add("correction")
    if handler and app.status == S.DRAFTED:
        actions.add("draft")
    if handler and app.status == S.CORRECTION:
        actions.add("correction_received")
    if handler and app.status == S.THIRD_PARTY:
        actions.add("third_party_answer")
    if handler and app.status in Application.RUNNING_STATES and not has_live_extension:
        actions.add("extension")
    if office and pending is not None:
        actions.add("decide_extension")
    if office and app.status == S.DRAFTED:
        actions |= {"approve", "return"}
    return actions


_ACTION_FORMS = {
    "confirm": forms.ConfirmReceiptForm,
    "assign": forms.AssignForm,
    "correction": forms.CorrectionRequestForm,
    "correction_received": forms.CorrectionReceivedForm,
    "third_party": forms.ThirdPartyForm,
    "third_party_answer": forms.ThirdPartyAnswerForm,
    "extension": forms.ExtensionRequestForm,
    "draft": forms.ReplyDraftForm,
    "approve": forms.DecisionForm,
    "return": forms.RequiredOpinionForm,
    "decide_extension": forms.DecisionForm,
}


def _initial(action: str, app: Application) -> dict:
    today = workdays.today()
    if action in ("confirm", "correction_received", "third_party_answer"):
        return {"received_on": today, "answered_on": today}
    if action == "correction":
        return {"deadline": workdays.add_workdays(today, conf.correction_default_workdays())}
    if action == "draft":
        return {"result": app.result, "text": app.reply_text, "referral_agency": app.referral_agency}
    if action == "assign":
        return {"unit": app.handling_unit_id or app.organization_id}
    return {}


def _detail_page(request, app: Application, bound: dict | None = None, status: int = 200):
    detail = selectors.application_detail(app)
    pending = next((e for e in detail["extensions"] if e.status == Extension.Status.PENDING), None)
    live = any(e.status != Extension.Status.REJECTED for e in detail["extensions"])
    actions = available_actions(request.user, app, pending, live)
    bound = bound or {}
    action_forms = {a: _ACTION_FORMS[a](initial=_initial(a, app)) for a in actions}
    action_forms.update(bound)  # a refused form is shown again with its errors, whatever else changed
    clock = PageClock([_deadline(app)]).state(_deadline(app), done=app.is_concluded)
    context = {
        "app": app, "clock": clock, "forms": action_forms, "pending_extension": pending,
        # Identity numbers and contact details in full only for the handling staff (a unit leader sees them masked).
        "sees_identity": services.can_handle(request.user, app), **detail,
    }  # fmt: skip
    return render(request, "requests_app/staff/detail.html", context, status=status)


@staff_only
def staff_detail(request, pk: int):
    return _detail_page(request, selectors.get_application_for_user(request.user, pk))


def _act(request, pk: int, action: str, run: Callable[[Application, dict], object], done: str):
    app = selectors.get_application_for_user(request.user, pk)
    form = _ACTION_FORMS[action](request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "请检查表单中标出的错误。")
        return _detail_page(request, app, bound={action: form}, status=400)
    try:
        run(app, form.cleaned_data)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("requests_app:staff_detail", pk=app.pk)


@require_POST
@staff_only
def staff_confirm(request, pk: int):
    def run(app, d):
        services.confirm_receipt(app, actor=request.user, received_on=d["received_on"])

    return _act(request, pk, "confirm", run, "已确认接收，开始计算答复期限。")


@require_POST
@staff_only
def staff_assign(request, pk: int):
    def run(app, d):
        services.assign(app, actor=request.user, unit=d["unit"], opinion=d["opinion"])

    return _act(request, pk, "assign", run, "已交办。")


@require_POST
@staff_only
def staff_request_correction(request, pk: int):
    def run(app, d):
        services.request_correction(app, actor=request.user, items=d["items"], deadline=d["deadline"])

    return _act(request, pk, "correction", run, "已发出补正通知，答复计时暂停。")


@require_POST
@staff_only
def staff_correction_received(request, pk: int):
    def run(app, d):
        services.receive_correction(app, actor=request.user, received_on=d["received_on"], text=d["text"])

    return _act(request, pk, "correction_received", run, "已登记补正材料，答复期限重新计算。")


@require_POST
@staff_only
def staff_ask_third_party(request, pk: int):
    def run(app, d):
        services.ask_third_party(app, actor=request.user, third_party=d["third_party"], reason=d["reason"])

    return _act(request, pk, "third_party", run, "已发出征求意见书，等待期间不计入答复期限。")


@require_POST
@staff_only
def staff_third_party_answer(request, pk: int):
    def run(app, d):
        services.record_third_party_answer(app, actor=request.user, answered_on=d["answered_on"], outcome=d["outcome"])

    return _act(request, pk, "third_party_answer", run, "已登记第三方意见，恢复计时。")


@require_POST
@staff_only
def staff_request_extension(request, pk: int):
    def run(app, d):
        services.request_extension(app, actor=request.user, reason=d["reason"])

    return _act(request, pk, "extension", run, "延期申请已提交政务公开办审批。")


def _pending_extension(app: Application) -> Extension:
    ext = app.extensions.filter(status=Extension.Status.PENDING).first()
    if ext is None:
        raise DomainError("没有待审批的延期申请。")
    return ext


@require_POST
@staff_only
def staff_approve_extension(request, pk: int):
    def run(app, d):
        services.approve_extension(_pending_extension(app), actor=request.user, opinion=d["opinion"])

    return _act(request, pk, "decide_extension", run, "已批准延期，延期答复告知书已生成。")


@require_POST
@staff_only
def staff_reject_extension(request, pk: int):
    def run(app, d):
        services.reject_extension(_pending_extension(app), actor=request.user, opinion=d["opinion"] or "不同意延期")

    return _act(request, pk, "decide_extension", run, "已退回延期申请。")


@require_POST
@staff_only
def staff_draft_reply(request, pk: int):
    def run(app, d):
        services.draft_reply(
            app, actor=request.user, result=d["result"], text=d["text"], referral_agency=d["referral_agency"],
            files=d["files"],
        )  # fmt: skip

    return _act(request, pk, "draft", run, "答复已提交政务公开办审核。")


@require_POST
@staff_only
def staff_return_draft(request, pk: int):
    def run(app, d):
        services.return_draft(app, actor=request.user, opinion=d["opinion"])

    return _act(request, pk, "return", run, "答复已退回承办单位修改。")


@require_POST
@staff_only
def staff_approve_reply(request, pk: int):
    def run(app, d):
        services.approve_reply(app, actor=request.user, opinion=d["opinion"])

    return _act(request, pk, "approve", run, "答复已发出，告知书已生成。")


@staff_only
def staff_letter(request, pk: int, letter_pk: int):
    app = selectors.get_application_for_user(request.user, pk)
    return _pdf_response(request, get_object_or_404(app.letters.all(), pk=letter_pk))


@staff_only
def staff_file(request, pk: int, file_pk: int):
    app = selectors.get_application_for_user(request.user, pk)
    item = get_object_or_404(app.files.all(), pk=file_pk)
    return _file_response(request, app, item)


@staff_only
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


# --- workbench section and home block (registered in AppConfig.ready)


def workbench_sections(user) -> list[Section]:
    if not getattr(user, "is_portal_staff", False):
        return []
    qs = selectors.open_for_workbench(user)
    rows = list(qs[:8])
    handles = user.is_office_staff or user.is_officer or user.is_unit_reviewer
    if not rows and not handles:
        return []
    count = qs.count() if rows else 0
    clock = PageClock([_deadline(a) for a in rows])
    tasks = [
        Task(
            title=f"{a.tracking_number} {a.info_title or a.info_description[:24]}",
            url=reverse("requests_app:staff_detail", args=[a.pk]),
            unit=a.handling_unit.display_name if a.handling_unit else "未交办",
            state=a.get_status_display(),
            due_on=_deadline(a),
            clock=clock.state(_deadline(a)),
        )
        for a in rows
    ]
    links = [
        ("全部申请", reverse("requests_app:staff_list")),
        ("年报统计（表三）", reverse("requests_app:staff_stats")),
    ]
    if user.is_office_staff:
        links.insert(0, ("登记申请", reverse("requests_app:staff_register")))
    return [
        Section(
            title="依申请公开", url=reverse("requests_app:staff_list") + "?status=open", count=count, tasks=tasks,
            links=links, order=30,
        )
    ]  # fmt: skip


def home_block(request) -> Block | None:
    return Block("requests_app/home_block.html", {"site": SiteProfile.get()}, order=60)
