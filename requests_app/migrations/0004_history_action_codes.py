"""The timeline's free-text actions become codes (ApplicationEvent.Action); whether the applicant sees a row now
follows from its code, so the is_public column goes; Letter.template, written and never read, goes too."""

from django.db import migrations, models

# The sentences the services wrote before the codes, and their codes. 登记 rows named the channel (登记信函申请).
SENTENCES = {
    "网上提交申请": "submit",
    "确认接收": "confirm_receipt",
    "交办": "assign",
    "要求补正": "request_correction",
    "收到补正材料": "receive_correction",
    "逾期未补正，终止办理": "lapse_correction",
    "征求第三方意见": "ask_third_party",
    "收到第三方意见": "third_party_answer",
    "申请延期答复": "request_extension",
    "延期答复": "approve_extension",
    "不同意延期": "reject_extension",
    "拟写答复": "draft_reply",
    "退回修改答复": "return_draft",
    "答复": "approve_reply",
    "申请人撤回申请": "withdraw",
    "重新计算答复期限": "recompute_due",
    "重新计算第三方答复期限": "recompute_third_party_due",
}
CHANNELS = {"online": "网上申请", "letter": "信函申请", "in_person": "当面申请", "fax": "传真申请"}
INTERNAL = {
    "assign",
    "request_extension",
    "reject_extension",
    "draft_reply",
    "return_draft",
    "recompute_third_party_due",
}


def to_codes(apps, schema_editor):
    Event = apps.get_model("requests_app", "ApplicationEvent")
    for sentence, code in SENTENCES.items():
        Event.objects.filter(action=sentence).update(action=code)
    Event.objects.filter(action__startswith="登记").update(action="register")


def to_sentences(apps, schema_editor):
    Event = apps.get_model("requests_app", "ApplicationEvent")
    for sentence, code in SENTENCES.items():
        Event.objects.filter(action=code).update(action=sentence, is_public=code not in INTERNAL)
    for channel, label in CHANNELS.items():
        Event.objects.filter(action="register", application__channel=channel).update(action=f"登记{label}")


class Migration(migrations.Migration):
    dependencies = [
        ("requests_app", "0003_private_files"),
    ]

    operations = [
        migrations.RunPython(to_codes, to_sentences),
        migrations.RemoveField(
            model_name="applicationevent",
            name="is_public",
        ),
        migrations.RemoveField(
            model_name="letter",
            name="template",
        ),
        migrations.AlterField(
            model_name="applicationevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("submit", "网上提交申请"),
                    ("register", "登记申请"),
                    ("confirm_receipt", "确认接收"),
                    ("assign", "交办"),
                    ("request_correction", "要求补正"),
                    ("receive_correction", "收到补正材料"),
                    ("lapse_correction", "逾期未补正，终止办理"),
                    ("ask_third_party", "征求第三方意见"),
                    ("third_party_answer", "收到第三方意见"),
                    ("request_extension", "申请延期答复"),
                    ("approve_extension", "延期答复"),
                    ("reject_extension", "不同意延期"),
                    ("draft_reply", "拟写答复"),
                    ("return_draft", "退回修改答复"),
                    ("approve_reply", "答复"),
                    ("withdraw", "申请人撤回申请"),
                    ("recompute_due", "重新计算答复期限"),
                    ("recompute_third_party_due", "重新计算第三方答复期限"),
                ],
                max_length=40,
                verbose_name="操作",
            ),
        ),
    ]
