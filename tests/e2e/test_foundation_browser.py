"""Headless Chromium: the home page loads, and a unit's officer logs in through the real form (django-axes in the
path) and sees the workbench with their unit's name; a wrong password shows the Chinese error."""

import pytest
from django.contrib.auth.models import Group
from selenium.webdriver.common.by import By

from portal.models import Role
from tests.conftest import make_org, make_user
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _roles():
    # A transactional test flushes every table afterwards, including the role groups the data migration made.
    for role in Role.values:
        Group.objects.get_or_create(name=role)


def test_home_page_loads(browser, live_server):
    browser.get(live_server.url + "/")
    assert browser.find_element(By.CSS_SELECTOR, ".site-title").text
    assert browser.execute_script("return document.documentElement.lang") == "zh-CN"


def test_an_officer_logs_in_and_sees_the_workbench_with_their_unit(browser, live_server):
    township = make_org("柳林镇人民政府")
    make_user("liulin_officer", township, "信息员")
    login(browser, live_server, "liulin_officer")
    heading = browser.find_element(By.CSS_SELECTOR, ".staff-main h1")
    assert heading.text == "工作台"
    assert browser.current_url == live_server.url + "/staff/"
    assert browser.find_element(By.CSS_SELECTOR, ".staff-unit").text == "柳林镇人民政府"
    assert "信息员" in browser.find_element(By.CSS_SELECTOR, ".staff-roles").text


def test_a_wrong_password_shows_the_error_next_to_the_form(browser, live_server):
    make_user("liulin_reviewer", make_org("柳林镇人民政府"), "单位审核人")
    login(browser, live_server, "liulin_reviewer", "not-the-password")
    assert "用户名或密码不正确" in browser.find_element(By.CSS_SELECTOR, ".form-errors").text
    assert browser.find_element(By.NAME, "username").get_attribute("value") == "liulin_reviewer"
