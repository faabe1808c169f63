"""Permission-scoped reads (STYLE: selectors). Staff see their own unit's items; office staff see all; anything
else is a 404. Public reads return only what is published."""

from __future__ import annotations

import re
from datetime import date, datetime

from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from portal.models import Organization
from portal.scoping import get_for_user_or_404, scope_to_user

from .models import Consultation, Correction, Message, Opinion

# --- staff


def messages_for(user) -> QuerySet[Message]:
    return scope_to_user(Message.objects.select_related("unit"), user, "unit")


def get_message_for(user, pk: int) -> Message:
    return get_for_user_or_404(Message.objects.select_related("unit", "replied_by"), user, "unit", pk=pk)


def corrections_for(user) -> QuerySet[Correction]:
    return scope_to_user(Correction.objects.select_related("unit"), user, "unit")


def get_correction_for(user, pk: int) -> Correction:
    return get_for_user_or_404(Correction.objects.select_related("unit"), user, "unit", pk=pk)


def require_office(user) -> None:
    """Office-only pages are 404 to everyone else, like another unit's item."""
    if not (user.is_authenticated and user.is_office_staff):
        raise Http404("未找到该页面。")


def consultations_for(user) -> QuerySet[Consultation]:
    require_office(user)
    return Consultation.objects.select_related("contact_unit")


def get_consultation_for(user, pk: int) -> Consultation:
    return get_object_or_404(consultations_for(user), pk=pk)


# --- public


def published_messages(*, q: str = "", kind: str = "", unit: str = "", month: str = "") -> QuerySet[Message]:
    qs = Message.objects.published().select_related("unit").order_by("-published_at", "-id")
    if q and _looks_personal(q):
        # The texts are masked on the page, so a search by a phone, ID or e-mail must not reveal who wrote what.
        return qs.none()
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(content__icontains=q) | Q(reply__icontains=q))
    if kind in Message.Kind.values:
        qs = qs.filter(kind=kind)
    unit_id = small_int(unit)
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    first = _month_start(month)
    if first:
        # 受理月份, as the filter is labelled: the month the office accepted the message.
        qs = qs.filter(accepted_at__date__gte=first, accepted_at__date__lt=_next_month(first))
    return qs


def _looks_personal(q: str) -> bool:
    """A phone number, ID number or e-mail address (or a long piece of one) typed into the public search."""
    from .privacy import mask_public

    return "@" in q or mask_public(q) != q or re.search(r"\d{7,}", q) is not None


def small_int(value: str, lo: int = 1, hi: int = 2**31 - 1) -> int | None:
    """An integer typed in a query string, or None: ASCII digits only ("²".isdigit() is true but int() fails) and
    within range (a 20-digit id overflows the database's integer)."""
    value = (value or "").strip()
    if not (value.isascii() and value.isdigit()) or len(value) > 10:
        return None
    number = int(value)
    return number if lo <= number <= hi else None


def _month_start(value: str) -> date | None:
    try:
        year, month = (small_int(p) for p in value.split("-"))
        if year is None or month is None or not 1900 <= year <= 9000:
            return None
        return date(year, month, 1)
    except (ValueError, TypeError):
        return None


