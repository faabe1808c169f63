"""Periodic jobs of the 政民互动 app (merged into CELERY_BEAT_SCHEDULE by settings; no Django imports here)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Units are reminded of messages and 纠错 reports due today or overdue, at the start of the working day.
    "interaction.send_due_reminders.daily": {
        "task": "interaction.send_due_reminders",
        "schedule": crontab(hour=8, minute=30),
    },
    # Catch up on e-mails a lost task (Redis down) left unsent.
    "interaction.sweep_notifications": {
        "task": "interaction.sweep_notifications",
        "schedule": crontab(minute="*/15"),
    },
}
