"""Periodic jobs of the annual report (merged into CELERY_BEAT_SCHEDULE by settings; no Django imports here)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # January to April: units (due 31 January) and the county (due 31 March) are reminded as the deadline nears.
    "reports.send_reminders.morning": {
        "task": "reports.send_reminders",
        "schedule": crontab(hour=8, minute=10, month_of_year="1-4"),
    },
}
