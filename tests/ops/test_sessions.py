"""Staff sessions: logged out after STAFF_IDLE_TIMEOUT_MINUTES without a request (time frozen and moved), the
notice of the previous login (time, address, failures since) on the first page after login."""

from datetime import timedelta

import pytest
import time_machine

from ops.models import AuditEntry
from tests.ops.conftest import NOW, log_in

pytestmark = pytest.mark.django_db


def test_a_staff_session_ends_after_30_idle_minutes(client, officer):
    with time_machine.travel(NOW, tick=False) as clock:
        log_in(client, "officer")
        clock.shift(timedelta(minutes=29))
        assert client.get("/staff/").status_code == 200  # activity restarts the 30 minutes
        clock.shift(timedelta(minutes=29))
        assert client.get("/staff/").status_code == 200
        clock.shift(timedelta(minutes=31))
        response = client.get("/staff/requests/")
        assert response.status_code == 302
        assert response.url == "/staff/login/?next=%2Fstaff%2Frequests%2F"
        page = client.get(response.url)
        assert "您已超过30分钟未操作" in page.content.decode()
        assert not page.wsgi_request.user.is_authenticated
    logout = AuditEntry.objects.get(event=AuditEntry.Event.LOGOUT)
    assert logout.actor == officer and logout.additional_data == {"reason": "idle"}


def test_the_timeout_is_a_setting(client, officer, settings):
    settings.STAFF_IDLE_TIMEOUT_MINUTES = 5
    with time_machine.travel(NOW, tick=False) as clock:
        log_in(client, "officer")
        clock.shift(timedelta(minutes=6))
        assert client.get("/staff/").status_code == 302


def test_the_first_page_after_login_says_when_and_from_where_the_last_login_was(client, officer):
    with time_machine.travel(NOW, tick=False) as clock:
        log_in(client, "officer", REMOTE_ADDR="10.20.30.40")
        assert "这是该账号的首次登录" in client.get("/staff/").content.decode()
        client.post("/staff/logout/")
        clock.shift(timedelta(days=1))
        log_in(client, "officer", password="wrong-password", REMOTE_ADDR="10.66.66.66")
        log_in(client, "officer", REMOTE_ADDR="10.20.30.41")
        html = client.get("/staff/").content.decode()
    assert "上次登录时间：2025年11月17日 09:00，登录地址：10.20.30.40。" in html
    assert "此后该账号有1次登录失败" in html
    # Shown once, not on every page.
    assert "上次登录时间" not in client.get("/staff/").content.decode()
