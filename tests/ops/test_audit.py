"""The audit log: a row for each event kind (login, logout, failed login, lockout, permission change, admin edit,
export) with user, time, address and what; rows cannot be changed or deleted from the application (nor, on
PostgreSQL, by SQL outside the retention purge); search and CSV export only for the system administrator."""

from datetime import timedelta

import pytest
from auditlog.context import set_actor
from django.contrib.auth.models import Group, Permission
from django.core.checks import run_checks
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from ops import services
from ops.models import AuditEntry
from portal.models import Role
from tests.ops.conftest import log_in

pytestmark = pytest.mark.django_db
E = AuditEntry.Event


def only(event: str) -> AuditEntry:
    return AuditEntry.objects.get(event=event)


def test_a_login_and_a_logout_are_recorded_with_user_time_and_address(client, officer):
    before = timezone.now()
    log_in(client, "officer", REMOTE_ADDR="10.1.2.3")
    row = only(E.LOGIN)
    assert (row.actor, row.username, row.remote_addr) == (officer, "officer", "10.1.2.3")
    assert row.timestamp >= before and row.object_pk == str(officer.pk)
    client.post("/staff/logout/", REMOTE_ADDR="10.1.2.3")
    assert only(E.LOGOUT).actor == officer


def test_a_failed_login_records_the_name_typed_and_no_actor(client, officer):
    log_in(client, "officer", password="wrong-password", REMOTE_ADDR="10.9.9.9")
    log_in(client, "no-such-user", password="whatever1", REMOTE_ADDR="10.9.9.9")
    rows = AuditEntry.objects.filter(event=E.LOGIN_FAILED).order_by("id")
    assert [(r.username, r.actor, r.remote_addr) for r in rows] == [
        ("officer", None, "10.9.9.9"),
        ("no-such-user", None, "10.9.9.9"),
    ]


def test_a_lockout_is_recorded(client, officer):
    for _ in range(5):
        log_in(client, "officer", password="wrong-password")
    assert only(E.LOCKOUT).username == "officer"
    assert AuditEntry.objects.filter(event=E.LOGIN_FAILED).count() == 4
    log_in(client, "officer")  # refused during the lock: one more lockout row, not a login
    assert AuditEntry.objects.filter(event=E.LOCKOUT).count() == 2
    assert not AuditEntry.objects.filter(event=E.LOGIN).exists()


def test_a_role_or_permission_change_is_a_permission_event(officer, admin_user):
    leaders = Group.objects.get(name=Role.LEADER)
    with set_actor(admin_user):
        officer.groups.add(leaders)
        officer.is_staff = True
        officer.save()
    rows = AuditEntry.objects.filter(event=E.PERMISSION, object_pk=str(officer.pk)).order_by("-id")[:2][::-1]
    assert [r.actor for r in rows] == [admin_user, admin_user]
    assert "增加 单位领导" in rows[0].detail
    assert "否 → 是" in rows[1].detail


def test_an_admin_edit_records_the_old_and_new_values(client, admin_user, township):
    client.force_login(admin_user)
    data = {
        "name": township.name, "short_name": township.short_name, "kind": township.kind, "code": township.code,
        "order": 100, "is_active": "on", "phone": "0123-7654321", "_save": "保存",
    }  # fmt: skip
    response = client.post(f"/admin/portal/organization/{township.pk}/change/", data, REMOTE_ADDR="10.0.0.8")
    assert response.status_code == 302
    row = AuditEntry.objects.get(event=E.UPDATE, object_pk=str(township.pk), content_type__model="organization")
    assert (row.actor, row.remote_addr) == (admin_user, "10.0.0.8")
    assert "联系电话： → 0123-7654321" in row.detail


def test_a_csv_export_of_personal_data_is_recorded_with_its_row_count(client, office_staff):
    client.force_login(office_staff)
    response = client.get("/staff/requests/export.csv", REMOTE_ADDR="10.0.0.9")
    b"".join(response.streaming_content)
    row = only(E.EXPORT)
    assert (row.actor, row.remote_addr, row.object_repr) == (office_staff, "10.0.0.9", "依申请公开申请列表 CSV")
    assert row.additional_data == {"count": 0, "path": "/staff/requests/export.csv"}