def _next_month(d: date) -> date:
    return date(d.year + d.month // 12, d.month % 12 + 1, 1)


def get_published_message(pk: int) -> Message:
    return get_object_or_404(Message.objects.published().select_related("unit"), pk=pk)


def public_consultations() -> QuerySet[Consultation]:
    return Consultation.objects.filter(status=Consultation.Status.PUBLISHED).select_related("contact_unit")


def get_public_consultation(pk: int) -> Consultation:
    return get_object_or_404(public_consultations(), pk=pk)


def replying_units() -> QuerySet[Organization]:
    """Units with at least one published reply: the public list's filter."""
    # EXISTS per unit uses the (unit, status, due_on) index; an IN over all published rows scanned them.
    published = Message.objects.published().filter(unit=OuterRef("pk"))
    return Organization.objects.filter(Exists(published)).order_by("order", "id")


# --- read by the site's self-inspection (the inspection app; no domain app imports it)


def red_flagged_messages(user, now: datetime) -> QuerySet[Message]:
    """Valid messages this user may see still unanswered more than the red-flag months after receipt at ``now``
    (a failing mark of the national website check), the oldest first."""
    return messages_for(user).red_flagged(now).order_by("received_at")


def reply_timeliness(user, since: datetime) -> tuple[int, int]:
    """(answered, answered on time) among the messages this user may see that were answered since ``since``."""
    on_time = Count("id", filter=Q(replied_on_time=True))
    row = messages_for(user).filter(replied_at__gte=since).aggregate(answered=Count("id"), on_time=on_time)
    return row["answered"], row["on_time"]


def correction_timeliness(user, since: datetime) -> tuple[int, int]:
    """(handled, forwarded and fixed on time) among the 纠错 reports this user may see handled since ``since``."""
    on_time = Count("id", filter=Q(forwarded_on_time=True, replied_on_time=True))
    row = corrections_for(user).filter(replied_at__gte=since).aggregate(handled=Count("id"), on_time=on_time)
    return row["handled"], row["on_time"]


# --- Figures for the office's 通报, 考核 and 网站工作年度报表 (read by the evaluation app)


def _per_unit(queryset: QuerySet, **counts) -> dict[int, dict]:
    rows = queryset.order_by().values("unit_id").annotate(**counts)
    return {row.pop("unit_id"): row for row in rows if row["unit_id"] is not None}


def message_unit_figures(start, end) -> dict[int, dict]:
    """Per unit, for [start, end): messages dispatched to it, replies released (and how many on time: the flag was
    fixed when the reply went out), and the writers' ratings given (满意 and 基本满意 count as satisfied). One pass
    over the messages touched in the period."""
    SAT = Message.Satisfaction
    dispatched = Q(dispatched_at__gte=start, dispatched_at__lt=end)
    replied = Q(replied_at__gte=start, replied_at__lt=end)
    rated = Q(rated_at__gte=start, rated_at__lt=end) & ~Q(satisfaction="")
    return _per_unit(
        Message.objects.filter(dispatched | replied | rated),
        dispatched=Count("id", filter=dispatched),
        answered=Count("id", filter=replied),
        on_time=Count("id", filter=replied & Q(replied_on_time=True)),
        rated=Count("id", filter=rated),
        satisfied=Count("id", filter=rated & Q(satisfaction__in=[SAT.SATISFIED, SAT.BASIC])),
    )


def correction_unit_figures(start, end) -> dict[int, dict]:
    """Per unit: 纠错 reports it answered in [start, end), and how many within its time (fixed when it answered)."""
    replied = Correction.objects.filter(replied_at__gte=start, replied_at__lt=end)
    return _per_unit(replied, replied=Count("id"), on_time=Count("id", filter=Q(replied_on_time=True)))


def annual_interaction_figures(start, end) -> dict:
    """The 互动交流 lines of the 网站工作年度报表 for [start, end): messages received, answered (with the average
    working days they took) and published; consultations opened, opinions received, results published."""
    answered = Message.objects.filter(replied_at__gte=start, replied_at__lt=end)
    totals = answered.aggregate(n=Count("id"), days=Avg("handling_workdays"))
    return {
        "messages_received": Message.objects.filter(received_at__gte=start, received_at__lt=end).count(),
        "messages_answered": totals["n"],
        "messages_average_workdays": round(totals["days"], 1) if totals["days"] is not None else None,
        "messages_published": Message.objects.filter(published_at__gte=start, published_at__lt=end).count(),
        "consultations": Consultation.objects.filter(
            status=Consultation.Status.PUBLISHED, starts_at__gte=start, starts_at__lt=end
        ).count(),
        "opinions": Opinion.objects.filter(submitted_at__gte=start, submitted_at__lt=end).count(),
        "consultation_results": Consultation.objects.filter(
            feedback_published_at__gte=start, feedback_published_at__lt=end
        ).count(),
    }
