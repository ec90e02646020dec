"""Celery tasks: each takes ids, loads rows and calls one service; all are idempotent."""

from __future__ import annotations

import logging
from typing import Any

from celery import shared_task
from django.db import DatabaseError

from . import outbox, scanning
from .queue import enqueue

logger = logging.getLogger(__name__)


def work_task(name: str) -> Any:
    """Declare an idempotent task that retries transient database errors with back-off."""
    return shared_task(
        name=name,
        autoretry_for=(DatabaseError,),
        retry_backoff=2,
        retry_backoff_max=60,
        max_retries=5,
        retry_jitter=True,
    )


@work_task("inbox.scan_message")
def scan_message(message_pk: int) -> bool:
    return scanning.message_scan(message_pk=message_pk)


@work_task("inbox.webhook_send")
def webhook_send(event_pk: int) -> bool:
    return outbox.event_send(event_id=event_pk)


@work_task("inbox.pull_back_block")
def pull_back_block(block_id: int) -> int:
    return scanning.block_pull_back(block_id=block_id)


@shared_task(name="inbox.sweep")
def sweep() -> dict[str, int]:
    """Enqueue work whose task was lost: pending scans, due webhooks, unapplied blocks."""
    scans = scanning.scans_claim_for_enqueue()
    for message_pk in scans:
        enqueue(scan_message.name, message_pk)
    events = outbox.events_due()
    for event_pk in events:
        enqueue(webhook_send.name, event_pk)
    blocks = scanning.blocks_pending_pull_back()
    for block_id in blocks:
        enqueue(pull_back_block.name, block_id)
    return {"scans": len(scans), "events": len(events), "blocks": len(blocks)}


@shared_task(name="inbox.purge_bodies")
def purge_bodies() -> int:
    return scanning.bodies_purge()


@shared_task(name="inbox.send_digests")
def send_digests() -> int:
    return scanning.digests_send()


# Retraining fits three models on every corpus (about 10 s today, more as feedback grows): it
# gets more room than the global limits, which are meant for scans.
@shared_task(name="inbox.retrain_detector", soft_time_limit=600, time_limit=660)
def retrain_detector() -> dict[str, Any]:
    """Retrain the spam model on reviewers' feedback; activate it only if it is no worse."""
    # Deferred: the offline package (and scikit-learn's training code) loads only in this task.
    from .detection.offline import retraining

    return retraining.detector_retrain().as_dict()
