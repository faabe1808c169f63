"""Periodic jobs of the 依申请公开 app (merged into CELERY_BEAT_SCHEDULE by settings; no Django imports here)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Each working morning, handlers get their due-soon and overdue items, the office a digest.
    "requests_app.send_reminders.morning": {
        "task": "requests_app.send_reminders",
        "schedule": crontab(hour=8, minute=0),
    },
    # Art. 30: a correction deadline that passed closes the application as 其他处理-1.
    "requests_app.close_lapsed_corrections.daily": {
        "task": "requests_app.close_lapsed_corrections",
        "schedule": crontab(hour=0, minute=30),
    },
    # Art. 42 / 国办函〔2020〕109号: a fee unpaid when its period ended closes the application as 其他处理-2.
    "requests_app.close_unpaid_fees.daily": {
        "task": "requests_app.close_unpaid_fees",
        "schedule": crontab(hour=0, minute=40),
    },
    # Letters and e-mails a lost task left undone: no task is the only copy of anything.
    "requests_app.sweep.every_10_minutes": {
        "task": "requests_app.sweep",
        "schedule": crontab(minute="*/10"),
    },
}
