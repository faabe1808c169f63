"""The page cache for anonymous readers (portal/pagecache.py): what it answers, what it never keeps, the content
generation that retires pages on every kind of public change, conditional GETs, and the query ceilings of the
public pages it sits in front of."""

import json
import threading
import time
from datetime import date

import pytest
from django.core.cache import caches
from django.urls import reverse

from disclosure import services as disclosure
from disclosure.models import Column
from portal import pagecache
from portal.models import Leader, Organization, SiteProfile
from tests.conftest import make_org
from tests.disclosure.conftest import draft, passed, published

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site_profile(db):
    SiteProfile.get()  # created on first read otherwise, which is a change of public content


@pytest.fixture
def people(officer, reviewer, leader, office_staff):
    return officer, reviewer, leader, office_staff


@pytest.fixture
def catalogue_column(db) -> Column:
    return Column.objects.get(slug="gfxwj")


@pytest.fixture
def news(people):
    return published(*people, Column.objects.get(slug="tzgg"), title="关于春节假期安排的通知")


def _hit(response) -> bool:
    return response.get("X-Page-Cache") == "hit"


# --- What is answered from the cache


def test_an_anonymous_reader_gets_the_second_view_from_the_cache(client, news, django_assert_num_queries):
    url = news.get_absolute_url()
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"

    with django_assert_num_queries(0):
        second = client.get(url)

    assert _hit(second) and second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Content-Security-Policy"]  # the header middleware above the cache still applies
    assert "Cookie" not in second.get("Vary", "")
    assert second["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert second["X-Accel-Expires"] == "1"


def test_by_default_a_page_is_kept_at_its_second_rendering_in_a_process(client, news, settings):
    settings.PAGE_CACHE_ADMIT_AFTER = 2  # the production default (the test settings keep a page at once)
    url, other = news.get_absolute_url(), "/columns/tzgg/"
    assert client.get(url)["X-Page-Cache"] == "miss"  # read once (a crawler): rendered, not stored
    assert client.get(other)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "miss"  # read again: stored now
    assert _hit(client.get(url))
    assert not _hit(client.get(other))


def test_by_default_a_page_is_looked_up_once_the_process_has_stored_it(client, news, settings, monkeypatch):
    settings.PAGE_CACHE_ADMIT_AFTER = 2
    store = pagecache.pages_cache()
    lookups, stores = [], []
    real_get, real_set = store.get, store.set
    monkeypatch.setattr(store, "get", lambda key, *a, **k: lookups.append(key) or real_get(key, *a, **k))
    monkeypatch.setattr(store, "set", lambda key, *a, **k: stores.append(key) or real_set(key, *a, **k))
    url = news.get_absolute_url()

    client.get(url)
    assert lookups == [] and stores == []  # never rendered here: not asked for (a crawler's read costs no round trip)
    client.get(url)
    assert lookups == [] and len(stores) == 1  # rendered again and stored, without a look-up that would miss
    assert _hit(client.get(url)) and lookups == stores


def test_a_signed_in_officer_never_gets_or_leaves_a_cached_page(client, news, officer):
    url = news.get_absolute_url()
    client.get(url)  # cached for anonymous readers

    client.force_login(officer)
    response = client.get(url)

    assert "X-Page-Cache" not in response
    assert "工作台" in response.content.decode()
    client.logout()
    anonymous = client.get(url)
    assert "工作人员登录" in anonymous.content.decode() and "工作台</a>" not in anonymous.content.decode()


@pytest.mark.parametrize("cookie", ["sessionid", "messages"])
def test_a_reader_with_a_session_or_messages_cookie_is_not_answered_from_the_cache(client, news, cookie):
    url = news.get_absolute_url()
    client.get(url)
    client.cookies[cookie] = "x"

    assert "X-Page-Cache" not in client.get(url)


def test_a_page_with_a_form_and_its_csrf_token_is_never_kept(client, db):
    first = client.get(reverse("interaction:message_new"))
    second = client.get(reverse("interaction:message_new"))

    assert "csrftoken" in first.cookies
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second


@pytest.mark.parametrize("path", ["/requests/track/", "/messages/track/", "/staff/login/"])
def test_personal_and_staff_pages_are_never_kept(client, db, path):
    client.get(path)
    assert "X-Page-Cache" not in client.get(path)


def test_a_not_found_page_is_not_kept(client, db):
    client.get("/documents/999999/")
    assert "X-Page-Cache" not in client.get("/documents/999999/")


def test_the_mode_cookies_do_not_split_the_cache(client, news):
    url = news.get_absolute_url()
    plain = client.get(url)
    client.cookies["large_text"] = "1"
    client.cookies["high_contrast"] = "1"

    moded = client.get(url)

    assert _hit(moded) and moded.content == plain.content


def test_a_page_is_kept_per_day_for_the_date_in_its_top_bar(client, news):
    import time_machine

    url = news.get_absolute_url()
    with time_machine.travel(date(2026, 12, 1), tick=False):
        client.get(url)
    with time_machine.travel(date(2026, 12, 2), tick=False):
        response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "2026年12月2日" in response.content.decode()


def test_the_page_cache_can_be_turned_off(client, news, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(news.get_absolute_url())
    assert "X-Page-Cache" not in client.get(news.get_absolute_url())


def test_a_cache_that_is_down_serves_the_page_rendered(client, news, monkeypatch):
    class Down:
        def get(self, *args, **kwargs):
            raise ConnectionError("redis down")

        set = get

    monkeypatch.setattr(pagecache, "pages_cache", lambda: Down())
    assert client.get(news.get_absolute_url()).status_code == 200


# --- Conditional GETs


@pytest.mark.parametrize("page", ["document", "column", "home"])
def test_a_conditional_get_of_an_unchanged_page_is_answered_304(client, news, page):
    url = {"document": news.get_absolute_url(), "column": "/columns/tzgg/", "home": "/"}[page]
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]

    by_etag = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert by_etag.status_code == 304 and by_etag["ETag"] == first["ETag"] and not by_etag.content
    assert by_date.status_code == 304


def test_every_kind_of_conditional_get_is_answered_on_a_first_rendering_and_from_the_cache(client, news):
    url = news.get_absolute_url()
    # The first request renders the page (and stores it: the test settings keep a page at once), then is answered.
    assert client.get(url, HTTP_IF_MATCH='"another"').status_code == 412
    page = client.get(url)
    assert page["X-Page-Cache"] == "hit" and page.content

    matching = client.get(url, HTTP_IF_MATCH=page["ETag"])
    assert matching.status_code == 200 and matching["X-Page-Cache"] == "hit" and matching.content == page.content
    assert client.get(url, HTTP_IF_MATCH='"another"').status_code == 412
    assert client.get(url, HTTP_IF_UNMODIFIED_SINCE="Mon, 01 Jan 2001 00:00:00 GMT").status_code == 412
    assert client.get(url, HTTP_IF_NONE_MATCH=page["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"another"').status_code == 200


def test_a_conditional_get_after_a_change_gets_the_new_page(client, news, people):
    first = client.get("/columns/tzgg/")
    published(*people, Column.objects.get(slug="tzgg"), title="新的一条通知")

    response = client.get("/columns/tzgg/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert response.status_code == 200 and "新的一条通知" in response.content.decode()


# --- The content generation: every kind of public change retires the pages


def _cached(client, url: str) -> str:
    client.get(url)
    response = client.get(url)
    assert _hit(response), url
    return response.content.decode()


def test_publishing_a_document_shows_it_on_the_column_and_the_home_page(client, news, people):
    _cached(client, "/")
    _cached(client, "/columns/tzgg/")

    published(*people, Column.objects.get(slug="tzgg"), title="关于开展冬季防火检查的通知")

    assert "关于开展冬季防火检查的通知" in client.get("/columns/tzgg/").content.decode()
    assert "关于开展冬季防火检查的通知" in client.get("/").content.decode()


def test_drafting_and_reviewing_retire_no_page_until_the_item_is_published(client, news, people):
    """Officers draft and review all day: only what reaches the public retires the cached pages."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    officer, reviewer, leader, office_staff = people
    _cached(client, "/")
    before = pagecache.generation()
    document = draft(officer, Column.objects.get(slug="tzgg"), title="关于征集民生实事项目的通知")
    disclosure.add_attachment(document, actor=officer, upload=SimpleUploadedFile("附件.pdf", b"%PDF-1.4 x"))
    document = passed(disclosure.submit(document, actor=officer), reviewer, leader)
    assert pagecache.generation() == before and _hit(client.get("/"))

    passed(document, office_staff)  # 终审 publishes it
    assert pagecache.generation() != before
    assert "关于征集民生实事项目的通知" in client.get("/").content.decode()


def test_withdrawing_a_document_retires_its_page_and_its_list_entry(client, news, people):
    _cached(client, news.get_absolute_url())
    _cached(client, "/columns/tzgg/")

    disclosure.withdraw(news, actor=people[3], reason="内容已过时效")

    assert "本信息已于" in client.get(news.get_absolute_url()).content.decode()
    assert news.title not in client.get("/columns/tzgg/").content.decode()


def test_editing_a_published_document_shows_the_change(client, people, catalogue_column):
    policy = published(*people, catalogue_column, title="城关镇环境卫生管理办法", doc_number="城政发〔2026〕8号")
    _cached(client, policy.get_absolute_url())

    disclosure.change_validity(policy, actor=people[3], validity="废止", repealed_on=date(2026, 12, 1), reason="")

    assert "废止日期：2026-12-01" in client.get(policy.get_absolute_url()).content.decode()


def test_renaming_a_column_shows_on_its_documents(client, news):
    _cached(client, news.get_absolute_url())
    column = Column.objects.get(slug="tzgg")
    column.name = "通知公告（改）"
    column.save()

    assert "通知公告（改）" in client.get(news.get_absolute_url()).content.decode()


def test_changing_the_site_profile_shows_on_every_page(client, news):
    _cached(client, "/")
    _cached(client, news.get_absolute_url())
    profile = SiteProfile.get()
    profile.site_name = "新名称县人民政府"
    profile.save()

    assert "新名称县人民政府" in client.get("/").content.decode()
    assert "新名称县人民政府" in client.get(news.get_absolute_url()).content.decode()


def test_a_new_unit_leader_shows_on_the_unit_page(client, township):
    url = reverse("portal:organization_detail", args=[township.code])
    _cached(client, url)
    Leader.objects.create(organization=township, name="赵六", post="镇长", order=1)

    assert "赵六" in client.get(url).content.decode()


def test_a_new_unit_shows_on_the_unit_list(client, db):
    _cached(client, "/organizations/")
    make_org("示范县新设局", Organization.Kind.DEPARTMENT)

    assert "示范县新设局" in client.get("/organizations/").content.decode()


def test_an_approved_service_guide_shows_in_the_catalogue(client, officer, reviewer, leader, office_staff, settings,
                                                          tmp_path):  # fmt: skip
    from tests.services_guide.conftest import draft_item, review_through

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "files"
    _cached(client, "/services/")
    version = draft_item(officer, name="农村宅基地审批")
    review_through(version, reviewer, leader, office_staff)

    assert "农村宅基地审批" in client.get("/services/").content.decode()


def test_a_published_message_and_its_reply_show_on_the_message_list(client, office_staff, township, officer):
    from interaction import services as interaction
    from tests.interaction.conftest import new_message

    message = new_message()[0]
    _cached(client, "/messages/")
    message = interaction.dispatch_message(message, actor=office_staff, unit=township, instruction="请核实答复。")
    message = interaction.reply_message(message, actor=officer, reply="预计本月底完工。")
    if message.status != "replied":  # the reply waits for the office's review when that is on
        message = interaction.approve_reply(message, actor=office_staff)
    interaction.publish_message(message, actor=office_staff)

    assert message.title in client.get("/messages/").content.decode()


def test_a_filed_new_media_account_shows_in_the_directory(client, officer, leader, office_staff, settings, tmp_path):
    from tests.newmedia.conftest import file_account

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    _cached(client, "/newmedia/")
    file_account(officer, leader, office_staff, name="城关镇发布")

    assert "城关镇发布" in client.get("/newmedia/").content.decode()


def test_a_save_outside_the_content_apps_keeps_the_pages(client, news, officer):
    _cached(client, "/")
    officer.last_login = officer.date_joined
    officer.save()  # logins update the user row: that must not empty the cache
    assert _hit(client.get("/"))


def test_the_generation_is_shared_through_a_file_without_redis(settings, tmp_path):
    settings.PAGE_CACHE_GENERATION_FILE = str(tmp_path / "generation")
    first = pagecache.generation()
    pagecache.bump()
    assert pagecache.generation() != first
    assert (tmp_path / "generation").read_text() == pagecache._stored_generation()


def test_the_generation_lives_in_the_pages_cache_when_shared(settings):
    settings.PAGE_CACHE_GENERATION_FILE = ""
    first = pagecache.generation()
    pagecache.bump()
    assert caches["pages"].get(pagecache.GENERATION_KEY) == pagecache._stored_generation() != first.split(".")[0]


@pytest.mark.django_db(transaction=True)
def test_a_published_change_is_visible_to_anonymous_readers_within_one_second(live_server, people):
    """Real server threads, real commits: a reader polling the column sees the new item within a second."""
    import urllib.request

    column = Column.objects.get(slug="tzgg")
    published(*people, column, title="较早的一条通知")
    url = live_server.url + "/columns/tzgg/"

    def read() -> str:
        with urllib.request.urlopen(url) as answer:  # noqa: S310 - the test's own server
            return answer.read().decode()

    read(), read()  # cached now
    done = threading.Event()
    published_at: list[float] = []

    def publish():
        published(*people, column, title="刚刚发布的紧急通知")
        published_at.append(time.monotonic())
        done.set()

    publish()
    assert done.wait(10)
    deadline = published_at[0] + 1.0
    while "刚刚发布的紧急通知" not in read():
        assert time.monotonic() < deadline, "not visible within 1 s of the publish"
        time.sleep(0.05)


# --- Query ceilings of the public pages (page cache off: what a cold page costs)


@pytest.fixture
def uncached(settings):
    settings.PAGE_CACHE_SECONDS = 0


def test_a_document_page_takes_at_most_two_queries(client, people, catalogue_column, uncached,
                                                   django_assert_max_num_queries):  # fmt: skip
    from django.core.files.uploadedfile import SimpleUploadedFile

    officer, reviewer, leader, office_staff = people
    policy = draft(officer, catalogue_column, title="城关镇环境卫生管理办法", doc_number="城政发〔2026〕8号")
    disclosure.add_attachment(policy, actor=officer, upload=SimpleUploadedFile("附件.pdf", b"%PDF-1.4 x"))
    policy = passed(disclosure.submit(policy, actor=officer), reviewer, leader, office_staff)
    published(*people, Column.objects.get(slug="zcjd"), title="一图读懂", interprets=policy)
    client.get(policy.get_absolute_url())  # the column tree and the 解读 index are read once per change

    with django_assert_max_num_queries(2):
        response = client.get(policy.get_absolute_url())
    html = response.content.decode()
    assert "一图读懂" in html and "附件.pdf" in html


def test_a_document_page_without_attachments_takes_one_query(client, news, uncached, django_assert_num_queries):
    client.get(news.get_absolute_url())
    with django_assert_num_queries(1):
        client.get(news.get_absolute_url())


def test_a_column_s_first_pages_take_no_query_between_changes(client, people, news, uncached,
                                                                django_assert_num_queries):  # fmt: skip
    client.get("/columns/tzgg/")
    with django_assert_num_queries(0):  # the rows of the first pages, the total, columns and units are kept
        response = client.get("/columns/tzgg/")
    assert "关于春节假期安排的通知" in response.content.decode()
    assert response.context["page"].paginator.count == 1

    published(*people, Column.objects.get(slug="tzgg"), title="关于冬季供暖的通知")

    assert "关于冬季供暖的通知" in client.get("/columns/tzgg/").content.decode()


def test_a_later_page_and_a_unit_s_view_of_a_column_take_one_query(client, people, news, uncached, township,
                                                                   django_assert_num_queries):  # fmt: skip
    for n in range(61):
        published(*people, Column.objects.get(slug="tzgg"), title=f"通知第{n}号")
    # The page's rows; the total, the columns and the units (the one named in the address too) are kept per
    # generation.
    for url in ("/columns/tzgg/?page=4", f"/columns/tzgg/?unit={township.code}"):
        client.get(url)
        with django_assert_num_queries(1):
            assert client.get(url).status_code == 200


def test_a_column_total_kept_per_generation_follows_a_publish_and_a_withdrawal(client, people, news, uncached):
    assert client.get("/columns/tzgg/").context["page"].paginator.count == 1
    second = published(*people, Column.objects.get(slug="tzgg"), title="关于冬季供暖的通知")
    assert client.get("/columns/tzgg/").context["page"].paginator.count == 2
    disclosure.withdraw(second, actor=people[3], reason="内容已过时")
    response = client.get("/columns/tzgg/")
    assert response.context["page"].paginator.count == 1
    assert "关于冬季供暖的通知" not in response.content.decode()


def test_the_platform_page_takes_no_query_between_changes(client, people, news, uncached, django_assert_num_queries):
    client.get("/disclosure/")
    with django_assert_num_queries(0):  # the latest items, the tree, counts and units are kept per generation
        client.get("/disclosure/")
    published(*people, Column.objects.get(slug="gfxwj"), title="关于印发某某办法的通知", doc_number="某政发〔2026〕1号")
    assert "关于印发某某办法的通知" in client.get("/disclosure/").content.decode()


def test_the_home_page_takes_no_query_once_its_blocks_are_kept(client, news, uncached, django_assert_num_queries):
    client.get("/")
    with django_assert_num_queries(0):  # blocks and unit counts are kept until public content changes
        assert "关于春节假期安排的通知" in client.get("/").content.decode()


def test_static_files_get_hashed_names_in_production_and_plain_ones_without_a_manifest(settings, tmp_path):
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.core.files.storage import storages
    from django.utils.functional import empty

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "portal.staticfiles.ManifestStorage"}}
    storages._storages.pop("staticfiles", None)
    staticfiles_storage._wrapped = empty  # built again from the settings on next use
    try:
        assert staticfiles_storage.url("js/mode.js") == "/static/js/mode.js"  # collectstatic not run: plain name

        manifest = {"version": "1.1", "paths": {"js/mode.js": "js/mode.0a1b2c3d4e5f.js"}, "hash": "x"}
        (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
        storages._storages.pop("staticfiles", None)
        staticfiles_storage._wrapped = empty
        for _ in range(2):  # the second from what the first worked out
            assert staticfiles_storage.url("js/mode.js") == "/static/js/mode.0a1b2c3d4e5f.js"
    finally:
        storages._storages.pop("staticfiles", None)
        staticfiles_storage._wrapped = empty


def test_check_deploy_names_what_the_shipped_web_tier_needs(settings, tmp_path):
    from portal.checks import production_web_tier

    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "portal.staticfiles.ManifestStorage"}}
    settings.PRIVATE_FILES_X_ACCEL_PREFIX = ""
    settings.CLIENT_IP_HEADER = ""
    assert {w.id for w in production_web_tier(None)} == {"portal.W011", "portal.W012", "portal.W013", "portal.W014"}

    settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": "portal.redis_cache.RedisCache"}}
    (tmp_path / "staticfiles.json").write_text("{}")
    settings.PRIVATE_FILES_X_ACCEL_PREFIX = "/_private/"
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    assert production_web_tier(None) == []


def test_the_search_page_is_left_to_its_own_cache(client, news):
    # The index is written by a task after the content's commit: search keeps result pages keyed by its generation.
    client.get("/search/", {"q": "春节"})
    assert "X-Page-Cache" not in client.get("/search/", {"q": "春节"})


def test_a_bump_under_a_frozen_clock_still_changes_the_generation():
    import time_machine

    with time_machine.travel(date(2026, 12, 1), tick=False):
        first = pagecache.generation()
        pagecache.bump()
        assert pagecache.generation() != first
