"""Browser journeys of 解读回应: a policy and its 解读 drafted together, passing the same three levels and published
together; a live 在线访谈 where a question sent from one browser appears answered in another without a reload."""

from datetime import timedelta

import pytest
from django.utils import timezone
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from disclosure.models import Column, Document
from engagement import services
from engagement.models import Question
from tests.disclosure.conftest import draft
from tests.e2e.conftest import click_and_wait
from tests.e2e.test_disclosure_journey import review_and_pass, switch_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

POLICY = "关于印发《城关镇农村供水工程运行管理办法》的通知"


def test_a_policy_and_its_reading_are_drafted_together_and_published_together(
    browser, live_server, officer, reviewer, leader, office_staff
):
    policy = draft(officer, Column.objects.get(slug="gfxwj"), title=POLICY, interpretation_plan="形式：政策问答。")
    switch_user(browser, live_server, officer)
    browser.get(f"{live_server.url}/staff/disclosure/{policy.pk}/")
    click_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='报送审核']"))
    WebDriverWait(browser, 10).until(lambda b: "已报送初审" in b.page_source)

    # The policy is in review: its page offers 起草解读, and the form starts in the 政策解读 column, linked to it.
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "起草解读"))
    WebDriverWait(browser, 15).until(
        lambda b: b.execute_script(
            "return !!(window.CKEDITOR && CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready')"
        )
    )
    assert Select(browser.find_element(By.ID, "id_interprets")).first_selected_option.get_attribute("value") == str(
        policy.pk
    )
    Select(browser.find_element(By.ID, "id_interpretation_kind")).select_by_value("问答")
    browser.find_element(By.ID, "id_summary").send_keys("以问答形式解读农村供水工程运行管理办法。")
    Select(browser.find_element(By.ID, "id_topic")).select_by_value("城乡建设、环境保护")
    Select(browser.find_element(By.ID, "id_genre")).select_by_value("其他")
    browser.execute_script("document.getElementById('id_written_date').value = '2026-11-20'")
    browser.execute_script(
        "CKEDITOR.instances.id_body.setData('<p>问：办法适用于哪些工程？答：农村集中供水工程。</p>')"
    )
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.document-form button.button-primary"))
    WebDriverWait(browser, 10).until(EC.url_matches(r"/staff/disclosure/\d+/$"))
    reading = Document.objects.get(interprets=policy)
    click_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='报送审核']"))
    WebDriverWait(browser, 10).until(lambda b: "已报送初审" in b.page_source)

    for user, opinion in ((reviewer, "初审通过。"), (leader, "复审同意。")):
        switch_user(browser, live_server, user)
        review_and_pass(browser, live_server, reading.pk, opinion)
        review_and_pass(browser, live_server, policy.pk, opinion)
    switch_user(browser, live_server, office_staff)
    review_and_pass(browser, live_server, reading.pk, "解读终审通过。")
    reading.refresh_from_db()
    assert reading.status == Document.Status.APPROVED  # waits for its policy
    assert "待随政策发布" in browser.page_source
    review_and_pass(browser, live_server, policy.pk, "终审同意发布。")
    policy.refresh_from_db()
    reading.refresh_from_db()
    assert policy.status == reading.status == Document.Status.PUBLISHED

    browser.delete_all_cookies()
    browser.get(f"{live_server.url}/documents/{policy.pk}/")
    click_and_wait(browser, browser.find_element(By.PARTIAL_LINK_TEXT, reading.title))
    WebDriverWait(browser, 10).until(EC.url_contains(f"/documents/{reading.pk}/"))
    assert "农村集中供水工程" in browser.page_source


def test_a_question_from_one_browser_appears_answered_in_another_without_reload(
    browser, second_browser, live_server, office_staff, township
):
    interview = services.schedule_interview(services.InterviewData(
        title="农村饮水安全政策解读", organization=township, starts_at=timezone.now() + timedelta(minutes=5),
        preview="水务局负责同志解读农村饮水安全政策。", guests=[("李明", "县水务局局长")],
    ), actor=office_staff)  # fmt: skip
    services.start_interview(interview, actor=office_staff)

    # A citizen asks on the live page and stays on it.
    citizen = browser
    citizen.get(f"{live_server.url}/interviews/{interview.pk}/")
    citizen.find_element(By.ID, "id_name").send_keys("老张")
    citizen.find_element(By.ID, "id_content").send_keys("村里的水管坏了该找谁修？")
    citizen.find_element(By.ID, "id_captcha_1").send_keys("PASSED")
    click_and_wait(citizen, citizen.find_element(By.XPATH, "//button[normalize-space()='提交问题']"))
    WebDriverWait(citizen, 10).until(lambda b: "经审核后由嘉宾答复" in b.page_source)
    citizen.execute_script("window.stillThisPage = true;")
    question = Question.objects.get()

    # The office answers it from the staff page in another browser.
    switch_user(second_browser, live_server, office_staff)
    second_browser.get(f"{live_server.url}/staff/interviews/{interview.pk}/")
    Select(second_browser.find_element(By.ID, f"id_q{question.pk}-answered_by")).select_by_value("李明")
    second_browser.find_element(By.ID, f"id_q{question.pk}-answer").send_keys(
        "请拨打村级水管员电话，24小时内上门维修。"
    )
    click_and_wait(second_browser, second_browser.find_element(By.XPATH, "//button[normalize-space()='发布答复']"))
    WebDriverWait(second_browser, 10).until(lambda b: "问答已发布" in b.page_source)

    # Within a few seconds the citizen's page shows the answer, and it is still the same page (no reload).
    WebDriverWait(citizen, 12).until(
        lambda b: "24小时内上门维修" in b.find_element(By.ID, "qa-list").text, message="answer did not appear"
    )
    assert citizen.execute_script("return window.stillThisPage === true;")
    assert not [e for e in citizen.get_log("browser") if "Content Security Policy" in e.get("message", "")]
