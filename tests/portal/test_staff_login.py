"""Staff login at /staff/login/ with the django-axes lockout: 5 failures lock the username from that address for
15 minutes (time-machine moves the clock: axes stores attempt times from django.utils.timezone.now)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib.auth.models import AnonymousUser

from portal.staff import signed_in

pytestmark = pytest.mark.django_db
LOGIN = "/staff/login/"
START = datetime(2025, 11, 17, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def attempt(client, username="officer", password="wrong-password"):
    return client.post(LOGIN, {"username": username, "password": password})


def test_the_login_form_is_in_chinese_with_labels(client, db):
    response = client.get(LOGIN)
    html = response.content.decode()
    assert response.status_code == 200
    assert "工作人员登录" in html
    assert '<label for="id_username">用户名</label>' in html
    assert '<label for="id_password">密码</label>' in html


def test_the_login_page_has_the_site_title_and_footer(client, db):
    """The login view's own ``site`` (Django's current site) must not hide the site profile from the page."""
    from portal.context_processors import clear_site_cache
    from portal.models import SiteProfile

    profile = SiteProfile.get()
    profile.site_name, profile.sponsor = "清河县人民政府", "清河县人民政府办公室"
    profile.site_id_code, profile.icp_number, profile.police_number = "1309250001", "冀ICP备12345678号", "冀公网安备1号"
    profile.save()
    clear_site_cache()
    for response in (client.get(LOGIN), attempt(client)):
        html = response.content.decode()
        assert "<title>工作人员登录 - 清河县人民政府</title>" in html
        assert "主办单位：清河县人民政府办公室" in html and "政府网站标识码：1309250001" in html
        assert "冀ICP备12345678号" in html and "冀公网安备1号" in html


def test_a_good_password_logs_in_and_goes_to_the_workbench(client, officer):
    response = attempt(client, password="pass-1234")
    assert response.status_code == 302
    assert response.url == "/staff/"
    assert client.get("/staff/").wsgi_request.user == officer


def test_the_next_parameter_is_followed_only_within_the_site(client, officer):
    response = client.post(f"{LOGIN}?next=/admin/", {"username": "officer", "password": "pass-1234"})
    assert response.url == "/admin/"
    client.logout()
    response = client.post(LOGIN, {"username": "officer", "password": "pass-1234", "next": "https://evil.example/"})
    assert response.url == "/staff/"


def test_a_wrong_password_shows_a_chinese_error_and_the_attempts_left(client, officer):
    response = attempt(client)
    html = response.content.decode()
    assert response.status_code == 200
    assert "用户名或密码不正确" in html
    assert "再失败 4 次" in html
    assert 'value="officer"' in html  # the username is kept


def test_five_failures_lock_out_even_the_right_password_for_fifteen_minutes(client, officer):
    with time_machine.travel(START, tick=False):
        for _ in range(4):
            assert attempt(client).status_code == 200
        locked = attempt(client)
        assert locked.status_code == 429
        html = locked.content.decode()
        assert "登录已暂时锁定" in html
        assert "2025年11月17日 09:15" in html
        assert attempt(client, password="pass-1234").status_code == 429
    with time_machine.travel(START + timedelta(minutes=14), tick=False):
        assert attempt(client, password="pass-1234").status_code == 429
    with time_machine.travel(START + timedelta(minutes=15, seconds=1), tick=False):
        response = attempt(client, password="pass-1234")
        assert response.status_code == 302
        assert response.url == "/staff/"


def test_the_lock_is_per_username_and_address(client, officer, reviewer):
    for _ in range(5):
        attempt(client)
    assert attempt(client, "reviewer", "pass-1234").status_code == 302
    other_address = client.post(LOGIN, {"username": "officer", "password": "pass-1234"}, REMOTE_ADDR="10.9.8.7")
    assert other_address.status_code == 302


def test_an_administrator_can_lift_a_lock(client, officer):
    for _ in range(5):
        attempt(client)
    assert AccessAttempt.objects.filter(username="officer").exists()
    assert reset(username="officer") == 1
    assert attempt(client, password="pass-1234").status_code == 302


def test_a_successful_login_clears_earlier_failures(client, officer):
    for _ in range(3):
        attempt(client)
    assert attempt(client, password="pass-1234").status_code == 302
    client.logout()
    for _ in range(4):
        assert attempt(client).status_code == 200


def test_the_admin_login_is_locked_out_too(client, admin_user):
    for _ in range(5):
        client.post("/admin/login/", {"username": "sysadmin", "password": "nope"})
    response = client.post("/admin/login/", {"username": "sysadmin", "password": "pass-1234"})
    assert response.status_code == 429


def test_logout_needs_a_post_and_ends_the_session(client, officer):
    client.force_login(officer)
    assert client.get("/staff/logout/").status_code == 405
    response = client.post("/staff/logout/")
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 302  # back to the login page


def test_a_logged_in_user_visiting_the_login_page_goes_to_the_workbench(client, officer):
    client.force_login(officer)
    assert client.get(LOGIN).url == "/staff/"


def test_the_lockout_address_is_the_rate_limit_address_or_none():
    from django.test import RequestFactory, override_settings

    from portal.staff_views import axes_client_ip

    assert axes_client_ip(RequestFactory().get("/", REMOTE_ADDR="10.1.2.3")) == "10.1.2.3"
    assert axes_client_ip(RequestFactory().get("/", REMOTE_ADDR="")) is None
    with override_settings(CLIENT_IP_HEADER="HTTP_X_REAL_IP"):
        assert axes_client_ip(RequestFactory().get("/", HTTP_X_REAL_IP="1.2.3.4, 10.0.0.1")) == "1.2.3.4"
        assert axes_client_ip(RequestFactory().get("/", HTTP_X_REAL_IP="<script>")) is None


def test_password_spraying_from_one_address_is_refused_after_twenty_failures(client, officer):
    """60 tries over 15 names, 4 each: under every account's own lock, but the address is capped."""
    from django.core.cache import cache

    names = [f"user{i}" for i in range(14)] + ["officer"]
    with time_machine.travel(START, tick=False):
        statuses = [attempt(client, name, "Qinghe@2025").status_code for _ in range(4) for name in names]
        assert statuses[:20] == [200] * 20
        assert statuses[20:] == [429] * 40
        refused = attempt(client, "officer", "pass-1234")  # even the right password, while the cap holds
        assert refused.status_code == 429
        assert "本机地址登录失败次数过多" in refused.content.decode()
        assert 'value="officer"' in refused.content.decode()
        assert client.post(LOGIN, {"username": "officer", "password": "pass-1234"}, REMOTE_ADDR="10.9.8.7").url == (
            "/staff/"
        )
    with time_machine.travel(START + timedelta(minutes=15, seconds=1), tick=False):
        cache.clear()  # locmem ignores time-machine; the window's end is the cache entry expiring
        assert attempt(client, password="pass-1234").status_code == 302


def test_the_admin_login_shares_the_address_cap(client, admin_user):
    for i in range(20):
        client.post("/admin/login/", {"username": f"name{i}", "password": "nope"})
    response = client.post("/admin/login/", {"username": "sysadmin", "password": "pass-1234"})
    assert "本机地址登录失败次数过多" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_signed_in_asks_the_user_only_when_the_session_cookie_came(client, officer, rf):
    request = rf.get("/")
    request.user = officer  # attached, but no session cookie came with the request: nobody signed in to it
    assert not signed_in(request)
    request.COOKIES[settings.SESSION_COOKIE_NAME] = "key"
    assert signed_in(request)
    request.user = AnonymousUser()  # a cookie of an expired or unknown session
    assert not signed_in(request)
    # End to end: the signed-in officer gets the shell with 工作台, the same browser after logging out the other one.
    client.force_login(officer)
    assert "工作台</a>" in client.get("/").content.decode()
    client.logout()
    assert "工作人员登录" in client.get("/").content.decode()
