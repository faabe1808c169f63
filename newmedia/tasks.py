"""Celery tasks of the new-media app: thin wrappers that take ids. The rows are written first, so whatever a lost
task left undone is redone by the sweep (no task is the only copy of anything)."""

from __future__ import annotations

from celery import shared_task
from django.db import transaction

from newmedia import notifications, services


@shared_task(name="newmedia.send_filing_notice")
def send_filing_notice(filing_id: int, event: str) -> int:
    """Tell the next person in the flow; returns the number of recipients."""
    return notifications.send_filing_notice(filing_id, event)


@shared_task(name="newmedia.send_flag_notice")
def send_flag_notice(flag_id: int) -> bool:
    """E-mail the unit and the office about one flag, once."""
    return notifications.send_flag_notice(flag_id)


@shared_task(name="newmedia.check_activity")
def check_activity() -> dict:
    """Weekly: flag inactive accounts and send every notice not yet sent (including ones a lost task left)."""
    with transaction.atomic():
        new_ids = services.run_activity_check()
    return {"flagged": len(new_ids), "notified": _send_pending()}


@shared_task(name="newmedia.send_pending_notices")
def send_pending_notices() -> int:
    """The sweep: any flag whose notice was lost (Redis down, worker killed) is sent now."""
    return _send_pending()


def _send_pending() -> int:
    return sum(1 for flag_id in list(services.flags_to_notify()) if notifications.send_flag_notice(flag_id))
