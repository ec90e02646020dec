"""Pull back on block: a new block moves the sender's earlier messages into quarantine."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from common.queue import enqueue
from preferences.models import Block

from .. import selectors
from ..models import (
    DecidedBy,
    Message,
    Outcome,
    Sender,
)
from ..policy import pulled_back_by_block
from ..services import message_transition
from ..vocabulary import TaskName
from .crowd import crowd_check

PULL_BACK_STATES = (Outcome.HOLD, Outcome.REQUEST, Outcome.DELIVER)


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
    reason = pulled_back_by_block(block.scope)
    for message in candidates.order_by("id"):
        moved += message_transition(
            message=message, to=Outcome.QUARANTINE, reasons=[reason], by=DecidedBy.FREELANCER
        )
    Block.objects.filter(pk=block.pk, pulled_back_at__isnull=True).update(
        pulled_back_at=timezone.now(), pulled_back_count=moved
    )
    # One more freelancer blocked this sender: enough of them stop it everywhere.
    crowd_check(sender_id=block.sender_id)
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


def blocks_pending_pull_back(*, limit: int = 1000) -> list[int]:
    """Return blocks whose pull-back has not run and that are older than the lease."""
    stale = timezone.now() - timedelta(seconds=settings.WORK_LEASE_SECONDS)
    return list(
        Block.objects.filter(pulled_back_at__isnull=True, created_at__lt=stale)
        .order_by("id")
        .values_list("pk", flat=True)[:limit]
    )


def pull_back_soon(block_id: int) -> None:
    """Enqueue the pull-back of a new block (preferences calls this after commit); if the
    broker is down, the sweep finds the block still unapplied."""
    enqueue(TaskName.PULL_BACK_BLOCK, block_id)
