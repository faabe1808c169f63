"""The last run of every periodic job, recorded from Celery's task signals (no app has to do anything): the health
page shows them, and the heartbeat job's row tells /healthz that beat, the broker and a worker all work."""

from __future__ import annotations

from celery import signals
from django.conf import settings
from django.utils import timezone

from ops.models import JobRun


def _scheduled(task) -> bool:
    name = getattr(task, "name", "")
    return name in {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}


def _started(sender=None, task=None, **kwargs) -> None:
    if _scheduled(task):
        JobRun.objects.update_or_create(
            task=task.name, defaults={"status": JobRun.Status.STARTED, "started_at": timezone.now(), "error": ""}
        )


def _finished(sender=None, task=None, state=None, retval=None, **kwargs) -> None:
    if not _scheduled(task):
        return
    now = timezone.now()
    values = {"finished_at": now}
    if state == "SUCCESS":
        values.update(status=JobRun.Status.SUCCESS, last_success_at=now)
    else:
        values.update(status=JobRun.Status.FAILURE, error=f"{state}: {retval!r}"[:2000])
    JobRun.objects.filter(task=task.name).update(**values)


def connect() -> None:
    signals.task_prerun.connect(_started, dispatch_uid="ops.jobs.started", weak=False)
    signals.task_postrun.connect(_finished, dispatch_uid="ops.jobs.finished", weak=False)
