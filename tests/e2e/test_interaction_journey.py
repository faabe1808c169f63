"""The citizen's journey in headless Chromium: write a message → office dispatches → unit replies → office
publishes → the public list shows it → the citizen tracks it and rates the reply."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from interaction.models import Message

from .conftest import click_and_wait, login, wait_until_gone

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _fill(browser, name: str, value: str) -> None:
    field = browser.find_element(By.NAME, name)
    field.clear()
    field.send_keys(value)


def _submit(browser, form_action: str) -> None:
    button = browser.find_element(By.CSS_SELECTOR, f"form[action$='{form_action}'] button[type=submit]")
    button.click()
    wait_until_gone(browser, button, 10)


def _submit_public(browser) -> None:
    button = browser.find_element(By.CSS_SELECTOR, "form.public-form button[type=submit]")
    button.click()
    wait_until_gone(browser, button, 10)


def _logout(browser) -> None:
    button = browser.find_element(By.CSS_SELECTOR, "form[action$='/staff/logout/'] button")
    button.click()
    # Wait for the logout to land, or the next login page would still see the old session and redirect.
    wait_until_gone(browser, button, 10)


def test_a_message_goes_from_citizen_to_unit_to_the_public_list_and_is_rated(
    browser, live_server, office_staff, township, officer
):
    # The citizen writes.
    browser.get(f"{live_server.url}/messages/new/")
    Select(browser.find_element(By.NAME, "kind")).select_by_visible_text("咨询")
    _fill(browser, "title", "城关镇南街路灯不亮")
    _fill(browser, "content", "南街路灯已经一周不亮了，请问何时维修？我的电话是13912345678。")
    _fill(browser, "name", "赵六")
    _fill(browser, "phone", "13912345678")
    browser.find_element(By.NAME, "agrees_to_publish").click()
    _fill(browser, "captcha_1", "PASSED")
    _submit_public(browser)
    number = browser.find_element(By.CSS_SELECTOR, ".tracking-number").text
    password = browser.find_element(By.CSS_SELECTOR, ".tracking-password").text
    message = Message.objects.get(tracking_number=number)

    # The office dispatches with the leader's instruction.
    login(browser, live_server, office_staff.username)
    browser.get(f"{live_server.url}/staff/messages/{message.pk}/")
    Select(browser.find_element(By.NAME, "unit")).select_by_visible_text(township.name)
    _fill(browser, "instruction", "请城关镇3个工作日内答复。")
    _submit(browser, f"/staff/messages/{message.pk}/dispatch/")
    assert "已分办" in browser.page_source
    _logout(browser)

    # The unit replies.
    login(browser, live_server, officer.username)
    browser.get(f"{live_server.url}/staff/messages/")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "城关镇南街路灯不亮"))
    _fill(browser, "reply", "已安排维修人员，本周五前修复。")
    _submit(browser, f"/staff/messages/{message.pk}/reply/")
    assert "答复已提交" in browser.page_source
    _logout(browser)

    # The office publishes; the public list shows it with the phone masked.
    login(browser, live_server, office_staff.username)
    browser.get(f"{live_server.url}/staff/messages/{message.pk}/")
    _submit(browser, f"/staff/messages/{message.pk}/publish/")
    _logout(browser)
    browser.get(f"{live_server.url}/messages/")
    listing = browser.find_element(By.CSS_SELECTOR, ".message-cards").text
    assert "城关镇南街路灯不亮" in listing and "本周五前修复" in listing and township.name in listing
    assert "13912345678" not in browser.page_source and "139****5678" in listing

    # The citizen tracks it and rates the reply, once.
    browser.get(f"{live_server.url}/messages/track/")
    _fill(browser, "tracking_number", number)
    _fill(browser, "password", password)
    _submit_public(browser)
    assert "本周五前修复" in browser.page_source
    browser.find_element(By.CSS_SELECTOR, "input[name=satisfaction][value=satisfied]").click()
    _fill(browser, "comment", "很及时，谢谢！")
    _submit(browser, "/rate/")
    assert "感谢您的评价" in browser.page_source
    assert "您的评价：" in browser.page_source and not browser.find_elements(By.NAME, "satisfaction")
    message.refresh_from_db()
    assert message.satisfaction == "satisfied"
