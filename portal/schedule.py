"""The portal's periodic jobs (merged into CELERY_BEAT_SCHEDULE by settings)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Catch up on anything a lost recompute task left undone (DESIGN §3: no task is the only copy of anything).
    "portal.recompute_due_dates.nightly": {
        "task": "portal.recompute_due_dates",
        "schedule": crontab(hour=1, minute=30),
        "args": ([],),
    },
}
