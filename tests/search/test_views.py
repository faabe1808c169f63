"""The /search/ page: results, facets with counts, tips, notices, bad input, and the fallback when the index is gone."""

import shutil

import pytest
from django.urls import reverse
from haystack import connections

from tests.search.conftest import find  # noqa: F401

pytestmark = pytest.mark.django_db
URL = "/search/"


def test_the_search_url_is_named():
    assert reverse("search:search") == URL


def test_an_empty_query_shows_the_search_tips(client, search_index):
    response = client.get(URL)
    assert response.status_code == 200
    assert "搜索提示" in response.content.decode()


def test_results_show_highlighted_title_unit_column_date_and_facets(client, corpus):
    page = client.get(URL, {"q": "预算"}).content.decode()
    assert "<mark>预算</mark>" in page
    assert "城关镇人民政府" in page
    assert "规范性文件" in page or "通知公告" in page
    assert "2024-03-01" in page
    assert "发布机构" in page and "(2)" in page


def test_a_facet_link_narrows_the_results(client, corpus, other_township):
    page = client.get(URL, {"q": "预算", "unit": other_township.name}).content.decode()
    assert "河西乡开展" in page
    assert "管理办法" not in page


def test_a_very_long_query_is_cut_with_a_notice(client, corpus):
    page = client.get(URL, {"q": "预算" * 200}).content.decode()
    assert "查询词过长" in page


def test_a_bad_date_range_shows_the_error_next_to_the_field(client, corpus):
    page = client.get(URL, {"q": "预算", "date_from": "2024-05-01", "date_to": "2024-01-01"}).content.decode()
    assert "结束日期不能早于开始日期" in page
    assert 'value="2024-05-01"' in page


def test_a_nonsense_page_number_or_sort_does_not_fail(client, corpus):
    assert client.get(URL, {"q": "预算", "page": "abc", "sort": "evil"}).status_code == 200
    assert client.get(URL, {"q": "预算", "page": "999"}).status_code == 200


@pytest.mark.parametrize("typed", ['"', "*:*", "(财政", "AND OR NOT", "~~~", '预算" OR "'])
def test_query_syntax_characters_answer_normally(client, corpus, typed):
    assert client.get(URL, {"q": typed}).status_code == 200


def test_when_the_index_folder_is_gone_the_page_answers_from_the_database(client, corpus, caplog):
    shutil.rmtree(connections["default"].get_backend().path)
    response = client.get(URL, {"q": "预算"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "搜索服务暂时不可用" in page
    assert "示范县<mark>预算</mark>管理办法" in page
    assert "search index unavailable" in caplog.text


def test_when_the_index_is_corrupt_the_page_answers_from_the_database(client, corpus, search_index):
    for path in search_index.iterdir():
        if path.suffix == ".toc":
            path.write_bytes(b"garbage")
    from search import engine

    engine.drop_searchers()
    from haystack import connections

    connections.reload("default")
    response = client.get(URL, {"q": "预算"})
    assert response.status_code == 200
    assert "搜索服务暂时不可用" in response.content.decode()


def test_the_results_page_needs_few_queries(client, corpus, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        client.get(URL, {"q": "预算"})


def test_an_empty_index_answers_from_the_index_not_the_fallback(client, search_index, caplog):
    from search import services

    services.backend().clear()  # a fresh site before anything is published
    response = client.get(URL, {"q": "预算"})
    assert response.status_code == 200
    assert "搜索服务暂时不可用" not in response.content.decode()
    assert "search index unavailable" not in caplog.text


def test_search_forms_share_their_fields_but_not_what_was_typed():
    from django.http import QueryDict

    from search.forms import SearchForm

    wrong = SearchForm(QueryDict("q=预算&date_from=2026-02-01&date_to=2026-01-01"))
    right = SearchForm(QueryDict("q=财政&page=2"))
    assert wrong.fields["q"] is right.fields["q"]  # not copied for every search
    assert not wrong.is_valid() and right.is_valid()
    assert list(wrong.errors) == ["date_to"] and not right.errors
    assert right.cleaned_data["q"] == "财政" and right.cleaned_data["page"] == 2
    assert wrong["q"].value() == "预算" and right["q"].value() == "财政"


def test_the_search_form_keeps_what_was_typed_escaped_with_errors_beside_the_fields(client, corpus):
    page = client.get(URL, {"q": '"<b>预算"', "unit": "县<财政>局", "date_from": "2024-13-40", "title_only": "on"})
    html = page.content.decode()
    assert 'name="q" id="id_q" value="&quot;&lt;b&gt;预算&quot;"' in html
    assert 'name="unit" id="id_unit" value="县&lt;财政&gt;局"' in html
    assert '<details class="search-advanced" open>' in html and 'id="id_title_only" checked>' in html
    after_date = html.split('id="id_date_from" value="2024-13-40">', 1)[1]
    assert after_date.lstrip().startswith('<ul class="errorlist"')
    plain = client.get(URL, {"q": "预算"}).content.decode()
    assert '<details class="search-advanced">' in plain and 'id="id_title_only">' in plain
    assert "errorlist" not in plain
