"""The office opens last month's 通报 from the workbench, sees the ranking and its chart, and downloads the PDF; a reader
of a document page sees its 浏览次数, fetched by the page's script (issue 15)."""

import os
from datetime import datetime, time, timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from disclosure.models import Column, Document
from evaluation import services
from evaluation.figures import Period
from evaluation.models import PathVisits
from portal import workdays
from portal.models import Role
from tests.conftest import make_org, make_user
from tests.e2e.conftest import click_and_wait, login
from tests.e2e.test_csp_browser import violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SCREENSHOT = os.environ.get("EVALUATION_SCREENSHOT", "")  # a path: keep a picture of the 通报 page to look at

FETCH_PDF = """
const done = arguments[arguments.length - 1];
fetch(arguments[0], {credentials: "same-origin"}).then(async (r) => {
  const bytes = new Uint8Array(await r.arrayBuffer());
  done([r.status, r.headers.get("Content-Type"), r.headers.get("Content-Disposition"),
        String.fromCharCode(...bytes.slice(0, 5)), bytes.length]);
}).catch((e) => done([0, String(e), "", "", 0]));
"""


@pytest.fixture
def county():
    for role in Role.values:
        Group.objects.get_or_create(name=role)
    office = make_org("示范县人民政府办公室", "office")
    units = [make_org(name) for name in ("城关镇人民政府", "龙泉乡人民政府", "河西乡人民政府")]
    last = Period.month(workdays.today().year, workdays.today().month).previous_month()
    author = make_user("author", units[0], Role.OFFICER)
    column = Column.objects.get(slug="xzdt")
    document = None
    for i, (unit, count) in enumerate(zip(units, (6, 3, 1), strict=True)):
        for n in range(count):
            when = timezone.make_aware(datetime.combine(last.start + timedelta(days=n + i), time(10)))
            document = Document.objects.create(
                title=f"{unit.name}工作动态{n}", column=column, organization=unit, created_by=author,
                status="published", published_at=when, index_number=f"{unit.code}/{when.year}-{n + 1:05d}",
            )  # fmt: skip
    return {"office": make_user("evaluation_office", office, Role.OFFICE), "units": units, "document": document}


def test_the_office_opens_last_month_s_bulletin_sees_the_ranking_and_chart_and_downloads_the_pdf(
    browser, live_server, county
):
    last = Period.month(workdays.today().year, workdays.today().month).previous_month()
    bulletin = services.generate_bulletin(last.start.year, last.start.month)  # as beat does on the first working day
    login(browser, live_server, county["office"].username)
    link = browser.find_element(By.LINK_TEXT, bulletin.title)  # the workbench lists it for review
    click_and_wait(browser, link)
    assert browser.find_element(By.TAG_NAME, "h1").text == bulletin.title

    rows = browser.find_elements(By.CSS_SELECTOR, "table.ranking-table tbody tr")
    assert [row.find_element(By.CSS_SELECTOR, "th").text for row in rows][0] == "城关镇人民政府"
    assert len(rows) == len(county["units"])
    bars = browser.find_elements(By.CSS_SELECTOR, "figure.evaluation-chart svg rect")
    assert len(bars) >= len(county["units"])
    assert browser.find_element(By.CSS_SELECTOR, "figure.evaluation-chart svg").size["height"] > 100
    assert violations(browser) == []
    if SCREENSHOT:
        browser.save_screenshot(SCREENSHOT)

    href = browser.find_element(By.ID, "bulletin-pdf").get_attribute("href")
    status, content_type, disposition, magic, size = browser.execute_async_script(FETCH_PDF, href)
    assert (status, content_type, magic) == (200, "application/pdf", "%PDF-")
    assert "attachment" in disposition and size > 10_000


def test_a_reader_sees_the_views_of_a_document(browser, live_server, county):
    document = county["document"]
    path = f"/documents/{document.pk}/"
    PathVisits.objects.create(day=workdays.today() - timedelta(days=3), path=path, views=41,
                              url_name="disclosure:document", object_key=str(document.pk))  # fmt: skip
    browser.get(live_server.url + path)
    count = browser.find_element(By.CSS_SELECTOR, "[data-visit-count]")
    WebDriverWait(browser, 10).until(lambda b: count.is_displayed())
    assert count.text == "浏览次数：41"  # a headless browser announces itself, so this view itself did not count
    assert violations(browser) == []
