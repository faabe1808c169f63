"""A reader searches the portal in headless Chromium: results with highlights, a facet filter, sorting, pinyin."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.e2e.conftest import wait_until_gone
from tests.search.conftest import CORPUS, make_document

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def indexed(settings, tmp_path, township, other_township, officer):
    from haystack import connections

    from search import engine, services

    config = {"default": {"ENGINE": "search.backend.PortalWhooshEngine", "PATH": str(tmp_path / "index")}}
    settings.HAYSTACK_CONNECTIONS = config
    previous = connections.connections_info
    connections.connections_info = config
    connections.reload("default")
    engine.drop_searchers()
    for n, (title, body, column, genre, number, when) in enumerate(CORPUS):
        unit = other_township if n == len(CORPUS) - 1 else township
        document = make_document(
            title,
            body,
            organization=unit,
            author=officer,
            column=column,
            genre=genre,
            doc_number=number,
            published_at=when,
        )
        services.sync_object("disclosure.document", document.pk)
    yield
    connections.connections_info = previous
    connections.reload("default")


def _follow(browser, text: str) -> None:
    link = browser.find_element(By.LINK_TEXT, text)
    link.click()
    wait_until_gone(browser, link)


def test_a_reader_searches_filters_and_sorts(browser, live_server, indexed, other_township):
    browser.get(f"{live_server.url}/search/")
    assert "搜索提示" in browser.page_source
    box = browser.find_element(By.ID, "id_q")
    box.send_keys("预算", Keys.ENTER)
    wait_until_gone(browser, box)
    assert "找到相关结果" in browser.page_source
    marks = browser.find_elements(By.CSS_SELECTOR, ".search-hit mark")
    assert marks and marks[0].text == "预算"
    _follow(browser, other_township.name)
    hits = browser.find_elements(By.CSS_SELECTOR, ".search-hit h3")
    assert [h.text for h in hits] == ["河西乡开展财政资金专项检查"]
    _follow(browser, "全部发布机构")
    _follow(browser, "按时间")
    dates = [t.get_attribute("datetime") for t in browser.find_elements(By.CSS_SELECTOR, ".search-hit time")]
    assert dates == sorted(dates, reverse=True)


def test_a_reader_finds_a_document_by_pinyin_and_by_doc_number(browser, live_server, indexed):
    browser.get(f"{live_server.url}/search/?q=caizheng+yusuan")
    assert "按拼音" in browser.page_source
    assert "财政预算执行情况的报告" in browser.find_element(By.CSS_SELECTOR, ".search-hit h3").text
    browser.get(f"{live_server.url}/search/?q=西政办发〔2018〕47号")
    first = browser.find_element(By.CSS_SELECTOR, ".search-hit h3")
    assert "预算管理办法" in first.text
    assert "文号/索引号匹配" in first.text
