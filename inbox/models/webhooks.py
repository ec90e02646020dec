"""The webhook outbox: events written with the change they report, and every delivery attempt."""

from __future__ import annotations

import uuid

from django.db import models

from ..vocabulary import EventState, EventType


class OutboxEvent(models.Model):
    """A webhook event, written in the same transaction as the change it reports (outbox)."""

    event_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    type = models.CharField(max_length=32, choices=EventType.choices)
    payload = models.JSONField()
    message = models.ForeignKey(
        "inbox.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    # Makes an event that must happen once (a day's digest) impossible to write twice.
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    state = models.CharField(max_length=16, choices=EventState.choices)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True, default="")

    class Meta:
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="outbox_due",
                condition=models.Q(state="pending"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.event_id} ({self.state})"


class WebhookAttempt(models.Model):
    """One try at delivering an event: what the receiver answered, or the error."""

    event = models.ForeignKey(OutboxEvent, on_delete=models.CASCADE, related_name="attempt_log")
    attempted_at = models.DateTimeField()
    status_code = models.PositiveIntegerField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True, default="")
    duration_ms = models.PositiveIntegerField()

    class Meta:
        ordering = ["attempted_at", "id"]

    def __str__(self) -> str:
        return f"{self.event_id} at {self.attempted_at:%H:%M:%S}: {self.status_code or self.error}"
