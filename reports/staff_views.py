"""Staff pages of the annual report (/staff/reports/): the year's filing overview, a report's page (sections 一 to 六,
the checks, the form, the actions the transition table offers), PDF and XLSX."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from portal.clocks import clock_state
from portal.errors import DomainError
from portal.exports import xlsx_response
from portal.private_files import serve_private
from portal.staff import run_action, staff_required
from portal.workdays import today
from reports import figures_import, output, reading, selectors, services, tables
from reports.forms import CreateForm, FiguresImportForm, OpinionForm, ReportForm
from reports.workflows import WORKFLOW

ACTIONS = {
    "submit": (lambda r, user, text: services.submit(r, actor=user), "已提交领导审批。"),
    "approve": (lambda r, user, text: services.approve(r, actor=user, opinion=text), "已审批并报送县政府办公室。"),
    "send_back": (lambda r, user, text: services.send_back(r, actor=user, opinion=text), "已退回起草人。"),
    "accept": (lambda r, user, text: services.accept(r, actor=user, opinion=text), "已接收。"),
    "return": (lambda r, user, text: services.return_report(r, actor=user, opinion=text), "已退回修改。"),
    "publish": (lambda r, user, text: services.publish(r, actor=user), "已生成公开稿并报送审核。"),
}


@staff_required
def index(request):
    user = request.user
    year = _year(request.GET.get("year"))
    context = {
        "year": year,
        "reports": selectors.reports_for(user)[:200],
        "create_form": CreateForm(initial={"year": today().year - 1}),
        "may_create": bool(user.organization_id) and (user.is_officer or user.is_office_staff),
    }
    if user.is_office_staff:
        context["overview"] = selectors.filing_overview(year, today())
    return render(request, "reports/staff/index.html", context)


def _year(raw) -> int:
    try:
        year = int(raw)
    except (TypeError, ValueError):
        return today().year - 1
    return year if 2008 <= year <= 2100 else today().year - 1


@require_POST
@staff_required
def create(request):
    form = CreateForm(request.POST)
    if not form.is_valid() or not request.user.organization_id:
        messages.error(request, "请填写正确的报告年度。")
        return redirect("reports:staff_index")
    try:
        report = services.create_report(request.user.organization, form.cleaned_data["year"], actor=request.user,
                                        aggregate=form.cleaned_data["aggregate"])  # fmt: skip
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("reports:staff_index")
    return redirect("reports:staff_report", report.pk)


@staff_required
def detail(request, pk: int):
    return _detail_page(request, pk)


def _detail_page(request, pk: int, import_form=None, import_errors=None, status: int = 200):
    report = selectors.get_report_for(request.user, pk)
    user = request.user
    ctx = output.context(report)
    found = reading.current_checks(report, ctx["tables"], ctx["last"])
    reading.remember_checks(report, found)
    allowed = WORKFLOW.allowed_actions(report, user)
    form = None
    if "edit" in allowed:
        form = ReportForm(request.POST or None, instance=selectors.get_report_for(user, pk))
    if request.method == "POST":
        if form is None:
            messages.error(request, "该年度报告当前不能修改。")
            return redirect("reports:staff_report", pk)
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in form.fields}
            if run_action(request, lambda: services.edit_report(report, actor=user, **fields), "已保存。"):
                return redirect("reports:staff_report", pk)
    context = {
        **ctx,
        "form": form,
        "checks": found,
        "blocking": tables.blocking(found),
        "buttons": [(code, WORKFLOW.label(code)) for code in allowed if code in ACTIONS],
        "clock": clock_state(report.due_on, done=report.status in selectors.FILED),
        "opinion_form": OpinionForm(),
        "history": selectors.history(report),
        "import_form": (import_form or FiguresImportForm()) if form is not None else None,
        "import_errors": import_errors or [],
    }
    return render(request, "reports/staff/report.html", context, status=status)


@require_POST
@staff_required
def import_figures(request, pk: int):
    """The table 二 figures summed from a file of the unit's divisions; any row in error and nothing is taken."""
    report = selectors.get_report_for(request.user, pk)
    form = FiguresImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _import_refused(request, pk, form, [])
    upload = form.cleaned_data["file"]
    imported = figures_import.read(upload.name, upload.read())
    if imported.errors:
        return _import_refused(request, pk, form, imported.errors)
    save = lambda: services.edit_report(report, actor=request.user, **imported.totals)  # noqa: E731
    if run_action(request, save, f"已导入{imported.rows}行数据，表二各项取其合计。"):
        return redirect("reports:staff_report", pk)
    return redirect("reports:staff_report", pk)


def _import_refused(request, pk: int, form, errors: list[str]):
    request.method = "GET"  # the page again, its own form unbound
    messages.error(request, "导入失败，请按提示修改文件后重新上传。")
    return _detail_page(request, pk, import_form=form, import_errors=errors, status=400)


@require_POST
@staff_required
def act(request, pk: int, action: str):
    report = selectors.get_report_for(request.user, pk)
    if action not in ACTIONS:
        raise Http404("未找到该操作。")
    service, success = ACTIONS[action]
    text = request.POST.get("opinion", "")
    run_action(request, lambda: service(report, request.user, text), success)
    return redirect("reports:staff_report", pk)


@staff_required
def export(request, pk: int, fmt: str):
    report = selectors.get_report_for(request.user, pk)
    if fmt == "pdf":
        stored = output.stored_pdf(report)
        if stored:
            return serve_private(request, stored, f"annual-report-{report.year}.pdf", content_type="application/pdf")
        response = HttpResponse(output.pdf_bytes(report), content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(True, f"annual-report-{report.year}.pdf")
        return response
    if fmt == "xlsx":
        return xlsx_response(f"annual-report-{report.year}.xlsx", output.xlsx_sheets(report))
    if fmt == "html":
        return render(request, "reports/print.html", output.context(report, with_last=False))
    raise Http404("未找到该格式。")