def test_rows_cannot_be_changed_or_deleted_from_the_application(officer):
    row = AuditEntry.objects.create(event=E.LOGIN, actor=officer, object_repr="x")
    row.object_repr = "changed"
    with pytest.raises(TypeError):
        row.save()
    with pytest.raises(TypeError):
        row.delete()
    with pytest.raises(TypeError):
        AuditEntry.objects.filter(pk=row.pk).update(object_repr="changed")
    with pytest.raises(TypeError):
        AuditEntry.objects.filter(pk=row.pk).delete()
    assert AuditEntry.objects.get(pk=row.pk).object_repr == "x"
    # No change or delete permission exists to grant anyone.
    codenames = set(Permission.objects.filter(content_type__app_label="ops", content_type__model="auditentry")
                    .values_list("codename", flat=True))  # fmt: skip
    assert codenames == {"view_auditentry"}


def test_the_admin_shows_rows_read_only_and_only_to_the_system_administrator(client, admin_user, office_staff):
    row = AuditEntry.objects.create(event=E.LOGIN, actor=office_staff, object_repr="x")
    client.force_login(admin_user)
    assert client.get("/admin/ops/auditentry/").status_code == 200
    assert client.post(f"/admin/ops/auditentry/{row.pk}/change/", {"object_repr": "y"}).status_code == 403
    assert client.post(f"/admin/ops/auditentry/{row.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=row.pk, object_repr="x").exists()


def test_an_account_with_audit_history_cannot_be_deleted(officer):
    AuditEntry.objects.create(event=E.LOGIN, actor=officer)
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        officer.delete()


def test_the_database_refuses_to_change_or_delete_rows_on_postgresql(postgres_only, officer):
    row = AuditEntry.objects.create(event=E.LOGIN, actor=officer, object_repr="x")
    for sql in (
        "UPDATE ops_auditentry SET object_repr = 'y' WHERE id = %s",
        "DELETE FROM ops_auditentry WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="cannot be changed or deleted"), transaction.atomic():
            connection.cursor().execute(sql, [row.pk])
    # The purge's setting lets through only rows past the six-month floor.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL ops.audit_purge = 'on'")
        cursor.execute("DELETE FROM ops_auditentry WHERE id = %s", [row.pk])
    assert AuditEntry.objects.filter(pk=row.pk).exists()


def test_the_retention_purge_deletes_only_rows_past_the_retention(settings, officer):
    settings.AUDIT_RETENTION_DAYS = 200
    now = timezone.now()
    old = AuditEntry.objects.create(event=E.LOGIN, actor=officer, timestamp=now - timedelta(days=201))
    kept = AuditEntry.objects.create(event=E.LOGIN, actor=officer, timestamp=now - timedelta(days=199))
    assert services.purge_audit() == 1
    assert not AuditEntry.objects.filter(pk=old.pk).exists()
    assert AuditEntry.objects.filter(pk=kept.pk).exists()
    assert only(E.PURGE).additional_data["deleted"] == 1


def test_a_retention_below_six_months_is_refused_by_a_system_check(settings):
    settings.AUDIT_RETENTION_DAYS = 90
    assert "ops.E001" in {m.id for m in run_checks()}
    settings.AUDIT_RETENTION_DAYS = 184
    assert "ops.E001" not in {m.id for m in run_checks()}


def test_search_finds_rows_by_event_account_and_date(client, admin_user, officer, django_assert_max_num_queries):
    log_in(client, "officer", password="wrong-password", REMOTE_ADDR="10.7.7.7")
    AuditEntry.objects.create(event=E.LOGIN, actor=officer, username="officer", remote_addr="10.7.7.8")
    client.force_login(admin_user)
    today = timezone.localdate().isoformat()
    with django_assert_max_num_queries(12):
        response = client.get("/staff/audit/", {"event": E.LOGIN_FAILED, "username": "officer", "date_from": today})
    html = response.content.decode()
    assert response.status_code == 200
    assert "共 1 条" in html and "10.7.7.7" in html and "10.7.7.8" not in html
    by_address = client.get("/staff/audit/", {"address": "10.7.7.8"}).content.decode()
    assert "共 1 条" in by_address


def test_the_csv_export_is_for_the_system_administrator_and_defuses_formulas(client, admin_user, office_staff):
    log_in(client, "=HYPERLINK(1)", password="whatever1")
    client.force_login(admin_user)
    response = client.get("/staff/audit/export.csv", {"event": E.LOGIN_FAILED})
    body = b"".join(response.streaming_content).decode("utf-8")
    assert response["Content-Type"].startswith("text/csv")
    assert body.startswith("\ufeff时间,事件,操作人,账号,来源地址")
    assert "'=HYPERLINK(1)" in body and ",=HYPERLINK" not in body
    export = only(E.EXPORT)
    assert (export.actor, export.object_repr, export.additional_data["count"]) == (admin_user, "审计日志导出", 1)

    client.force_login(office_staff)
    assert client.get("/staff/audit/").status_code == 404
    assert client.get("/staff/audit/export.csv").status_code == 404
