"""Webhook events through a transactional outbox: written with the change, sent after commit.

An event row is written in the same transaction as the state change it reports, so a committed
change always has its event and a rolled-back one never does. A task sends it after commit; a
periodic sweep sends whatever is due (a retry, or an event whose task was lost while the broker
was down). Delivery is at-least-once; receivers dedupe on `event_id`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from common.errors import DATABASE_UNAVAILABLE
from common.queue import enqueue

from .models import EventState, Message, OutboxEvent, WebhookAttempt
from .vocabulary import TaskName

logger = logging.getLogger(__name__)

# A claimed event is not picked up by another sender until this lease runs out.
_SEND_LEASE = timedelta(minutes=2)
# Recording what the receiver answered is retried this often while the database is away, and
# stops this long before the claim runs out (when another sender may take the event).
_RECORD_RETRY_SECONDS = 0.5
_RECORD_MARGIN = timedelta(seconds=10)


def event_record(
    *,
    type: str,
    payload: dict[str, Any],
    message: Message | None = None,
    dedupe_key: str | None = None,
    now: datetime | None = None,
) -> OutboxEvent:
    """Write an event; call inside the transaction that makes the change it reports."""
    now = now or timezone.now()
    event = OutboxEvent.objects.create(
        type=type,
        payload={"type": type, "occurred_at": now.isoformat(), **payload},
        message=message,
        dedupe_key=dedupe_key,
        state=EventState.PENDING if settings.WEBHOOK_URL else EventState.RECORDED,
        next_attempt_at=now,
        created_at=now,
    )
    if settings.WEBHOOK_URL:
        transaction.on_commit(lambda: enqueue(TaskName.WEBHOOK_SEND, event.pk))
    return event


def message_event_record(*, message: Message, type: str, now: datetime) -> OutboxEvent:
    return event_record(
        type=type,
        message=message,
        now=now,
        payload={
            "message_id": message.message_id,
            "recipient_id": message.recipient_id,
            "decision": message.decision,
            "reasons": message.reasons,
        },
    )


def signature(body: bytes, secret: str) -> str:
    """Return the X-Signature header value: sha256=<hex HMAC-SHA256 of the raw body>."""
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def backoff(attempts: int) -> timedelta:
    """Return the wait before the next try after `attempts` failed ones (exponential, capped)."""
    base = settings.WEBHOOK_BACKOFF_BASE_SECONDS
    seconds = min(base * 2 ** max(attempts - 1, 0), settings.WEBHOOK_BACKOFF_MAX_SECONDS)
    return timedelta(seconds=seconds)


def event_send(*, event_id: int) -> bool:
    """Try to deliver one due event; return whether the receiver accepted it.

    The event is claimed with a conditional UPDATE, so two workers never send it at once; a
    sender that dies mid-send leaves the claim to expire and the sweep to retry.
    """
    now = timezone.now()
    claimed = OutboxEvent.objects.filter(
        pk=event_id, state=EventState.PENDING, next_attempt_at__lte=now
    ).update(next_attempt_at=now + _SEND_LEASE)
    if not claimed or not settings.WEBHOOK_URL:
        return False
    event = OutboxEvent.objects.get(pk=event_id)
    body = json.dumps({"event_id": str(event.event_id), **event.payload}).encode("utf-8")
    status, error, elapsed_ms = _post(body)
    finished = timezone.now()
    accepted = status is not None and 200 <= status < 300
    # What the receiver answered is known only here: keep trying to record it while the
    # database is away (a restart), within the claim, or an accepted event would be sent again.
    _while_the_database_is_away(
        lambda: _attempt_record(event, now, finished, status, error, elapsed_ms, accepted),
        until=now + _SEND_LEASE - _RECORD_MARGIN,
    )
    return accepted


def _while_the_database_is_away(write: Callable[[], None], *, until: datetime) -> None:
    """Run `write`; while the database is unavailable, retry it until `until`, then give up."""
    while True:
        try:
            write()
            return
        except DATABASE_UNAVAILABLE:
            if timezone.now() >= until:
                raise
            logger.warning("Database unavailable; retrying in %.1fs", _RECORD_RETRY_SECONDS)
            connection.close()  # the next query opens a fresh connection
            time.sleep(_RECORD_RETRY_SECONDS)


def _attempt_record(
    event: OutboxEvent,
    now: datetime,
    finished: datetime,
    status: int | None,
    error: str,
    elapsed_ms: int,
    accepted: bool,
) -> None:
    """Record one delivery attempt and what it means for the event."""
    with transaction.atomic():
        WebhookAttempt.objects.create(
            event=event,
            attempted_at=now,
            status_code=status,
            error=error[:500],
            duration_ms=elapsed_ms,
        )
        attempts = event.attempts + 1
        if accepted:
            changes: dict[str, Any] = {"state": EventState.SENT, "sent_at": finished}
        elif finished - event.created_at > timedelta(hours=settings.WEBHOOK_GIVE_UP_AFTER_HOURS):
            changes = {"state": EventState.FAILED}
            logger.error("Giving up on event %s after %s attempts", event.event_id, attempts)
        else:
            changes = {"next_attempt_at": finished + backoff(attempts)}
        OutboxEvent.objects.filter(pk=event.pk).update(
            attempts=attempts, last_error=error[:500], **changes
        )


def _post(body: bytes) -> tuple[int | None, str, int]:
    request = urllib.request.Request(  # noqa: S310 (the operator configures an http(s) URL)
        settings.WEBHOOK_URL,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "X-Signature": signature(body, settings.WEBHOOK_SECRET),
            "User-Agent": "inbox-guard-webhooks/1",
        },
    )
    started = time.monotonic()
    try:
        with urllib.request.urlopen(  # noqa: S310
            request, timeout=settings.WEBHOOK_TIMEOUT_SECONDS
        ) as response:
            status, error = response.status, ""
    except urllib.error.HTTPError as failure:
        status, error = failure.code, f"HTTP {failure.code}"
    except (urllib.error.URLError, OSError, ValueError) as failure:
        status, error = None, f"{type(failure).__name__}: {failure}"
    return status, error, int((time.monotonic() - started) * 1000)


def events_due(*, limit: int = 500) -> list[int]:
    """Return the ids of pending events whose next attempt is due."""
    return list(
        OutboxEvent.objects.filter(state=EventState.PENDING, next_attempt_at__lte=timezone.now())
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
