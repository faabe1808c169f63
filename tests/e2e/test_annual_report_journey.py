"""A township's 政府信息公开工作年度报告 from draft to the public catalogue (issue 13): its 信息员 drafts it and enters the
table 二 figures, its leader approves and files it, the county office accepts it from the workbench, the 信息员 sends
it to publication; the unit's reviewer, its leader and the office pass it on the review pages, and it is listed in the
town's 年度报告 column, with its PDF attached."""

import pytest
from django.contrib.auth.models import Group
from selenium.webdriver.common.by import By

from portal import workdays
from portal.models import Role
from reports.models import AnnualReport
from tests.conftest import make_org, make_user
from tests.e2e.conftest import click_and_wait, login
from tests.e2e.test_disclosure_journey import review_and_pass, switch_user
from tests.e2e.test_evaluation_journey import FETCH_PDF

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def county():
    for role in Role.values:
        Group.objects.get_or_create(name=role)
    office = make_org("示范县人民政府办公室", "office")
    town = make_org("城关镇人民政府")
    return {
        "town": town,
        "officer": make_user("ar_officer", town, Role.OFFICER),
        "reviewer": make_user("ar_reviewer", town, Role.REVIEWER),
        "leader": make_user("ar_leader", town, Role.LEADER),
        "office": make_user("ar_office", office, Role.OFFICE),
    }


def _button(browser, label: str):
    return browser.find_element(By.XPATH, f"//button[normalize-space()='{label}']")


def test_a_township_report_from_draft_to_the_public_column(browser, live_server, county):
    year = workdays.today().year - 1
    login(browser, live_server, "ar_officer")
    browser.get(f"{live_server.url}/staff/reports/")
    year_field = browser.find_element(By.NAME, "year")
    year_field.clear()
    year_field.send_keys(str(year))
    click_and_wait(browser, _button(browser, "起草年度报告"))
    assert "年政府信息公开工作年度报告" in browser.find_element(By.TAG_NAME, "h1").text
    assert "尚未填报" in browser.find_element(By.ID, "checks").text  # the failing check, before the figures
    for name, value in (("licences", "12"), ("penalties", "3"), ("enforcements", "0"), ("fees", "1.5")):
        field = browser.find_element(By.NAME, name)
        field.clear()
        field.send_keys(value)
    click_and_wait(browser, _button(browser, "保存"))
    assert "各项勾稽关系检查通过" in browser.find_element(By.ID, "checks").text
    click_and_wait(browser, _button(browser, "提交领导审批"))
    report = AnnualReport.objects.get()
    assert report.status == AnnualReport.Status.PENDING_APPROVAL

    switch_user(browser, live_server, county["leader"])
    browser.get(f"{live_server.url}/staff/reports/{report.pk}/")
    click_and_wait(browser, _button(browser, "领导审批并报送"))

    switch_user(browser, live_server, county["office"])
    browser.get(f"{live_server.url}/staff/")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, report.title))  # the workbench lists it
    click_and_wait(browser, _button(browser, "接收"))
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.ACCEPTED

    switch_user(browser, live_server, county["officer"])
    browser.get(f"{live_server.url}/staff/reports/{report.pk}/")
    click_and_wait(browser, _button(browser, "生成公开稿并报送审核"))
    report.refresh_from_db()
    document = report.document
    # The normal three-level review of the draft document, on its review pages.
    for user, opinion in ((county["reviewer"], "初审通过。"), (county["leader"], "复审同意。"),
                          (county["office"], "终审同意发布。")):  # fmt: skip
        switch_user(browser, live_server, user)
        review_and_pass(browser, live_server, document.pk, opinion)
    document.refresh_from_db()
    assert document.status == "published"

    browser.delete_all_cookies()
    browser.get(f"{live_server.url}/columns/ndbg/?unit={county['town'].code}")
    click_and_wait(browser, browser.find_element(By.PARTIAL_LINK_TEXT, f"{year}年政府信息公开工作年度报告"))
    page = browser.find_element(By.TAG_NAME, "body").text
    assert "三、收到和处理政府信息公开申请情况" in page and "四、政府信息公开行政复议、行政诉讼情况" in page
    href = browser.find_element(By.CSS_SELECTOR, "a[href*='/attachments/']").get_attribute("href")
    status, content_type, _, magic, size = browser.execute_async_script(FETCH_PDF, href)
    assert (status, magic) == (200, "%PDF-") and size > 10_000
