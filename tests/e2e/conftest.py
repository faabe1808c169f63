"""Headless Chromium (Debian's chromium + chromium-driver) driven by Selenium against pytest-django's live server.

Selenium is given both paths explicitly so that it never tries to download a browser. The flags keep Chromium off
the network (this machine has none) and out of any shared profile."""

import os
import shutil
import tempfile

import pytest

CHROMIUM = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")


@pytest.fixture
def browser():
    yield from _browser()


@pytest.fixture
def second_browser():
    """Another, independent browser (its own profile and cookies): a second person at the same time."""
    yield from _browser()


def _browser():
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        reason = f"needs {CHROMIUM} and {CHROMEDRIVER} (apt-get install chromium chromium-driver)"
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="chromium-e2e-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1280,1000", "--lang=zh-CN", f"--user-data-dir={profile}",
    ):  # fmt: skip
        options.add_argument(flag)
    # The console (CSP violations among it) is readable with driver.get_log("browser").
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.implicitly_wait(5)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def login(browser, live_server, username: str, password: str = "pass-1234") -> None:
    """Log a staff user in through the real login form."""
    from selenium.webdriver.common.by import By

    browser.get(f"{live_server.url}/staff/login/")
    browser.find_element(By.NAME, "username").send_keys(username)
    browser.find_element(By.NAME, "password").send_keys(password)
    button = browser.find_element(By.CSS_SELECTOR, "form button[type=submit]")
    button.click()
    # Wait for the answer (workbench or the form again), so the next navigation cannot cancel the POST in flight.
    wait_until_gone(browser, button)


def wait_until_gone(browser, element, timeout: float = 15) -> None:
    """Wait until ``element`` left the page (the next page has loaded).

    Selenium's ``staleness_of`` only treats StaleElementReferenceException as gone; Chromium sometimes answers a
    probe of a node from the previous document with a generic inspector error instead, which also means gone."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    def gone(_driver) -> bool:
        try:
            element.is_enabled()
        except WebDriverException:
            return True
        return False

    WebDriverWait(browser, timeout).until(gone)


def click_and_wait(browser, element, timeout: float = 15) -> None:
    """Click a link or submit button and wait until the next page replaced this one."""
    element.click()
    wait_until_gone(browser, element, timeout)
