"""Campaigns: near-duplicate fingerprints and the clusters of one text sent to many."""

from __future__ import annotations

from django.db import models


class Campaign(models.Model):
    """Near-identical texts sent to many freelancers: every copy is quarantined."""

    # The MinHash signature that copies are compared with.
    signature = models.JSONField()
    preview = models.CharField(max_length=300)
    first_seen_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Campaign {self.pk}"  # its preview is a sender's text


class Fingerprint(models.Model):
    """One LSH band of a message's MinHash: messages sharing a band are candidate copies."""

    message = models.ForeignKey(
        "inbox.Message", on_delete=models.CASCADE, related_name="fingerprints"
    )
    band = models.BigIntegerField()
    recipient_id = models.CharField(max_length=128)
    unsolicited = models.BooleanField()
    created_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["band", "created_at"], name="fingerprint_band")]

    def __str__(self) -> str:
        return f"band {self.band} of {self.message_id}"


class CampaignBand(models.Model):
    """A band that belongs to a campaign: later copies join it with one indexed lookup."""

    band = models.BigIntegerField(unique=True)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="bands")

    def __str__(self) -> str:
        return f"band {self.band} of campaign {self.campaign_id}"


class PipelineLock(models.Model):
    """A named row that serialises one kind of work across processes (SELECT … FOR UPDATE)."""

    name = models.CharField(max_length=50, primary_key=True)

    def __str__(self) -> str:
        return self.name
