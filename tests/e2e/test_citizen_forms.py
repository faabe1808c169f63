"""The 依申请公开 form in Chromium: the 法人 fields appear only once 法人或其他组织 is chosen, the 证件 fields only for
自然人 (static/js/applicant_type.js; CSP allows no inline script)."""

import pytest
from selenium.webdriver.common.by import By

from portal.models import Organization
from tests.conftest import make_org

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_organisation_fields_show_only_for_an_organisation(browser, live_server):
    make_org("示范县人民政府办公室", Organization.Kind.COUNTY_OFFICE)
    browser.get(live_server.url + "/requests/new/")
    credit_code = browser.find_element(By.ID, "id_credit_code")
    id_number = browser.find_element(By.ID, "id_id_number")
    assert not credit_code.is_displayed() and id_number.is_displayed()

    browser.find_element(By.CSS_SELECTOR, "input[name=applicant_type][value=business]").click()
    assert credit_code.is_displayed() and not id_number.is_displayed()

    browser.find_element(By.CSS_SELECTOR, "input[name=applicant_type][value=natural]").click()
    assert not credit_code.is_displayed() and id_number.is_displayed()
    assert not [e for e in browser.get_log("browser") if "Content Security Policy" in e["message"]]
