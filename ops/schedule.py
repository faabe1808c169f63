"""The operations' periodic jobs (merged into CELERY_BEAT_SCHEDULE by settings; no Django imports here)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # /healthz reports beat as down when this has not run for HEALTH_BEAT_MAX_AGE_MINUTES.
    "ops.heartbeat": {"task": "ops.heartbeat", "schedule": crontab(minute="*/5")},
    "ops.nightly_backup": {"task": "ops.nightly_backup", "schedule": crontab(hour=2, minute=0)},
    "ops.purge_audit": {"task": "ops.purge_audit", "schedule": crontab(hour=3, minute=30)},
}
