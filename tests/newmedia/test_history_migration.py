"""Filing history rows used to store their action as a Chinese sentence; migration 0003 turns them into codes (and
back). Run both ways on a database that holds every kind of history row."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from newmedia import services
from newmedia.models import FilingHistory
from tests.newmedia.conftest import draft_account

BEFORE_CODES = [("newmedia", "0002_private_images")]


def _migrate(targets) -> None:
    MigrationExecutor(connection).migrate(targets)


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes("newmedia")


def _stored_actions() -> dict[int, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, action FROM newmedia_filinghistory")
        return dict(cursor.fetchall())


def _every_kind_of_row(officer, leader, office_staff) -> None:
    account, opening = draft_account(officer)
    services.update_opening(opening, actor=officer, fields={"name": "城关镇发布"})
    services.submit_to_leader(opening, actor=officer)
    services.leader_return(opening, actor=leader, opinion="请补充运维人员")
    services.submit_to_leader(opening, actor=officer)
    services.leader_approve(opening, actor=leader)
    services.office_return(opening, actor=office_staff, opinion="总编辑应由在编干部担任")
    services.submit_to_leader(opening, actor=officer)
    services.leader_approve(opening, actor=leader)
    services.office_approve(opening, actor=office_staff)
    change = services.start_change(account, actor=officer, fields={"name": "城关之声"})
    services.update_change(change, actor=officer, fields={"name": "城关新声"})
    services.withdraw(change, actor=officer)
    details = services.ClosureDetails(opening.clock_start_on, "机构调整，账号撤并", "https://example.gov.cn/stop")
    closure = services.start_closure(account, actor=officer, details=details)
    services.update_closure(closure, actor=officer, details=details)


@pytest.mark.django_db(transaction=True)
def test_the_history_migration_turns_sentences_into_codes_and_back(officer, leader, office_staff):
    _every_kind_of_row(officer, leader, office_staff)
    codes = _stored_actions()
    assert set(codes.values()) == set(FilingHistory.Action.values)  # every kind is there
    latest = _latest()
    try:
        _migrate(BEFORE_CODES)
        sentences = _stored_actions()
        assert sentences == {pk: FilingHistory.Action(code).label for pk, code in codes.items()}
        assert "创建开设备案" in sentences.values() and "政务公开办退回" in sentences.values()
        _migrate(latest)
        assert _stored_actions() == codes
    finally:
        _migrate(latest)
