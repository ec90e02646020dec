"""The asynchronous half: scans, campaigns, pull-back on block, retention and digests.

Every piece of work has a durable marker in the database (a message's `scan_state`, a block's
`pulled_back_at`, an event's `state`), and tasks only carry ids. A task that finds its work done
is a no-op; a sweep re-enqueues work whose lease ran out, so a lost task (worker killed, broker
down) is done later rather than lost. Each unit of work commits in one transaction with its
history rows and events.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from preferences.models import Block, Freelancer

from . import selectors
from .detection import fingerprint
from .detection.preview import safe_preview
from .models import (
    Campaign,
    CampaignBand,
    DecidedBy,
    DecisionRecord,
    EventType,
    Fingerprint,
    Message,
    Outcome,
    PipelineLock,
    ScanState,
    Sender,
)
from .outbox import event_record
from .policy import BLOCK_REASONS, ScanFindings, scan_outcome
from .services import message_flag, message_transition
from .vocabulary import ReasonCode

logger = logging.getLogger(__name__)

NEW_SENDER_DAYS = 30
CAMPAIGN_CANDIDATES = 1000
PULL_BACK_STATES = (Outcome.HOLD, Outcome.REQUEST, Outcome.DELIVER)


# --- Scanning --------------------------------------------------------------------------------


def message_scan(*, message_pk: int) -> bool:
    """Scan one message and settle it; return False if it was already scanned (a no-op)."""
    message = Message.objects.filter(pk=message_pk, scan_state=ScanState.PENDING).first()
    if message is None:
        return False
    now = timezone.now()
    sender = Sender.objects.filter(account_id=message.sender_id).first()
    new_sender = sender is None or now - sender.joined_at < timedelta(days=NEW_SENDER_DAYS)
    policy = selectors.policy_get_active()
    analysis, ruling = selectors.text_assess(
        message.body, connected=not message.unsolicited, new_sender=new_sender, policy=policy
    )
    trusted = selectors.sender_trusted_at_check(message=message)
    with transaction.atomic():
        claimed = Message.objects.filter(pk=message.pk, scan_state=ScanState.PENDING).update(
            scan_state=ScanState.DONE,
            scanned_at=now,
            analysis={**analysis.as_dict(), "contact_rule": ruling.as_dict()},
            spam_label=analysis.spam.label,
            spam_score=analysis.spam.score,
        )
        if not claimed:
            return False  # another worker scanned it meanwhile
        message.refresh_from_db()
        campaign, recipients, copies = _campaign_observe(message, policy, now)
        findings = ScanFindings(
            label=analysis.spam.label,
            score=analysis.spam.score,
            signals=tuple(analysis.spam.signals),
            campaign_recipients=recipients if campaign else None,
            contact_codes=ruling.codes,
            trusted_sender=trusted,
        )
        window = timedelta(hours=policy.campaign_window_hours)
        outcome = scan_outcome(
            decision=message.decision,
            pass_decision=message.pass_decision,
            findings=findings,
            spam_threshold=policy.spam_threshold,
            campaign_window=window,
            contact_action=ruling.action,
        )
        if outcome is not None:
            # A flag settles (or leaves) the message and marks it for staff; otherwise it moves.
            settle = message_flag if outcome.flagged else message_transition
            settle(
                message=message,
                to=outcome.decision,
                reasons=[reason.as_dict() for reason in outcome.reasons],
                by=DecidedBy.SCAN,
                now=now,
            )
        for copy in copies:
            _quarantine_copy(copy, recipients=recipients, window=window, now=now)
    return True


def _campaign_observe(
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


def _quarantine_copy(copy: Message, *, recipients: int, window: timedelta, now: datetime) -> None:
    hours = window.total_seconds() / 3600
    reason = {
        "code": ReasonCode.CAMPAIGN,
        "detail": f"The same text was sent to {recipients} freelancers within {hours:g} hours.",
    }
    message_transition(
        message=copy, to=Outcome.QUARANTINE, reasons=[reason], by=DecidedBy.SCAN, now=now
    )


# --- Pull back on block ----------------------------------------------------------------------


def block_pull_back(*, block_id: int) -> int:
    """Quarantine the blocked sender's held, requested and recent delivered messages.

    Return how many messages moved. Each move raises `message.quarantined` so the messaging
    system hides the message unread. Idempotent: moved messages are no longer candidates.
    """
    block = Block.objects.select_related("freelancer").filter(pk=block_id).first()
    if block is None or block.pulled_back_at is not None:
        return 0
    policy = selectors.policy_get_active()
    since = timezone.now() - timedelta(days=policy.retention_delivered_days)
    senders = _senders_covered(block)
    moved = 0
    candidates = Message.objects.filter(
        recipient_id=block.freelancer.account_id,
        sender_id__in=senders,
        decision__in=PULL_BACK_STATES,
        received_at__gte=since,
    )
    reason = {
        "code": BLOCK_REASONS[block.scope],
        "detail": "Moved to quarantine because the freelancer blocked the sender.",
    }
    for message in candidates.order_by("id"):
        moved += message_transition(
            message=message, to=Outcome.QUARANTINE, reasons=[reason], by=DecidedBy.FREELANCER
        )
    Block.objects.filter(pk=block.pk, pulled_back_at__isnull=True).update(
        pulled_back_at=timezone.now()
    )
    return moved


def _senders_covered(block: Block) -> list[str]:
    covered = Q(account_id=block.sender_id)
    if block.scope == "organization" and block.organization_id:
        covered |= Q(organization_id=block.organization_id)
    if block.scope == "linked" and block.identity_key:
        covered |= Q(identity_key=block.identity_key)
    return list(
        {block.sender_id, *Sender.objects.filter(covered).values_list("account_id", flat=True)}
    )


# --- Sweeps: re-enqueue work whose task was lost ---------------------------------------------


def scans_claim_for_enqueue(*, limit: int = 1000) -> list[int]:
    """Return pending scans never enqueued or whose lease ran out, marking them enqueued now."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.WORK_LEASE_SECONDS)
    ids = list(
        Message.objects.filter(scan_state=ScanState.PENDING)
        .filter(Q(scan_enqueued_at__isnull=True) | Q(scan_enqueued_at__lt=stale))
        .order_by("id")
        .values_list("pk", flat=True)[:limit]
    )
    if ids:
        Message.objects.filter(pk__in=ids, scan_state=ScanState.PENDING).update(
            scan_enqueued_at=now
        )
    return ids


