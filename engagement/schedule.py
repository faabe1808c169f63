"""The engagement periodic jobs (merged into CELERY_BEAT_SCHEDULE by settings; no Django imports here)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # 舆情回应制度 三: the first release is due within the hour, so the reminder sweep runs every five minutes.
    "engagement.send_concern_reminders.5min": {
        "task": "engagement.send_concern_reminders",
        "schedule": crontab(minute="*/5"),
    },
}
