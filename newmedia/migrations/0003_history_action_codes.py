"""Filing history rows stored their action as a Chinese sentence ("创建开设备案"); they now store a code
("create_opening") whose label is that sentence, so timelines read the same. The reverse turns the codes back."""

from django.db import migrations, models

SENTENCES = {
    "创建开设备案": "create_opening",
    "修改开设备案": "update_opening",
    "创建变更备案": "create_change",
    "修改变更备案": "update_change",
    "创建关闭备案": "create_closure",
    "修改关闭备案": "update_closure",
    "报送主要领导审批": "submit",
    "主要领导审批同意": "leader_approve",
    "主要领导退回": "leader_return",
    "备案通过": "office_approve",
    "政务公开办退回": "office_return",
    "撤销备案": "withdraw",
}


def _rename(apps, mapping: dict[str, str]) -> None:
    # A queryset update: history rows refuse save() once written.
    history = apps.get_model("newmedia", "FilingHistory")
    for old, new in mapping.items():
        history.objects.filter(action=old).update(action=new)


def to_codes(apps, schema_editor):
    _rename(apps, SENTENCES)


def to_sentences(apps, schema_editor):
    _rename(apps, {code: sentence for sentence, code in SENTENCES.items()})


class Migration(migrations.Migration):
    dependencies = [("newmedia", "0002_private_images")]

    operations = [
        migrations.RunPython(to_codes, to_sentences),
        migrations.AlterField(
            model_name="filinghistory",
            name="action",
            field=models.CharField(
                choices=[
                    ("create_opening", "创建开设备案"),
                    ("update_opening", "修改开设备案"),
                    ("create_change", "创建变更备案"),
                    ("update_change", "修改变更备案"),
                    ("create_closure", "创建关闭备案"),
                    ("update_closure", "修改关闭备案"),
                    ("submit", "报送主要领导审批"),
                    ("leader_approve", "主要领导审批同意"),
                    ("leader_return", "主要领导退回"),
                    ("office_approve", "备案通过"),
                    ("office_return", "政务公开办退回"),
                    ("withdraw", "撤销备案"),
                ],
                max_length=40,
                verbose_name="操作",
            ),
        ),
    ]
