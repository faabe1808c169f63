"""One journey in headless Chromium: a citizen files an application online, office staff confirm receipt and assign
it, the unit's officer drafts the reply, the office approves it, and the citizen reads the reply letter on the
tracking page."""

import urllib.request

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from portal.models import Role
from portal.pdf import pdf_text
from requests_app.models import Application
from tests.conftest import make_org, make_user
from tests.e2e.conftest import click_and_wait, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _fill(browser, name: str, value: str) -> None:
    field = browser.find_element(By.NAME, name)
    field.clear()
    field.send_keys(value)


def _submit(browser, form_action_part: str, expect: str) -> None:
    """Submit one action form and wait for the next page's message (a click returns before the page loads)."""
    click_and_wait(
        browser, browser.find_element(By.CSS_SELECTOR, f"form[action*='{form_action_part}'] button[type=submit]")
    )
    WebDriverWait(browser, 30).until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, ".messages"), expect))


def test_citizen_files_staff_reply_citizen_reads_the_letter(browser, live_server):
    from django.core.cache import cache

    cache.clear()
    office = make_org("示范县人民政府办公室", kind="office")
    township = make_org("城关镇人民政府")
    make_user("gkb", office, Role.OFFICE)
    make_user("cg_officer", township, Role.OFFICER)

    # The citizen files.
    browser.get(f"{live_server.url}/requests/new/")
    browser.find_element(By.CSS_SELECTOR, "input[name=applicant_type][value=natural]").click()
    _fill(browser, "applicant_name", "张三")
    Select(browser.find_element(By.NAME, "id_type")).select_by_value("id_card")
    _fill(browser, "id_number", "11010519491231002X")
    _fill(browser, "phone", "13800138000")
    _fill(browser, "email", "zhangsan@example.com")
    _fill(browser, "address", "示范县城关镇人民路1号")
    Select(browser.find_element(By.NAME, "organization")).select_by_value(township.code)
    _fill(browser, "info_title", "2024年城关镇危房改造补助名单")
    browser.find_element(By.CSS_SELECTOR, "input[name=form_wanted][value=electronic]").click()
    browser.find_element(By.CSS_SELECTOR, "input[name=delivery][value=email]").click()
    _fill(browser, "captcha_1", "PASSED")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.req-form button[type=submit]"))
    WebDriverWait(browser, 30).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".req-number")))
    number = browser.find_element(By.CSS_SELECTOR, ".req-number").text
    password = browser.find_element(By.CSS_SELECTOR, ".req-password").text
    assert number.startswith("YSQ") and password
    app = Application.objects.get(tracking_number=number)

    # Office staff confirm receipt and assign it to the township, whose officer drafts the reply; the office approves
    # it (someone other than the drafter, four eyes).
    browser.delete_all_cookies()
    login(browser, live_server, "gkb")
    WebDriverWait(browser, 30).until(lambda b: "/staff/login/" not in b.current_url)
    browser.get(f"{live_server.url}/staff/requests/{app.pk}/")
    _submit(browser, "/confirm/", "已确认接收")
    Select(browser.find_element(By.CSS_SELECTOR, "form[action*='/assign/'] select[name=unit]")).select_by_value(
        str(township.pk)
    )
    _submit(browser, "/assign/", "已交办")
    browser.delete_all_cookies()
    login(browser, live_server, "cg_officer")
    WebDriverWait(browser, 30).until(lambda b: "/staff/login/" not in b.current_url)
    browser.get(f"{live_server.url}/staff/requests/{app.pk}/")
    Select(browser.find_element(By.CSS_SELECTOR, "form[action*='/reply/'] select[name=result]")).select_by_value(
        "disclosed"
    )
    _fill(browser, "text", "您申请的名单已在本网站公开，现将电子版通过电子邮件发送给您。")
    _submit(browser, "/reply/", "答复已提交政务公开办审核")
    browser.delete_all_cookies()
    login(browser, live_server, "gkb")
    WebDriverWait(browser, 30).until(lambda b: "/staff/login/" not in b.current_url)
    browser.get(f"{live_server.url}/staff/requests/{app.pk}/")
    _submit(browser, "/reply/approve/", "答复已发出")

    # The citizen reads the letter.
    browser.delete_all_cookies()
    browser.get(f"{live_server.url}/requests/track/")
    _fill(browser, "tracking_number", number)
    _fill(browser, "password", password)
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.req-track-form button[type=submit]"))
    WebDriverWait(browser, 30).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".req-status")))
    assert "已答复" in browser.find_element(By.CSS_SELECTOR, ".req-status").text
    link = browser.find_element(By.PARTIAL_LINK_TEXT, "政府信息公开告知书")
    cookie = browser.get_cookie("sessionid")
    request = urllib.request.Request(  # noqa: S310 - the live test server
        link.get_attribute("href"), headers={"Cookie": f"sessionid={cookie['value']}"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - the live test server
        text = "".join(pdf_text(response.read()).split())
    assert number in text and "第三十六条第（二）项" in text
    assert "11010519491231002X" not in browser.page_source
