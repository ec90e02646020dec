"""Trust & safety's own table: bulk actions that run in the worker, with their progress."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class BulkJob(models.Model):
    """A reviewer's action on many messages, run by the worker in chunks.

    The messages are fixed when the reviewer asks (`message_ids`, in order); the worker moves
    `position` through them, so a job a worker dropped is taken up again where it stopped.
    """

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=32)  # a queue action (review.forms.QUEUE_ACTIONS)
    reason = models.TextField(blank=True, default="")
    description = models.CharField(max_length=300)  # what the reviewer chose, in words
    message_ids = models.JSONField(default=list)
    position = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    # The first reasons for skipping (enough to understand; the audit log has every action).
    skipped_examples = models.JSONField(default=list, blank=True)
    leased_until = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["created_at"],
                name="bulkjob_unfinished",
                condition=models.Q(finished_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"bulk job {self.pk}: {self.action} ({self.position}/{self.total})"

    @property
    def total(self) -> int:
        return len(self.message_ids)

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.position / self.total)
