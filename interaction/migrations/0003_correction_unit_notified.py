from django.db import migrations, models
from django.db.models import F


def mark_forwarded_as_notified(apps, schema_editor):
    # Corrections forwarded before this field existed had their notice sent by the task; the sweep must not resend.
    Correction = apps.get_model("interaction", "Correction")
    Correction.objects.filter(forwarded_at__isnull=False).update(unit_notified_at=F("forwarded_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("interaction", "0002_received_month"),
    ]

    operations = [
        migrations.AddField(
            model_name="correction",
            name="unit_notified_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(mark_forwarded_as_notified, migrations.RunPython.noop),
    ]
