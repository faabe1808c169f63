"""The state of a deadline, as the workbench and the lists show it: on time, due soon, overdue, or finished.

Every due date counts working days (portal.workdays). A page of items reads the calendar once for all its due dates
(``PageClock``); ``clock_state`` is the same rule for a single date."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings

from portal import workdays


@dataclass(frozen=True)
class ClockState:
    code: str  # "on_time" | "due_soon" | "overdue" | "done" | "none"
    label: str
    css: str
    remaining: int | None  # working days left (negative when overdue); None when no clock runs

    def __str__(self) -> str:
        return self.label


DONE = ClockState("done", "已办结", "clock-done", None)
NOT_RUNNING = ClockState("none", "未计时", "clock-none", None)


def due_soon_workdays() -> int:
    """How many working days ahead a due date counts as "due soon" (CLOCK_DUE_SOON_WORKDAYS)."""
    return settings.CLOCK_DUE_SOON_WORKDAYS


class PageClock:
    """Clock states for many due dates from one read of the calendar over their range (a list of fifty rows would
    otherwise ask the calendar fifty times)."""

    def __init__(self, due_dates: Iterable[date | None], on: date | None = None, soon_workdays: int | None = None):
        self.on = on or workdays.today()
        self.soon = due_soon_workdays() if soon_workdays is None else soon_workdays
        dates = [d for d in due_dates if d is not None]
        self.working = workdays.working_days(min([*dates, self.on]), max([*dates, self.on])) if dates else []

    def _between(self, a: date, b: date) -> int:
        """Working days in (a, b], a <= b."""
        return bisect_right(self.working, b) - bisect_right(self.working, a)

    def state(self, due_on: date | None, *, done: bool = False) -> ClockState:
        if done:
            return DONE
        if due_on is None:
            return NOT_RUNNING
        if self.on > due_on:
            late = self._between(due_on, self.on)
            return ClockState("overdue", f"已超期{late}个工作日" if late else "已超期", "clock-overdue", -late)
        left = self._between(self.on, due_on)
        if left <= self.soon:
            return ClockState("due_soon", "今日到期" if left == 0 else f"剩余{left}个工作日", "clock-soon", left)
        return ClockState("on_time", f"剩余{left}个工作日", "clock-ok", left)


def clock_state(
    due_on: date | None,
    *,
    done: bool = False,
    on: date | None = None,
    soon_workdays: int | None = None,
) -> ClockState:
    """Classify one due date. ``soon_workdays`` (default CLOCK_DUE_SOON_WORKDAYS) sets the "due soon" window."""
    return PageClock([] if done else [due_on], on, soon_workdays).state(due_on, done=done)


def soon_limit(on: date | None = None, soon_workdays: int | None = None) -> date:
    """The last due date that counts as "due soon" on ``on`` (today by default)."""
    return workdays.add_workdays(
        on or workdays.today(), due_soon_workdays() if soon_workdays is None else soon_workdays
    )
