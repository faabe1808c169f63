"""索引号: {unit code}/{year}-{00001}, unique and gapless per unit and year, safe under concurrent publishing."""

import threading
import traceback
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection, connections

from disclosure import services
from disclosure.models import Document, IndexCounter
from tests.disclosure.conftest import YES, passed, published, submitted

TZ = ZoneInfo("Asia/Shanghai")


@pytest.mark.django_db
def test_serials_count_up_per_unit_and_restart_each_year(officer, reviewer, leader, office_staff, news_column):
    code = officer.organization.code
    with time_machine.travel(datetime(2026, 12, 31, 23, 50, tzinfo=TZ), tick=False):
        first = published(officer, reviewer, leader, office_staff, news_column)
        second = published(officer, reviewer, leader, office_staff, news_column)
    with time_machine.travel(datetime(2027, 1, 4, 9, tzinfo=TZ), tick=False):
        third = published(officer, reviewer, leader, office_staff, news_column)
    assert [first.index_number, second.index_number, third.index_number] == [
        f"{code}/2026-00001",
        f"{code}/2026-00002",
        f"{code}/2027-00001",
    ]


@pytest.mark.django_db
def test_units_have_their_own_sequences(officer, reviewer, leader, office_staff, news_column, other_township):
    from portal.models import Role
    from tests.conftest import make_user

    mine = published(officer, reviewer, leader, office_staff, news_column)
    people = [
        make_user(f"o{i}", other_township, role) for i, role in enumerate([Role.OFFICER, Role.REVIEWER, Role.LEADER])
    ]
    theirs = published(*people, office_staff, news_column)
    assert mine.index_number.endswith("-00001") and theirs.index_number.endswith("-00001")
    assert mine.index_number != theirs.index_number


@pytest.mark.django_db
def test_index_number_is_kept_when_withdrawn_and_never_reused(officer, reviewer, leader, office_staff, news_column):
    first = published(officer, reviewer, leader, office_staff, news_column)
    services.withdraw(first, actor=office_staff, reason="内容有误，撤回")
    second = published(officer, reviewer, leader, office_staff, news_column)
    assert Document.objects.get(pk=first.pk).index_number.endswith("-00001")
    assert second.index_number.endswith("-00002")


@pytest.mark.django_db
def test_a_failed_publish_leaves_no_gap(officer, reviewer, leader, office_staff, news_column, monkeypatch):
    document = passed(submitted(officer, news_column), reviewer, leader)

    def boom(*args, **kwargs):
        raise RuntimeError("simulated failure after the serial was taken")

    monkeypatch.setattr(services, "is_late", boom)
    with pytest.raises(RuntimeError):
        services.review(document, actor=office_staff, decision="pass", checklist=YES)
    monkeypatch.undo()
    assert not IndexCounter.objects.filter(last_serial__gt=0).exists()
    assert passed(document, office_staff).index_number.endswith("-00001")


@pytest.mark.django_db(transaction=True)
def test_concurrent_publishes_get_distinct_contiguous_serials(
    postgres_only, officer, reviewer, leader, office_staff, news_column
):
    """8 threads publish 40 documents of one unit at once against PostgreSQL: the counter row lock must hand out
    1..40 exactly once each."""
    documents = [passed(submitted(officer, news_column, title=f"并发发布测试{i}"), reviewer, leader) for i in range(40)]
    chunks = [documents[i::8] for i in range(8)]
    barrier = threading.Barrier(8)
    errors: list[str] = []

    def publish_all(chunk):
        try:
            barrier.wait()
            for document in chunk:
                services.review(document, actor=office_staff, decision="pass", checklist=YES)
        except BaseException:  # noqa: BLE001 - reported by the assertion below, with its traceback
            errors.append(traceback.format_exc())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish_all, args=(chunk,)) for chunk in chunks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = list(Document.objects.filter(status="published").values_list("index_number", flat=True))
    serials = sorted(int(n.rsplit("-", 1)[1]) for n in numbers)
    assert serials == list(range(1, 41))
    assert connection.vendor == "postgresql"
