"""Thin Celery tasks of the annual report."""

from __future__ import annotations

from celery import shared_task

from portal import workdays
from reports import notifications


@shared_task(name="reports.send_reminders")
def send_reminders() -> int:
    if not workdays.is_workday(workdays.today()):
        return 0
    return notifications.send_reminders()
