from datetime import date

from celery import shared_task

from portal import workdays


@shared_task(name="portal.recompute_due_dates")
def recompute_due_dates(changed_dates: list[str]) -> dict[str, int]:
    """Recompute every app's stored due dates after a calendar change (dates as ISO strings)."""
    return workdays.recompute_due_dates([date.fromisoformat(d) for d in changed_dates])
