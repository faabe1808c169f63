"""Items in force are a kind of their own in the site search (类别 办事服务), found by their conditions and materials;
drafts and changes under review are not indexed, an approved change replaces the indexed text, a stop removes it."""

import datetime as dt

import pytest

from search import services as search
from search.query import parse
from services_guide import services
from tests.search.conftest import find, search_index  # noqa: F401 - the temporary index fixture
from tests.services_guide.conftest import draft_item, review_through

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(search_index, officer, reviewer, leader, office_staff, django_capture_on_commit_callbacks):  # noqa: F811
    with django_capture_on_commit_callbacks(execute=True):
        version = review_through(
            draft_item(officer, conditions="持有不动产权证书的农户"), reviewer, leader, office_staff
        )
    return version


def _urls(outcome):
    return [hit.url for hit in outcome.hits]


def test_an_approved_item_is_found_by_its_material_and_its_conditions(indexed):
    by_material = find("宅基地和建房申请表")
    by_condition = find("不动产权证书")

    assert "/services/QH-ZJD-001/" in _urls(by_material)
    assert "/services/QH-ZJD-001/" in _urls(by_condition)
    hit = by_material.hits[0]
    assert (hit.kind, hit.column, hit.doc_type) == ("办事服务", "办事指南", "行政许可")
    assert ("办事服务", 1) in by_material.facets["kind"]


def test_drafts_are_not_indexed(search_index, officer, django_capture_on_commit_callbacks):  # noqa: F811
    with django_capture_on_commit_callbacks(execute=True):
        draft_item(officer, code="QH-DRAFT", name="未发布的林木采伐许可")
    assert search.database_search(search.SearchRequest(query=parse("林木采伐"))).hits == []


def test_an_approved_change_replaces_the_indexed_text_and_a_pending_one_does_not(
    indexed, officer, reviewer, leader, office_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        change = services.draft_change(indexed.item, actor=officer)
        services.update_version(change, actor=officer, conditions="具有本县常住户口的农户")
        services.submit(change, actor=officer)
    assert find("常住户口").total == 0

    with django_capture_on_commit_callbacks(execute=True):
        services.pass_review(change, actor=reviewer, level="first")
        services.pass_review(change, actor=leader, level="second")
        services.approve(change, actor=office_staff)
    assert "/services/QH-ZJD-001/" in _urls(find("常住户口"))
    assert find("不动产权证书").total == 0


def test_a_stopped_item_leaves_the_index(indexed, office_staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.stop(indexed, actor=office_staff, reason="事项取消", stopped_on=dt.date(2024, 1, 2))
    assert find("不动产权证书").total == 0


def test_the_database_fallback_finds_items_by_their_materials(indexed):
    outcome = search.database_search(search.SearchRequest(query=parse("申请人身份证")))
    assert [hit.url for hit in outcome.hits] == ["/services/QH-ZJD-001/"]
    assert outcome.hits[0].kind == "办事服务"


def test_the_nightly_reconcile_sees_nothing_to_repair(indexed):
    report = search.reconcile()
    assert (report["added"], report["removed"]) == (0, 0) and report["checked"] >= 1
