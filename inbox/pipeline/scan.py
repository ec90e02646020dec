"""Scan one message: detect, rule on contact details, join a campaign, settle it."""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from common.errors import DATABASE_UNAVAILABLE
from common.sql import update_statement

from .. import selectors
from ..models import (
    DecidedBy,
    Message,
    Policy,
    ScanState,
)
from ..policy import ScanFindings, scan_outcome
from ..services import message_flag, message_transition
from .campaigns import (
    Published,
    campaign_lock,
    campaign_lookout,
    campaign_observe,
    fingerprint_publish,
    fingerprints_publish,
    quarantine_copy,
)

NEW_SENDER_DAYS = 30

logger = logging.getLogger(__name__)


# --- Scanning --------------------------------------------------------------------------------


def message_scan(
    *,
    message_pk: int,
    policy: Policy | None = None,
    published: dict[int, Published | None] | None = None,
) -> bool:
    """Scan one message and settle it; return False if it was already scanned (a no-op).

    `policy` is the active policy when the caller (a batch) has just read it, and `published`
    the fingerprints the batch has just committed (`fingerprints_publish`).
    """
    message = selectors.message_to_scan(message_pk=message_pk)
    if message is None:
        return False
    now = timezone.now()
    joined_at = message.sender_joined_at  # type: ignore[attr-defined]
    new_sender = joined_at is None or now - joined_at < timedelta(days=NEW_SENDER_DAYS)
    policy = policy or selectors.policy_get_active()
    analysis, ruling = selectors.text_assess(
        message.body, connected=not message.unsolicited, new_sender=new_sender, policy=policy
    )
    trusted = message.trusted_at_check  # type: ignore[attr-defined]
    # Before the transaction, so that copies scanned at once see each other (campaigns.py).
    if published is not None and message.pk in published:
        fingerprinted = published[message.pk]
    else:
        fingerprinted = fingerprint_publish(message, now)
    lookout = campaign_lookout(message, fingerprinted, policy, now)
    with transaction.atomic():
        locked = lookout.needs_lock
        if locked:  # before any row: see campaigns.py
            campaign_lock(exclusive=lookout.creates(policy))
        scanned = {
            "scan_state": ScanState.DONE,
            "scanned_at": now,
            "analysis": {**analysis.as_dict(), "contact_rule": ruling.as_dict()},
            "spam_label": analysis.spam.label,
            "spam_score": analysis.spam.score,
        }
        claimed = _scan_claim(message.pk, scanned)
        if claimed is None:
            return False  # another worker scanned it meanwhile
        message = claimed  # its decision may have moved meanwhile (a block, a release)
        campaign, recipients, copies = campaign_observe(
            message, lookout, policy, now, locked=locked
        )
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
            quarantine_copy(copy, recipients=recipients, window=window, now=now)
    return True


def _scan_claim(message_pk: int, scanned: dict[str, Any]) -> Message | None:
    """Mark a pending scan done with its findings and return the message as it is now, or None
    if another worker scanned it meanwhile.

    On PostgreSQL one `UPDATE … RETURNING` both claims the row and reads it back.
    """
    if connection.vendor != "postgresql":
        pending = Message.objects.filter(pk=message_pk, scan_state=ScanState.PENDING)
        if not pending.update(**scanned):
            return None
        return Message.objects.get(pk=message_pk)
    update, params = update_statement(Message, scanned)
    sql = f"{update} WHERE id = %s AND scan_state = %s RETURNING *"
    returned = list(Message.objects.raw(sql, [*params, message_pk, ScanState.PENDING]))
    return returned[0] if returned else None


def scans_claim(*, limit: int) -> list[int]:
    """Claim up to `limit` pending scans for this worker and return their ids, oldest first.

    A pending scan is claimable when no worker holds it: never claimed, or claimed longer ago
    than the lease (that worker died). The claim is committed before any scan starts, and rows
    another worker is claiming at the same moment are skipped, not waited for (PostgreSQL's
    `SKIP LOCKED`; SQLite serialises the two claims instead).
    """
    now = timezone.now()
    stale = now - timedelta(seconds=settings.WORK_LEASE_SECONDS)
    with transaction.atomic():
        ids = list(
            Message.objects.filter(scan_state=ScanState.PENDING)
            .filter(Q(scan_enqueued_at__isnull=True) | Q(scan_enqueued_at__lt=stale))
            .order_by("id")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:limit]
        )
        if ids:
            Message.objects.filter(pk__in=ids).update(scan_enqueued_at=now)
    return ids


def _batch_publish(ids: list[int]) -> dict[int, Published | None]:
    """Publish the fingerprints of a claimed batch in one transaction; if that fails for any
    reason but the database, each scan publishes its own (and fails, or not, on its own)."""
    if not ids:
        return {}
    pending = Message.objects.filter(pk__in=ids, scan_state=ScanState.PENDING).only(
        "pk", "body", "minhash", "recipient_id", "unsolicited"
    )
    try:
        return fingerprints_publish(list(pending), timezone.now())
    except DATABASE_UNAVAILABLE:
        raise
    except Exception:
        logger.exception("Publishing a batch's fingerprints failed; each scan publishes its own")
        return {}


def scans_run(*, batch: int, budget_seconds: float) -> tuple[int, bool]:
    """Claim and scan pending messages in batches until none are left or the budget is spent.

    Return how many were scanned and whether claimable scans may be left (the budget ran out
    with a full batch just done), so that the caller can carry on in a new task.
    """
    deadline = time.monotonic() + budget_seconds
    scanned = 0
    while True:
        ids = scans_claim(limit=batch)
        policy = selectors.policy_get_active() if ids else None  # one read for the batch
        published = _batch_publish(ids)
        for message_pk in ids:
            try:
                scanned += message_scan(message_pk=message_pk, policy=policy, published=published)
            except DATABASE_UNAVAILABLE:
                raise  # the task waits the database out; the claims run out meanwhile
            except Exception:
                # One message's failure must not hold up the rest of the batch: its claim runs
                # out and a later run tries it again.
                message_id = (
                    Message.objects.filter(pk=message_pk)
                    .values_list("message_id", flat=True)
                    .first()
                )
                logger.exception(
                    "Scan of message %s failed; it will be retried",
                    message_id,
                    extra={"message_id": message_id},
                )
        if len(ids) < batch:
            return scanned, False
        if time.monotonic() >= deadline:
            return scanned, True
