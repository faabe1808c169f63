"""The results page's repeated parts written in Python (search/templatetags/search_results.py): the numbering,
the partial-hit notice, escaping, the filter links and the pager."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.http import QueryDict
from django.utils.safestring import mark_safe

from search.templatetags.search_results import search_facets, search_hits, search_pager
from search.types import Hit
from search.views import _Links


def _hit(n: int, **extra) -> Hit:
    return Hit(
        title=f"文件{n}",
        url=f"/documents/{n}/",
        title_html=mark_safe(f"<mark>文件</mark>{n}"),
        snippet_html=mark_safe("摘要 &lt;b&gt;"),
        **extra,
    )


def test_partial_hits_continue_the_numbering_of_the_page():
    html = search_hits([_hit(1), _hit(2), _hit(3)], {2}, 10)
    assert html.count('<li class="search-hit">') == 3
    assert '以下结果只包含部分关键词：</p><ol class="search-hits" start="13">' in html


def test_a_hit_shows_its_meta_escaped_and_its_highlights_as_they_are():
    hit = _hit(
        1,
        kind="政府信息",
        unit="<县政府>",
        column="政府信息",
        doc_type="其他",
        doc_number="西政发〔2024〕1号",
        pub_date=datetime(2024, 3, 1, 20, 0, tzinfo=ZoneInfo("UTC")),
        exact=True,
    )
    html = search_hits([hit], set(), 0)
    assert '<li class="search-hit exact">' in html and "文号/索引号匹配" in html
    assert "<mark>文件</mark>1" in html and "摘要 &lt;b&gt;" in html
    assert "<span>&lt;县政府&gt;</span>" in html
    assert html.count("政府信息") == 1  # the column equal to the kind is not repeated
    assert "其他" not in html
    assert '<time datetime="2024-03-02">2024-03-02</time>' in html  # the county's date, not UTC's


def test_facet_links_keep_the_query_drop_the_page_and_mark_the_chosen_value():
    links = _Links(QueryDict("q=预算&page=3&unit=城关镇"))
    groups = [
        {
            "label": "发布机构",
            "chosen": "城关镇",
            "clear_url": links.url("unit", ""),
            "options": [
                {"value": "城关镇", "count": 4, "url": links.url("unit", "城关镇"), "active": True},
                {"value": "A&B", "count": 1, "url": links.url("unit", "A&B"), "active": False},
            ],
        }
    ]
    html = search_facets(groups, approximate=True)
    assert '<a href="?q=%E9%A2%84%E7%AE%97">全部发布机构</a>' in html
    assert (
        '<li class="active"><a href="?q=%E9%A2%84%E7%AE%97&amp;unit=%E5%9F%8E%E5%85%B3%E9%95%87" aria-current="true">'
        in html
    )
    assert "unit=A%26B" in html and ">A&amp;B</a>" in html
    assert "(约4)" in html


def test_a_page_link_keeps_the_filters_in_place():
    links = _Links(QueryDict("q=a&page=2&unit=x"))
    assert links.url("page", 3) == "?q=a&page=3&unit=x"
    assert links.url("sort", "date") == "?q=a&unit=x&sort=date"


def test_the_pager_marks_the_current_page_and_links_the_others():
    pages = {
        "count": 3,
        "current": 2,
        "previous": "?q=a&page=1",
        "next": "?q=a&page=3",
        "numbers": [
            {"n": 1, "url": "?q=a&page=1", "active": False},
            {"n": 2, "url": "?q=a&page=2", "active": True},
            {"n": 3, "url": "?q=a&page=3", "active": False},
        ],
    }
    html = search_pager(pages)
    assert '<a href="?q=a&amp;page=1" rel="prev">上一页</a>' in html
    assert '<strong aria-current="page">2</strong>' in html
    assert '<a href="?q=a&amp;page=3" rel="next">下一页</a>' in html
    assert search_pager({}) == "" and search_pager({**pages, "count": 1}) == ""


def test_links_are_those_querydict_would_write():
    import random

    def reference(query: QueryDict, key: str, value) -> str:
        changed = query.copy()
        if key != "page":
            changed.pop("page", None)
        if value in (None, ""):
            changed.pop(key, None)
        else:
            changed[key] = str(value)
        return "?" + changed.urlencode()

    rng = random.Random(3)
    names, values = ["q", "page", "unit", "sort", "year", "a b"], ["", "预算", "A&B", "x y", "1", "=?"]
    for _ in range(2000):
        query = QueryDict(mutable=True)
        for _ in range(rng.randrange(0, 5)):
            query.appendlist(rng.choice(names), rng.choice(values))
        query = QueryDict(query.urlencode())
        links = _Links(query)
        for _ in range(3):
            key, value = rng.choice(names), rng.choice([*values, None, 7])
            assert links.url(key, value) == reference(query, key, value), (query.urlencode(), key, value)
