"""The history tables' free-text actions become codes (MessageHistory, CorrectionHistory and ConsultationHistory each
have their Action choices); the reverse writes the sentences back."""

from django.db import migrations, models

# Per history model, the sentences the services wrote before the codes, and their codes.
SENTENCES = {
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


def to_codes(apps, schema_editor):
    for model, sentences in SENTENCES.items():
        History = apps.get_model("interaction", model)
        for sentence, code in sentences.items():
            History.objects.filter(action=sentence).update(action=code)


def to_sentences(apps, schema_editor):
    for model, sentences in SENTENCES.items():
        History = apps.get_model("interaction", model)
        for sentence, code in sentences.items():
            History.objects.filter(action=code).update(action=sentence)


class Migration(migrations.Migration):
    dependencies = [
        ("interaction", "0004_private_message_attachments"),
    ]

    operations = [
        migrations.RunPython(to_codes, to_sentences),
        migrations.AlterField(
            model_name="consultationhistory",
            name="action",
            field=models.CharField(
                choices=[
                    ("create", "创建"),
                    ("edit", "修改"),
                    ("publish", "发布"),
                    ("publish_opinion", "公开意见"),
                    ("unpublish_opinion", "取消公开意见"),
                    ("publish_feedback", "发布采纳情况"),
                ],
                max_length=40,
                verbose_name="操作",
            ),
        ),
        migrations.AlterField(
            model_name="correctionhistory",
            name="action",
            field=models.CharField(
                choices=[("submit", "提交纠错"), ("forward", "转办"), ("reply", "处理并答复"), ("dismiss", "不予处理")],
                max_length=40,
                verbose_name="操作",
            ),
        ),
        migrations.AlterField(
            model_name="messagehistory",
            name="action",
            field=models.CharField(
                choices=[
                    ("submit", "提交留言"),
                    ("accept", "受理"),
                    ("reject", "不予受理"),
                    ("dispatch", "分办"),
                    ("return", "退回"),
                    ("extend", "延期"),
                    ("submit_reply", "提交答复"),
                    ("reply", "答复"),
                    ("approve_reply", "审核通过答复"),
                    ("send_back", "答复退回修改"),
                    ("publish", "公开"),
                    ("close", "办结"),
                    ("unpublish", "撤销公开"),
                    ("rate", "评价"),
                ],
                max_length=40,
                verbose_name="操作",
            ),
        ),
    ]
