"""The data migration that turned the history tables' Chinese sentences into action codes, run forwards and backwards
on a database holding every kind of message, 纠错 and consultation row the services used to write."""

from datetime import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from .conftest import TZ

BEFORE = [("interaction", "0004_private_message_attachments")]
AFTER = [("interaction", "0005_history_action_codes")]

OLD = {
    "MessageHistory": {
        "提交留言": "submit", "受理": "accept", "不予受理": "reject", "分办": "dispatch", "退回": "return",
        "延期": "extend", "提交答复": "submit_reply", "答复": "reply", "审核通过答复": "approve_reply",
        "答复退回修改": "send_back", "公开": "publish", "办结": "close", "撤销公开": "unpublish", "评价": "rate",
    },
    "CorrectionHistory": {"提交纠错": "submit", "转办": "forward", "处理并答复": "reply", "不予处理": "dismiss"},
    "ConsultationHistory": {
        "创建": "create", "修改": "edit", "发布": "publish", "公开意见": "publish_opinion",
        "取消公开意见": "unpublish_opinion", "发布采纳情况": "publish_feedback",
    },
}  # fmt: skip


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _actions(apps, model: str) -> list[str]:
    return sorted(apps.get_model("interaction", model).objects.values_list("action", flat=True))


@pytest.mark.django_db(transaction=True)
def test_sentences_become_codes_and_back(office):
    apps = _migrate(BEFORE)
    message = apps.get_model("interaction", "Message").objects.create(
        tracking_number="LY2025000001", password_hash="x", kind="consult", title="咨询", content="内容", name="张三",
        phone="13812345678",
    )  # fmt: skip
    correction = apps.get_model("interaction", "Correction").objects.create(
        page_url="/a/", kind="typo", description="错字"
    )
    consultation = apps.get_model("interaction", "Consultation").objects.create(
        title="方案", background="背景", draft_text="方案", starts_at=datetime(2025, 5, 10, tzinfo=TZ),
        ends_at=datetime(2025, 5, 20, tzinfo=TZ), contact_unit_id=office.pk, contact_details="电话",
    )  # fmt: skip
    owners = {"MessageHistory": ("message", message), "CorrectionHistory": ("correction", correction),
              "ConsultationHistory": ("consultation", consultation)}  # fmt: skip
    for model, sentences in OLD.items():
        field, owner = owners[model]
        for sentence in sentences:
            apps.get_model("interaction", model).objects.create(**{field: owner}, action=sentence)

    apps = _migrate(AFTER)
    for model, sentences in OLD.items():
        assert _actions(apps, model) == sorted(sentences.values())

    apps = _migrate(BEFORE)
    for model, sentences in OLD.items():
        assert _actions(apps, model) == sorted(sentences)
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())  # leave the database as the other tests expect
