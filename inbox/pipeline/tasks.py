"""Celery tasks: each takes ids, loads rows and calls one service; all are idempotent."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.conf import settings

from common.queue import enqueue, enqueue_once, woken
from common.tasks import periodic_task, work_task

from .. import outbox
from ..vocabulary import TaskName
from . import crowd, digest, pull_back, retention, scan


@work_task(TaskName.SCAN_PENDING)
def scan_pending() -> int:
    """Scan what is pending, in batches; if the budget runs out first, carry on in a new task.

    The check sends no task per message: it wakes this task (at most a few times a second per
    web process), and beat runs it every `POLL_SECONDS` in case a wake was lost.
    """
    woken(TaskName.SCAN_PENDING)  # a wake sent from now on is needed: it may find new rows
    scanned, more = scan.scans_run(
        batch=settings.SCAN_BATCH_SIZE, budget_seconds=settings.WORK_BUDGET_SECONDS
    )
    if more:
        enqueue(TaskName.SCAN_PENDING)
    return scanned


@work_task(TaskName.SCAN_MESSAGE)
def scan_message(message_pk: int) -> bool:
    """Scan one message (tasks sent by an earlier version, still in the queue after a deploy)."""
    return scan.message_scan(message_pk=message_pk)


@work_task(TaskName.WEBHOOKS_SEND)
def webhooks_send() -> int:
    """Send due webhook events in batches; if the budget runs out first, carry on in a new task.

    Woken after commit like the scanner, and run by beat every `POLL_SECONDS` (retries).
    """
    woken(TaskName.WEBHOOKS_SEND)
    accepted, more = outbox.events_send(
        batch=settings.WEBHOOK_BATCH_SIZE, budget_seconds=settings.WORK_BUDGET_SECONDS
    )
    if more:
        enqueue(TaskName.WEBHOOKS_SEND)
    return accepted


@work_task(TaskName.WEBHOOK_SEND)
def webhook_send(event_pk: int) -> bool:
    """Send one event (tasks sent by an earlier version, still in the queue after a deploy)."""
    return outbox.event_send(event_id=event_pk)


@work_task(TaskName.PULL_BACK_BLOCK)
def pull_back_block(block_id: int) -> int:
    return pull_back.block_pull_back(block_id=block_id)


@work_task(TaskName.CROWD_CHECK)
def crowd_check(sender_id: str) -> bool:
    """A freelancer reported one of this sender's messages: does the crowd stop it now?"""
    return crowd.crowd_check(sender_id=sender_id)


@periodic_task(TaskName.SWEEP)
def sweep() -> dict[str, int]:
    """Enqueue pull-backs and crowd checks whose task was lost. (Scans and webhooks need no
    sweep: their tasks claim the work from the tables, lost claims included, and beat runs them
    every second.)"""
    # Each once a lease: while the task sent waits in a busy queue, the next ticks find the same
    # work and send nothing more.
    lease = settings.WORK_LEASE_SECONDS
    blocks = pull_back.blocks_pending_pull_back()
    for block_id in blocks:
        enqueue_once(TaskName.PULL_BACK_BLOCK, block_id, within=lease)
    reported = crowd.senders_awaiting_crowd_check()
    for sender_id in reported:
        enqueue_once(TaskName.CROWD_CHECK, sender_id, within=lease)
    return {"blocks": len(blocks), "reported_senders": len(reported)}


@periodic_task(TaskName.PURGE_BODIES)
def purge_bodies() -> dict[str, int]:
    run = retention.retention_run()
    return {"bodies": run.bodies_purged, "new_contacts": run.contacts_purged}


@periodic_task(TaskName.SEND_DIGESTS)
def send_digests() -> int:
    return digest.digests_send()


# Retraining fits three models on every corpus (about 10 s today, more as feedback grows): it
# gets more room than the global limits, which are meant for scans.
@shared_task(name=TaskName.RETRAIN_DETECTOR, soft_time_limit=600, time_limit=660)
def retrain_detector() -> dict[str, Any]:
    """Retrain the spam model on reviewers' feedback; activate it only if it is no worse."""
    # Deferred: the offline package (and scikit-learn's training code) loads only in this task.
    from ..detection.offline import retraining

    return retraining.detector_retrain().as_dict()
