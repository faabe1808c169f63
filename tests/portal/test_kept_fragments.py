"""Rendered fragments kept per content generation ({% kept %} with its {% fresh %} parts: the page shell of
templates/base.html), the code release in the generation, and the per-process URL patterns of list rows."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse

from disclosure.models import Column, Document
from disclosure.templatetags.document_lists import catalogue_rows, link_items
from portal import pagecache
from portal.fasturls import url_of, url_with
from portal.markup import ymd
from portal.models import Organization, SiteProfile

pytestmark = pytest.mark.django_db

KEPT = engines["django"].from_string(
    '{% load site_tags %}{% kept "test-kept" %}<p>{{ shared }}</p>{% for i in items %}<a href="/x?u='
    '{% fresh "u" %}{{ url }}{% endfresh %}">{{ i }}</a>{% endfor %}<i>{% fresh "v" %}{{ value }}{% endfresh %}</i>'
    "{% endkept %}"
)


def test_a_kept_fragment_is_rendered_once_and_its_fresh_parts_every_time(db):
    pagecache.bump()
    first = KEPT.render({"shared": "甲", "items": [1, 2], "url": "/a/", "value": "一"})
    # The kept text does not follow its context until public content changes; the fresh parts do, in a loop too.
    second = KEPT.render({"shared": "乙", "items": [1, 2, 3], "url": "/b/", "value": "二"})
    assert first == '<p>甲</p><a href="/x?u=/a/">1</a><a href="/x?u=/a/">2</a><i>一</i>'
    assert second == '<p>甲</p><a href="/x?u=/b/">1</a><a href="/x?u=/b/">2</a><i>二</i>'
    pagecache.bump()
    assert KEPT.render({"shared": "乙", "items": [3], "url": "/c/", "value": "三"}) == (
        '<p>乙</p><a href="/x?u=/c/">3</a><i>三</i>'
    )


def test_fresh_parts_are_escaped_like_any_variable(db):
    pagecache.bump()
    html = KEPT.render({"shared": "", "items": [], "url": '"><script>', "value": "<b>"})
    assert "<script>" not in html and "&lt;b&gt;" in html


def _page(path: str, user=None) -> str:
    request = RequestFactory().get(path)
    request.user = user or AnonymousUser()
    if user is not None:  # a signed-in user's browser sends the session cookie (portal.staff.signed_in)
        request.COOKIES[settings.SESSION_COOKIE_NAME] = "session"
    template = engines["django"].from_string(
        '{% extends "base.html" %}{% block title %}页{{ n }}{% endblock %}{% block content %}<p>正文{{ n }}</p>'
        "{% endblock %}"
    )
    from portal.context_processors import site

    return template.render({"n": path, **site(request)}, request)


def test_the_page_shell_keeps_its_blocks_and_request_parts_per_page(db):
    SiteProfile.get()
    pagecache.bump()
    one, two = _page("/columns/tzgg/?q=one"), _page("/organizations/?q=two")
    assert "<title>页/columns/tzgg/?q=one</title>" in one and "<p>正文/columns/tzgg/?q=one</p>" in one
    assert "<title>页/organizations/?q=two</title>" in two and "<p>正文/organizations/?q=two</p>" in two
    # The search box, the display-mode form's return address and the 纠错 link carry each page's own address.
    assert 'value="two"' in two and 'name="next" value="/organizations/?q=two"' in two
    assert "corrections/new/?url=http%3A//testserver/organizations/%3Fq%3Dtwo" in two
    assert 'value="one"' in one and "%3Fq%3Done" in one
    # The current nav item is marked on each page: the shell is kept once per current item.
    assert '<a href="/organizations/" aria-current="page">机构设置</a>' in two
    assert '<a href="/organizations/" aria-current="page">' not in one


def test_the_page_shell_follows_a_change_of_the_site_profile(db):
    profile = SiteProfile.get()
    _page("/")
    profile.site_name = "新县人民政府门户网站"
    profile.save()
    assert "新县人民政府门户网站" in _page("/")


def test_the_page_shell_is_kept_apart_for_signed_in_readers(db, officer):
    pagecache.bump()
    assert "工作人员登录" in _page("/")
    html = _page("/", user=officer)
    assert "工作台</a>" in html and "工作人员登录" not in html


def test_the_release_changes_with_the_code(settings, tmp_path):
    (tmp_path / "app" / "templates").mkdir(parents=True)
    page = tmp_path / "app" / "templates" / "page.html"
    page.write_text("<p>一</p>")
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / "x.py").write_text("a = 1")
    settings.BASE_DIR, settings.STATIC_ROOT = tmp_path, tmp_path / "static"
    settings.DATA_DIR = settings.MEDIA_ROOT = tmp_path / "data"
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "upload.txt").write_text("a citizen's file")
    pagecache.release.cache_clear()
    try:
        first = pagecache.release()
        (tmp_path / ".venv" / "x.py").write_text("a = 2")  # not the project's code
        (tmp_path / "data" / "upload.txt").write_text("another file")  # nor an upload
        pagecache.release.cache_clear()
        assert pagecache.release() == first
        page.write_text("<p>二</p>")
        pagecache.release.cache_clear()
        second = pagecache.release()
        assert second != first
        assert pagecache.generation().endswith("." + second)
    finally:
        pagecache.release.cache_clear()


@pytest.mark.parametrize(("name", "value"), [("disclosure:document", 42), ("disclosure:column", "tzgg")])
def test_list_urls_are_those_reverse_gives(name, value):
    assert url_with(name, value) == reverse(name, args=[value])


def test_urls_without_arguments_are_those_reverse_gives():
    assert url_of("disclosure:platform") == reverse("disclosure:platform")
    from django.urls import set_script_prefix

    try:
        set_script_prefix("/gov/")  # a site served under a prefix
        assert url_of("disclosure:platform") == reverse("disclosure:platform") == "/gov/disclosure/"
    finally:
        set_script_prefix("/")


def test_list_rows_escape_and_date_on_the_county_calendar():
    unit = Organization(name="县政府办公室", short_name="县政府办")
    document = Document(
        pk=7, title="<关于“春节”的通知>", index_number="ABC-2026-0001", validity="失效", doc_number="",
        written_date=date(2026, 1, 30), published_at=datetime(2026, 2, 1, 17, 30, tzinfo=ZoneInfo("UTC")),
        column=Column(slug="tzgg"), organization=unit,
    )  # fmt: skip
    row = catalogue_rows([document])
    assert "&lt;关于“春节”的通知&gt;" in row and "<关于" not in row
    assert '<span class="badge badge-red">失效</span>' in row and "<td>—</td>" in row
    assert "2026-01-30" in row and "2026-02-02" in row  # 17:30 UTC is the next morning in Beijing
    assert '<a href="/documents/7/">' in row
    assert link_items([document]) == (
        '<li><a href="/documents/7/">&lt;关于“春节”的通知&gt;</a> <span class="date">县政府办 2026-02-02</span></li>'
    )
    assert ymd(None, "—") == "—"


def test_a_block_outside_the_fresh_parts_of_a_kept_fragment_is_refused():
    from django.template import TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError, match="fresh"):
        engines["django"].from_string('{% load site_tags %}{% kept "x" %}{% block b %}{% endblock %}{% endkept %}')


def test_a_fresh_part_in_an_included_template_is_refused_when_built(db):
    from django.template import TemplateSyntaxError

    pagecache.bump()
    including = engines["django"].from_string(
        '{% load site_tags %}{% kept "y" %}{% include "inner.html" %}{% endkept %}'
    )
    inner = engines["django"].from_string('{% load site_tags %}<p>{% fresh "z" %}{{ v }}{% endfresh %}</p>')
    from unittest import mock

    render_inner = mock.patch(
        "django.template.loader_tags.IncludeNode.render", lambda node, context: inner.template.render(context)
    )
    with render_inner, pytest.raises(TemplateSyntaxError, match="own template"):
        including.render({"v": 1})


@pytest.mark.parametrize("tag", ["fresh", "metatag"])
def test_a_named_tag_needs_one_quoted_name(tag):
    from django.template import TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError, match=f"{tag} takes one quoted name"):
        engines["django"].from_string(f"{{% load site_tags %}}{{% {tag} title %}}x{{% end{tag} %}}")
