"""axe-core (from axe-selenium-python) over every public page kind, in the normal, 长者 and high-contrast modes: no
serious or critical violation. The 依申请公开 form's captcha has a label, a picture that says what it is, and a
换一张 button that fetches a new picture."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.e2e.pages import MODE_COOKIES, public_page_kinds, seed_demo_county, set_mode

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BLOCKING = {"serious", "critical"}


def _violations(browser) -> list[str]:
    from axe_selenium_python import Axe

    axe = Axe(browser)
    axe.inject()
    result = axe.run(options='{"resultTypes": ["violations"]}')
    return [
        f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes'][:3]]}"
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]


def test_no_public_page_kind_has_a_serious_accessibility_violation_in_any_mode(browser, live_server, settings):
    seed_demo_county(settings)
    browser.set_script_timeout(60)
    urls = public_page_kinds()
    found = {}
    for mode in MODE_COOKIES:
        set_mode(browser, live_server.url, mode)
        for url in urls:
            browser.get(live_server.url + url)
            if problems := _violations(browser):
                found[f"{mode} {url}"] = problems
    assert not found, found


def test_the_back_office_has_no_serious_accessibility_violation(browser, live_server, settings):
    """The staff shell and the main staff pages of each app, the review screen among them, as 政务公开办."""
    from django.urls import reverse

    from disclosure.models import Document
    from tests.e2e.conftest import login

    seed_demo_county(settings)
    browser.set_script_timeout(60)
    login(browser, live_server, "gongkai1", "Qinghe@2025")
    final = Document.objects.filter(status=Document.Status.PENDING_FINAL).order_by("pk").first()
    urls = [
        "/staff/", "/staff/disclosure/", "/staff/disclosure/new/", reverse("disclosure:staff_queue", args=["final"]),
        reverse("disclosure:staff_detail", args=[final.pk]), reverse("disclosure:staff_review", args=[final.pk]),
        "/staff/requests/", "/staff/messages/", "/staff/corrections/", "/staff/services/", "/staff/newmedia/",
        "/staff/inspection/", "/staff/evaluation/",
    ]  # fmt: skip
    found = {}
    for url in urls:
        browser.get(live_server.url + url)
        assert "staff-header" in browser.page_source, url
        if problems := _violations(browser):
            found[url] = problems
    assert not found, found


def test_the_captcha_is_labelled_described_and_can_be_renewed(browser, live_server, settings):
    from portal.models import Organization
    from tests.conftest import make_org

    make_org("示范县人民政府办公室", Organization.Kind.COUNTY_OFFICE)
    browser.get(live_server.url + "/requests/new/")
    answer = browser.find_element(By.ID, "id_captcha_1")
    label = browser.find_element(By.CSS_SELECTOR, "label[for=id_captcha_1]")
    assert label.text.startswith("验证码")
    image = browser.find_element(By.CSS_SELECTOR, "img.captcha")
    assert "验证码图片" in image.get_attribute("alt")
    first_key = browser.find_element(By.ID, "id_captcha_0").get_attribute("value")
    first_src = image.get_attribute("src")

    answer.send_keys("abcd")
    browser.find_element(By.CSS_SELECTOR, "button.captcha-refresh").click()

    WebDriverWait(browser, 5).until(lambda b: b.find_element(By.ID, "id_captcha_0").get_attribute("value") != first_key)
    assert image.get_attribute("src") != first_src
    assert answer.get_attribute("value") == ""
    assert browser.switch_to.active_element == answer
