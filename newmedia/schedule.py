"""The new-media periodic jobs (merged into CELERY_BEAT_SCHEDULE by settings; no Django imports here)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Seed 001 art. 40 / REFERENCE §5: every Monday morning, check last week's posts (under 4; silent 2 weeks).
    "newmedia.check_activity.weekly": {
        "task": "newmedia.check_activity",
        "schedule": crontab(day_of_week="mon", hour=8, minute=0),
    },
    # Catch up on notices a lost task left unsent.
    "newmedia.send_pending_notices.hourly": {
        "task": "newmedia.send_pending_notices",
        "schedule": crontab(minute=20),
    },
}