def blocks_pending_pull_back(*, limit: int = 1000) -> list[int]:
    """Return blocks whose pull-back has not run and that are older than the lease."""
    stale = timezone.now() - timedelta(seconds=settings.WORK_LEASE_SECONDS)
    return list(
        Block.objects.filter(pulled_back_at__isnull=True, created_at__lt=stale)
        .order_by("id")
        .values_list("pk", flat=True)[:limit]
    )


# --- Retention and digests -------------------------------------------------------------------


def bodies_purge(*, now: datetime | None = None) -> int:
    """Empty message bodies past retention; decisions and history stay. Return how many."""
    now = now or timezone.now()
    policy = selectors.policy_get_active()
    quarantined_before = now - timedelta(days=policy.retention_quarantined_days)
    others_before = now - timedelta(days=policy.retention_delivered_days)
    expired = Q(decision=Outcome.QUARANTINE, received_at__lt=quarantined_before) | Q(
        ~Q(decision=Outcome.QUARANTINE), received_at__lt=others_before
    )
    return Message.objects.filter(expired, body_purged_at__isnull=True).update(
        body="", body_purged_at=now
    )


def digests_send(*, now: datetime | None = None) -> int:
    """Raise one `freelancer.digest` event a day per opted-in freelancer with news.

    A digest carries counts and a link, never a body or a sender.
    """
    now = now or timezone.now()
    since = now - timedelta(days=1)
    sent = 0
    for account_id in Freelancer.objects.filter(digest_enabled=True).values_list(
        "account_id", flat=True
    ):
        counts = DecisionRecord.objects.filter(
            message__recipient_id=account_id, at__gte=since
        ).aggregate(
            quarantined=Count("message", distinct=True, filter=Q(decision=Outcome.QUARANTINE)),
            requests=Count("message", distinct=True, filter=Q(decision=Outcome.REQUEST)),
        )
        if not counts["quarantined"] and not counts["requests"]:
            continue
        key = f"digest:{account_id}:{now.date().isoformat()}"
        with transaction.atomic():
            if selectors.event_exists(dedupe_key=key):
                continue
            event_record(
                type=EventType.DIGEST,
                dedupe_key=key,
                now=now,
                payload={
                    "recipient_id": account_id,
                    "quarantined": counts["quarantined"],
                    "requests": counts["requests"],
                    "link": f"{settings.PUBLIC_BASE_URL.rstrip('/')}/quarantine/",
                },
            )
        sent += 1
    return sent
