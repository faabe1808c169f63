"""The page cache seen from a real browser: a signed-in officer never gets the copy kept for anonymous readers, and
the display modes are applied by the site's own script from their cookies (the cached HTML is the same for all)."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from disclosure.models import Column
from portal.models import Organization, Role, SiteProfile
from tests.conftest import make_org, make_user
from tests.disclosure.conftest import published
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def news(db):
    from django.core.cache import cache, caches

    cache.clear()
    caches["pages"].clear()
    SiteProfile.get()
    township = make_org("城关镇人民政府")
    office = make_org("示范县人民政府办公室", Organization.Kind.COUNTY_OFFICE)
    people = (
        make_user("officer", township, Role.OFFICER),
        make_user("reviewer", township, Role.REVIEWER),
        make_user("leader", township, Role.LEADER, is_principal_leader=True),
        make_user("office", office, Role.OFFICE),
    )
    return published(*people, Column.objects.get(slug="tzgg"), title="关于冬季供暖的通知")


def test_a_signed_in_officer_never_sees_the_page_cached_for_anonymous_readers(browser, live_server, news):
    url = live_server.url + news.get_absolute_url()
    for _ in range(2):  # the second view is answered from the page cache
        browser.get(url)
    anonymous_links = browser.find_element(By.CSS_SELECTOR, ".top-links").text
    assert "工作人员登录" in anonymous_links

    login(browser, live_server, "officer")
    for page in (url, live_server.url + "/", live_server.url + "/columns/tzgg/"):
        browser.get(page)
        links = browser.find_element(By.CSS_SELECTOR, ".top-links").text
        assert "工作台" in links and "工作人员登录" not in links, page

    browser.back()  # history navigation revalidates (max-age=0): still the officer's own page
    assert "工作台" in browser.find_element(By.CSS_SELECTOR, ".top-links").text


def test_large_text_is_applied_from_the_cookie_on_a_cached_page(browser, live_server, news):
    url = live_server.url + news.get_absolute_url()
    browser.get(url)
    browser.get(url)  # cached

    browser.find_element(By.ID, "toggle-large").click()
    WebDriverWait(browser, 5).until(
        lambda b: "mode-large" in b.find_element(By.TAG_NAME, "html").get_attribute("class").split()
    )
    assert browser.get_cookie("large_text")["value"] == "1"
    assert browser.find_element(By.ID, "toggle-large").text == "标准字号"

    browser.get(url)  # the same cached HTML; the script applies the mode before the page is shown
    assert "mode-large" in browser.find_element(By.TAG_NAME, "body").get_attribute("class").split()
    assert "mode-large" in browser.find_element(By.TAG_NAME, "html").get_attribute("class").split()
    assert browser.find_element(By.ID, "toggle-large").get_attribute("aria-pressed") == "true"

    browser.find_element(By.ID, "toggle-contrast").click()
    WebDriverWait(browser, 5).until(
        lambda b: "mode-contrast" in b.find_element(By.TAG_NAME, "body").get_attribute("class").split()
    )
    browser.find_element(By.ID, "toggle-large").click()
    WebDriverWait(browser, 5).until(
        lambda b: "mode-large" not in b.find_element(By.TAG_NAME, "body").get_attribute("class").split()
    )
    assert not [e for e in browser.get_log("browser") if "Content Security Policy" in e["message"]]
