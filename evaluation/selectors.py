"""Who reads what. Office staff (政务公开办) see everything here; a unit's staff see the 通报 once sent to them and
their own unit's finalised 考核 result; the public sees what was published. Anything else is a 404."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from evaluation.models import Bulletin, BulletinHistory, Scheme, SchemeHistory, WebReport, WebReportHistory
from portal.staff import is_staff_of_a_unit

SENT_STATES = (Bulletin.Status.SENT, Bulletin.Status.PUBLISHED)


def _not_found() -> Http404:
    return Http404("未找到该页面。")


def require_office(user) -> None:
    if not (is_staff_of_a_unit(user) and user.is_office_staff):
        raise _not_found()


# --- 通报


def bulletins_for(user) -> QuerySet[Bulletin]:
    if not is_staff_of_a_unit(user):
        return Bulletin.objects.none()
    if user.is_office_staff:
        return Bulletin.objects.all()
    return Bulletin.objects.filter(status__in=SENT_STATES)


def get_bulletin_for(user, pk: int) -> Bulletin:
    return get_object_or_404(bulletins_for(user), pk=pk)


def bulletin_history(bulletin: Bulletin):
    return BulletinHistory.objects.filter(bulletin=bulletin).select_related("actor")


def public_bulletins() -> QuerySet[Bulletin]:
    return Bulletin.objects.filter(status=Bulletin.Status.PUBLISHED)


def public_bulletin(year: int, month: int) -> Bulletin:
    return get_object_or_404(public_bulletins(), year=year, month=month)


def latest_sent_bulletin() -> Bulletin | None:
    return Bulletin.objects.filter(status__in=SENT_STATES).order_by("-year", "-month").first()


# --- 考核


def schemes_for(user) -> QuerySet[Scheme]:
    if not is_staff_of_a_unit(user):
        return Scheme.objects.none()
    if user.is_office_staff:
        return Scheme.objects.all()
    return Scheme.objects.filter(status=Scheme.Status.FINAL)


def get_scheme_for(user, pk: int) -> Scheme:
    return get_object_or_404(schemes_for(user), pk=pk)


def scheme_history(scheme: Scheme):
    return SchemeHistory.objects.filter(scheme=scheme).select_related("actor")


def unit_result(results: dict, user, unit_id: int) -> dict:
    """One unit's line of a scheme's results: office staff may open any unit's, a unit's staff only their own."""
    if not (user.is_office_staff or user.organization_id == unit_id):
        raise _not_found()
    line = next((u for u in results["units"] if u["unit_id"] == unit_id), None)
    if line is None:
        raise _not_found()
    return line


# --- 网站工作年度报表


def web_reports_for(user) -> QuerySet[WebReport]:
    require_office(user)
    return WebReport.objects.all()


def get_web_report_for(user, pk: int) -> WebReport:
    return get_object_or_404(web_reports_for(user), pk=pk)


def web_report_history(report: WebReport):
    return WebReportHistory.objects.filter(report=report).select_related("actor")


def public_web_reports() -> QuerySet[WebReport]:
    return WebReport.objects.filter(status=WebReport.Status.PUBLISHED)


def public_web_report(year: int) -> WebReport:
    return get_object_or_404(public_web_reports(), year=year)


def open_web_reports() -> QuerySet[WebReport]:
    return WebReport.objects.exclude(status=WebReport.Status.PUBLISHED).order_by("due_on")
