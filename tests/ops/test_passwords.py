"""The staff password policy: length, character classes, not the username, not one of the last five; the 90-day
expiry of office and administrator passwords forces a change with a clear Chinese message."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from ops.models import AuditEntry, PasswordRecord
from portal.demo import DEMO_PASSWORD
from tests.ops.conftest import NOW, log_in

pytestmark = pytest.mark.django_db
CHANGE = "/staff/security/password/"


def errors_for(password: str, user=None) -> list[str]:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        return exc.messages
    return []


def test_the_published_demo_password_passes_every_rule(officer):
    assert errors_for(DEMO_PASSWORD, officer) == []


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Ab1!x", "至少需要10个字符"),
        ("qinghetown2025", "至少包含大写字母、小写字母、数字、符号中的3类"),
        ("QINGHETOWN!!", "至少包含大写字母、小写字母、数字、符号中的3类"),
        ("Officer#2025x", "密码不能包含用户名"),
        ("reciffo#2025X", "密码不能包含用户名"),
    ],
)
def test_a_weak_password_is_refused_with_a_chinese_reason(officer, password, message):
    assert any(message in error for error in errors_for(password, officer)), errors_for(password, officer)


def test_none_of_the_last_five_passwords_may_come_back(officer):
    passwords = [f"Qinghe@20{n:02d}x" for n in range(6)]
    for password in passwords:
        assert errors_for(password, officer) == []
        officer.set_password(password)
        officer.save()
    assert PasswordRecord.objects.filter(user=officer).count() == 5  # only the hashes of the last five are kept
    assert all(not r.password.startswith("Qinghe") for r in PasswordRecord.objects.filter(user=officer))
    for recent in passwords[1:]:
        assert "新密码不能与最近5次使用过的密码相同。" in errors_for(recent, officer)
    assert errors_for(passwords[0], officer) == []  # the sixth-last is allowed again


def test_the_change_page_keeps_the_rules_next_to_the_field(client, officer):
    client.force_login(officer)
    response = client.post(CHANGE, {"old_password": "pass-1234", "new_password1": "short", "new_password2": "short"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "至少需要10个字符" in html
    officer.refresh_from_db()
    assert officer.check_password("pass-1234")


def test_a_good_new_password_is_saved_recorded_and_keeps_the_session(client, officer):
    client.force_login(officer)
    response = client.post(
        CHANGE, {"old_password": "pass-1234", "new_password1": "Qinghe@2026a", "new_password2": "Qinghe@2026a"}
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password("Qinghe@2026a")
    assert client.get("/staff/").status_code == 200
    row = AuditEntry.objects.get(event=AuditEntry.Event.PASSWORD, object_pk=str(officer.pk))
    assert row.actor == officer and "******" in row.detail and "pbkdf2" not in row.detail.lower()


def test_an_office_password_older_than_90_days_must_be_changed(client, office_staff):
    with time_machine.travel(NOW + timedelta(days=91), tick=False):
        log_in(client, "office_staff")
        response = client.get("/staff/")
        assert response.status_code == 302 and response.url.startswith(CHANGE)
        page = client.get(response.url)
        assert "每90天须更换一次" in page.content.decode()
        assert client.get("/staff/requests/").url.startswith(CHANGE)  # every staff page waits for the change
        client.post(
            CHANGE, {"old_password": "pass-1234", "new_password1": "Qinghe@2026a", "new_password2": "Qinghe@2026a"}
        )
        assert client.get("/staff/").status_code == 200


def test_within_90_days_or_for_unit_staff_no_change_is_forced(client, office_staff, officer):
    with time_machine.travel(NOW + timedelta(days=89), tick=False):
        log_in(client, "office_staff")
        assert client.get("/staff/").status_code == 200
    client.post("/staff/logout/")
    with time_machine.travel(NOW + timedelta(days=400), tick=False):
        log_in(client, "officer")
        assert client.get("/staff/").status_code == 200


@pytest.fixture(autouse=True)
def _users_made_at_now():
    # The personas are created inside this travel, so their password dates from NOW.
    with time_machine.travel(NOW, tick=False):
        yield
