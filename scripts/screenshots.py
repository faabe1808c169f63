"""Screenshots of the pages people judge the site by, at a desk (1366 px) and on a phone (390 px), in the normal
and the 长者 display mode: the home page, a document, a catalogue column, the 依申请公开 form and the staff
workbench. They go to var/screenshots/ (not in git) for a person to look at.

Run against a server with the demo county loaded (``make run``, or any port):

    .venv/bin/python scripts/screenshots.py --base-url http://127.0.0.1:8000 [--out var/screenshots]

Needs Debian's chromium and chromedriver (the browser tests' own). The staff pages are taken as ``gongkai1`` with
the demo password (two-factor login is off while DEBUG is on)."""

from __future__ import annotations

import argparse
import base64
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

WIDTHS = (1366, 390)
MODES = {"normal": None, "large": "large_text"}  # the cookie portal.views.display_mode sets for 长者模式
DEMO_USER, DEMO_PASSWORD = "gongkai1", "Qinghe@2025"  # noqa: S105 - the demo's published password (README)
MAX_HEIGHT = 6000  # px; a longer page is cut (the top of a page is what is judged)


def _browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
    profile = tempfile.mkdtemp(prefix="chromium-shots-")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                 "--lang=zh-CN", "--window-size=1366,900", f"--user-data-dir={profile}"):  # fmt: skip
        options.add_argument(flag)
    service = Service(executable_path=os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"))
    return webdriver.Chrome(service=service, options=options), profile


def _viewport(browser, width: int) -> None:
    metrics = {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 800}
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)


def _save(browser, path: Path, width: int) -> None:
    height = min(browser.execute_script("return document.documentElement.scrollHeight"), MAX_HEIGHT)
    clip = {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
    shot = browser.execute_cdp_cmd("Page.captureScreenshot", {"captureBeyondViewport": True, "clip": clip})
    path.write_bytes(base64.b64decode(shot["data"]))


def _first_link(browser, base: str, page: str, pattern: str) -> str:
    browser.get(base + page)
    found = re.search(pattern, browser.page_source)
    return found.group(0).strip('"') if found else page


def _log_in(browser, base: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(base + "/staff/login/")
    browser.find_element(By.NAME, "username").send_keys(DEMO_USER)
    browser.find_element(By.NAME, "password").send_keys(DEMO_PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()


def _set_mode(browser, base: str, cookie: str | None) -> None:
    browser.get(base + "/sitemap/")
    for name in filter(None, MODES.values()):
        browser.delete_cookie(name)
    if cookie:
        browser.add_cookie({"name": cookie, "value": "1", "path": "/"})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "var" / "screenshots"))
    args = parser.parse_args(argv)
    base, out = args.base_url.rstrip("/"), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    browser, profile = _browser()
    try:
        pages = {
            "home": "/",
            "column": "/columns/gfxwj/",
            "document": _first_link(browser, base, "/columns/gfxwj/", r'"/documents/\d+/"'),
            "request-form": "/requests/new/",
            "staff-workbench": "/staff/",
        }
        _log_in(browser, base)
        for mode, cookie in MODES.items():
            _set_mode(browser, base, cookie)
            for width in WIDTHS:
                _viewport(browser, width)
                for name, path in pages.items():
                    browser.get(base + path)
                    target = out / f"{name}-{width}-{mode}.png"
                    _save(browser, target, width)
                    print(target)
    finally:
        browser.quit()
        shutil.rmtree(profile, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
