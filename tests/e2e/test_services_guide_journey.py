"""Browser journey: an officer drafts a service item with two materials and a blank form, the unit's reviewer and
leader pass it, the office approves it, and a citizen finds it by theme and by search and downloads the blank form."""

import urllib.request

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from services_guide.models import GuideVersion
from tests.e2e.conftest import click_and_wait, login
from tests.search.conftest import search_index  # noqa: F401 - a temporary Whoosh index the live server shares

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NAME = "再生育审批"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
FIELDS = {
    "id_code": "QH-ZSY-001", "id_name": NAME, "id_basis": "《示范省人口与计划生育条例》第十八条",
    "id_conditions": "夫妻双方符合再生育条件", "id_process": "申请\n审核\n决定", "id_legal_days": "20",
    "id_promised_days": "5", "id_place": "城关镇便民服务中心", "id_hours": "工作日", "id_phone": "0319-8102171",
    "id_complaint_phone": "0319-8102170", "id_result": "《再生育审批决定书》",
    "id_materials-0-name": "再生育申请审批表", "id_materials-0-copies": "1",
    "id_materials-1-name": "夫妻双方结婚证", "id_materials-1-copies": "2",
}  # fmt: skip
SELECTS = {"id_kind": "license", "id_level": "township", "id_target": "person", "id_online": "none",
           "id_materials-1-form": "copy"}  # fmt: skip


def switch_user(browser, live_server, user):
    browser.delete_all_cookies()
    login(browser, live_server, user.username)
    WebDriverWait(browser, 10).until(lambda b: "/staff/login/" not in b.current_url)


def press(browser, text: str, expect: str):
    click_and_wait(browser, browser.find_element(By.XPATH, f"//button[normalize-space()='{text}']"))
    WebDriverWait(browser, 10).until(lambda b: expect in b.page_source, message=browser.current_url)


@pytest.mark.usefixtures("search_index")
def test_an_item_is_drafted_reviewed_approved_and_found_by_a_citizen(
    browser,
    live_server,
    officer,
    reviewer,
    leader,
    office_staff,
    tmp_path,
    settings,
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "files"
    blank = tmp_path / "再生育申请审批表.pdf"
    blank.write_bytes(PDF)

    switch_user(browser, live_server, officer)
    browser.get(f"{live_server.url}/staff/services/new/")
    for element_id, value in FIELDS.items():
        browser.find_element(By.ID, element_id).send_keys(value)
    for element_id, value in SELECTS.items():
        browser.execute_script("document.getElementById(arguments[0]).value = arguments[1]", element_id, value)
    browser.find_element(By.CSS_SELECTOR, "input[name=themes][value=birth]").click()
    browser.find_element(By.ID, "id_materials-0-blank_form").send_keys(str(blank))
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.guide-form button.button-primary"))
    WebDriverWait(browser, 10).until(EC.url_matches(r"/staff/services/versions/\d+/$"))
    version = GuideVersion.objects.get(item__code="QH-ZSY-001")
    assert [m.name for m in version.materials.order_by("order")] == ["再生育申请审批表", "夫妻双方结婚证"]
    press(browser, "报送审核", "已报送初审")

    for user, button, message in ((reviewer, "初审通过", "已送复审"), (leader, "复审通过", "已送县政府办公室终审"),
                                  (office_staff, "终审通过并发布", "已发布施行")):  # fmt: skip
        switch_user(browser, live_server, user)
        browser.get(f"{live_server.url}/staff/services/versions/{version.pk}/")
        browser.find_element(By.ID, "id_opinion").send_keys("同意。")
        press(browser, button, message)
    version.refresh_from_db()
    assert version.status == GuideVersion.Status.PUBLISHED

    browser.delete_all_cookies()
    browser.get(f"{live_server.url}/services/")
    click_and_wait(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "生育收养"))
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, NAME))
    assert browser.find_element(By.CSS_SELECTOR, "article h1").text == NAME
    href = browser.find_element(By.LINK_TEXT, "空白表格").get_attribute("href")
    with urllib.request.urlopen(href) as response:  # noqa: S310 - the live test server
        assert response.read() == PDF
        assert "attachment" in response.headers["Content-Disposition"]

    browser.get(f"{live_server.url}/search/?q=再生育申请审批表")
    hit = browser.find_element(By.CSS_SELECTOR, ".search-hits .search-hit h3 a")
    assert hit.text == NAME
    assert "办事服务" in browser.find_element(By.CSS_SELECTOR, ".search-hits .hit-kind").text
