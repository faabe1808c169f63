"""Public 机构设置 pages: units grouped by kind, each unit's public contact fields (条例 Art. 20 item 2)."""

import pytest
from django.core.cache import cache

from portal.models import Organization
from tests.conftest import make_org


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def unit(db) -> Organization:
    return make_org(
        "示范县财政局",
        Organization.Kind.DEPARTMENT,
        address="示范县人民路8号",
        postcode="123400",
        office_hours="工作日 8:30-17:30",
        phone="0123-4567001",
        fax="0123-4567002",
        email="czj@example.gov.cn",
        head_name="李明",
        duties="负责全县财政预算编制。\n管理县级国有资产。",
    )


def test_list_groups_units_by_kind_in_the_official_order(client, unit):
    make_org("城关镇人民政府")
    make_org("示范县人民政府办公室", Organization.Kind.COUNTY_OFFICE)
    make_org("示范县融媒体中心", Organization.Kind.INSTITUTION)

    html = client.get("/organizations/").content.decode()

    headings = [html.index(f">{label}</h2>") for label in ("县政府办公室", "乡镇", "部门", "事业单位")]
    assert headings == sorted(headings)
    assert f'href="/organizations/{unit.code}/">示范县财政局</a>' in html
    assert ">派出机构</h2>" not in html  # empty groups are left out


def test_list_leaves_out_inactive_units(client, unit):
    make_org("已撤销乡人民政府", is_active=False)

    assert "已撤销乡人民政府" not in client.get("/organizations/").content.decode()


def test_list_makes_the_same_few_queries_whatever_the_number_of_units(client, db, django_assert_max_num_queries,
                                                                      settings):  # fmt: skip
    settings.PAGE_CACHE_SECONDS = 0  # what rendering the page costs
    for i in range(40):
        make_org(f"第{i}单位", Organization.Kind.DEPARTMENT if i % 2 else Organization.Kind.TOWNSHIP)
    client.get("/organizations/")  # warms the site-profile cache

    with django_assert_max_num_queries(1):
        response = client.get("/organizations/")
    assert response.content.decode().count('href="/organizations/MA') == 40


def test_detail_shows_the_public_contact_fields(client, unit):
    html = client.get(f"/organizations/{unit.code}/").content.decode()

    for text in ("示范县财政局", "示范县人民路8号", "123400", "工作日 8:30-17:30", "0123-4567001", "0123-4567002",
                 "czj@example.gov.cn", "李明", "负责全县财政预算编制。<br>管理县级国有资产。", "机构职能"):  # fmt: skip
        assert text in html
    assert '<meta name="ArticleTitle" content="示范县财政局">' in html
    assert '<meta name="ColumnName" content="机构设置">' in html


def test_detail_accepts_a_lower_case_code(client, unit):
    assert client.get(f"/organizations/{unit.code.lower()}/").status_code == 200


def test_detail_of_an_inactive_unit_is_not_found(client, unit):
    unit.is_active = False
    unit.save(update_fields=["is_active"])

    assert client.get(f"/organizations/{unit.code}/").status_code == 404


def test_detail_of_an_unknown_code_is_not_found(client, db):
    assert client.get("/organizations/MA0000000/").status_code == 404


def test_detail_lists_the_units_leaders_in_order(client, unit, django_assert_max_num_queries):
    from portal.models import Leader

    Leader.objects.create(organization=unit, name="王副", post="副局长", duties="分管预算", order=2)
    Leader.objects.create(organization=unit, name="李明", post="局长", duties="主持全面工作", order=1)
    client.get(f"/organizations/{unit.code}/")  # warms the site-profile cache

    with django_assert_max_num_queries(3):  # the unit, its leaders, its service items (the 办事服务 block)
        html = client.get(f"/organizations/{unit.code}/").content.decode()

    assert "<caption>领导信息</caption>" in html
    assert html.index("<td>李明</td><td>局长</td><td>主持全面工作</td>") < html.index("<td>王副</td><td>副局长</td>")


def test_detail_without_leaders_shows_no_empty_table(client, unit):
    assert "领导信息" not in client.get(f"/organizations/{unit.code}/").content.decode()
