"""Retention: message bodies, and new-contact rows, are deleted once they are old enough."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from .. import selectors
from ..models import (
    Message,
    NewContact,
    Outcome,
    RetentionRun,
)

# Runs are shown to staff for this long.
RUNS_KEPT = timedelta(days=90)


def retention_run(*, now: datetime | None = None) -> RetentionRun:
    """Purge what retention says is old enough, and record what went (staff see the last run)."""
    now = now or timezone.now()
    run = RetentionRun.objects.create(
        at=now, bodies_purged=bodies_purge(now=now), contacts_purged=new_contacts_purge(now=now)
    )
    RetentionRun.objects.filter(at__lt=now - RUNS_KEPT).delete()
    return run


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


def new_contacts_purge(*, now: datetime | None = None) -> int:
    """Delete new-contact rows that no longer count: outside the daily limit's window and the
    crowd signal's, and older than delivered messages are kept. Return how many.

    A row says "this sender first wrote to this freelancer at …"; the daily limit counts those
    in its window, and the crowd signal counts a freelancer's block or report only if the
    sender's group wrote to them. Past the retention of delivered messages the pair's history
    is gone too, so a sender who writes again after that counts as a new person again.
    """
    now = now or timezone.now()
    policy = selectors.policy_get_active()
    keep = max(
        timedelta(hours=policy.daily_limit_window_hours),
        timedelta(hours=policy.crowd_window_hours),
        timedelta(days=policy.retention_delivered_days),
    )
    deleted, _ = NewContact.objects.filter(contacted_at__lt=now - keep).delete()
    return deleted
