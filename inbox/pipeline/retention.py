"""Retention: message bodies are deleted once they are old enough."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from .. import selectors
from ..models import (
    Message,
    Outcome,
)


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
