"""Public pages: the published 网站工作年度报表 and 通报 (with their PDFs), and the small JSON a document page reads
its 浏览次数 from.

The count is fetched by a static script (static/js/visits.js) rather than written into the document page, so the
page stays the same for every reader and can be cached whole; the JSON itself may be kept a minute by browsers and
proxies."""

from __future__ import annotations

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from evaluation import conf, selectors, visits, webreport
from evaluation.ranking import Reading
from portal.context_processors import site_profile
from portal.pdf import render_pdf

COUNT_MAX_AGE = 60


def pdf_response(template: str, context: dict, filename: str) -> HttpResponse:
    response = HttpResponse(render_pdf(template, {**context, "site": site_profile()}), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def bulletin_context(bulletin) -> dict:
    reading = Reading(bulletin)
    return {"bulletin": bulletin, "reading": reading, "chart": reading.chart(),
            "publication_chart": reading.publication_chart()}  # fmt: skip


def report_context(report) -> dict:
    return {"report": report, "rows": webreport.rows(report.figures, report.entries)}


def index(request):
    context = {
        "reports": selectors.public_web_reports().order_by("-year"),
        "bulletins": selectors.public_bulletins().order_by("-year", "-month"),
    }
    return render(request, "evaluation/index.html", context)


def bulletin(request, year: int, month: int):
    return render(request, "evaluation/bulletin.html", bulletin_context(selectors.public_bulletin(year, month)))


def bulletin_pdf(request, year: int, month: int):
    item = selectors.public_bulletin(year, month)
    return pdf_response("evaluation/pdf/bulletin.html", bulletin_context(item), f"bulletin-{year}-{month:02d}.pdf")


def web_report(request, year: int):
    return render(request, "evaluation/web_report.html", report_context(selectors.public_web_report(year)))


def web_report_pdf(request, year: int):
    report = selectors.public_web_report(year)
    return pdf_response("evaluation/pdf/web_report.html", report_context(report), f"website-report-{year}.pdf")


@require_GET
def visit_count(request):
    """``{"views": N}`` for ``?path=`` (a page address of this site): what a document page shows as 浏览次数."""
    path = request.GET.get("path", "")
    if not path.startswith("/") or len(path) > conf.PATH_MAX:
        return JsonResponse({"error": "path"}, status=400)
    response = JsonResponse({"views": visits.views_of(path)})
    response["Cache-Control"] = f"public, max-age={COUNT_MAX_AGE}"
    return response
