"""Thin Celery tasks: each calls a service or a counter function (loaded in every process by the app's ready(), so
the services can queue one by its name)."""

from __future__ import annotations

from celery import shared_task

from evaluation import notifications, services, visits
from evaluation.models import Bulletin


@shared_task(name="evaluation.flush_visits")
def flush_visits() -> int:
    """Nightly: copy the visit counters into the database (and during the day: harmless, it sets values)."""
    return len(visits.write_to_database())


@shared_task(name="evaluation.monthly_bulletin")
def monthly_bulletin() -> int | None:
    """Every morning: on and after the first working day of a month, last month's 通报 exists."""
    bulletin = services.generate_due_bulletin()
    return bulletin.pk if bulletin else None


@shared_task(name="evaluation.annual_web_report")
def annual_web_report() -> int | None:
    """Every morning in January: last year's 网站工作年度报表 is being prepared, on its clock."""
    report = services.create_due_web_report()
    return report.pk if report else None


@shared_task(name=services.NOTIFY_TASK)
def notify_bulletin(bulletin_id: int) -> int:
    return notifications.notify_bulletin(bulletin_id)


@shared_task(name="evaluation.sweep_notices")
def sweep_notices() -> int:
    """Send the notices of any sent 通报 a lost task left unsent."""
    pending = Bulletin.objects.filter(sent_at__isnull=False, notified_at__isnull=True).values_list("pk", flat=True)
    return sum(notifications.notify_bulletin(pk) for pk in pending)
