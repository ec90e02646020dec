"""A check's insert writes fewer indexes (issue 13).

`message_id` is unique by a constraint instead of `unique=True`, which on PostgreSQL also built a
`varchar_pattern_ops` index (for LIKE) that no query reads. The foreign keys that are null on
almost every row (a message's campaign, claimer and reviewer; a history row's actor) are indexed
where they are set only. The new index and constraint come first, so the column is never
without either.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("inbox", "0018_decision_record_at"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="message",
            constraint=models.UniqueConstraint(fields=("message_id",), name="message_id_unique"),
        ),
        migrations.AddIndex(
            model_name="decisionrecord",
            index=models.Index(
                condition=models.Q(("actor__isnull", False)),
                fields=["actor"],
                name="decision_record_actor",
            ),
        ),
        migrations.AddIndex(
            model_name="message",
            index=models.Index(
                condition=models.Q(("campaign__isnull", False)),
                fields=["campaign"],
                name="message_campaign",
            ),
        ),
        migrations.AddIndex(
            model_name="message",
            index=models.Index(
                condition=models.Q(("claimed_by__isnull", False)),
                fields=["claimed_by"],
                name="message_claimed_by",
            ),
        ),
        migrations.AddIndex(
            model_name="message",
            index=models.Index(
                condition=models.Q(("reviewed_by__isnull", False)),
                fields=["reviewed_by"],
                name="message_reviewed_by",
            ),
        ),
        migrations.AlterField(
            model_name="message",
            name="message_id",
            field=models.CharField(max_length=128),
        ),
        # The foreign keys keep their constraints (re-adding one would check every row): only
        # their full indexes go, by the names Django gave them.
        *(
            migrations.SeparateDatabaseAndState(
                database_operations=[
                    migrations.RunSQL(
                        f"DROP INDEX IF EXISTS {index}",
                        reverse_sql=f"CREATE INDEX {index} ON {table} ({column})",
                    )
                ],
                state_operations=[
                    migrations.AlterField(
                        model_name=model,
                        name=column.removesuffix("_id"),
                        field=models.ForeignKey(
                            blank=True,
                            db_index=False,
                            null=True,
                            on_delete=django.db.models.deletion.SET_NULL,
                            related_name=related_name,
                            to=to,
                        ),
                    )
                ],
            )
            for model, table, column, index, related_name, to in (
                (
                    "decisionrecord",
                    "inbox_decisionrecord",
                    "actor_id",
                    "inbox_decisionrecord_actor_id_9896eba7",
                    "+",
                    settings.AUTH_USER_MODEL,
                ),
                (
                    "message",
                    "inbox_message",
                    "campaign_id",
                    "inbox_message_campaign_id_ae2d1c78",
                    "messages",
                    "inbox.campaign",
                ),
                (
                    "message",
                    "inbox_message",
                    "claimed_by_id",
                    "inbox_message_claimed_by_id_e595e3ee",
                    "+",
                    settings.AUTH_USER_MODEL,
                ),
                (
                    "message",
                    "inbox_message",
                    "reviewed_by_id",
                    "inbox_message_reviewed_by_id_9d50a6fa",
                    "+",
                    settings.AUTH_USER_MODEL,
                ),
            )
        ),
    ]
