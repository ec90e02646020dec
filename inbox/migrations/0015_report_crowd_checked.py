"""SpamReport.crowd_checked_at: a report the crowd signal has not counted yet is swept again.

Reports made before this migration were counted by the task their report sent: they are marked
as counted at the time they were made.
"""

from django.db import migrations, models
from django.db.models import F


def mark_earlier_reports_counted(apps, schema_editor):
    SpamReport = apps.get_model("inbox", "SpamReport")
    SpamReport.objects.update(crowd_checked_at=F("created_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("inbox", "0014_appeals"),
    ]

    operations = [
        migrations.AddField(
            model_name="spamreport",
            name="crowd_checked_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(mark_earlier_reports_counted, migrations.RunPython.noop),
    ]
