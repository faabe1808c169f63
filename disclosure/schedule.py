"""The disclosure app's periodic jobs (merged into CELERY_BEAT_SCHEDULE by settings; no Django imports here)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # No task is the only copy of anything: re-index what a lost task may have missed.
    "disclosure.sweep_index.nightly": {
        "task": "disclosure.sweep_index",
        "schedule": crontab(hour=2, minute=15),
        "args": (2,),
    },
}
