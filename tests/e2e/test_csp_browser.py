"""Every page loads in Chromium under the Content-Security-Policy with no violation in the console: no inline script
or style slipped into a template, and the rich-text editor works with its own (relaxed) policy."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from disclosure import services
from disclosure.models import Column
from tests.disclosure.conftest import draft, passed
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    "/", "/columns/tzgg/", "/disclosure/", "/search/?q=防火", "/requests/", "/requests/new/", "/requests/track/",
    "/messages/", "/messages/new/", "/messages/track/", "/corrections/new/", "/consultations/", "/newmedia/",
    "/organizations/", "/sitemap/", "/staff/login/", "/no-such-page/",
]  # fmt: skip
STAFF_PAGES = ["/staff/", "/staff/disclosure/", "/staff/requests/", "/staff/messages/", "/staff/corrections/"]


def violations(browser) -> list[str]:
    """The console entries since the last call that report a blocked resource or inline code."""
    return [
        entry["message"]
        for entry in browser.get_log("browser")
        if "Content Security Policy" in entry["message"] or "Refused to" in entry["message"]
    ]


def visit(browser, url: str) -> list[str]:
    browser.get(url)
    WebDriverWait(browser, 10).until(lambda b: b.execute_script("return document.readyState") == "complete")
    return violations(browser)


@pytest.fixture
def document(officer, reviewer, leader, office_staff):
    document = draft(officer, Column.objects.get(slug="tzgg"), title="关于冬季森林防火的通知")
    upload = SimpleUploadedFile("方案.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    services.add_attachment(document, actor=officer, upload=upload)
    services.submit(document, actor=officer)
    return passed(document, reviewer, leader, office_staff)


def test_public_and_staff_pages_load_without_a_csp_violation(browser, live_server, document, office_staff):
    pages = [*PUBLIC_PAGES, f"/documents/{document.pk}/"]
    found = {url: visit(browser, live_server.url + url) for url in pages}
    login(browser, live_server, office_staff.username)
    found |= {url: visit(browser, live_server.url + url) for url in [*STAFF_PAGES, f"/staff/disclosure/{document.pk}/"]}
    assert {url: messages for url, messages in found.items() if messages} == {}


def test_admin_pages_load_without_a_csp_violation(browser, live_server, admin_user, township):
    browser.get(f"{live_server.url}/admin/login/")
    browser.find_element(By.NAME, "username").send_keys(admin_user.username)
    browser.find_element(By.NAME, "password").send_keys("pass-1234", Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda b: "/admin/login/" not in b.current_url)
    pages = ["/admin/", "/admin/portal/organization/", f"/admin/portal/organization/{township.pk}/change/",
             "/admin/portal/workdayoverride/add/", "/admin/disclosure/document/"]  # fmt: skip
    found = {url: visit(browser, live_server.url + url) for url in pages}
    assert {url: messages for url, messages in found.items() if messages} == {}


def test_the_editor_works_under_its_policy_without_a_violation(browser, live_server, officer):
    login(browser, live_server, officer.username)
    browser.get(f"{live_server.url}/staff/disclosure/new/")
    WebDriverWait(browser, 15).until(
        lambda b: b.execute_script("return !!(window.CKEDITOR && CKEDITOR.instances.id_body.status === 'ready')")
    )
    # Typing in the editing frame, then the toolbar's Bold (CKEditor's inline handlers) must work.
    browser.switch_to.frame(browser.find_element(By.CSS_SELECTOR, "iframe.cke_wysiwyg_frame"))
    body = browser.find_element(By.TAG_NAME, "body")
    body.click()
    body.send_keys("正文加粗", Keys.CONTROL, "a")
    browser.switch_to.default_content()
    browser.find_element(By.CSS_SELECTOR, ".cke_button__bold").click()
    data = WebDriverWait(browser, 5).until(
        lambda b: b.execute_script("var d = CKEDITOR.instances.id_body.getData(); return d.includes('<strong>') && d")
    )
    assert "<strong>正文加粗</strong>" in data
    assert violations(browser) == []


def test_the_console_check_sees_a_violation_when_there_is_one(browser, live_server, db):
    """The control: inline style added to a page is refused and reported, so an empty list above means something."""
    assert visit(browser, live_server.url + "/") == []
    browser.execute_script(
        "var s = document.createElement('style'); s.textContent = 'body{}'; document.head.appendChild(s);"
    )
    reported = WebDriverWait(browser, 5).until(violations)
    assert "style-src 'self'" in reported[0]
