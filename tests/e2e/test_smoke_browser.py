import pytest
from selenium.webdriver.common.by import By

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_home_page_loads_in_chromium(browser, live_server):
    browser.get(live_server.url + "/")
    assert browser.find_element(By.CSS_SELECTOR, ".site-title").text
