"""Keeping the index current: publish and withdraw queue index work after commit, through one serialised write
path that retries Whoosh's lock; the nightly reconcile repairs what a lost task left undone."""

from datetime import datetime

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from disclosure import services as disclosure_services
from search import conf, services
from search import tasks as search_tasks
from search.errors import IndexLocked
from tests.disclosure.conftest import published
from tests.search.conftest import TZ, find, make_document, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_column(db):
    from disclosure.models import Column

    return Column.objects.get(slug="tzgg")


def test_publishing_queues_indexing_on_commit(
    search_index, officer, reviewer, leader, office_staff, news_column, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        published(officer, reviewer, leader, office_staff, news_column, title="关于开展秸秆禁烧工作的通知")
    assert titles(find("秸秆禁烧")) == ["关于开展秸秆禁烧工作的通知"]


def test_nothing_is_indexed_when_the_transaction_rolls_back(
    search_index, officer, reviewer, leader, office_staff, news_column, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                published(officer, reviewer, leader, office_staff, news_column, title="关于开展秸秆禁烧工作的通知")
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert not callbacks
    assert find("秸秆禁烧").total == 0


def test_withdrawing_removes_the_document_from_the_results(
    search_index, officer, reviewer, leader, office_staff, news_column, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = published(officer, reviewer, leader, office_staff, news_column, title="关于开展秸秆禁烧工作的通知")
    assert find("秸秆禁烧").total == 1
    with django_capture_on_commit_callbacks(execute=True):
        disclosure_services.withdraw(document, actor=office_staff, reason="内容有误")
    assert find("秸秆禁烧").total == 0


def test_an_unpublished_document_is_never_indexed(search_index, township, officer):
    from disclosure.models import Document

    draft = make_document(
        "草稿中的秸秆禁烧方案", "内部讨论稿", organization=township, author=officer, status=Document.Status.DRAFT
    )
    assert services.sync_object("disclosure.document", draft.pk) == "removed"
    assert find("秸秆禁烧").total == 0


def test_a_locked_index_is_retried_until_the_lock_is_free(search_index, township, officer, monkeypatch):
    from whoosh.index import LockError

    monkeypatch.setattr(conf, "SEARCH_WRITE_LOCK_TIMEOUT", 0.05)
    document = make_document("关于秸秆禁烧的公告", "禁止焚烧秸秆。", organization=township, author=officer)
    services.sync_object("disclosure.document", document.pk)  # creates the index
    backend = services.backend()
    real_writer = backend.index.__class__.writer
    attempts = []

    def flaky_writer(index, **kwargs):
        attempts.append(1)
        if len(attempts) < 3:
            raise LockError("held by another process")
        return real_writer(index, **kwargs)

    monkeypatch.setattr(backend.index.__class__, "writer", flaky_writer)
    document.title = "关于秸秆禁烧的补充公告"
    document.save()
    services.sync_object("disclosure.document", document.pk)
    assert len(attempts) == 3
    assert titles(find("补充公告")) == ["关于秸秆禁烧的补充公告"]


def test_a_lock_held_through_every_retry_raises_for_the_task_to_retry(search_index, township, officer, monkeypatch):
    from whoosh.index import LockError

    monkeypatch.setattr(conf, "SEARCH_WRITE_RETRIES", 2)
    document = make_document("关于秸秆禁烧的公告", "禁止焚烧秸秆。", organization=township, author=officer)
    services.sync_object("disclosure.document", document.pk)
    backend = services.backend()

    def locked(index, **kwargs):
        raise LockError("held")

    monkeypatch.setattr(backend.index.__class__, "writer", locked)
    with pytest.raises(IndexLocked):
        services.sync_object("disclosure.document", document.pk)


def test_publishing_and_withdrawing_queue_the_one_generic_index_task(
    officer, reviewer, leader, office_staff, news_column, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr(search_tasks.index_object, "delay", lambda *args: queued.append(args))
    with django_capture_on_commit_callbacks(execute=True):
        document = published(officer, reviewer, leader, office_staff, news_column, title="关于开展秸秆禁烧工作的通知")
    assert queued == [("disclosure.document", document.pk)]
    with django_capture_on_commit_callbacks(execute=True):
        disclosure_services.withdraw(document, actor=office_staff, reason="内容有误")
    assert queued == [("disclosure.document", document.pk)] * 2


def test_a_broker_that_is_down_loses_nothing_the_reconcile_indexes_it(
    search_index, officer, reviewer, leader, office_staff, news_column, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(*args):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(search_tasks.index_object, "delay", broker_down)
    services.backend().setup()  # an empty index, not the database fallback, answers below
    with django_capture_on_commit_callbacks(execute=True):
        document = published(officer, reviewer, leader, office_staff, news_column, title="关于开展秸秆禁烧工作的通知")
    document.refresh_from_db()
    assert document.status == document.Status.PUBLISHED
    assert find("秸秆禁烧").total == 0
    assert services.reconcile()["added"] == 1
    assert titles(find("秸秆禁烧")) == [document.title]


def test_the_index_tasks_retry_while_the_index_stays_locked():
    assert IndexLocked in search_tasks.index_object.autoretry_for
    assert IndexLocked in search_tasks.reconcile.autoretry_for


def test_the_nightly_reconcile_repairs_both_ways_and_reports_counts(search_index, township, officer):
    from disclosure.models import Document

    with time_machine.travel(datetime(2025, 3, 3, 10, tzinfo=TZ), tick=False):
        kept = make_document("秸秆禁烧公告", "禁止焚烧。", organization=township, author=officer)
        lost = make_document("森林防火公告", "禁止野外用火。", organization=township, author=officer)
        gone = make_document("已撤回的公告", "撤回。", organization=township, author=officer)
        for document in (kept, gone):
            services.sync_object("disclosure.document", document.pk)
        Document.objects.filter(pk=gone.pk).update(status=Document.Status.WITHDRAWN)
    with time_machine.travel(datetime(2025, 3, 10, 2, 40, tzinfo=TZ), tick=False):
        report = services.reconcile()
        assert report == {"added": 1, "removed": 1, "refreshed": 0, "checked": 2}
        assert titles(find("森林防火")) == [lost.title]
        assert find("撤回").total == 0
        assert services.reconcile() == {"added": 0, "removed": 0, "refreshed": 0, "checked": 2}


def test_the_nightly_reconcile_reindexes_an_edit_whose_task_was_lost(search_index, township, officer):
    from disclosure.models import Document

    with time_machine.travel(datetime(2025, 3, 3, 10, tzinfo=TZ), tick=False):
        edited = make_document("秸秆禁烧公告", "禁止焚烧。", organization=township, author=officer)
        old = make_document("森林防火公告", "禁止野外用火。", organization=township, author=officer)
        for document in (edited, old):
            services.sync_object("disclosure.document", document.pk)
    with time_machine.travel(datetime(2025, 3, 9, 15, tzinfo=TZ), tick=False):
        # Saved without its index task (a worker lost it): the index still holds the old title.
        Document.objects.filter(pk=edited.pk).update(title="农药包装废弃物回收公告", updated_at=timezone.now())
    assert find("农药包装").total == 0
    with time_machine.travel(datetime(2025, 3, 10, 2, 40, tzinfo=TZ), tick=False):
        report = services.reconcile()
    assert report == {"added": 0, "removed": 0, "refreshed": 1, "checked": 2}  # the week-old one is left alone
    assert titles(find("农药包装")) == ["农药包装废弃物回收公告"]


def test_rebuild_and_update_index_commands_work(search_index, township, officer):
    from django.core.management import call_command

    make_document("秸秆禁烧公告", "禁止焚烧。", organization=township, author=officer)
    call_command("rebuild_index", interactive=False, verbosity=0)
    assert find("秸秆禁烧").total == 1
    make_document("森林防火公告", "禁止野外用火。", organization=township, author=officer)
    call_command("update_index", verbosity=0)
    assert find("森林防火").total == 1


def test_rebuild_index_twice_after_a_write_in_the_same_process(search_index, township, officer):
    # haystack's clear() deletes the folder and calls setup() again; the serialised setup must not skip that.
    from django.core.management import call_command

    document = make_document("秸秆禁烧公告", "禁止焚烧。", organization=township, author=officer)
    services.sync_object("disclosure.document", document.pk)
    for _ in range(2):
        call_command("rebuild_index", interactive=False, verbosity=0)
        assert find("秸秆禁烧").total == 1
