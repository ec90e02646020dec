"""Sender facts (from the messaging system) and the connections between clients and freelancers."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ..vocabulary import ConnectionKind, Standing


class Sender(models.Model):
    """What the messaging system told us about a client account (CONTRACT §1), taken as given."""

    account_id = models.CharField(max_length=128, unique=True)
    display_name = models.CharField(max_length=200)
    organization_id = models.CharField(max_length=128, blank=True, default="", db_index=True)
    identity_key = models.CharField(max_length=128, blank=True, default="", db_index=True)
    billing_verified = models.BooleanField()
    spent_last_12_months_cents = models.BigIntegerField()
    joined_at = models.DateTimeField()
    first_payment_at = models.DateTimeField(null=True, blank=True)
    standing = models.CharField(max_length=16, choices=Standing.choices)
    updated_at = models.DateTimeField(auto_now=True)
    # Trust & safety's word beats the messaging system's facts until it is lifted; fact upserts
    # never touch these fields.
    standing_override = models.CharField(
        max_length=16, choices=Standing.choices, blank=True, default=""
    )
    standing_override_reason = models.TextField(blank=True, default="")
    standing_override_at = models.DateTimeField(null=True, blank=True)
    standing_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # When staff last cleared a stop of the crowd signal: the blocks and reports against this
    # account they judged then no longer count (only newer ones can stop it again).
    crowd_cleared_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.account_id  # the display name is the sender's own, hostile text

    @property
    def effective_standing(self) -> str:
        return self.standing_override or self.standing


class Connection(models.Model):
    """An established relationship between a client and a freelancer (CONTRACT §2)."""

    client_id = models.CharField(max_length=128)
    freelancer_id = models.CharField(max_length=128)
    kind = models.CharField(max_length=32, choices=ConnectionKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["client_id", "freelancer_id", "kind"], name="connection_unique"
            ),
        ]
        indexes = [models.Index(fields=["freelancer_id", "client_id"], name="connection_reverse")]

    def __str__(self) -> str:
        return f"{self.client_id} ↔ {self.freelancer_id} ({self.kind})"
