"""Campaigns: one text sent to many freelancers, found by near-duplicate fingerprints."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count

from ..detection import fingerprint
from ..detection.preview import safe_preview
from ..models import (
    Campaign,
    CampaignBand,
    DecidedBy,
    Fingerprint,
    Message,
    Outcome,
    PipelineLock,
)
from ..policy import campaign_reason
from ..services import message_transition

CAMPAIGN_CANDIDATES = 1000


def campaign_observe(
    message: Message, policy: Any, now: datetime
) -> tuple[Campaign | None, int, list[Message]]:
    """Fingerprint the message; return its campaign, the campaign's reach, and copies to pull.

    Serialised by a lock row so that two copies scanned at once cannot both miss each other.
    """
    sig = fingerprint.signature(message.body)
    if sig is None:
        return None, 0, []
    bands = fingerprint.bands(sig)
    PipelineLock.objects.select_for_update().get_or_create(name="campaigns")
    _fingerprint_store(message, sig, bands, now)
    for owned in CampaignBand.objects.filter(band__in=bands).select_related("campaign"):
        campaign = owned.campaign
        if fingerprint.similarity(sig, campaign.signature) >= fingerprint.SIMILAR:
            Message.objects.filter(pk=message.pk).update(campaign=campaign)
            Campaign.objects.filter(pk=campaign.pk).update(last_seen_at=now)
            return campaign, _campaign_reach(campaign), []
    window_start = now - timedelta(hours=policy.campaign_window_hours)
    candidate_ids = set(
        Fingerprint.objects.filter(band__in=bands, created_at__gte=window_start)
        .exclude(message_id=message.pk)
        .values_list("message_id", flat=True)[:CAMPAIGN_CANDIDATES]
    )
    similar = [
        candidate
        for candidate in Message.objects.filter(pk__in=candidate_ids)
        .exclude(minhash=None)
        .only("pk", "recipient_id", "unsolicited", "minhash", "received_at", "decision")
        if fingerprint.similarity(sig, list(candidate.minhash or ())) >= fingerprint.SIMILAR
    ]
    recipients = {c.recipient_id for c in similar if c.unsolicited}
    if message.unsolicited:
        recipients.add(message.recipient_id)
    if len(recipients) < policy.campaign_min_recipients:
        return None, len(recipients), []
    campaign = Campaign.objects.create(
        signature=sig,
        preview=safe_preview(message.body, 300),
        first_seen_at=min([c.received_at for c in similar] + [message.received_at]),
        last_seen_at=now,
    )
    CampaignBand.objects.bulk_create(
        [CampaignBand(band=band, campaign=campaign) for band in bands], ignore_conflicts=True
    )
    members = [message.pk] + [c.pk for c in similar]
    Message.objects.filter(pk__in=members).update(campaign=campaign)
    return campaign, len(recipients), similar


def _fingerprint_store(message: Message, sig: list[int], bands: list[int], now: datetime) -> None:
    Message.objects.filter(pk=message.pk).update(minhash=sig)
    Fingerprint.objects.bulk_create(
        [
            Fingerprint(
                message=message,
                band=band,
                recipient_id=message.recipient_id,
                unsolicited=message.unsolicited,
                created_at=now,
            )
            for band in bands
        ]
    )


def _campaign_reach(campaign: Campaign) -> int:
    return Message.objects.filter(campaign=campaign, unsolicited=True).aggregate(
        recipients=Count("recipient_id", distinct=True)
    )["recipients"]


def quarantine_copy(copy: Message, *, recipients: int, window: timedelta, now: datetime) -> None:
    reason = campaign_reason(recipients, window).as_dict()
    message_transition(
        message=copy, to=Outcome.QUARANTINE, reasons=[reason], by=DecidedBy.SCAN, now=now
    )
