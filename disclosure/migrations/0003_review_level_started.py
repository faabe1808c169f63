from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0002_columns")]

    operations = [
        migrations.AddField(
            model_name="document",
            name="level_started_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="进入本级审核时间"),
        ),
    ]
