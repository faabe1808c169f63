"""Permission-scoped reads. The one place that decides who sees which application (portal.scoping): a unit's staff
see the applications assigned to their unit, office staff see all, anyone else sees nothing (404)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404

from portal import workdays
from portal.clocks import soon_limit
from portal.scoping import get_for_user_or_404, scope_to_user
from requests_app import stats
from requests_app.models import Application, ApplicationEvent, DisputeCase, FeeNotice, Letter

ORG_FIELD = "handling_unit"


def applications_visible_to(user) -> QuerySet[Application]:
    if not getattr(user, "is_portal_staff", False):
        return Application.objects.none()
    qs = Application.objects.select_related("organization", "handling_unit")
    return scope_to_user(qs, user, ORG_FIELD)


def get_application_for_user(user, pk: int) -> Application:
    if not getattr(user, "is_portal_staff", False):
        raise Http404("未找到该申请。")
    qs = Application.objects.select_related("organization", "handling_unit", "registered_by", "reply_drafted_by")
    return get_for_user_or_404(qs, user, ORG_FIELD, pk=pk)


def application_detail(app: Application) -> dict:
    """Everything the staff detail page shows, fetched once each."""
    return {
        "events": list(app.events.select_related("actor")),
        "pauses": list(app.pauses.select_related("created_by")),
        "extensions": list(app.extensions.select_related("requested_by", "decided_by")),
        "letters": list(app.letters.all()),
        "files": list(app.files.all()),
    }


@dataclass
class ListFilters:
    status: str = ""
    unit: int | None = None
    channel: str = ""
    result: str = ""
    year: int | None = None
    clock: str = ""  # overdue | due_soon | paused
    q: str = ""


def filter_applications(qs: QuerySet[Application], f: ListFilters, on: date | None = None) -> QuerySet[Application]:
    if f.status == "open":
        qs = qs.filter(status__in=Application.OPEN_STATES)
    elif f.status:
        qs = qs.filter(status=f.status)
    if f.unit:
        qs = qs.filter(handling_unit_id=f.unit)
    if f.channel:
        qs = qs.filter(channel=f.channel)
    if f.result:
        qs = qs.filter(result=f.result)
    if f.year:
        # A range, not __year, so that the received_on index serves it.
        qs = qs.filter(received_on__gte=date(f.year, 1, 1), received_on__lte=date(f.year, 12, 31))
    if f.clock:
        qs = _filter_clock(qs, f.clock, on or workdays.today())
    if f.q:
        qs = qs.filter(Q(tracking_number__iexact=f.q.strip()) | Q(applicant_name__contains=f.q.strip()))
    return qs


def _filter_clock(qs: QuerySet[Application], clock: str, on: date) -> QuerySet[Application]:
    running = qs.filter(status__in=Application.RUNNING_STATES)
    paused = qs.filter(status__in=Application.PAUSED_STATES)
    if clock == "overdue":
        return running.filter(due_on__lt=on) | paused.filter(pause_deadline__lt=on)
    if clock == "due_soon":
        limit = soon_limit(on)
        return running.filter(due_on__gte=on, due_on__lte=limit) | paused.filter(
            pause_deadline__gte=on, pause_deadline__lte=limit
        )
    if clock == "paused":
        return paused
    return qs


def order_for_list(qs: QuerySet[Application], f: ListFilters) -> QuerySet[Application]:
    """Open work by nearest deadline; anything that may include concluded applications, newest first (indexed)."""
    open_only = f.status in ("open", *Application.OPEN_STATES) or f.clock
    if open_only:
        return qs.annotate(deadline=Coalesce("due_on", "pause_deadline")).order_by(
            F("deadline").asc(nulls_last=True), "-created_at", "-id"
        )
    return qs.order_by("-created_at", "-id")


def open_for_workbench(user) -> QuerySet[Application]:
    """Open applications in the order a handler works them: the nearest deadline first."""
    return (
        applications_visible_to(user)
        .filter(status__in=Application.OPEN_STATES)
        .annotate(deadline=Coalesce("due_on", "pause_deadline"))
        .order_by(F("deadline").asc(nulls_last=True), "created_at")
    )


# --- the public side


def public_events(app: Application) -> list[ApplicationEvent]:
    return list(app.events.exclude(action__in=ApplicationEvent.INTERNAL_ACTIONS))


def public_letters(app: Application) -> list[Letter]:
    return [letter for letter in app.letters.all() if letter.is_public]


# --- Figures for the office's 通报 and 考核 (read by the evaluation app)


def unit_figures(start: date, end: date) -> dict[int, dict]:
    """Per unit handling them (the unit asked, until one is assigned): applications received in [start, end),
    replies sent in it, and how many of those went out by the due date in force when they were sent (extensions
    included). The due date is read from the reply's timeline row, since the clock is cleared on conclusion."""
    figures: dict[int, dict] = defaultdict(lambda: {"received": 0, "answered": 0, "on_time": 0})
    unit = Coalesce("handling_unit_id", "organization_id")
    received = (
        Application.objects.filter(received_on__gte=start, received_on__lt=end)
        .annotate(unit=unit)
        .order_by()
        .values_list("unit")
        .annotate(n=Count("id"))
    )
    for unit_id, n in received:
        figures[unit_id]["received"] = n
    due_at_reply = (
        ApplicationEvent.objects.filter(application=OuterRef("pk"), to_state=Application.Status.REPLIED)
        .order_by("-at", "-id")
        .values("due_before")[:1]
    )
    replies = (
        Application.objects.filter(status=Application.Status.REPLIED, concluded_on__gte=start, concluded_on__lt=end)
        .annotate(unit=unit, due=Subquery(due_at_reply))
        .values_list("unit", "concluded_on", "due")
    )
    for unit_id, concluded_on, due in replies:
        figures[unit_id]["answered"] += 1
        figures[unit_id]["on_time"] += bool(due and concluded_on <= due)
    return dict(figures)


