"""The site's own visit counts: what counts, unique visitors without personal data, pages from a page cache, the
nightly copy to the database, the 浏览次数 of a document page, and a counter that is down (Redis at a closed port)
never failing or slowing a page."""

from __future__ import annotations

import logging
import time
from datetime import date, timedelta
from unittest import mock

import pytest
import redis
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.test import override_settings
from django.urls import reverse

from disclosure.models import Column, Document
from evaluation import visits
from evaluation.models import DailyVisits, PathVisits
from tests.evaluation import pagecache
from tests.evaluation.conftest import clock, local

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Safari/537.36"
PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger"
CLOSED_PORT = {"default": {"BACKEND": "portal.redis_cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}


@pytest.fixture(autouse=True)
def _empty_counters():
    visits.RECORDER.take()
    visits.LOCAL_STORE.clear()
    visits._last_logged.clear()
    yield
    visits.RECORDER.take()
    visits.LOCAL_STORE.clear()


def read(client, path: str, agent: str = BROWSER, **extra):
    return client.get(path, HTTP_USER_AGENT=agent, **extra)


def counted(path: str, day: date | None = None) -> int:
    return visits.LOCAL_STORE.path_counts(day or date.today()).get(path, 0)


@pytest.fixture
def document(township, officer):
    column = Column.objects.get(slug="xzdt")
    return Document.objects.create(title="城关镇召开春耕生产部署会", column=column, organization=township,
                                   created_by=officer, status="published", published_at=local(2025, 3, 1, 9),
                                   index_number=f"{township.code}/2025-00001")  # fmt: skip


def test_a_public_page_read_in_a_browser_counts_once(client):
    with clock(local(2025, 3, 2, 10)):
        assert read(client, "/").status_code == 200
        assert visits.LOCAL_STORE.path_counts(date(2025, 3, 2)) == {"/": 1}
        assert visits.LOCAL_STORE.visitor_count(date(2025, 3, 2)) == 1


@pytest.mark.parametrize(
    ("path", "agent", "extra"),
    [
        ("/staff/login/", BROWSER, {}),  # the staff area
        ("/admin/login/", BROWSER, {}),
        ("/static/css/site.css", BROWSER, {}),
        ("/no-such-page/", BROWSER, {}),  # not a 200
        ("/visits/count/?path=/", BROWSER, {}),  # JSON, not a page
        ("/", "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)", {}),
        ("/", "Mozilla/5.0 (compatible; bingbot/2.0)", {}),
        ("/", "python-requests/2.32", {}),
        ("/", "", {}),  # a script that does not say what it is
        ("/", BROWSER, {"HTTP_SEC_PURPOSE": "prefetch"}),  # a browser guessing, not a reader reading
    ],
)
def test_what_is_not_a_public_page_view_is_not_counted(client, path, agent, extra):
    read(client, path, agent, **extra)
    assert visits.LOCAL_STORE.days() == []


def test_a_signed_in_member_of_staff_reading_the_site_is_not_counted(client, officer):
    client.force_login(officer)
    read(client, "/")
    assert visits.LOCAL_STORE.days() == []


def test_a_post_is_not_counted(client):
    client.post("/display-mode/", {"mode": "large_text", "next": "/"}, HTTP_USER_AGENT=BROWSER)
    assert visits.LOCAL_STORE.days() == []


def test_a_visitor_is_an_address_with_a_browser_on_one_day(client):
    with clock(local(2025, 3, 2, 10)):
        read(client, "/")
        read(client, "/organizations/")
        read(client, "/", PHONE)
        read(client, "/", REMOTE_ADDR="10.0.0.8")
        assert visits.LOCAL_STORE.visitor_count(date(2025, 3, 2)) == 3
        assert visits.LOCAL_STORE.path_counts(date(2025, 3, 2)) == {"/": 3, "/organizations/": 1}


def test_the_same_visitor_on_two_days_cannot_be_linked(client):
    for day in (2, 3):
        with clock(local(2025, 3, day, 10)):
            read(client, "/")
    first, second = (visits.LOCAL_STORE._visitors[date(2025, 3, d)] for d in (2, 3))
    assert len(first) == len(second) == 1
    assert first.isdisjoint(second)  # each day's salt makes the same address and browser a different value
    assert b"127.0.0.1" not in b"".join(first | second)


def test_nothing_personal_reaches_the_database(client):
    with clock(local(2025, 3, 2, 10)):
        read(client, "/", REMOTE_ADDR="203.0.113.9")
        visits.write_to_database()
    stored = [*DailyVisits.objects.values_list(), *PathVisits.objects.values_list()]
    assert "203.0.113.9" not in repr(stored) and BROWSER not in repr(stored)


MIDDLEWARE_WITH_A_PAGE_CACHE = [settings.MIDDLEWARE[0], "tests.evaluation.pagecache.FakePageCacheMiddleware",
                                *settings.MIDDLEWARE[1:]]  # fmt: skip


@override_settings(MIDDLEWARE=MIDDLEWARE_WITH_A_PAGE_CACHE)
def test_pages_answered_by_a_page_cache_below_the_counter_are_counted(client):
    pagecache.STORED.clear()
    pagecache.RENDERED.clear()
    for _ in range(3):
        assert read(client, "/organizations/").status_code == 200
    assert pagecache.RENDERED == ["/organizations/"]  # rendered once, served twice from the cache
    assert counted("/organizations/") == 3


def test_the_counter_is_the_first_middleware_so_that_any_page_cache_sits_below_it():
    assert settings.MIDDLEWARE[0] == "evaluation.middleware.VisitCounterMiddleware"


def test_the_nightly_copy_sets_the_database_and_forgets_ended_days(client, document):
    path = reverse("disclosure:document", args=[document.pk])
    with clock(local(2025, 3, 2, 10)):
        read(client, path)
        read(client, path, PHONE)
        read(client, "/")
    with clock(local(2025, 3, 3, 0, 20)):
        read(client, path)
        assert visits.write_to_database() == [date(2025, 3, 2), date(2025, 3, 3)]
        assert visits.write_to_database() == [date(2025, 3, 3)]  # the ended day was forgotten; today stays
        read(client, path)
        visits.write_to_database()  # during the day: sets today's figures again, never adds twice
    day = DailyVisits.objects.get(day=date(2025, 3, 2))
    assert (day.views, day.visitors) == (3, 2)
    row = PathVisits.objects.get(day=date(2025, 3, 2), path=path)
    assert (row.views, row.url_name, row.object_key) == (2, "disclosure:document", str(document.pk))
    assert PathVisits.objects.get(day=date(2025, 3, 3), path=path).views == 2
    assert DailyVisits.objects.get(day=date(2025, 3, 3)).visitors == 1


def test_a_document_shows_its_views_from_the_database_and_the_counters_without_counting_twice(client, document):
    path = reverse("disclosure:document", args=[document.pk])
    PathVisits.objects.create(day=date(2025, 1, 5), path=path, views=40, url_name="disclosure:document")
    with clock(local(2025, 3, 2, 10)):
        read(client, path)
        visits.write_to_database()  # today copied once already, and still in the counters
        read(client, path)
        response = client.get(reverse("evaluation:visit_count"), {"path": path})
    assert response.json() == {"views": 42}
    assert "max-age=60" in response["Cache-Control"]
    assert client.get(reverse("evaluation:visit_count"), {"path": "http://evil/"}).status_code == 400


def test_the_document_page_is_the_same_for_everyone_and_fetches_its_count(client, document):
    path = reverse("disclosure:document", args=[document.pk])
    first = read(client, path).content.decode()
    second = read(client, path, PHONE).content.decode()
    assert "data-visit-count hidden" in first and "js/visits.js" in first
    assert first.count("浏览次数") == second.count("浏览次数") == 1
    assert "<span data-visit-number></span>" in second  # the number is not in the page: the script fills it in


def test_views_per_document_over_a_period(client, document):
    path = reverse("disclosure:document", args=[document.pk])
    PathVisits.objects.create(day=date(2025, 2, 28), path=path, views=5, url_name="disclosure:document",
                              object_key=str(document.pk))  # fmt: skip
    with clock(local(2025, 3, 2, 10)):
        read(client, path)
        totals = visits.views_by_object("disclosure:document", date(2025, 3, 1), date(2025, 4, 1))
    assert totals == {str(document.pk): 1}
    assert visits.views_by_object("disclosure:document", date(2025, 2, 1), date(2025, 4, 1))[str(document.pk)] == 6


# --- A counter that is down


@override_settings(CACHES=CLOSED_PORT)
def test_with_redis_down_pages_still_answer_and_the_failure_is_logged_once_a_minute(client, caplog):
    assert isinstance(caches["default"], RedisCache)  # the Redis backend, at a closed port
    caplog.set_level(logging.WARNING, logger="evaluation.visits")
    with mock.patch("evaluation.visits._monotonic", side_effect=[1000.0, 1010.0, 1030.0, 1075.0]):
        for _ in range(4):
            assert read(client, "/organizations/").status_code == 200
    warnings = [r for r in caplog.records if r.name == "evaluation.visits"]
    assert len(warnings) == 2  # at 1000 s and again at 1075 s, not in between
    assert visits.LOCAL_STORE.days() == []  # skipped, not kept in another place


@override_settings(CACHES=CLOSED_PORT)
def test_with_redis_down_the_count_and_the_statistics_come_from_the_database(client, document, office_staff):
    path = reverse("disclosure:document", args=[document.pk])
    PathVisits.objects.create(day=date(2025, 1, 5), path=path, views=40, url_name="disclosure:document")
    assert client.get(reverse("evaluation:visit_count"), {"path": path}).json() == {"views": 40}
    with pytest.raises(redis.exceptions.ConnectionError):
        visits.write_to_database()  # the nightly task fails and the next night's run catches up
    client.force_login(office_staff)
    assert client.get(reverse("evaluation:staff_visits")).status_code == 200


def test_a_failing_counter_never_fails_the_page(client):
    with mock.patch.object(visits.RECORDER, "record", side_effect=RuntimeError("boom")):
        assert read(client, "/").status_code == 200


def test_a_web_process_buffers_views_and_writes_them_in_the_background(client):
    with override_settings(VISIT_FLUSH_SECONDS=0.05):
        read(client, "/")
        read(client, "/")
        assert visits.RECORDER._thread is not None
        deadline = time.monotonic() + 5
        while counted("/") < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
    assert counted("/") == 2
    visits.RECORDER._thread.join(timeout=2)  # with writes back to each view, the thread ends
    assert not visits.RECORDER._thread.is_alive()


def test_a_flood_of_made_up_addresses_is_capped(client):
    with mock.patch("evaluation.conf.BUFFER_MAX", 4), override_settings(VISIT_FLUSH_SECONDS=3600):
        for i in range(6):
            visits.RECORDER.record(date(2025, 3, 2), f"/p{i}/", bytes([i]))
        assert visits.RECORDER.dropped >= 2
        batch = visits.RECORDER.take()
    assert sum(batch.views.values()) <= 4


# --- Redis itself


@pytest.fixture
def redis_cache(redis_url):
    with override_settings(CACHES={"default": {"BACKEND": "portal.redis_cache.RedisCache",
                                               "LOCATION": redis_url}}):  # fmt: skip
        store = visits.current_store()
        for key in store.client.scan_iter("visits:*"):
            store.client.delete(key)
        visits.RedisStore._salts.clear()
        yield store
        for key in store.client.scan_iter("visits:*"):
            store.client.delete(key)


def test_redis_keeps_counts_per_day_and_path_and_unique_visitors(client, redis_cache, document):
    path = reverse("disclosure:document", args=[document.pk])
    with clock(local(2025, 3, 2, 10)):
        read(client, path)
        read(client, path, PHONE)
        read(client, "/", PHONE)
    with clock(local(2025, 3, 3, 1)):
        read(client, path)
        assert redis_cache.days() == [date(2025, 3, 2), date(2025, 3, 3)]
        assert redis_cache.path_counts(date(2025, 3, 2)) == {path: 2, "/": 1}
        assert redis_cache.visitor_count(date(2025, 3, 2)) == 2
        assert redis_cache.client.ttl("visits:20250302:p") > 6 * 86400
        visits.write_to_database()
        assert redis_cache.days() == [date(2025, 3, 3)]
        assert not redis_cache.client.exists("visits:20250302:p", "visits:20250302:u", "visits:20250302:salt")
        assert client.get(reverse("evaluation:visit_count"), {"path": path}).json() == {"views": 3}
    day = DailyVisits.objects.get(day=date(2025, 3, 2))
    assert (day.views, day.visitors) == (3, 2)


def test_every_process_shares_the_day_s_salt(redis_cache):
    first = visits.RedisStore(redis_cache.client)._salt(date(2025, 3, 2))
    visits.RedisStore._salts.clear()  # another process: nothing cached
    assert visits.RedisStore(redis_cache.client)._salt(date(2025, 3, 2)) == first
    assert visits.RedisStore(redis_cache.client)._salt(date(2025, 3, 3)) != first


def test_the_daily_totals_merge_the_database_and_the_counters(redis_cache, client):
    DailyVisits.objects.create(day=date(2025, 3, 1), views=10, visitors=4)
    DailyVisits.objects.create(day=date(2025, 3, 2), views=1, visitors=1)  # a copy made during the day
    with clock(local(2025, 3, 2, 22)):
        read(client, "/")
        read(client, "/organizations/", PHONE)
        days = visits.daily(date(2025, 3, 1), date(2025, 3, 4))
    assert [(d.day.day, d.views, d.visitors) for d in days] == [(1, 10, 4), (2, 2, 2), (3, 0, 0)]
    assert days[0].day + timedelta(days=2) == days[2].day


def test_crawlers_are_told_by_any_word_in_any_case():
    assert visits.is_crawler("Mozilla/5.0 (compatible; YandexBot/3.0)")
    assert visits.is_crawler("Sogou web spider/4.0")
    assert not visits.is_crawler(BROWSER) and not visits.is_crawler(PHONE)
