"""The morning reminders: handlers get their due-soon and overdue items, the office a digest of the
overdue ones; running the task twice on a day sends nothing new."""

from datetime import date

import pytest

from requests_app import notifications
from requests_app.models import Reminder
from tests.conftest import make_user
from tests.requests_app.conftest import at, registered

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(office, township, other_township):
    from portal.models import Role

    return {
        "office": make_user("o1", office, Role.OFFICE, email="office@example.gov.cn"),
        "handler": make_user("h1", township, Role.OFFICER, email="h1@example.gov.cn"),
        "other": make_user("h2", other_township, Role.OFFICER, email="h2@example.gov.cn"),
    }


def test_handlers_get_due_soon_and_overdue_items_and_the_office_a_digest(people, township, other_township, mailoutbox):
    staff = people["office"]
    overdue = registered(staff, township, date(2024, 10, 28), unit=township)  # due 2024-11-18
    soon = registered(staff, township, date(2024, 11, 4), unit=township)  # due 2024-11-25
    registered(staff, township, date(2024, 11, 15), unit=township)  # due 2024-12-06: not yet
    elsewhere = registered(staff, other_township, date(2024, 11, 4), unit=other_township)
    with at(date(2024, 11, 20)):
        result = notifications.send_reminders()
    by_recipient = {m.to[0]: m for m in mailoutbox}
    assert set(by_recipient) == {"h1@example.gov.cn", "h2@example.gov.cn", "office@example.gov.cn"}
    handler_mail = by_recipient["h1@example.gov.cn"].body
    assert overdue.tracking_number in handler_mail and soon.tracking_number in handler_mail
    assert "已超期" in handler_mail and "剩余3个工作日" in handler_mail
    office_mail = by_recipient["office@example.gov.cn"].body
    assert overdue.tracking_number in office_mail and soon.tracking_number not in office_mail
    assert elsewhere.tracking_number in by_recipient["h2@example.gov.cn"].body
    assert result == {"emails": 3, "reminders": 4}


def test_running_the_reminders_twice_a_day_sends_nothing_new(people, township, mailoutbox):
    registered(people["office"], township, date(2024, 10, 28), unit=township)
    with at(date(2024, 11, 20)):
        notifications.send_reminders()
        sent = len(mailoutbox)
        assert notifications.send_reminders() == {"emails": 0, "reminders": 0}
    assert len(mailoutbox) == sent
    assert Reminder.objects.count() == 2  # the handler and the office, once each
    with at(date(2024, 11, 21)):
        notifications.send_reminders()
    assert len(mailoutbox) == sent * 2  # the next day it reminds again


def test_the_beat_task_skips_days_off(people, township, mailoutbox):
    from requests_app.tasks import send_reminders

    registered(people["office"], township, date(2024, 10, 28), unit=township)
    with at(date(2024, 11, 23)):  # a Saturday
        assert send_reminders() == {"emails": 0, "reminders": 0}
    assert mailoutbox == []
