"""E-mails of the 政民互动 app. Each notice takes an id, re-reads the row, sends, and stamps the row so that the
periodic sweep sends what a lost task left unsent, and never twice. The daily reminder tells units of items due today
and overdue, once per item per day: a Reminder row per (item, day) is the proof, so a rerun sends nothing."""

from __future__ import annotations

import logging
from datetime import date

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from portal import workdays
from portal.masking import mask_name
from portal.models import Role, User

from .models import Correction, Message, Reminder

logger = logging.getLogger(__name__)


def unit_addresses(unit_id: int | None) -> list[str]:
    """A unit's handlers: its active users with an e-mail address."""
    if not unit_id:
        return []
    users = User.objects.filter(organization_id=unit_id, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def office_addresses() -> list[str]:
    return sorted(set(User.objects.with_role(Role.OFFICE).exclude(email="").values_list("email", flat=True)))


def _send(subject: str, template: str, context: dict, recipients: list[str]) -> int:
    if not recipients:
        return 0
    body = render_to_string(template, context)
    # One mail per recipient: staff must not see each other's addresses.
    return send_mass_mail([(subject, body, settings.DEFAULT_FROM_EMAIL, [r]) for r in recipients])


def notify_unit_of_message(message_id: int) -> int:
    message = Message.objects.select_related("unit").filter(pk=message_id).first()
    if message is None or message.status != Message.Status.PROCESSING or message.unit_notified_at:
        return 0
    sent = _send(
        f"【政民互动】新分办留言：{message.title}",
        "interaction/email/message_dispatched.txt",
        {"message": message},
        unit_addresses(message.unit_id),
    )
    Message.objects.filter(pk=message.pk).update(unit_notified_at=timezone.now())
    return sent


def notify_writer(message_id: int) -> int:
    message = Message.objects.select_related("unit").filter(pk=message_id).first()
    if message is None or not message.email or message.writer_notified_at:
        return 0
    if message.status not in (*Message.ANSWERED_STATES, Message.Status.REJECTED):
        return 0
    sent = _send(
        f"【政民互动】您的留言（{message.tracking_number}）有了办理结果",
        "interaction/email/message_result.txt",
        {"message": message, "name": mask_name(message.name)},
        [message.email],
    )
    Message.objects.filter(pk=message.pk).update(writer_notified_at=timezone.now())
    return sent


def notify_unit_of_correction(correction_id: int) -> int:
    correction = Correction.objects.filter(pk=correction_id, status=Correction.Status.FORWARDED).first()
    if correction is None or correction.unit_notified_at:
        return 0
    sent = _send(
        "【网站纠错】请处理网站纠错意见",
        "interaction/email/correction_forwarded.txt",
        {"correction": correction},
        unit_addresses(correction.unit_id),
    )
    Correction.objects.filter(pk=correction.pk).update(unit_notified_at=timezone.now())
    return sent


def notify_reporter(correction_id: int) -> int:
    correction = Correction.objects.filter(pk=correction_id).first()
    if correction is None or not correction.email or correction.reporter_notified_at:
        return 0
    if correction.status not in (Correction.Status.REPLIED, Correction.Status.DISMISSED):
        return 0
    replied = correction.status == Correction.Status.REPLIED
    sent = _send(
        "【网站纠错】您反映的网站问题已处理" if replied else "【网站纠错】您反映的问题经核实不予处理",
        "interaction/email/correction_replied.txt" if replied else "interaction/email/correction_dismissed.txt",
        {"correction": correction},
        [correction.email],
    )
    Correction.objects.filter(pk=correction.pk).update(reporter_notified_at=timezone.now())
    return sent


def sweep(older_than_minutes: int = 10) -> int:
    """Send whatever a lost task left unsent: dispatch and 纠错 notices to units, results to writers and reporters."""
    cutoff = timezone.now() - timezone.timedelta(minutes=older_than_minutes)
    done = 0
    for pk in Message.objects.filter(
        status=Message.Status.PROCESSING, unit_notified_at__isnull=True, dispatched_at__lt=cutoff
    ).values_list("pk", flat=True):
        done += notify_unit_of_message(pk)
    writers = Message.objects.filter(writer_notified_at__isnull=True).exclude(email="")
    due = writers.filter(
        Q(status__in=Message.ANSWERED_STATES, replied_at__lt=cutoff)
        | Q(status=Message.Status.REJECTED, received_at__lt=cutoff)
    )
    for pk in due.values_list("pk", flat=True):
        done += notify_writer(pk)
    for pk in Correction.objects.filter(
        status=Correction.Status.FORWARDED, unit_notified_at__isnull=True, forwarded_at__lt=cutoff
    ).values_list("pk", flat=True):
        done += notify_unit_of_correction(pk)
    reporters = Correction.objects.filter(
        Q(status=Correction.Status.REPLIED, replied_at__lt=cutoff)
        | Q(status=Correction.Status.DISMISSED, received_at__lt=cutoff),
        reporter_notified_at__isnull=True,
    ).exclude(email="")
    for pk in reporters.values_list("pk", flat=True):
        done += notify_reporter(pk)
    return done


# --- the daily reminder


def send_due_reminders(on: date | None = None) -> int:
    """Remind every open item due on or before ``on``; returns how many reminders were recorded."""
    on = on or workdays.today()
    sent = 0
    messages = Message.objects.filter(status=Message.Status.PROCESSING, due_on__lte=on).select_related("unit")
    for m in messages:
        url = reverse("interaction:staff_message_detail", args=[m.pk])
        sent += _remind(Reminder.ItemType.MESSAGE, m.pk, on, m.due_on, m.unit_id, m.title, url)
    for c in Correction.objects.filter(status=Correction.Status.RECEIVED, forward_due_on__lte=on):
        # The forwarding clock is the office's own: the office is reminded.
        url = reverse("interaction:staff_correction_detail", args=[c.pk])
        sent += _remind(Reminder.ItemType.CORRECTION_FORWARD, c.pk, on, c.forward_due_on, None, c.page_url, url)
    for c in Correction.objects.filter(status=Correction.Status.FORWARDED, fix_due_on__lte=on):
        url = reverse("interaction:staff_correction_detail", args=[c.pk])
        sent += _remind(Reminder.ItemType.CORRECTION_FIX, c.pk, on, c.fix_due_on, c.unit_id, c.page_url, url)
    return sent


def _remind(item_type: str, item_id: int, on: date, due_on: date, unit_id: int | None, title: str, url: str) -> int:
    kind = Reminder.Kind.DUE_TODAY if due_on == on else Reminder.Kind.OVERDUE
    recipients = unit_addresses(unit_id) if unit_id else office_addresses()
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
        lambda: _send(
            f"【催办】{label}{Reminder.Kind(kind).label}：{title[:40]}",
            "interaction/email/reminder.txt",
            context,
            recipients,
        )  # fmt: skip
    )
    return 1
