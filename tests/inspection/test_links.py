"""The nightly link check over the published pages: links read from the pages, this site's own resolved inside the
site, others requested from servers the tests start on 127.0.0.1; a link is dead after two failing nights, the
results are kept with the pages that hold them, and editing a page clears what was found on it."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from disclosure import services as disclosure
from disclosure.models import Column
from inspection import dashboard, extract, links, services
from inspection.internal import FILE_MISSING, NOT_FOUND, OK, InternalChecker
from inspection.linkcheck import CheckResult
from inspection.models import InspectionRun, Link, LinkSource
from tests.disclosure.conftest import draft, passed
from tests.inspection.conftest import at, publish
from tests.inspection.servers import LocalServer, refused_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def server():
    with LocalServer() as running:
        yield running


@pytest.fixture
def notices(db) -> Column:
    return Column.objects.get(slug="tzgg")


def run(on: date, checker, **kwargs) -> InspectionRun:
    with at(on, 2):
        return services.run_inspection(on=on, checker=checker, notify=False, **kwargs)


def status(url: str) -> str:
    return Link.objects.get(url=url).status


# --- reading links from a page


def test_links_are_read_from_hrefs_and_srcs_made_absolute_without_fragments():
    html = (
        '<p><a href="/columns/tzgg/#top">通知</a> <a href="http://example.org/a?x=1&amp;y=2#s">外链</a>'
        '<img src="img/pic.png"> <a href="#here">本页</a> <a href="mailto:a@b.cn">信箱</a>'
        '<a href="javascript:void(0)">脚本</a> <a href="tel:123">电话</a> <a href="/columns/tzgg/">重复</a></p>'
    )
    assert extract.links_in(html, "/documents/7/") == [
        "/columns/tzgg/", "http://example.org/a?x=1&y=2", "/documents/7/img/pic.png",
    ]  # fmt: skip


def test_this_sites_addresses_are_kept_as_paths():
    hosts = {"www.example.gov.cn"}
    assert links.classify("/documents/1/", hosts) == ("/documents/1/", True)
    assert links.classify("https://www.example.gov.cn/documents/1/?a=1", hosts) == ("/documents/1/?a=1", True)
    assert links.classify("https://www.example.gov.cn:8443/x", hosts) == ("https://www.example.gov.cn:8443/x", False)
    assert links.classify("https://other.example.org/x", hosts) == ("https://other.example.org/x", False)


# --- one night's result


def test_a_link_is_dead_only_after_failing_on_two_nights():
    row = {"fail_nights": 0, "first_failed_on": None, "last_failed_on": None}
    bad, good = CheckResult(False, 404, "HTTP 404"), CheckResult(True, 200)
    first = links.next_state(row, bad, date(2026, 11, 2))
    assert (first["status"], first["fail_nights"], first["first_failed_on"]) == ("failing", 1, date(2026, 11, 2))
    again = links.next_state({**row, **first}, bad, date(2026, 11, 2))  # a second run the same night
    assert (again["status"], again["fail_nights"]) == ("failing", 1)
    second = links.next_state({**row, **first}, bad, date(2026, 11, 3))
    assert (second["status"], second["fail_nights"], second["first_failed_on"]) == ("dead", 2, date(2026, 11, 2))
    healed = links.next_state({**row, **second}, good, date(2026, 11, 4))
    assert (healed["status"], healed["fail_nights"], healed["first_failed_on"]) == ("ok", 0, None)


# --- whole nights


def test_two_nights_over_the_published_pages(office_staff, notices, server, checker):
    refused = refused_url()
    target = publish(office_staff, notices, "被引用的通知")
    body = (
        f'<a href="{server.base}/ok">好</a> <a href="{server.base}/missing">缺</a> <a href="{server.base}/error">错</a>'
        f' <a href="{refused}">拒</a> <a href="/documents/{target.pk}/">站内</a> <a href="/documents/999999/">站内缺</a>'
    )
    page = publish(office_staff, notices, "含链接的通知", body=body)

    first = run(date(2026, 11, 2), checker)
    assert first.status == InspectionRun.Status.DONE and first.stats["pages"] == 2
    assert status(f"{server.base}/ok") == status(f"/documents/{target.pk}/") == "ok"
    failing = [f"{server.base}/missing", f"{server.base}/error", refused, "/documents/999999/"]
    assert [status(url) for url in failing] == ["failing"] * 4
    links_mark = next(m for m in dashboard.build(office_staff).marks if m.code == "links")
    assert (links_mark.count, links_mark.state, len(links_mark.items)) == (0, dashboard.DUE, 4)

    run(date(2026, 11, 3), checker)
    assert [status(url) for url in failing] == ["dead"] * 4
    dead = Link.objects.get(url=f"{server.base}/missing")
    assert (dead.first_failed_on, dead.fail_nights, dead.last_code, dead.last_error) == (
        date(2026, 11, 2), 2, 404, "HTTP 404")  # fmt: skip
    source = dead.sources.get()
    assert (source.page_id, source.page_title, source.organization) == (
        page.pk,
        "含链接的通知",
        office_staff.organization,
    )
    links_mark = next(m for m in dashboard.build(office_staff).marks if m.code == "links")
    assert (links_mark.count, links_mark.state) == (4, dashboard.FAILING)
    assert (
        "《含链接的通知》" in links_mark.items[0].detail and links_mark.items[0].url == f"/staff/disclosure/{page.pk}/"
    )


def test_editing_the_page_clears_what_was_found_on_it(office_staff, server, checker):
    # A published page changes through a validity change (a catalogue column's document).
    catalogue = Column.objects.get(slug="qtwj")
    page = publish(office_staff, catalogue, "含坏链接的文件", body=f'<a href="{server.base}/missing">缺</a>')
    run(date(2026, 11, 2), checker)
    run(date(2026, 11, 3), checker)
    assert status(f"{server.base}/missing") == "dead"

    disclosure.change_validity(page, actor=office_staff, validity="失效", repealed_on=date(2026, 11, 3), reason="到期")

    links_mark = next(m for m in dashboard.build(office_staff).marks if m.code == "links")
    assert links_mark.items == [] and not LinkSource.objects.filter(page_id=page.pk).exists()


def test_a_link_no_page_holds_any_more_is_forgotten(office_staff, notices, server, checker):
    page = publish(office_staff, notices, "将撤回的通知", body=f'<a href="{server.base}/missing">缺</a>')
    run(date(2026, 11, 2), checker)
    disclosure.withdraw(page, actor=office_staff, reason="内容已过时")
    run(date(2026, 11, 3), checker)
    assert not Link.objects.filter(url=f"{server.base}/missing").exists()


def test_a_link_that_answers_again_is_cleared(office_staff, notices, server, checker):
    url = f"{server.base}/ok"
    publish(office_staff, notices, "通知", body=f'<a href="{url}">好</a>')
    server.down.add("/ok")
    run(date(2026, 11, 2), checker)
    assert (status(url), Link.objects.get(url=url).last_code) == ("failing", 503)
    server.down.clear()
    run(date(2026, 11, 3), checker)
    assert (status(url), Link.objects.get(url=url).fail_nights) == ("ok", 0)


def test_attachments_are_checked_in_storage(officer, reviewer, leader, office_staff, checker):
    document = draft(officer, Column.objects.get(slug="gfxwj"), title="附带附件的文件")
    disclosure.add_attachment(document, actor=officer, upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n"))
    document = passed(disclosure.submit(document, actor=officer), reviewer, leader, office_staff)
    attachment = document.attachments.get()
    path = f"/documents/{document.pk}/attachments/{attachment.pk}/"

    run(date(2026, 11, 2), checker)
    assert status(path) == "ok"
    attachment.file.storage.delete(attachment.file.name)
    run(date(2026, 11, 3), checker)
    assert Link.objects.get(url=path).last_error == FILE_MISSING.error


def test_a_second_run_is_refused_while_one_is_running(office_staff, checker):
    InspectionRun.objects.create(on=date(2026, 11, 2))
    assert services.run_inspection(checker=checker, notify=False) is None


# --- this site's own links


def test_internal_links_are_resolved_inside_the_site(office_staff, notices, django_assert_max_num_queries):
    published = publish(office_staff, notices, "已发布")
    inactive = Column.objects.create(slug="old-col", name="旧栏目", is_active=False)
    paths = [f"/documents/{published.pk}/", f"/documents/{published.pk}/print/", "/documents/424242/",
             "/columns/tzgg/", f"/columns/{inactive.slug}/", "/no/such/page/", "/static/css/site.css",
             "/static/css/none.css", "/media/none.png", "/organizations/", "/messages/424242/"]  # fmt: skip
    results = InternalChecker().check(paths)
    assert {p: r.ok for p, r in results.items()} == {
        f"/documents/{published.pk}/": True, f"/documents/{published.pk}/print/": True, "/documents/424242/": False,
        "/columns/tzgg/": True, f"/columns/{inactive.slug}/": False, "/no/such/page/": False,
        "/static/css/site.css": True, "/static/css/none.css": False, "/media/none.png": False,
        "/organizations/": True, "/messages/424242/": False,
    }  # fmt: skip
    assert results["/no/such/page/"] == NOT_FOUND and results[f"/documents/{published.pk}/"] == OK


def test_many_document_links_cost_a_few_queries(office_staff, notices, django_assert_max_num_queries):
    ids = [publish(office_staff, notices, f"通知{i}").pk for i in range(30)]
    with django_assert_max_num_queries(1):
        results = InternalChecker().check([f"/documents/{pk}/" for pk in ids])
    assert all(r.ok for r in results.values())


def test_a_run_left_running_by_a_dead_worker_is_marked_failed(office_staff, checker):
    from django.utils import timezone

    stale = InspectionRun.objects.create(on=date(2026, 11, 1))
    InspectionRun.objects.filter(pk=stale.pk).update(started_at=timezone.now() - timedelta(hours=7))
    assert services.run_inspection(checker=checker, notify=False).status == InspectionRun.Status.DONE
    assert InspectionRun.objects.get(pk=stale.pk).status == InspectionRun.Status.FAILED
