"""The self-inspection's periodic job (merged into CELERY_BEAT_SCHEDULE by settings)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Seed 001, 网站管理制度 第二十九条: links, column updates and content are checked every day; at night, when
    # the site and the other servers it links to are quiet.
    "inspection.run.nightly": {"task": "inspection.run", "schedule": crontab(hour=2, minute=30)},
}
