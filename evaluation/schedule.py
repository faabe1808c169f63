"""Periodic jobs of the evaluation app (merged into CELERY_BEAT_SCHEDULE by settings; no Django imports here)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Copy the visit counters into the database after midnight; days still in Redis are caught up by the next run.
    "evaluation.flush_visits.nightly": {"task": "evaluation.flush_visits", "schedule": crontab(hour=0, minute=20)},
    # The monthly 通报 is generated on the first working day of the month (a run on any later day catches up).
    "evaluation.monthly_bulletin.daily": {
        "task": "evaluation.monthly_bulletin",
        "schedule": crontab(hour=6, minute=30),
    },
    # In January, last year's 网站工作年度报表 is prepared early enough for its 31 January deadline.
    "evaluation.annual_web_report.daily": {
        "task": "evaluation.annual_web_report",
        "schedule": crontab(hour=6, minute=40, month_of_year=1),
    },
    "evaluation.sweep_notices": {"task": "evaluation.sweep_notices", "schedule": crontab(minute="*/15")},
}
