"""The home page and the shell every public page shares: footer fields, gov <meta> tags, home-page blocks."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from portal import home
from portal.models import Organization, SiteProfile
from tests.conftest import make_org


@pytest.fixture(autouse=True)
def _shell_only(monkeypatch):
    """The shell on its own: the apps' blocks (tested in their own suites) are left out unless a test adds some."""
    cache.clear()
    monkeypatch.setattr(home, "_providers", {})


@pytest.fixture
def profile(db) -> SiteProfile:
    profile = SiteProfile.get()
    profile.site_name = "青山县人民政府"
    profile.site_domain = "www.qingshan.gov.cn"
    profile.sponsor = "青山县人民政府办公室"
    profile.contact_phone = "0791-1234567"
    profile.site_id_code = "3607300001"
    profile.icp_number = "赣ICP备05001234号"
    profile.police_number = "赣公网安备 36073002000123号"
    profile.keywords = "青山县,政务公开"
    profile.description = "青山县人民政府门户网站"
    profile.save()
    return profile


def test_home_page_shows_the_footer_fields_of_the_site_profile(client, profile):
    html = client.get("/").content.decode()

    for text in ("主办单位：青山县人民政府办公室", "0791-1234567", "政府网站标识码：3607300001", "赣ICP备05001234号",
                 "赣公网安备 36073002000123号", 'href="/sitemap/"'):  # fmt: skip
        assert text in html


def test_home_page_carries_the_gov_meta_tags(client, profile):
    html = client.get("/").content.decode()

    assert '<meta name="SiteName" content="青山县人民政府">' in html
    assert '<meta name="SiteDomain" content="www.qingshan.gov.cn">' in html
    assert '<meta name="SiteIDCode" content="3607300001">' in html
    assert '<meta name="ColumnName" content="首页">' in html
    assert '<meta name="ColumnType" content="首页">' in html
    assert '<meta name="Keywords" content="青山县,政务公开">' in html
    assert '<meta name="Description" content="青山县人民政府门户网站">' in html
    # Article tags belong on article pages only.
    assert 'name="ArticleTitle"' not in html


def test_home_page_without_blocks_still_offers_the_quick_links_and_services(client, db):
    make_org("城关镇人民政府")
    make_org("示范县财政局", Organization.Kind.DEPARTMENT)

    html = client.get("/").content.decode()

    for label in ("政府信息公开", "依申请公开", "我要留言", "政务新媒体", "机构设置", "搜索", "我要写信"):
        assert label in html
    assert '乡镇<span class="muted">（1个）' in html


def test_the_nav_marks_the_current_section(client, db):
    html = client.get("/organizations/").content.decode()

    assert '<a href="/organizations/" aria-current="page">机构设置</a>' in html
    assert '<a href="/" aria-current="page">' not in html


_BLOCK_TEMPLATES = {
    "blocks/news.html": '<section class="panel" id="news-block">{{ heading }} {{ site.site_name }}</section>',
    "blocks/broken.html": "{% load no_such_library %}",
}


def _with_block_templates():
    from django.conf import settings

    engine = dict(settings.TEMPLATES[0])
    options = {k: v for k, v in engine["OPTIONS"].items() if k != "loaders"}
    options["loaders"] = [
        ("django.template.loaders.locmem.Loader", _BLOCK_TEMPLATES),
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader",
    ]
    return override_settings(TEMPLATES=[{**engine, "APP_DIRS": False, "OPTIONS": options}])


def test_registered_blocks_render_with_their_own_context_in_order(client, profile, monkeypatch):
    monkeypatch.setattr(
        home,
        "_providers",
        {
            "late": lambda request: home.Block("blocks/news.html", {"heading": "第二块"}, order=20),
            "early": lambda request: home.Block("blocks/news.html", {"heading": "第一块"}, order=10),
            "absent": lambda request: None,
        },
    )
    with _with_block_templates():
        html = client.get("/").content.decode()

    assert "第一块 青山县人民政府" in html
    assert html.index("第一块") < html.index("第二块")


def test_a_failing_block_is_left_out_instead_of_breaking_the_home_page(client, profile, monkeypatch, caplog):
    monkeypatch.setattr(
        home,
        "_providers",
        {
            "broken": lambda request: home.Block("blocks/broken.html", {}, order=1),
            "fine": lambda request: home.Block("blocks/news.html", {"heading": "正常"}, order=2),
        },
    )
    with _with_block_templates():
        response = client.get("/")

    assert response.status_code == 200
    assert "正常" in response.content.decode()
    assert "blocks/broken.html" in caplog.text


def test_home_page_makes_few_queries(client, db, django_assert_max_num_queries):
    for i in range(15):
        make_org(f"第{i}乡人民政府")
    client.get("/")  # warms the site-profile cache

    with django_assert_max_num_queries(2):
        assert client.get("/").status_code == 200
