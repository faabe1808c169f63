"""Staff pages of the self-inspection: the dashboard (every failing mark, its items and where to fix them), a
column's page (its freshness, latest items and the items waiting in review: where the office publishes), the
office's table of update classes, and the runs with their printable report for the quarterly 巡查."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from inspection import dashboard as board
from inspection import freshness, selectors, services
from inspection.forms import ColumnRuleForm
from portal.models import SiteProfile
from portal.pdf import render_pdf
from portal.staff import office_required, run_action, staff_required


@staff_required
def dashboard(request):
    return render(request, "inspection/dashboard.html", {"board": board.build(request.user)})


@staff_required
def mark(request, code: str):
    found = board.build(request.user).mark(code)
    if found is None:
        raise Http404("未找到该指标。")
    return render(request, "inspection/mark.html", {"mark": found})


@office_required
def unit(request, pk: int):
    """One unit's own catalogue, as the unit sees it on its dashboard."""
    organization = selectors.unit_by_pk(request.user, pk)
    checks = freshness.unit_columns(freshness.Tree.load(), freshness.Window.for_today(), organization.pk)
    return render(request, "inspection/unit.html", {"unit": organization, "checks": checks})


@staff_required
def column(request, pk: int):
    from disclosure import selectors as disclosure

    tree = freshness.Tree.load()
    shown = selectors.column_for(request.user, tree, pk)
    unit = selectors.unit_for(request.user, request.GET.get("unit"))
    check = freshness.one_column(tree, freshness.Window.for_today(), shown, unit)
    context = {
        "column": shown,
        "path": tree.paths[shown.pk],
        "unit": unit,
        "check": check,
        "update_class": tree.update_class(shown),
        "latest": disclosure.column_documents([shown.pk], unit)[:10],
        "in_review": disclosure.in_review_in_column(request.user, shown.pk).select_related("organization")[:50],
    }
    return render(request, "inspection/column.html", context)


@office_required
def columns(request):
    """Every column with its update class (to change) and, when checked, how fresh it is now."""
    tree = freshness.Tree.load()
    latest = freshness.latest_publications(tree)
    checks = {c.column.pk: c for c in freshness.site_columns(tree, freshness.Window.for_today(), latest)}
    rows = [
        {
            "column": c,
            "path": tree.paths[c.pk],
            "check": checks.get(c.pk),
            "form": ColumnRuleForm(initial={
                "update_class": tree.update_class(c), "per_unit": bool(tree.rules.get(c.pk) and tree.rules[c.pk].per_unit),
            }),
        }
        for c in tree.columns
    ]  # fmt: skip
    return render(request, "inspection/columns.html", {"rows": rows})


@office_required
@require_POST
def column_rule(request, pk: int):
    tree = freshness.Tree.load()
    target = selectors.column_for(request.user, tree, pk)
    form = ColumnRuleForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"“{target.name}”：请选择更新类别。")
    else:
        data = form.cleaned_data
        run_action(
            request,
            lambda: services.set_update_class(target, actor=request.user, update_class=data["update_class"],
                                              per_unit=data["per_unit"]),
            f"“{target.name}”的更新类别已保存。",
        )  # fmt: skip
    return redirect(f"{reverse('inspection:columns')}#column-{target.pk}")


@office_required
def runs(request):
    return render(request, "inspection/runs.html", {"runs": selectors.runs_for(request.user)[:50]})


@office_required
@require_POST
def run_now(request):
    run_action(request, lambda: services.request_run(actor=request.user), "已发起自查，完成后刷新本页查看结果。")
    return redirect("inspection:runs")


@office_required
def run_report(request, pk: int):
    """The printable report of one run (seed 001, 网站管理制度 第三十二条: the quarterly 巡查 and its record)."""
    run = selectors.run_for(request.user, pk)
    context = {"run": run, "summary": run.summary, "stats": run.stats, "site": SiteProfile.get()}
    pdf = render_pdf("inspection/pdf/run.html", context)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="inspection-{run.on:%Y%m%d}-{run.pk}.pdf"'
    return response
