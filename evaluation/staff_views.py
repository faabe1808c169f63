"""Staff pages of the 通报, the 考核 and the 网站工作年度报表: thin views over the services, buttons from the workflows'
``allowed_actions``. Office staff do the work; a unit's staff read the 通报 sent to them and their own 考核 result;
anything else is a 404."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from disclosure import selectors as disclosure
from evaluation import assessment, charts, selectors, services, visits, webreport
from evaluation.figures import METRICS, Period, evaluated_units
from evaluation.forms import (
    BulletinForm,
    ColumnClassForm,
    IndicatorForm,
    ManualScoresForm,
    MonthForm,
    OpinionForm,
    SchemeForm,
    WebReportForm,
    YearForm,
)
from evaluation.models import ColumnClass, Indicator, ManualScore, Scheme, WebReport
from evaluation.ranking import Reading
from evaluation.views import bulletin_context, pdf_response, report_context
from evaluation.workflows import BULLETIN_WORKFLOW, REPORT_WORKFLOW, SCHEME_WORKFLOW, scheme_problems
from portal.clocks import clock_state
from portal.errors import DomainError
from portal.exports import csv_response, xlsx_response
from portal.models import Organization
from portal.staff import office_required, run_action, staff_required
from portal.workdays import today

# The POST actions of each detail page: the service each runs and what it says when done.
Act = Callable[[object, object, str], object]
BULLETIN_ACTIONS: dict[str, tuple[Act, str]] = {
    "regenerate": (lambda b, user, text: services.regenerate_bulletin(b, actor=user), "已按最新数据重新计算。"),
    "approve": (lambda b, user, text: services.approve_bulletin(b, actor=user, opinion=text), "已审核通过。"),
    "return": (lambda b, user, text: services.return_bulletin(b, actor=user, opinion=text), "已退回修改。"),
    "send": (lambda b, user, text: services.send_bulletin(b, actor=user), "已印发各单位，并通知各单位工作人员。"),
    "publish": (lambda b, user, text: services.publish_bulletin(b, actor=user), "已在网站公开。"),
    "unpublish": (lambda b, user, text: services.unpublish_bulletin(b, actor=user, reason=text), "已撤销公开。"),
}
SCHEME_ACTIONS: dict[str, tuple[Act, str]] = {
    "finalise": (lambda s, user, text: services.finalise_scheme(s, actor=user), "考核结果已定稿。"),
    "reopen": (lambda s, user, text: services.reopen_scheme(s, actor=user, reason=text), "考核方案已重新打开。"),
}
REPORT_ACTIONS: dict[str, tuple[Act, str]] = {
    "refresh": (lambda r, user, text: services.refresh_web_report(r, actor=user), "已按最新数据重新统计。"),
    "submit": (lambda r, user, text: services.submit_web_report(r, actor=user), "已报送审核。"),
    "approve": (lambda r, user, text: services.approve_web_report(r, actor=user, opinion=text), "已审核通过并公开。"),
    "return": (lambda r, user, text: services.return_web_report(r, actor=user, opinion=text), "已退回修改。"),
    "withdraw": (lambda r, user, text: services.withdraw_web_report(r, actor=user, reason=text), "已撤回修改。"),
}


def _buttons(workflow, obj, user, actions: dict) -> list[tuple[str, str]]:
    return [(code, workflow.label(code)) for code in workflow.allowed_actions(obj, user) if code in actions]


def _act(request, obj, action: str, actions: dict) -> None:
    if action not in actions:
        raise Http404("未找到该操作。")
    form = OpinionForm(request.POST)
    text = form.cleaned_data["opinion"] if form.is_valid() else ""
    service, success = actions[action]
    run_action(request, lambda: service(obj, request.user, text), success)


@staff_required
def index(request):
    user = request.user
    context = {
        "bulletins": selectors.bulletins_for(user)[:24],
        "schemes": selectors.schemes_for(user),
        "reports": WebReport.objects.all() if user.is_office_staff else [],
        # Three small forms on one page: each its own ids, so each label points at its own box.
        "month_form": MonthForm(initial=_last_month(), auto_id="bulletin_%s"),
        "year_form": YearForm(initial={"year": today().year}, auto_id="scheme_%s"),
        "report_form": YearForm(initial={"year": today().year - 1}, auto_id="report_%s"),
    }
    return render(request, "evaluation/staff/index.html", context)


def _last_month() -> dict:
    period = Period.month(today().year, today().month).previous_month()
    return {"year": period.start.year, "month": period.start.month}


# --- 通报


@require_POST
@office_required
def bulletin_generate(request):
    form = MonthForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写正确的年份和月份。")
        return redirect("evaluation:staff_index")
    year, month = form.cleaned_data["year"], form.cleaned_data["month"]
    if Period.month(year, month).end > today():
        messages.error(request, "该月尚未结束，不能生成通报。")
        return redirect("evaluation:staff_index")
    try:
        bulletin = services.generate_bulletin(year, month, actor=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("evaluation:staff_index")
    return redirect("evaluation:staff_bulletin", bulletin.pk)


@staff_required
def bulletin_detail(request, pk: int):
    bulletin = selectors.get_bulletin_for(request.user, pk)
    allowed = BULLETIN_WORKFLOW.allowed_actions(bulletin, request.user)
    context = {
        **bulletin_context(bulletin),
        "buttons": _buttons(BULLETIN_WORKFLOW, bulletin, request.user, BULLETIN_ACTIONS),
        "may_edit": "edit" in allowed,
        "opinion_form": OpinionForm(),
        "history": selectors.bulletin_history(bulletin) if request.user.is_office_staff else [],
    }
    return render(request, "evaluation/staff/bulletin.html", context)


@office_required
def bulletin_edit(request, pk: int):
    bulletin = selectors.get_bulletin_for(request.user, pk)
    if "edit" not in BULLETIN_WORKFLOW.allowed_actions(bulletin, request.user):
        messages.error(request, "该通报当前不能修改。")
        return redirect("evaluation:staff_bulletin", pk)
    reading = Reading(bulletin)
    initial = {"remarks": bulletin.remarks, **{f"inspection_{line.unit_id}": line.inspection for line in reading.lines}}
    form = BulletinForm(request.POST or None, lines=reading.lines, initial=initial)
    if request.method == "POST" and form.is_valid():
        save = lambda: services.edit_bulletin(  # noqa: E731
            bulletin, actor=request.user, remarks=form.cleaned_data["remarks"], inspection=form.inspection()
        )
        if run_action(request, save, "已保存。"):
            return redirect("evaluation:staff_bulletin", pk)
    return render(request, "evaluation/staff/bulletin_form.html", {"bulletin": bulletin, "form": form})


@require_POST
@office_required
def bulletin_act(request, pk: int, action: str):
    bulletin = selectors.get_bulletin_for(request.user, pk)
    _act(request, bulletin, action, BULLETIN_ACTIONS)
    return redirect("evaluation:staff_bulletin", pk)


@staff_required
def bulletin_pdf(request, pk: int):
    bulletin = selectors.get_bulletin_for(request.user, pk)
    name = f"bulletin-{bulletin.year}-{bulletin.month:02d}.pdf"
    return pdf_response("evaluation/pdf/bulletin.html", bulletin_context(bulletin), name)


# --- 考核


@require_POST
@office_required
def scheme_create(request):
    form = YearForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写正确的考核年度。")
        return redirect("evaluation:staff_index")
    try:
        scheme = services.create_scheme(form.cleaned_data["year"], actor=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("evaluation:staff_index")
    messages.success(request, "考核方案已创建，请核对考核项目和分值。")
    return redirect("evaluation:staff_scheme", scheme.pk)


@staff_required
def scheme_detail(request, pk: int):
    scheme = selectors.get_scheme_for(request.user, pk)
    user = request.user
    if not user.is_office_staff:
        return redirect("evaluation:staff_scheme_unit", pk, user.organization_id)
    results = assessment.results_of(scheme)
    allowed = SCHEME_WORKFLOW.allowed_actions(scheme, user)
    context = {
        "scheme": scheme,
        "results": results,
        "indicators": [(i, METRICS[i.metric].label if i.metric in METRICS else "—") for i in scheme.indicators.all()],
        "buttons": _buttons(SCHEME_WORKFLOW, scheme, user, SCHEME_ACTIONS),
        "may_edit": "edit" in allowed,
        "problems": scheme_problems(scheme) if scheme.status == Scheme.Status.DRAFT else [],
        "opinion_form": OpinionForm(),
        "history": selectors.scheme_history(scheme),
        "chart": charts.ranking(
            [(u["name"], float(u["total"]), False) for u in results["units"]], title="各单位考核得分"
        ),  # fmt: skip
    }
    return render(request, "evaluation/staff/scheme.html", context)


def _editable_scheme(request, pk: int, action: str = "edit") -> Scheme:
    scheme = selectors.get_scheme_for(request.user, pk)
    if action not in SCHEME_WORKFLOW.allowed_actions(scheme, request.user):
        raise Http404("该考核方案已定稿，不能修改。")
    return scheme


@office_required
def scheme_edit(request, pk: int):
    scheme = _editable_scheme(request, pk)
    form = SchemeForm(request.POST or None, instance=Scheme.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        save = lambda: services.update_scheme(  # noqa: E731
            scheme, actor=request.user, name=form.cleaned_data["name"],
            performance_weight=form.cleaned_data["performance_weight"],
        )  # fmt: skip
        if run_action(request, save, "已保存。"):
            return redirect("evaluation:staff_scheme", pk)
    return render(request, "evaluation/staff/scheme_form.html", {"scheme": scheme, "form": form})


@office_required
def indicator_edit(request, pk: int, indicator_pk: int | None = None):
    scheme = _editable_scheme(request, pk)
    indicator = get_object_or_404(scheme.indicators, pk=indicator_pk) if indicator_pk else None
    form = IndicatorForm(request.POST or None, instance=indicator or Indicator(scheme=scheme))
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.INDICATOR_FIELDS}
        save = lambda: services.save_indicator(scheme, actor=request.user, indicator=indicator, **fields)  # noqa: E731
        if run_action(request, save, "考核项目已保存。"):
            return redirect("evaluation:staff_scheme", pk)
    return render(request, "evaluation/staff/indicator_form.html", {"scheme": scheme, "form": form,
                                                                      "indicator": indicator})  # fmt: skip


@require_POST
@office_required
def indicator_delete(request, pk: int, indicator_pk: int):
    scheme = _editable_scheme(request, pk)
    indicator = get_object_or_404(scheme.indicators, pk=indicator_pk)
    run_action(request, lambda: services.delete_indicator(scheme, indicator, actor=request.user), "考核项目已删除。")
    return redirect("evaluation:staff_scheme", pk)


@office_required
def manual_scores(request, pk: int, indicator_pk: int):
    scheme = _editable_scheme(request, pk, "score")
    indicator = get_object_or_404(scheme.indicators, pk=indicator_pk, rule=Indicator.Rule.MANUAL)
    units = evaluated_units()
    scores = {s.organization_id: s for s in ManualScore.objects.filter(indicator=indicator)}
    form = ManualScoresForm(request.POST or None, indicator=indicator, units=units, scores=scores)
    if request.method == "POST" and form.is_valid():
        organizations = Organization.objects.in_bulk([unit_id for unit_id, _, _ in form.scored()])
        changed = [(unit_id, points, note) for unit_id, points, note in form.scored()
                   if unit_id not in scores or (scores[unit_id].points, scores[unit_id].note) != (points, note)]  # fmt: skip

        def save() -> None:
            for unit_id, points, note in changed:
                services.score_manual(scheme, indicator, organizations[unit_id], actor=request.user, points=points,
                                      note=note)  # fmt: skip

        if run_action(request, save, f"已保存{len(changed)}个单位的评分。"):
            return redirect("evaluation:staff_scheme", pk)
    return render(request, "evaluation/staff/manual_scores.html", {"scheme": scheme, "indicator": indicator,
                                                                     "form": form})  # fmt: skip


@staff_required
def scheme_unit(request, pk: int, unit_pk: int):
    scheme = selectors.get_scheme_for(request.user, pk)
    results = assessment.results_of(scheme)
    line = selectors.unit_result(results, request.user, unit_pk)
    return render(request, "evaluation/staff/scheme_unit.html", {"scheme": scheme, "results": results, "line": line})


@require_POST
@office_required
def scheme_act(request, pk: int, action: str):
    scheme = selectors.get_scheme_for(request.user, pk)
    _act(request, scheme, action, SCHEME_ACTIONS)
    return redirect("evaluation:staff_scheme", pk)


@office_required
def scheme_export(request, pk: int, fmt: str):
    scheme = selectors.get_scheme_for(request.user, pk)
    results = assessment.results_of(scheme)
    header, rows = assessment.table(results)
    detail_header, detail_rows = assessment.explanations(results)
    stem = f"assessment-{scheme.year}"
    if fmt == "xlsx":
        return xlsx_response(f"{stem}.xlsx", [("考核结果", header, rows), ("得分说明", detail_header, detail_rows)])
    if fmt == "csv":
        return csv_response(f"{stem}.csv", header, rows)
    raise Http404("未找到该格式。")


# --- 网站工作年度报表


@require_POST
@office_required
def report_create(request):
    form = YearForm(request.POST)
    if not form.is_valid() or form.cleaned_data["year"] >= today().year:
        messages.error(request, "只能为已经结束的年度生成年度报表。")
        return redirect("evaluation:staff_index")
    try:
        report = services.create_web_report(form.cleaned_data["year"], actor=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("evaluation:staff_index")
    return redirect("evaluation:staff_report", report.pk)


@office_required
def report_detail(request, pk: int):
    report = selectors.get_web_report_for(request.user, pk)
    user = request.user
    allowed = REPORT_WORKFLOW.allowed_actions(report, user)
    form = WebReportForm(request.POST or None, figures=report.figures, entries=report.entries)
    if request.method == "POST":
        if "edit" not in allowed:
            messages.error(request, "该年度报表当前不能修改。")
            return redirect("evaluation:staff_report", pk)
        if form.is_valid():
            save = lambda: services.edit_web_report(report, actor=user, entries=form.entries())  # noqa: E731
            if run_action(request, save, "填报数据已保存。"):
                return redirect("evaluation:staff_report", pk)
    context = {
        **report_context(report),
        "form": form if "edit" in allowed else None,
        "buttons": _buttons(REPORT_WORKFLOW, report, user, REPORT_ACTIONS),
        "missing": webreport.missing(report.figures, report.entries),
        "clock": clock_state(report.due_on, done=report.status == WebReport.Status.PUBLISHED),
        "opinion_form": OpinionForm(),
        "history": selectors.web_report_history(report),
    }
    return render(request, "evaluation/staff/report.html", context)


@require_POST
@office_required
def report_act(request, pk: int, action: str):
    report = selectors.get_web_report_for(request.user, pk)
    _act(request, report, action, REPORT_ACTIONS)
    return redirect("evaluation:staff_report", pk)


@office_required
def report_export(request, pk: int, fmt: str):
    report = selectors.get_web_report_for(request.user, pk)
    if fmt == "pdf":
        return pdf_response(
            "evaluation/pdf/web_report.html", report_context(report), f"website-report-{report.year}.pdf"
        )
    if fmt != "xlsx":
        raise Http404("未找到该格式。")
    header = ["栏目", "项目", "单位", "数据", "来源", "说明"]
    rows = [[r.section, ("　" * r.level) + r.label, r.unit, r.value, r.source, r.note]
            for r in webreport.rows(report.figures, report.entries)]  # fmt: skip
    return xlsx_response(f"website-report-{report.year}.xlsx", [(report.title, header, rows)])


# --- Columns as the 年度报表 counts them


@office_required
def columns(request):
    classes = {c.column_id: c for c in ColumnClass.objects.all()}
    rows = [c for c in disclosure.all_columns() if c["kind"] in ("news", "catalogue")]
    forms = []
    for column in rows:
        chosen = classes.get(column["id"])
        default = ColumnClass.Category.NEWS if column["kind"] == "news" else ColumnClass.Category.CATALOGUE
        initial = {"category": chosen.category if chosen else default, "opened_on": getattr(chosen, "opened_on", None),
                   "closed_on": getattr(chosen, "closed_on", None)}  # fmt: skip
        data = request.POST if request.method == "POST" and request.POST.get("column") == str(column["id"]) else None
        forms.append((column, ColumnClassForm(data, initial=initial, prefix=f"c{column['id']}")))
    if request.method == "POST":
        column, form = next(((c, f) for c, f in forms if f.is_bound), (None, None))
        if form is None:
            raise Http404("未找到该栏目。")
        if form.is_valid():
            save = lambda: services.classify_column(column["id"], actor=request.user, **form.cleaned_data)  # noqa: E731
            if run_action(request, save, f"“{column['name']}”的分类已保存。"):
                return redirect("evaluation:staff_columns")
    return render(request, "evaluation/staff/columns.html", {"forms": forms})


# --- Visits


@office_required
def visit_statistics(request):
    end = today() + timedelta(days=1)
    days = visits.daily(end - timedelta(days=30), end)
    month = Period.month(today().year, today().month)
    counts = visits.views_by_object("disclosure:document", month.start, month.end)
    documents = disclosure.public_documents_by_id(int(key) for key in counts if key.isdigit())
    by_column: dict[str, int] = {}
    for doc_id, row in documents.items():
        by_column[row["column__name"]] = by_column.get(row["column__name"], 0) + counts[str(doc_id)]
    top = [(documents[int(key)], n) for key, n in counts.most_common() if key.isdigit() and int(key) in documents]
    context = {
        "days": days,
        "chart": charts.columns([(f"{d.day:%m-%d}", d.views) for d in days], title="近30日浏览次数"),
        "month_views": sum(d.views for d in visits.daily(month.start, month.end)),
        "top": top[:20],
        "by_column": sorted(by_column.items(), key=lambda kv: -kv[1]),
    }
    return render(request, "evaluation/staff/visits.html", context)
