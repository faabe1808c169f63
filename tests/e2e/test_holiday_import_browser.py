"""An administrator pastes the State Council's holiday notice in the admin, checks the preview and saves it."""

from pathlib import Path

import chinese_calendar.constants as official
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from portal.models import WorkdayOverride
from tests.e2e.conftest import click_and_wait
from tests.e2e.test_csp_browser import violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NOTICE = Path(__file__).resolve().parents[2] / "fixtures" / "holiday_notices" / "2026.txt"


def test_an_administrator_imports_the_2026_notice(browser, live_server, admin_user):
    browser.get(f"{live_server.url}/admin/login/")
    browser.find_element(By.NAME, "username").send_keys(admin_user.username)
    browser.find_element(By.NAME, "password").send_keys("pass-1234", Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda b: "/admin/login/" not in b.current_url)
    browser.get(f"{live_server.url}/admin/portal/workdayoverride/")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "从国务院通知导入"))

    textarea = browser.find_element(By.ID, "id_text")
    browser.execute_script("arguments[0].value = arguments[1];", textarea, NOTICE.read_text(encoding="utf-8"))
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "input[value='识别并预览']"))
    rows = browser.find_elements(By.CSS_SELECTOR, "#notice-days tbody tr")
    assert len(rows) == 39 and not WorkdayOverride.objects.exists()

    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "input[value='确认保存 39 条']"))
    assert "已导入2026年节假日安排：新增39条" in browser.page_source
    saved = WorkdayOverride.objects.all()
    assert {o.date for o in saved if not o.is_workday} == {d for d in official.holidays if d.year == 2026}
    assert {o.date for o in saved if o.is_workday} == {d for d in official.workdays if d.year == 2026}
    assert violations(browser) == []
