"""TOTP two-factor login (django-otp): enrolment by QR code with a wrong and a right code, the second login step
with a wrong and a right code, single-use codes and recovery codes, who must use it, and the administrator's reset.
Time is frozen; codes are computed from the device's key."""

from datetime import timedelta

import pytest
import time_machine
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ops.models import AuditEntry
from tests.ops.conftest import NOW, code_for, enrol, log_in
from tests.portal.test_settings import PRODUCTION, SETUP, run_python

pytestmark = pytest.mark.django_db
VERIFY = "/staff/login/verify/"
ENROL = "/staff/security/authenticator/"
E = AuditEntry.Event


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def test_an_office_user_without_an_authenticator_must_bind_one_after_the_password(
    client, office_staff, two_factor_required
):
    assert log_in(client, "office_staff").url == "/staff/"
    first = client.get("/staff/")
    assert first.status_code == 302 and first.url.startswith(VERIFY)
    to_enrol = client.get(first.url)
    assert to_enrol.status_code == 302 and to_enrol.url.startswith(ENROL)
    page = client.get(to_enrol.url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "须启用两步验证" in html and '<img class="ops-qr" src="/staff/security/authenticator/qr.png"' in html
    qr = client.get("/staff/security/authenticator/qr.png")
    assert qr["Content-Type"] == "image/png" and qr.content.startswith(b"\x89PNG")
    assert "no-store" in qr["Cache-Control"]


def test_enrolment_refuses_a_wrong_code_and_confirms_with_the_right_one(client, office_staff, two_factor_required):
    log_in(client, "office_staff")
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=office_staff)
    assert not device.confirmed

    wrong = client.post(ENROL, {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert wrong.status_code == 400
    assert "验证码不正确" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get("/staff/").status_code == 302  # still held at the second step

    right = client.post(ENROL, {"code": code_for(device), "next": "/staff/"})
    html = right.content.decode()
    assert right.status_code == 200
    assert "恢复码" in html and html.count("<li><code>") == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/staff/").status_code == 200
    assert AuditEntry.objects.filter(event=E.TWO_FACTOR, actor=office_staff).exists()


def test_a_second_authenticator_may_be_bound_only_by_a_verified_session(client, office_staff, two_factor_required):
    enrol(office_staff)
    log_in(client, "office_staff")
    # Before the code: binding a new authenticator would skip the old one.
    response = client.get(ENROL)
    assert response.status_code == 302 and response.url.startswith(VERIFY)
    assert client.get("/staff/security/authenticator/qr.png").status_code == 404
    assert TOTPDevice.objects.filter(user=office_staff).count() == 1


def test_the_login_step_refuses_a_wrong_code_and_accepts_the_right_one(client, office_staff, two_factor_required):
    device = enrol(office_staff)
    log_in(client, "office_staff")
    assert client.get("/admin/").url.startswith(VERIFY)  # the admin is behind the second step too

    wrong = client.post(VERIFY, {"code": "12345", "next": "/staff/"})
    assert wrong.status_code == 400
    assert "验证码不正确" in wrong.content.decode()
    assert AuditEntry.objects.filter(event=E.OTP_FAILED, username="office_staff").count() == 1

    right = client.post(VERIFY, {"code": code_for(device), "next": "/staff/"})
    assert right.status_code == 302 and right.url == "/staff/"
    workbench = client.get("/staff/")
    assert workbench.status_code == 200
    assert "这是该账号的首次登录" in workbench.content.decode()
    assert AuditEntry.objects.filter(event=E.OTP_VERIFIED, actor=office_staff).exists()


def test_a_code_is_accepted_once(client, officer, frozen):
    device = enrol(officer)  # optional for an officer, but once bound it is asked for
    log_in(client, "officer")
    code = code_for(device)
    assert client.post(VERIFY, {"code": code}).status_code == 302
    client.post("/staff/logout/")

    log_in(client, "officer")
    frozen.shift(2)  # past django-otp's throttle after no failure; same 30-second step
    assert client.post(VERIFY, {"code": code}).status_code == 400
    frozen.shift(30)
    assert client.post(VERIFY, {"code": code_for(device)}).status_code == 302


def test_a_recovery_code_logs_in_once(client, office_staff, two_factor_required):
    log_in(client, "office_staff")
    device = TOTPDevice.objects.create(user=office_staff, name="x", confirmed=False)
    response = client.post(ENROL, {"code": code_for(device)})
    codes = [t.token for t in StaticToken.objects.filter(device__user=office_staff)]
    assert len(codes) == 10 and codes[0] in response.content.decode()
    client.post("/staff/logout/")

    log_in(client, "office_staff")
    assert client.post(VERIFY, {"code": codes[0].upper()}).status_code == 302
    client.post("/staff/logout/")
    log_in(client, "office_staff")
    assert client.post(VERIFY, {"code": codes[0]}).status_code == 400
    assert StaticToken.objects.filter(device__user=office_staff).count() == 9


def test_an_officer_without_an_authenticator_logs_in_with_the_password(client, officer, two_factor_required):
    log_in(client, "officer")
    assert client.get("/staff/").status_code == 200


def test_with_the_setting_off_office_staff_need_no_code(client, office_staff):
    log_in(client, "office_staff")
    assert client.get("/staff/").status_code == 200


def test_the_administrator_resets_a_lost_authenticator(client, office_staff, admin_user, two_factor_required):
    enrol(office_staff)
    client.force_login(admin_user)
    # force_login skips the second step the test is not about: mark the session verified.
    session = client.session
    session["ops_needs_otp"] = False
    session.save()
    page = client.get("/staff/users/")
    assert page.status_code == 200 and "重置两步验证" in page.content.decode()

    response = client.post(f"/staff/users/{office_staff.pk}/reset-2fa/")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=office_staff).exists()
    row = AuditEntry.objects.get(event=E.TWO_FACTOR, username="office_staff")
    assert row.actor == admin_user and row.additional_data["change"] == "管理员重置"

    client.post("/staff/logout/")
    log_in(client, "office_staff")
    assert client.get(VERIFY).url.startswith(ENROL)


def test_only_a_system_administrator_may_reset(client, office_staff, officer):
    enrol(officer)
    client.force_login(office_staff)
    assert client.post(f"/staff/users/{officer.pk}/reset-2fa/").status_code == 404
    assert client.get("/staff/users/").status_code == 404
    assert TOTPDevice.objects.filter(user=officer).exists()


def test_repeated_wrong_codes_are_slowed_down(client, officer, frozen):
    device = enrol(officer)
    log_in(client, "officer")
    for _ in range(3):
        client.post(VERIFY, {"code": "000001"})
    # Throttled: even the right code waits until the delay (1, 2, 4 ... seconds) has passed.
    throttled = client.post(VERIFY, {"code": code_for(device)})
    assert throttled.status_code == 400 and "稍等" in throttled.content.decode()
    frozen.shift(timedelta(seconds=5))
    assert client.post(VERIFY, {"code": code_for(device)}).status_code == 302


def _required(tmp_path, **env) -> str:
    result = run_python(SETUP + "from django.conf import settings as s; print(s.STAFF_2FA_REQUIRED)", tmp_path, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_two_factor_is_required_in_production_and_off_while_debugging(tmp_path):
    assert _required(tmp_path, **PRODUCTION) == "True"
    assert _required(tmp_path, DEBUG="1") == "False"
    assert _required(tmp_path, DEBUG="1", STAFF_2FA_REQUIRED="1") == "True"
