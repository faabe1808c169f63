"""The public shell in headless Chromium: the home page loads, 长者模式 works from the keyboard alone, and the page
fits a phone. Screenshots go to SCREENSHOT_DIR (default: the test's tmp folder) for a human to look at."""

import os
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from portal.models import Organization, SiteProfile
from tests.conftest import make_org

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def county(db):
    from django.core.cache import cache

    cache.clear()
    profile = SiteProfile.get()
    profile.site_id_code = "1234560001"
    profile.icp_number = "示ICP备12345678号"
    profile.save()
    make_org("示范县人民政府办公室", Organization.Kind.COUNTY_OFFICE)
    for name in ("城关镇人民政府", "河西乡人民政府"):
        make_org(name)
    make_org("示范县财政局", Organization.Kind.DEPARTMENT)


@pytest.fixture
def screenshot_dir(tmp_path) -> Path:
    return Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)


def _save_full_page(browser, path: Path, width: int) -> None:
    import base64

    height = browser.execute_script("return document.documentElement.scrollHeight")
    shot = browser.execute_cdp_cmd(
        "Page.captureScreenshot",
        {"captureBeyondViewport": True, "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}},
    )
    path.write_bytes(base64.b64decode(shot["data"]))


def _body_classes(browser) -> list[str]:
    return browser.find_element(By.TAG_NAME, "body").get_attribute("class").split()


def test_home_page_loads_with_the_site_name_and_footer(browser, live_server, county, screenshot_dir):
    browser.get(live_server.url + "/")

    assert browser.find_element(By.CSS_SELECTOR, ".site-name").text == "示范县人民政府"
    assert "政府网站标识码：1234560001" in browser.find_element(By.CSS_SELECTOR, ".site-footer").text
    # The stylesheet is served and applied: the header band is not the browser's default transparent.
    header_bg = browser.find_element(By.CSS_SELECTOR, ".site-header").value_of_css_property("background-image")
    assert "gradient" in header_bg
    _save_full_page(browser, screenshot_dir / "home.png", 1280)


def test_large_text_mode_is_reachable_by_keyboard_and_switches_the_body_class(browser, live_server, county):
    browser.get(live_server.url + "/")
    body = browser.find_element(By.TAG_NAME, "body")
    normal_size = float(body.value_of_css_property("font-size").removesuffix("px"))

    for _ in range(10):  # the toggle sits near the top of the tab order, right after the skip link
        browser.switch_to.active_element.send_keys(Keys.TAB)
        if browser.switch_to.active_element.get_attribute("id") == "toggle-large":
            break
    else:
        pytest.fail("长者模式 button not reached with Tab")
    browser.switch_to.active_element.send_keys(Keys.ENTER)

    WebDriverWait(browser, 5).until(lambda b: "mode-large" in _body_classes(b))
    body = browser.find_element(By.TAG_NAME, "body")
    assert float(body.value_of_css_property("font-size").removesuffix("px")) > normal_size
    assert browser.find_element(By.ID, "toggle-large").get_attribute("aria-pressed") == "true"

    browser.get(live_server.url + "/organizations/")  # the choice persists from page to page
    assert "mode-large" in _body_classes(browser)


def test_the_skip_link_is_the_first_stop_and_becomes_visible(browser, live_server, county):
    browser.get(live_server.url + "/")
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)

    active = browser.switch_to.active_element
    assert active.text == "跳到正文"
    assert active.location["y"] >= 0


def test_home_page_fits_a_phone_screen(browser, live_server, county, screenshot_dir):
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True}
    )
    browser.get(live_server.url + "/")

    assert browser.execute_script("return document.documentElement.scrollWidth") <= 390
    nav_links = browser.find_elements(By.CSS_SELECTOR, ".site-nav a")
    assert all(link.is_displayed() for link in nav_links)  # the nav wraps instead of hiding items
    _save_full_page(browser, screenshot_dir / "home_phone.png", 390)
