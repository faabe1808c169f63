"""The search's periodic job (merged into CELERY_BEAT_SCHEDULE; no Django imports here)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # No task is the only copy of anything: catch whatever a lost index task left undone, both ways.
    "search.reconcile.nightly": {"task": "search.reconcile", "schedule": crontab(hour=2, minute=40)},
}
