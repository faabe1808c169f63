"""The engagement app's tasks: the notice of a newly recorded concern, and the sweep that escalates reminders as the
hour clocks run down (and sends any notice a lost task left)."""

from celery import shared_task

from engagement import services


@shared_task(name="engagement.notify_concern")
def notify_concern(concern_id: int) -> bool:
    return services.notify_concern(concern_id)


@shared_task(name="engagement.send_concern_reminders")
def send_concern_reminders() -> int:
    return services.send_reminders()
