"""Clock states for lists: one portal.clocks.clock_state per distinct due date (each call reads the calendar once),
so a page of twenty items due on three dates costs three calendar reads, not twenty."""

from __future__ import annotations

from datetime import date

from portal.clocks import ClockState, clock_state

from . import conf


class ClockCache:
    def __init__(self, soon_workdays: int | None = None):
        self.soon = conf.due_soon_workdays() if soon_workdays is None else soon_workdays
        self._memo: dict[date | None, ClockState] = {}

    def __call__(self, due_on: date | None, done: bool = False) -> ClockState:
        if done:
            return clock_state(due_on, done=True)
        if due_on not in self._memo:
            self._memo[due_on] = clock_state(due_on, soon_workdays=self.soon)
        return self._memo[due_on]


def message_clock(message, cache: ClockCache):
    from .models import Message

    if message.status in (Message.Status.PROCESSING, Message.Status.REPLY_REVIEW):
        return cache(message.due_on)
    if message.is_answered:
        return cache(None, done=True)
    return None


def correction_clock(correction, cache: ClockCache):
    if correction.is_open:
        return cache(correction.current_due_on)
    return cache(None, done=True)
