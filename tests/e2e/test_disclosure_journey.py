"""Browser journey: an officer drafts and submits, the unit's reviewer and leader pass it, the office publishes, and
the public page shows it with its 索引号."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from disclosure.models import Document
from tests.e2e.conftest import click_and_wait, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "关于开展冬季森林防火专项检查的通知"


def switch_user(browser, live_server, user):
    browser.delete_all_cookies()
    login(browser, live_server, user.username)
    WebDriverWait(browser, 10).until(lambda b: "/staff/login/" not in b.current_url)


def review_and_pass(browser, live_server, document_pk: int, opinion: str):
    browser.get(f"{live_server.url}/staff/disclosure/{document_pk}/review/")
    for field in ("no_state_secret", "no_commercial_secret", "no_privacy", "accuracy_checked"):
        browser.find_element(By.ID, f"id_{field}_0").click()
    browser.find_element(By.ID, "id_decision_0").click()
    browser.find_element(By.ID, "id_opinion").send_keys(opinion)
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.review-form button.button-primary"))
    WebDriverWait(browser, 10).until(lambda b: "审核意见已提交" in b.page_source, message=browser.current_url)


def test_officer_submits_two_unit_reviewers_pass_office_publishes_public_sees_it(
    browser, live_server, officer, reviewer, leader, office_staff
):
    switch_user(browser, live_server, officer)
    browser.get(f"{live_server.url}/staff/disclosure/new/")
    WebDriverWait(browser, 15).until(
        lambda b: b.execute_script(
            "return !!(window.CKEDITOR && CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready')"
        )
    )
    browser.find_element(By.ID, "id_title").send_keys(TITLE)
    browser.find_element(By.CSS_SELECTOR, "#id_column option[value]:not([value=''])")
    column_select = browser.find_element(By.ID, "id_column")
    for option in column_select.find_elements(By.TAG_NAME, "option"):
        if option.text == "通知公告":
            option.click()
    browser.execute_script(
        "CKEDITOR.instances.id_body.setData('<p>各村（社区）：为做好冬季森林防火工作，现开展专项检查。</p>')"
    )
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.document-form button.button-primary"))
    WebDriverWait(browser, 10).until(EC.url_matches(r"/staff/disclosure/\d+/$"))
    document = Document.objects.get(title=TITLE)
    assert "森林防火" in document.body

    click_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='报送审核']"))
    WebDriverWait(browser, 10).until(lambda b: "已报送初审" in b.page_source)

    switch_user(browser, live_server, reviewer)
    browser.get(f"{live_server.url}/staff/")
    assert TITLE in browser.page_source  # on the reviewer's workbench queue
    review_and_pass(browser, live_server, document.pk, "初审通过。")

    switch_user(browser, live_server, leader)
    review_and_pass(browser, live_server, document.pk, "复审同意。")

    switch_user(browser, live_server, office_staff)
    review_and_pass(browser, live_server, document.pk, "终审同意发布。")
    document.refresh_from_db()
    assert document.status == Document.Status.PUBLISHED

    browser.delete_all_cookies()
    browser.get(f"{live_server.url}/columns/tzgg/")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, TITLE))
    WebDriverWait(browser, 10).until(EC.url_contains(f"/documents/{document.pk}/"))
    assert browser.find_element(By.CSS_SELECTOR, "article h1").text == TITLE
    assert "现开展专项检查" in browser.page_source
