"""规章 and 行政规范性文件 are published only with their 文号: a column flag, set on those two columns."""

from django.db import migrations, models

DOC_NUMBER_COLUMNS = ("gz", "gfxwj")


def mark_doc_number_columns(apps, schema_editor):
    Column = apps.get_model("disclosure", "Column")
    Column.objects.filter(slug__in=DOC_NUMBER_COLUMNS).update(requires_doc_number=True)


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0003_review_level_started")]

    operations = [
        migrations.AddField(
            model_name="column",
            name="requires_doc_number",
            field=models.BooleanField(
                default=False,
                help_text="勾选后，此栏目的信息须填写文号才能报送和发布（如规章、行政规范性文件）。",
                verbose_name="须有文号",
            ),
        ),
        migrations.RunPython(mark_doc_number_columns, migrations.RunPython.noop),
    ]
