"""The working-day calendar (工作日), DESIGN §4.

A date is a working day by, in order: the admin-edited ``WorkdayOverride`` table, then the ``chinesecalendar``
package (official State Council schedules, make-up working weekends included), then — beyond what the package
knows — weekdays only. Every deadline in the product is computed here.

Other apps store due dates on their rows; when the override table changes they must recompute them. They register
a function with ``register_recompute`` (usually in their AppConfig.ready); it is called after the change commits.
"""

from __future__ import annotations

import calendar
import logging
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, timedelta
from functools import cache

import chinese_calendar
from django.utils import timezone

logger = logging.getLogger(__name__)

# How far add_workdays reads the override table at a time; about four months of working days.
_CHUNK_DAYS = 120
# False only inside ``package_only()``: a database without the override table yet (not migrated).
_use_overrides: ContextVar[bool] = ContextVar("use_workday_overrides", default=True)


@contextmanager
def package_only():
    """Compute from the package alone, e.g. ``manage.py workdays`` before ``migrate`` created the override table."""
    token = _use_overrides.set(False)
    try:
        yield
    finally:
        _use_overrides.reset(token)


def to_local_date(value: date | datetime) -> date:
    """A date in Asia/Shanghai. Aware datetimes are converted; plain dates pass through."""
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


# [start, end) of the day last computed, in epoch seconds, and that local date.
_day: tuple[float, float, date] = (0.0, 0.0, date.min)


def today() -> date:
    """The local date, recomputed only when the clock leaves the day it was computed for: every public page shows it
    and its page-cache key holds it, and a time-zone conversion per request would cost 10-15 µs. The clock is
    ``timezone.now()``, as for ``timezone.localdate()``: code that sets it back (the demo's backdated steps) is seen."""
    global _day
    now = timezone.now().timestamp()
    start, end, day = _day
    if not start <= now < end:
        day = timezone.localdate()
        midnight = timezone.make_aware(datetime.combine(day, datetime.min.time()))
        _day = (midnight.timestamp(), (midnight + timedelta(days=1)).timestamp(), day)
    return day


@cache
def package_last_day() -> date:
    """The last day the chinesecalendar package has an official schedule for."""
    year = 2004
    while year < 2200:
        try:
            chinese_calendar.is_workday(date(year + 1, 1, 1))
        except NotImplementedError:
            break
        year += 1
    return date(year, 12, 31)


def _package_is_workday(d: date) -> bool:
    if d > package_last_day():
        return d.weekday() < 5  # unknown year: weekends-only fallback (DESIGN §4)
    try:
        return chinese_calendar.is_workday(d)
    except NotImplementedError:  # before 2004
        return d.weekday() < 5


# Inside ``preloaded(start, end)``: the override rows of that range, read once.
_preloaded: ContextVar[tuple[date, date, dict[date, bool]] | None] = ContextVar("preloaded_overrides", default=None)


@contextmanager
def preloaded(start: date, end: date):
    """Read the override table for [start, end] once; working-day sums inside the block that stay in the range make
    no further query (a page that works out many items' due dates keeps a fixed number of queries)."""
    token = _preloaded.set((start, end, _overrides(start, end)))
    try:
        yield
    finally:
        _preloaded.reset(token)


def _overrides(start: date, end: date) -> dict[date, bool]:
    from portal.models import WorkdayOverride

    if not _use_overrides.get():
        return {}
    cached = _preloaded.get()
    if cached and cached[0] <= start and end <= cached[1]:
        return {day: flag for day, flag in cached[2].items() if start <= day <= end}
    rows = WorkdayOverride.objects.filter(date__gte=start, date__lte=end).values_list("date", "is_workday")
    return dict(rows)


def is_workday(d: date | datetime) -> bool:
    d = to_local_date(d)
    override = _overrides(d, d).get(d)
    return _package_is_workday(d) if override is None else override


def _workday_flags(start: date, end: date) -> Iterable[tuple[date, bool]]:
    """(day, is_workday) for every day in [start, end], with one query for the overrides."""
    overrides = _overrides(start, end)
    day = start
    while day <= end:
        flag = overrides.get(day)
        yield day, (_package_is_workday(day) if flag is None else flag)
        day += timedelta(days=1)


def working_days(start: date, end: date) -> list[date]:
    """The working days in [start, end], in order, from one read of the override table."""
    return [day for day, working in _workday_flags(start, end) if working]


def add_workdays(d: date | datetime, n: int) -> date:
    """The n-th working day strictly after ``d``. The start day itself never counts, working day or not."""
    d = to_local_date(d)
    if n < 0:
        raise ValueError("n must be zero or positive")
    if n == 0:
        return d
    counted = 0
    start = d + timedelta(days=1)
    while True:
        end = start + timedelta(days=_CHUNK_DAYS - 1)
        for day, working in _workday_flags(start, end):
            if working:
                counted += 1
                if counted == n:
                    return day
        start = end + timedelta(days=1)


def workdays_between(a: date | datetime, b: date | datetime) -> int:
    """Working days in (a, b]; negative when b is before a (then it counts (b, a])."""
    a, b = to_local_date(a), to_local_date(b)
    if b < a:
        return -workdays_between(b, a)
    if a == b:
        return 0
    return sum(1 for _, working in _workday_flags(a + timedelta(days=1), b) if working)


def month_days(year: int, month: int) -> list[tuple[date, bool, str]]:
    """Every day of a month as (day, is_workday, note); the note names the holiday or make-up day when known."""
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    from portal.models import WorkdayOverride

    notes = (
        dict(WorkdayOverride.objects.filter(date__range=(first, last)).values_list("date", "note"))
        if _use_overrides.get()
        else {}
    )
    result = []
    for day, working in _workday_flags(first, last):
        note = notes.get(day, "")
        if not note and day <= package_last_day():
            try:
                _, name = chinese_calendar.get_holiday_detail(day)
            except NotImplementedError:
                name = None
            if name:
                label = _HOLIDAY_NAMES.get(name, name)
                note = f"{label}{'放假' if not working else '调休上班'}"
        result.append((day, working, note))
    return result


_HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}


def known_until() -> date:
    """The last day whose official status is known: the package's last year, or a later year whose schedule an
    administrator has entered in the override table (any row in a year counts as that year being entered)."""
    from portal.models import WorkdayOverride

    last = package_last_day()
    latest = WorkdayOverride.objects.order_by("-date").values_list("date", flat=True).first()
    if latest and latest.year > last.year:
        last = date(latest.year, 12, 31)
    return last


# --- Recomputing stored due dates when the calendar changes.

RecomputeHook = Callable[[list[date]], int]
_recompute_hooks: dict[str, RecomputeHook] = {}


def register_recompute(name: str, hook: RecomputeHook) -> None:
    """Register ``hook(changed_dates) -> rows updated``; it must recompute every open item's due date whose clock
    may cross any of ``changed_dates``. An empty list means "recompute every open item": the nightly sweep
    (portal/schedule.py) calls it so, to catch up on a recompute a lost task left undone. Registered once per
    process under a unique name."""
    _recompute_hooks[name] = hook


def recompute_due_dates(changed_dates: list[date]) -> dict[str, int]:
    """Run every registered hook; returns rows updated per hook. A failing hook is logged and does not stop the
    others (the next calendar edit or the nightly sweep runs it again)."""
    results: dict[str, int] = {}
    for name, hook in _recompute_hooks.items():
        try:
            results[name] = hook(changed_dates)
        except Exception:
            logger.exception("Recomputing due dates failed in %s", name)
            results[name] = -1
    return results
