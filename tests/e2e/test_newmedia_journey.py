"""Officer files a new-media account → the 主要领导 approves → the office files it → it shows in the public
directory with its QR code (issue 7)."""

import pytest
from django.contrib.auth.models import Group
from PIL import Image
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from portal import workdays
from portal.models import Role
from tests.conftest import make_org, make_user
from tests.e2e.conftest import click_and_wait, login, wait_until_gone

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FIELDS = {
    "name": "城关镇发布",
    "platform_account_id": "cgz_fabu",
    "homepage_url": "https://mp.weixin.qq.com/cgz",
    "verification_subject": "城关镇人民政府",
    "chief_name": "王强",
    "chief_post": "镇长",
    "chief_phone": "0771-1234567",
    "deputy_name": "李明",
    "deputy_post": "副镇长",
    "deputy_phone": "0771-1234568",
    "editor_name": "张华",
    "editor_post": "党政办主任",
    "editor_phone": "13800138000",
}


@pytest.fixture
def people():
    for role in Role.values:
        Group.objects.get_or_create(name=role)
    township = make_org("城关镇人民政府")
    office = make_org("示范县人民政府办公室", "office")
    return {
        "officer": make_user("nm_officer", township, Role.OFFICER),
        "leader": make_user("nm_leader", township, Role.LEADER, is_principal_leader=True),
        "office": make_user("nm_office", office, Role.OFFICE),
    }


def _png(path, size, color):
    Image.new("RGB", size, color).save(path, format="PNG")
    return str(path)


def _logout(browser, live_server):
    browser.delete_all_cookies()
    browser.get(live_server.url + "/")


def _click(browser, text: str) -> None:
    """Click a submit button and wait for the next page, so no assertion reads the page being left."""
    button = browser.find_element(By.XPATH, f"//button[normalize-space()='{text}']")
    button.click()
    wait_until_gone(browser, button, 15)


def test_officer_files_leader_and_office_approve_and_the_account_is_listed_with_its_qr(
    browser, live_server, people, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    avatar = _png(tmp_path / "avatar.png", (500, 300), (200, 30, 30))
    qr = _png(tmp_path / "qr.png", (200, 200), (0, 0, 0))

    login(browser, live_server, "nm_officer")
    browser.get(live_server.url + "/staff/newmedia/new/")
    Select(browser.find_element(By.NAME, "platform")).select_by_visible_text("微信公众号")
    for name, value in FIELDS.items():
        browser.find_element(By.NAME, name).send_keys(value)
    opened = browser.find_element(By.NAME, "opened_on")
    browser.execute_script("arguments[0].value = arguments[1]", opened, workdays.today().isoformat())
    browser.find_element(By.NAME, "avatar").send_keys(avatar)
    browser.find_element(By.NAME, "qr_code").send_keys(qr)
    _click(browser, "保存")
    assert "已保存开设备案草稿" in browser.page_source
    _click(browser, "报送主要领导审批")
    assert "待主要领导审批" in browser.find_element(By.CSS_SELECTOR, ".filing-status").text
    filing_url = browser.current_url

    _logout(browser, live_server)
    login(browser, live_server, "nm_leader")
    browser.get(filing_url)
    browser.find_element(By.ID, "leader-opinion").send_keys("同意开设")
    _click(browser, "同意并报政务公开办备案")
    assert "待政务公开办备案" in browser.find_element(By.CSS_SELECTOR, ".filing-status").text

    _logout(browser, live_server)
    browser.get(live_server.url + "/newmedia/")
    assert "城关镇发布" not in browser.page_source  # not public before the office files it

    login(browser, live_server, "nm_office")
    browser.get(live_server.url + "/staff/newmedia/review/")
    link = browser.find_element(By.LINK_TEXT, "城关镇发布")
    link.click()
    wait_until_gone(browser, link, 15)
    _click(browser, "备案通过")
    assert "已备案" in browser.find_element(By.CSS_SELECTOR, ".filing-status").text

    _logout(browser, live_server)
    browser.get(live_server.url + "/newmedia/")
    card = browser.find_element(By.CSS_SELECTOR, ".nm-card")
    assert "城关镇发布" in card.text and "城关镇" in card.text
    qr_image = card.find_element(By.CSS_SELECTOR, "img.nm-qr")
    loaded = "return arguments[0].complete && arguments[0].naturalWidth"
    WebDriverWait(browser, 15).until(
        lambda b: b.execute_script(loaded, qr_image) == 400
    )  # the 200px upload was doubled with hard edges to stay readable
    click_and_wait(browser, card.find_element(By.CSS_SELECTOR, "a.nm-card-link"))
    wait_until_gone(browser, card, 15)
    assert browser.find_element(By.CSS_SELECTOR, "h1").text == "城关镇发布"
    large_qr = browser.find_element(By.CSS_SELECTOR, "img.nm-qr-large")
    WebDriverWait(browser, 15).until(lambda _: large_qr.get_attribute("naturalWidth") == "400")
