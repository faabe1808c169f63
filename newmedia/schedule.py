"""The new-media periodic jobs (merged into CELERY_BEAT_SCHEDULE by settings; no Django imports here)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Every Monday morning, check last week's posts: under 4 breaks the county rule (art. 40), none for 2 weeks fails
    # the national website check.
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