# --- The annual report's tables 三 and 四 (read by the reports app)

TABLE_THREE_ROWS, TABLE_THREE_COLUMNS, TABLE_THREE_HEADINGS = stats.ROWS, stats.COLUMNS, stats.HEADING_ROWS
TABLE_FOUR_KINDS, TABLE_FOUR_COLUMNS = stats.FOUR_KINDS, stats.FOUR_COLUMNS


def table_three(year: int, organization=None) -> dict[str, dict[str, int]]:
    """Table 三 of ``year`` for the organisation asked (None: every organisation), {row key: {column: count}};
    heading rows have no cells."""
    return {spec.key: values for spec, values in stats.table_three(year, organization).rows}


def table_four(year: int, organization=None) -> dict[str, dict[str, int]]:
    return stats.table_four(year, organization)


def cases_visible_to(user) -> QuerySet[DisputeCase]:
    if not getattr(user, "is_portal_staff", False):
        return DisputeCase.objects.none()
    return scope_to_user(DisputeCase.objects.select_related("organization", "application"), user)


def get_case_for_user(user, pk: int) -> DisputeCase:
    if not getattr(user, "is_portal_staff", False):
        raise Http404("未找到该案件。")
    return get_for_user_or_404(DisputeCase.objects.select_related("organization", "application"), user, pk=pk)


def fee_figures(year: int, organization=None) -> dict:
    """信息处理费 for section 六 of the annual report: notices issued in the year, and the fees paid in it (count and
    amount in 元, as a string). One query."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    qs = FeeNotice.objects.all()
    if organization is not None:
        qs = qs.filter(application__organization=organization)
    paid = Q(paid_on__gte=start, paid_on__lte=end)
    row = qs.aggregate(
        notices=Count("id", filter=Q(issued_on__gte=start, issued_on__lte=end)),
        paid=Count("id", filter=paid),
        amount=Sum("amount", filter=paid),
    )
    amount = Decimal(row["amount"] or 0).quantize(Decimal("0.01"))
    return {"notices": row["notices"], "paid": row["paid"], "amount": str(amount)}


def year_figures(year: int) -> dict[str, int]:
    """The home page's figures for the year: applications received, concluded and still in hand (one query)."""
    from django.db.models import Count, Q

    return Application.objects.filter(received_on__year=year).aggregate(
        received=Count("pk"),
        concluded=Count("pk", filter=Q(status__in=Application.CONCLUDED_STATES)),
        open=Count("pk", filter=Q(status__in=Application.OPEN_STATES)),
    )
