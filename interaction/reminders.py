"""The daily reminder (issue 6 §7): units are reminded of messages due today and overdue, and of 纠错 reports on
either clock, once per item per day — a Reminder row per (item, day) is the proof, so a rerun sends nothing."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction

from portal import workdays

from . import notify
from .models import Correction, Message, Reminder


def send_due_reminders(on: date | None = None) -> int:
    """Remind every open item due on or before ``on``; returns how many reminders were recorded."""
    on = on or workdays.today()
    sent = 0
    messages = Message.objects.filter(status=Message.Status.PROCESSING, due_on__lte=on).select_related("unit")
    for m in messages:
        sent += _remind(Reminder.ItemType.MESSAGE, m.pk, on, m.due_on, m.unit_id, m.title, f"/staff/messages/{m.pk}/")
    for c in Correction.objects.filter(status=Correction.Status.RECEIVED, forward_due_on__lte=on):
        # The forwarding clock is the office's own: the office is reminded.
        sent += _remind(Reminder.ItemType.CORRECTION_FORWARD, c.pk, on, c.forward_due_on, None, c.page_url,
                        f"/staff/corrections/{c.pk}/")  # fmt: skip
    for c in Correction.objects.filter(status=Correction.Status.FORWARDED, fix_due_on__lte=on):
        sent += _remind(Reminder.ItemType.CORRECTION_FIX, c.pk, on, c.fix_due_on, c.unit_id, c.page_url,
                        f"/staff/corrections/{c.pk}/")  # fmt: skip
    return sent


def _remind(item_type: str, item_id: int, on: date, due_on: date, unit_id: int | None, title: str, url: str) -> int:
    kind = Reminder.Kind.DUE_TODAY if due_on == on else Reminder.Kind.OVERDUE
    recipients = notify.unit_addresses(unit_id) if unit_id else notify.office_addresses()
    try:
        with transaction.atomic():
            Reminder.objects.create(
                item_type=item_type, item_id=item_id, on_date=on, kind=kind, unit_id=unit_id,
                recipients=len(recipients),
            )  # fmt: skip
    except IntegrityError:
        return 0  # already reminded today
    label = Reminder.ItemType(item_type).label
    context = {"kind_label": Reminder.Kind(kind).label, "item_label": label, "title": title, "due_on": due_on,
               "url": url}  # fmt: skip
    transaction.on_commit(
        lambda: notify._send(
            f"【催办】{label}{Reminder.Kind(kind).label}：{title[:40]}",
            "interaction/email/reminder.txt",
            context,
            recipients,
        )  # fmt: skip
    )
    return 1
