"""The data migration that turned the timeline's Chinese sentences into action codes, run forwards and backwards on a
database holding every kind of row the services used to write."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("requests_app", "0003_private_files")]
AFTER = [("requests_app", "0004_history_action_codes")]

OLD_ROWS = {
    "网上提交申请": "submit", "登记信函申请": "register", "确认接收": "confirm_receipt", "交办": "assign",
    "要求补正": "request_correction", "收到补正材料": "receive_correction",
    "逾期未补正，终止办理": "lapse_correction", "征求第三方意见": "ask_third_party",
    "收到第三方意见": "third_party_answer", "申请延期答复": "request_extension", "延期答复": "approve_extension",
    "不同意延期": "reject_extension", "拟写答复": "draft_reply", "退回修改答复": "return_draft",
    "答复": "approve_reply", "申请人撤回申请": "withdraw", "重新计算答复期限": "recompute_due",
    "重新计算第三方答复期限": "recompute_third_party_due",
}  # fmt: skip
INTERNAL = {"交办", "申请延期答复", "不同意延期", "拟写答复", "退回修改答复", "重新计算第三方答复期限"}


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_sentences_become_codes_and_back(office):
    apps = _migrate(BEFORE)
    Application = apps.get_model("requests_app", "Application")
    Event = apps.get_model("requests_app", "ApplicationEvent")
    app = Application.objects.create(
        tracking_number="YSQ2024000001", password_hash="x", applicant_type="natural", applicant_name="张三",
        phone="13800138000", address="人民路1号", form_wanted="paper", delivery="post", organization_id=office.pk,
        channel="letter",
    )  # fmt: skip
    for sentence in OLD_ROWS:
        Event.objects.create(application=app, action=sentence, is_public=sentence not in INTERNAL)

    apps = _migrate(AFTER)
    Event = apps.get_model("requests_app", "ApplicationEvent")
    assert sorted(Event.objects.values_list("action", flat=True)) == sorted(OLD_ROWS.values())

    apps = _migrate(BEFORE)
    Event = apps.get_model("requests_app", "ApplicationEvent")
    assert sorted(Event.objects.values_list("action", "is_public")) == sorted(
        (sentence, sentence not in INTERNAL) for sentence in OLD_ROWS
    )
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())  # leave the database as the other tests expect
