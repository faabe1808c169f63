"""A document page's reading tools in Chromium: 字号 大/中/小 change the text size and are remembered; there is one
print control and a 关闭 button."""

import pytest
from selenium.webdriver.common.by import By

from disclosure.models import Column
from tests.disclosure.conftest import published

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _body_size(browser) -> float:
    return float(browser.find_element(By.CSS_SELECTOR, ".article-body").value_of_css_property("font-size")[:-2])


def test_font_size_buttons_change_the_text_and_are_remembered(
    browser, live_server, officer, reviewer, leader, office_staff
):
    document = published(officer, reviewer, leader, office_staff, Column.objects.get(slug="tzgg"), title="停水通知")
    browser.get(live_server.url + document.get_absolute_url())
    medium = _body_size(browser)
    browser.find_element(By.CSS_SELECTOR, "[data-font-size=large]").click()
    assert _body_size(browser) > medium
    browser.get(live_server.url + document.get_absolute_url())
    assert _body_size(browser) > medium
    assert browser.find_element(By.CSS_SELECTOR, "[data-font-size=large]").get_attribute("aria-pressed") == "true"
    prints = [e for e in browser.find_elements(By.CSS_SELECTOR, "main a, main button") if "打印" in e.text]
    assert len(prints) == 1
    assert browser.find_element(By.CSS_SELECTOR, "[data-close-window]").is_displayed()
