# The history's time, for the metrics' counts of a day (review/metrics.py). The history is the
# largest table and every delivery check writes to it, so on PostgreSQL the index is built
# CONCURRENTLY (outside a transaction: `atomic = False`), without blocking those writes.

from django.db import migrations, models

INDEX = '"decision_record_at" ON "inbox_decisionrecord" ("at")'


def create(apps, schema_editor):
    concurrently = " CONCURRENTLY" if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(f"CREATE INDEX{concurrently} IF NOT EXISTS {INDEX}")


def drop(apps, schema_editor):
    concurrently = " CONCURRENTLY" if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(f'DROP INDEX{concurrently} IF EXISTS "decision_record_at"')


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("inbox", "0017_sender_crowd_cleared_at"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(
                    model_name="decisionrecord",
                    index=models.Index(fields=["at"], name="decision_record_at"),
                ),
            ],
            database_operations=[migrations.RunPython(create, drop)],
        ),
    ]
