"""Headless Chromium: an office user (two-factor login required) binds an authenticator by QR code after the password,
logs out, logs in again with a code, and sees when and from where the account last logged in. The codes are
computed from the device's key, as the phone would."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from selenium.webdriver.common.by import By

from portal.models import Organization, Role
from tests.conftest import make_org, make_user
from tests.e2e.conftest import click_and_wait, login
from tests.ops.conftest import code_for

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def submit_code(browser, code: str) -> None:
    field = browser.find_element(By.NAME, "code")
    field.send_keys(code)
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.login-form button[type=submit]"))


def test_an_office_user_enrols_logs_out_and_logs_in_with_a_code(browser, live_server, settings):
    settings.STAFF_2FA_REQUIRED = True
    office = make_org("清河县人民政府办公室", Organization.Kind.COUNTY_OFFICE)
    user = make_user("gongkai_e2e", office, Role.OFFICE)

    login(browser, live_server, "gongkai_e2e")
    assert "/staff/security/authenticator/" in browser.current_url
    assert "须启用两步验证" in browser.find_element(By.CSS_SELECTOR, ".ops-enrol").text
    qr = browser.find_element(By.CSS_SELECTOR, "img.ops-qr")
    assert browser.execute_script("return arguments[0].naturalWidth", qr) > 100  # the QR image loaded
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    secret = browser.find_element(By.CSS_SELECTOR, ".ops-secret").text.replace(" ", "")
    assert device.config_url.split("secret=")[1].startswith(secret)

    submit_code(browser, code_for(device))
    codes = [c.text for c in browser.find_elements(By.CSS_SELECTOR, ".ops-codes code")]
    assert len(codes) == 10
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "我已保存，继续"))
    assert browser.find_element(By.CSS_SELECTOR, ".staff-main h1").text == "工作台"

    click_and_wait(browser, browser.find_element(By.XPATH, "//button[text()='退出登录']"))
    login(browser, live_server, "gongkai_e2e")
    assert "/staff/login/verify/" in browser.current_url
    device.refresh_from_db()
    # The code just used at enrolment cannot be used again; the authenticator's next one is accepted.
    submit_code(browser, code_for(device, offset_steps=1))
    assert browser.current_url == live_server.url + "/staff/"
    notice = browser.find_element(By.CSS_SELECTOR, ".messages").text
    assert "上次登录时间" in notice and "登录地址：127.0.0.1" in notice
