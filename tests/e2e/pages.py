"""The demo county in the browser tests: one address of every public page kind, and a browser the size of a phone."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

PHONE_WIDTH = 390
DESKTOP_WIDTH = 1366
# The display-mode cookies portal.views.display_mode sets ("1" = on).
FRAGMENT_SUFFIXES = ("/answers/",)
MODE_COOKIES = {"normal": None, "large": "large_text", "contrast": "high_contrast"}


def seed_demo_county(settings) -> None:
    settings.DEBUG = True  # seed_demo refuses to run with DEBUG off
    call_command("seed_demo", stdout=StringIO(), stderr=StringIO())
    settings.DEBUG = False


def public_page_kinds() -> list[str]:
    """One address per public page kind (the pages the label walk reads), without the print views' duplicates and
    without the fragments a page's script fetches into itself (the live interview's answers), which are no page."""
    from tests.portal.test_chinese_labels import _public_urls

    return [url for url in dict.fromkeys(_public_urls()) if not url.endswith(FRAGMENT_SUFFIXES)]


def set_viewport(browser, width: int, height: int = 900) -> None:
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )


def set_mode(browser, base_url: str, mode: str) -> None:
    """Switch 长者模式 / 高对比度 on through their cookie (the page reads it, whichever way it applies it)."""
    browser.get(base_url + "/sitemap/")
    for cookie in filter(None, MODE_COOKIES.values()):
        browser.delete_cookie(cookie)
    if MODE_COOKIES[mode]:
        browser.add_cookie({"name": MODE_COOKIES[mode], "value": "1", "path": "/"})
