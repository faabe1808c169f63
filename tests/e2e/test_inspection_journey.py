"""Browser journey: the office opens 网站自查, sees a stale column, follows it to the column's publishing page, passes
the item waiting at 终审 there; the column leaves the dashboard's stale list and its mark is green (正常) on its page and
in the columns overview."""

from datetime import timedelta

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from disclosure.models import Document
from portal import workdays
from tests.disclosure.conftest import passed, submitted
from tests.e2e.conftest import click_and_wait, login
from tests.inspection.conftest import news_column, publish

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "城关镇优化营商环境工作推进会召开"


def test_office_follows_a_stale_column_to_publish_and_the_mark_turns_green(
    browser, live_server, officer, reviewer, leader, office_staff
):
    column = news_column("zt-journey", "优化营商环境")
    publish(office_staff, column, "上月的营商环境动态", on=workdays.today() - timedelta(days=30))
    waiting = passed(submitted(officer, column, title=TITLE), reviewer, leader)
    assert waiting.status == Document.Status.PENDING_FINAL

    login(browser, live_server, office_staff.username)
    browser.get(f"{live_server.url}/staff/inspection/")
    row = browser.find_element(
        By.CSS_SELECTOR, f'section[aria-labelledby="mark-columns_stale"] tr[data-key="column:{column.pk}"]'
    )
    assert "state-failing" in row.get_attribute("class") and "超期" in row.text

    click_and_wait(browser, row.find_element(By.LINK_TEXT, "去处理"))
    assert "超期未更新" in browser.page_source and "本栏目待审核信息" in browser.page_source
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "审核"))
    for field in ("no_state_secret", "no_commercial_secret", "no_privacy", "accuracy_checked"):
        browser.find_element(By.ID, f"id_{field}_0").click()
    browser.find_element(By.ID, "id_decision_0").click()
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.review-form button.button-primary"))
    WebDriverWait(browser, 10).until(lambda b: "审核意见已提交" in b.page_source)
    assert Document.objects.get(pk=waiting.pk).status == Document.Status.PUBLISHED

    browser.get(f"{live_server.url}/staff/inspection/")
    assert not browser.find_elements(By.CSS_SELECTOR, f'tr[data-key="column:{column.pk}"]')  # nothing to fix
    browser.get(f"{live_server.url}/staff/inspection/columns/{column.pk}/")
    assert browser.find_element(By.CSS_SELECTOR, ".insp-column-state .clock-ok").text == "正常"
    browser.get(f"{live_server.url}/staff/inspection/columns/")
    row = browser.find_element(By.ID, f"column-{column.pk}")
    assert "state-ok" in row.get_attribute("class") and f"{workdays.today():%Y-%m-%d}" in row.text
    assert row.find_element(By.CSS_SELECTOR, ".clock-ok").text == "正常"
