"""Clock badges for a whole page of applications with one calendar query.

``portal.clocks.clock_state`` asks the calendar once per row (two queries for each working-day count); a list of
fifty rows would make a hundred queries. This builds the same ``ClockState`` from one read of the calendar over the
page's date range."""

from __future__ import annotations

from bisect import bisect_right
from datetime import date

from django.conf import settings

from portal import workdays
from portal.clocks import ClockState


class PageClock:
    def __init__(self, due_dates: list[date | None], on: date | None = None):
        self.on = on or workdays.today()
        dates = [d for d in due_dates if d is not None] + [self.on]
        start, end = min(dates), max(dates)
        # The same rule as portal.workdays (override table, then chinesecalendar, then weekdays) in one query.
        flags = workdays._workday_flags(start, end)  # noqa: SLF001 - see the report: ask for a public helper
        self.working = [d for d, w in flags if w]

    def _between(self, a: date, b: date) -> int:
        """Working days in (a, b], a <= b."""
        return bisect_right(self.working, b) - bisect_right(self.working, a)

    def state(self, due_on: date | None, *, done: bool = False) -> ClockState:
        if done:
            return ClockState("done", "已办结", "clock-done", None)
        if due_on is None:
            return ClockState("none", "未计时", "clock-none", None)
        if self.on > due_on:
            late = self._between(due_on, self.on)
            return ClockState("overdue", f"已超期{late}个工作日" if late else "已超期", "clock-overdue", -late)
        left = self._between(self.on, due_on)
        if left <= settings.CLOCK_DUE_SOON_WORKDAYS:
            return ClockState("due_soon", "今日到期" if left == 0 else f"剩余{left}个工作日", "clock-soon", left)
        return ClockState("on_time", f"剩余{left}个工作日", "clock-ok", left)


def soon_limit(on: date | None = None) -> date:
    """The last due date that counts as "due soon" today (CLOCK_DUE_SOON_WORKDAYS working days ahead)."""
    on = on or workdays.today()
    return workdays.add_workdays(on, settings.CLOCK_DUE_SOON_WORKDAYS)
