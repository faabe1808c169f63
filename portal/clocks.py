"""The state of a deadline, as the workbench shows it (DESIGN §5): on time, due soon, overdue, or finished."""

from __future__ import annotations

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


def clock_state(
    due_on: date | None,
    *,
    done: bool = False,
    on: date | None = None,
    soon_workdays: int | None = None,
) -> ClockState:
    """Classify a due date. ``soon_workdays`` (default CLOCK_DUE_SOON_WORKDAYS) sets the "due soon" window."""
    if done:
        return ClockState("done", "已办结", "clock-done", None)
    if due_on is None:
        return ClockState("none", "未计时", "clock-none", None)
    on = on or workdays.today()
    soon = settings.CLOCK_DUE_SOON_WORKDAYS if soon_workdays is None else soon_workdays
    if on > due_on:
        overdue_by = workdays.workdays_between(due_on, on)
        return ClockState(
            "overdue", f"已超期{overdue_by}个工作日" if overdue_by else "已超期", "clock-overdue", -overdue_by
        )
    left = workdays.workdays_between(on, due_on)
    if left <= soon:
        label = "今日到期" if left == 0 else f"剩余{left}个工作日"
        return ClockState("due_soon", label, "clock-soon", left)
    return ClockState("on_time", f"剩余{left}个工作日", "clock-ok", left)
