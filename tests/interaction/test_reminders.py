"""The daily reminder: messages due today and overdue, once per item per day, whatever the reruns."""

from datetime import date

from django.core import mail

from interaction import services, tasks
from interaction.models import Reminder
from interaction.notifications import send_due_reminders

from .conftest import at, new_message


def _setup(office_staff, township, officer):
    officer.email = "officer@example.com"
    officer.save()
    office_staff.email = "office@example.com"
    office_staff.save()
    with at(2025, 9, 22):  # Monday; due Thursday 25 September
        message, _ = new_message()
        services.dispatch_message(message, actor=office_staff, unit=township, instruction="答复")
    mail.outbox.clear()
    return message


def test_a_unit_is_reminded_on_the_due_day_once_however_often_the_task_runs(
    db, office_staff, township, officer, django_capture_on_commit_callbacks
):
    message = _setup(office_staff, township, officer)
    assert send_due_reminders(date(2025, 9, 24)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders(date(2025, 9, 25)) == 1
        assert send_due_reminders(date(2025, 9, 25)) == 0
    assert [m.to for m in mail.outbox] == [["officer@example.com"]]
    assert "今日到期" in mail.outbox[0].subject
    reminder = Reminder.objects.get()
    assert (reminder.item_id, reminder.kind, reminder.unit_id) == (message.pk, "due_today", township.pk)


def test_an_overdue_message_is_reminded_again_each_day(db, office_staff, township, officer):
    _setup(office_staff, township, officer)
    assert send_due_reminders(date(2025, 9, 26)) == 1
    assert send_due_reminders(date(2025, 9, 28)) == 1
    assert send_due_reminders(date(2025, 9, 28)) == 0
    assert list(Reminder.objects.values_list("kind", flat=True).order_by("on_date")) == ["overdue", "overdue"]


def test_answered_messages_are_not_reminded(db, office_staff, township, officer):
    message = _setup(office_staff, township, officer)
    services.reply_message(message, actor=officer, reply="已答复")
    assert send_due_reminders(date(2025, 9, 26)) == 0


def test_the_office_is_reminded_of_corrections_waiting_to_be_forwarded(
    db, office_staff, township, officer, django_capture_on_commit_callbacks
):
    _setup(office_staff, township, officer)
    with at(2025, 9, 22):
        services.submit_correction(services.NewCorrection(page_url="/a/", kind="typo", description="x"))
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders(date(2025, 9, 23)) == 1
    assert mail.outbox[-1].to == ["office@example.com"] and "纠错转办" in mail.outbox[-1].subject


def test_the_beat_task_does_nothing_on_a_holiday(db, office_staff, township, officer):
    _setup(office_staff, township, officer)
    with at(2025, 10, 2):
        assert tasks.send_due_reminders() == 0
    with at(2025, 10, 9):
        assert tasks.send_due_reminders() == 1


def test_the_beat_schedule_names_the_task():
    from interaction.schedule import BEAT_SCHEDULE

    assert {e["task"] for e in BEAT_SCHEDULE.values()} >= {"interaction.send_due_reminders"}


def test_the_sweep_sends_what_a_lost_task_left_unsent(db, office_staff, township, officer, monkeypatch):
    officer.email = "officer@example.com"
    officer.save()
    monkeypatch.setattr(
        tasks.notify_unit_of_message, "apply_async", lambda *a, **k: (_ for _ in ()).throw(ConnectionError())
    )
    with at(2025, 9, 22, 9):
        message, _ = new_message()
        services.dispatch_message(message, actor=office_staff, unit=township, instruction="答复")
    mail.outbox.clear()
    with at(2025, 9, 22, 10):
        assert tasks.sweep_notifications() == 1
        assert tasks.sweep_notifications() == 0
    assert mail.outbox[0].to == ["officer@example.com"]


def test_the_sweep_also_tells_a_rejected_writer(db, office_staff, monkeypatch):
    monkeypatch.setattr(tasks.notify_writer, "apply_async", lambda *a, **k: (_ for _ in ()).throw(ConnectionError()))
    with at(2025, 9, 22, 9):
        message, _ = new_message()
        services.reject_message(message, actor=office_staff, reason="duplicate")
    mail.outbox.clear()
    with at(2025, 9, 22, 10):
        assert tasks.sweep_notifications() == 1
    assert mail.outbox[0].to == ["zhangsan@example.com"] and "不予受理" in mail.outbox[0].body


def test_the_sweep_sends_a_forwarded_correction_notice_a_lost_task_left_unsent(
    db, office_staff, township, officer, monkeypatch
):
    officer.email = "officer@example.com"
    officer.save()
    monkeypatch.setattr(
        tasks.notify_unit_of_correction, "apply_async", lambda *a, **k: (_ for _ in ()).throw(ConnectionError())
    )
    with at(2025, 9, 22, 9):
        correction = services.submit_correction(
            services.NewCorrection(page_url="/a/", kind="typo", description="错别字")
        )
        services.forward_correction(correction, actor=office_staff, unit=township)
    mail.outbox.clear()
    with at(2025, 9, 22, 10):
        assert tasks.sweep_notifications() == 1
        assert tasks.sweep_notifications() == 0
    assert mail.outbox[0].to == ["officer@example.com"] and "网站纠错" in mail.outbox[0].subject
