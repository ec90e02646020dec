"""Campaigns: one text sent to many freelancers, found by near-duplicate fingerprints.

How copies scanned at the same moment still find each other, without every scan queueing behind
one lock:

1. `fingerprint_publish` commits the message's fingerprint (its MinHash and LSH bands) before
   its scan looks for copies. Of any copies scanned at once, the one that looks last therefore
   sees the others.
2. `campaign_lookout` then looks, outside the scan's transaction: a campaign this text already
   belongs to, or copies of it within the window.
3. A scan that saw copies but no campaign takes the campaign lock, first thing in its
   transaction (before it touches any row, so it never waits for the lock while holding a row
   another scan needs). If its copies reach a campaign's size it takes the lock exclusively and
   looks again under it: it makes the campaign, or joins the one a scan holding the lock before
   it just made. If they do not, it takes the lock shared: scans of copies below the size do not
   wait for each other, only for a scan making a campaign at that moment, whose campaign they
   then look for and join. A shared holder never makes a campaign: the copy published after it
   looked sees it, and makes the campaign if they reach the size (decision 023 says when it
   may count fewer). A text with no copy in sight,
   most texts, takes no lock; nor does joining an existing campaign.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import connection, transaction
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
)
from ..policy import campaign_reason
from ..services import message_transition

CAMPAIGN_CANDIDATES = 1000


@dataclass(frozen=True, slots=True)
class Published:
    """A message's committed fingerprint."""

    signature: list[int]
    bands: list[int]


@dataclass(frozen=True, slots=True)
class Copy:
    """A near-identical message seen within the window (plain values, not a model instance)."""

    pk: int
    recipient_id: str
    unsolicited: bool
    received_at: datetime


@dataclass(frozen=True, slots=True)
class Lookout:
    """What a scan found before its transaction: an existing campaign, or copies."""

    published: Published | None
    campaign: Campaign | None = None
    copies: tuple[Copy, ...] = ()
    recipients: frozenset[str] = frozenset()

    @property
    def needs_lock(self) -> bool:
        """Whether the scan must take the campaign lock: copies in sight, and no campaign yet.

        Not only when the copies already make a campaign: one being made by another scan at
        this moment is invisible until it commits, and the window and the similarity of each
        pair can make this scan count fewer copies than that one did. Such a scan takes the
        lock shared (`creates` says when it must take it exclusively).
        """
        return self.published is not None and self.campaign is None and bool(self.copies)

    def creates(self, policy: Any) -> bool:
        """Whether these copies make a campaign (the scan takes the lock exclusively)."""
        return self.needs_lock and len(self.recipients) >= policy.campaign_min_recipients


def fingerprints_publish(messages: Sequence[Message], now: datetime) -> dict[int, Published | None]:
    """Store and commit the fingerprints of messages about to be scanned; return each one's
    (None for a text too short to fingerprint).

    A batch of scans publishes together, in one transaction of three statements. A message
    published before (a failed try of its scan, or another scan of it) has its bands replaced,
    not doubled.
    """
    published: dict[int, Published | None] = {}
    for message in messages:
        sig = fingerprint.signature(message.body)
        published[message.pk] = None if sig is None else Published(sig, fingerprint.bands(sig))
    signed = [(message, found) for message in messages if (found := published[message.pk])]
    if not signed:
        return published
    with transaction.atomic():
        # The rows first: a second scan of one of these messages (a claim whose lease ran out)
        # waits here for the first to commit, then replaces its bands instead of adding to them.
        for message, found in signed:
            message.minhash = found.signature
        Message.objects.bulk_update([message for message, _ in signed], ["minhash"])
        Fingerprint.objects.filter(message_id__in=[message.pk for message, _ in signed]).delete()
        Fingerprint.objects.bulk_create(
            [
                Fingerprint(
                    message=message,
                    band=band,
                    recipient_id=message.recipient_id,
                    unsolicited=message.unsolicited,
                    created_at=now,
                )
                for message, found in signed
                for band in found.bands
            ]
        )
    return published


def fingerprint_publish(message: Message, now: datetime) -> Published | None:
    """Store and commit one message's fingerprint (see `fingerprints_publish`)."""
    return fingerprints_publish([message], now)[message.pk]


