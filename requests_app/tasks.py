"""Celery tasks: they take ids, never objects, and each is safe to run twice."""

from celery import shared_task

from portal import workdays
from requests_app import notifications, services


@shared_task(name="requests_app.render_letter")
def render_letter(letter_id: int) -> None:
    letter = notifications.archive_letter(letter_id)
    if letter is not None and letter.is_public and letter.application.email:
        notifications.email_letter(letter_id)


@shared_task(name="requests_app.sweep")
def sweep() -> dict:
    return notifications.sweep()


@shared_task(name="requests_app.send_reminders")
def send_reminders() -> dict:
    if not workdays.is_workday(workdays.today()):
        return {"emails": 0, "reminders": 0}
    return notifications.send_reminders()


@shared_task(name="requests_app.close_lapsed_corrections")
def close_lapsed_corrections() -> int:
    return services.close_lapsed_corrections()


@shared_task(name="requests_app.close_unpaid_fees")
def close_unpaid_fees() -> int:
    return services.close_unpaid_fees()
