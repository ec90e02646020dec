"""The daily digest of what was held back for each freelancer who asked for one."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from preferences.models import Freelancer

from .. import selectors
from ..models import (
    DecisionRecord,
    EventType,
    Outcome,
)
from ..outbox import event_record


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
