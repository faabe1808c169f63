"""The site map, the error pages and the site-profile cache."""

from django.template import loader

from portal.models import Organization, SiteProfile
from tests.conftest import make_org


def test_sitemap_lists_the_main_sections_and_every_active_unit(client, db):
    unit = make_org("示范县教育局", Organization.Kind.DEPARTMENT)
    make_org("已撤销乡人民政府", is_active=False)

    response = client.get("/sitemap/")

    html = response.content.decode()
    assert response.status_code == 200
    for href in ("/disclosure/", "/requests/new/", "/messages/new/", "/newmedia/", "/search/", "/organizations/"):
        assert f'href="{href}"' in html
    assert f'href="/organizations/{unit.code}/">示范县教育局</a>' in html
    assert "已撤销乡人民政府" not in html


def test_an_unknown_address_gets_the_chinese_404_page(client, db):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "您访问的页面不存在" in html
    assert 'href="/sitemap/"' in html
    assert "主办单位" in html  # the full site shell, footer included


def test_the_500_page_renders_without_request_context_or_database(django_assert_num_queries, db):
    with django_assert_num_queries(0):
        html = loader.get_template("500.html").render({})

    assert "系统繁忙" in html
    assert 'lang="zh-CN"' in html


def test_the_403_page_is_in_chinese(rf, db):
    request = rf.get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    html = loader.get_template("403.html").render({}, request)

    assert "您没有访问此页面的权限" in html


def test_saving_the_site_profile_clears_its_cache(client, db, django_capture_on_commit_callbacks):
    client.get("/sitemap/")  # caches the profile
    profile = SiteProfile.get()
    profile.sponsor = "示范县人民政府办公室（新）"
    with django_capture_on_commit_callbacks(execute=True):
        profile.save()

    assert "主办单位：示范县人民政府办公室（新）" in client.get("/sitemap/").content.decode()


def test_the_site_profile_is_read_from_the_cache(client, db, django_assert_num_queries, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the page itself is rendered each time
    client.get("/sitemap/")

    with django_assert_num_queries(1):  # the units only; the profile comes from the cache
        client.get("/sitemap/")


def test_every_local_link_of_the_sitemap_and_home_page_leads_to_a_route(client, db, monkeypatch):
    import re

    from django.contrib.staticfiles import finders
    from django.urls import Resolver404, resolve

    from portal import home

    monkeypatch.setattr(home, "_providers", {})
    make_org("示范县教育局", Organization.Kind.DEPARTMENT)
    html = client.get("/sitemap/").content.decode() + client.get("/").content.decode()

    broken = []
    for href in set(re.findall(r'(?:href|action)="(/[^"?#]*)', html)):
        if href.startswith("/static/"):  # a shipped file, not a route
            if not finders.find(href.removeprefix("/static/")):
                broken.append(href)
            continue
        try:
            resolve(href)
        except Resolver404:
            broken.append(href)
    assert not broken, f"links to nowhere: {broken}"


def test_article_meta_tags_are_escaped_once(client, db):
    unit = make_org("示范县“科技&信息”局", Organization.Kind.DEPARTMENT)

    html = client.get(f"/organizations/{unit.code}/").content.decode()

    assert '<meta name="ArticleTitle" content="示范县“科技&amp;信息”局">' in html


def test_the_breadcrumbs_include_links_all_but_the_current_page():
    html = loader.render_to_string(
        "portal/_breadcrumbs.html", {"crumbs": [("政府信息公开", "/disclosure/"), ("政策文件", "/columns/zc/")]}
    )

    assert '<a href="/">首页</a>' in html
    assert '<a href="/disclosure/">政府信息公开</a>' in html
    assert '<span aria-current="page">政策文件</span>' in html


def test_the_top_bar_shows_today_on_the_county_calendar(client, db, time_machine):
    time_machine.move_to("2026-12-03T16:30:00+00:00")  # half past midnight on Friday 4 December in the county
    assert '<p class="today">2026年12月4日 星期五</p>' in client.get("/").content.decode()
    time_machine.move_to("2027-02-28T12:00:00+08:00")
    assert '<p class="today">2027年2月28日 星期日</p>' in client.get("/").content.decode()


def test_a_page_of_the_site_shell_renders_without_a_request(db):
    # Rendered outside a view (no request in the context): the page's address and the search box are left empty.
    html = loader.get_template("403.html").render({})

    assert "您没有访问此页面的权限" in html
    assert (
        '<p class="print-url">本页网址：</p>' in html and 'name="q" placeholder="搜索政策、文件、新闻" value=""' in html
    )
