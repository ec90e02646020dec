"""A sender's appeal of a rejection or a quarantine, sent by the messaging system."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Appeal(models.Model):
    """One appeal per message: the sender's note, and staff's decision with its reason."""

    class State(models.TextChoices):
        OPEN = "open", "Waiting for a decision"
        UPHELD = "upheld", "Upheld"
        OVERTURNED = "overturned", "Overturned"

    message = models.OneToOneField("inbox.Message", on_delete=models.CASCADE, related_name="appeal")
    note = models.TextField(max_length=2000)
    state = models.CharField(max_length=16, choices=State.choices, default=State.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_reason = models.TextField(blank=True, default="")

    class Meta:
        indexes = [
            models.Index(
                fields=["created_at"], name="appeal_open", condition=models.Q(state="open")
            )
        ]

    def __str__(self) -> str:
        return f"appeal of {self.message_id} ({self.state})"