def campaign_lookout(
    message: Message, published: Published | None, policy: Any, now: datetime
) -> Lookout:
    """Return the campaign the message's text belongs to, or the copies of it in the window."""
    if published is None:
        return Lookout(None)
    campaign = _campaign_owning(published)
    if campaign is not None:
        return Lookout(published, campaign=campaign)
    window_start = now - timedelta(hours=policy.campaign_window_hours)
    candidates = (
        Fingerprint.objects.filter(band__in=published.bands, created_at__gte=window_start)
        .exclude(message_id=message.pk)
        .values("message_id")
        .distinct()[:CAMPAIGN_CANDIDATES]  # messages, not their (up to 16) shared bands
    )
    copies = tuple(
        Copy(pk, recipient_id, unsolicited, received_at)
        for pk, recipient_id, unsolicited, minhash, received_at in Message.objects.filter(
            pk__in=candidates, minhash__isnull=False
        ).values_list("pk", "recipient_id", "unsolicited", "minhash", "received_at")
        if fingerprint.similarity(published.signature, minhash or []) >= fingerprint.SIMILAR
    )
    recipients = {copy.recipient_id for copy in copies if copy.unsolicited}
    if message.unsolicited:
        recipients.add(message.recipient_id)
    return Lookout(published, copies=copies, recipients=frozenset(recipients))


def _campaign_owning(published: Published) -> Campaign | None:
    """Return the campaign whose signature this text is similar to (one indexed read)."""
    for owned in CampaignBand.objects.filter(band__in=published.bands).select_related("campaign"):
        if (
            fingerprint.similarity(published.signature, owned.campaign.signature)
            >= fingerprint.SIMILAR
        ):
            return owned.campaign
    return None


# The campaign lock is a PostgreSQL advisory lock, not a row lock: a shared request waits behind
# an exclusive one already waiting, so a scan making a campaign is never starved by a stream of
# scans below the size (a row's FOR SHARE would go straight past it). The key is this app's own.
_CAMPAIGN_LOCK_KEY = 0x1B0C_CA4D
_TAKE_EXCLUSIVE = "SELECT pg_advisory_xact_lock(%s)"
_TAKE_SHARED = "SELECT pg_advisory_xact_lock_shared(%s)"


def campaign_lock(*, exclusive: bool) -> None:
    """Take the campaign lock until the transaction ends, shared or exclusive (see the module's
    docstring). SQLite needs none: its write transactions are serialised (`IMMEDIATE`)."""
    if connection.vendor != "postgresql":
        return
    take = _TAKE_EXCLUSIVE if exclusive else _TAKE_SHARED
    with connection.cursor() as cursor:
        cursor.execute(take, [_CAMPAIGN_LOCK_KEY])


def campaign_observe(
    message: Message, lookout: Lookout, policy: Any, now: datetime, *, locked: bool
) -> tuple[Campaign | None, int, list[Message]]:
    """Join or make the message's campaign; return it, its reach and the copies to pull back.

    Runs in the scan's transaction; `locked` says whether it took the campaign lock (it must,
    when it saw copies). Under the lock it looks again: for copies too when it took the lock
    exclusively (`lookout.creates`), for a campaign only when it took it shared (it will not
    make one).
    """
    published = lookout.published
    if locked and published is not None:
        if lookout.creates(policy):
            lookout = campaign_lookout(message, published, policy, now)
        elif (made := _campaign_owning(published)) is not None:
            lookout = Lookout(published, campaign=made)
    campaign = lookout.campaign or message.campaign  # another scan may have made it a member
    if campaign is not None:
        if message.campaign_id != campaign.pk:
            Message.objects.filter(pk=message.pk).update(campaign=campaign)
        Campaign.objects.filter(pk=campaign.pk).update(last_seen_at=now)
        return campaign, _campaign_reach(campaign), []
    if not (locked and lookout.creates(policy)) or lookout.published is None:
        return None, len(lookout.recipients), []
    campaign = Campaign.objects.create(
        signature=lookout.published.signature,
        preview=safe_preview(message.body, 300),
        first_seen_at=min([c.received_at for c in lookout.copies] + [message.received_at]),
        last_seen_at=now,
    )
    CampaignBand.objects.bulk_create(
        [CampaignBand(band=band, campaign=campaign) for band in lookout.published.bands],
        ignore_conflicts=True,
    )
    members = [message.pk] + [c.pk for c in lookout.copies]
    Message.objects.filter(pk__in=members).update(campaign=campaign)
    copies = list(Message.objects.filter(pk__in=members[1:]).order_by("pk"))
    return campaign, len(lookout.recipients), copies


def _campaign_reach(campaign: Campaign) -> int:
    return Message.objects.filter(campaign=campaign, unsolicited=True).aggregate(
        recipients=Count("recipient_id", distinct=True)
    )["recipients"]


def quarantine_copy(copy: Message, *, recipients: int, window: timedelta, now: datetime) -> None:
    reason = campaign_reason(recipients, window).as_dict()
    message_transition(
        message=copy, to=Outcome.QUARANTINE, reasons=[reason], by=DecidedBy.SCAN, now=now
    )
