"""The spam model's versions: which one scans, and how it was judged."""

from __future__ import annotations

from django.db import models


class DetectorVersion(models.Model):
    """A trained spam/scam model with its held-out metrics; exactly one is active at a time.

    Version 0 is the artifact shipped with the code; retraining on reviewers' labels adds
    versions, activated only when they are no worse on the held-out split.
    """

    version = models.PositiveIntegerField(unique=True)
    artifact = models.BinaryField()
    metrics = models.JSONField(default=dict)
    trained_on = models.JSONField(default=dict, help_text="Example counts by source and label.")
    is_active = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    activated_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True, default="")

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=models.Q(is_active=True), name="one_active_detector"
            ),
        ]

    def __str__(self) -> str:
        return f"detector v{self.version}{' (active)' if self.is_active else ''}"
