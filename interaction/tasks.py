"""Celery tasks of the 政民互动 app: thin, they take ids, never objects (each is safe to run twice)."""

from celery import shared_task

from portal import workdays

from . import notifications


@shared_task(name="interaction.notify_unit_of_message")
def notify_unit_of_message(message_id: int) -> int:
    return notifications.notify_unit_of_message(message_id)


@shared_task(name="interaction.notify_writer")
def notify_writer(message_id: int) -> int:
    return notifications.notify_writer(message_id)


@shared_task(name="interaction.notify_unit_of_correction")
def notify_unit_of_correction(correction_id: int) -> int:
    return notifications.notify_unit_of_correction(correction_id)


@shared_task(name="interaction.notify_reporter")
def notify_reporter(correction_id: int) -> int:
    return notifications.notify_reporter(correction_id)


@shared_task(name="interaction.send_due_reminders")
def send_due_reminders() -> int:
    """Daily, on working days only: nobody reads a reminder sent on a Sunday."""
    if not workdays.is_workday(workdays.today()):
        return 0
    return notifications.send_due_reminders()


@shared_task(name="interaction.sweep_notifications")
def sweep_notifications() -> int:
    return notifications.sweep()
