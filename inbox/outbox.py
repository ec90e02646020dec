"""Webhook events through a transactional outbox: written with the change, sent after commit.

An event row is written in the same transaction as the state change it reports, so a committed
change always has its event and a rolled-back one never does. After commit the sender is woken;
it claims due events from the table in batches and sends them over one kept-alive connection,
each message's events in order; beat runs it every second as well, which sends retries and
anything whose wake was lost while the broker was down. Delivery is at-least-once; receivers
dedupe on `event_id`.
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import logging
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from common.errors import DATABASE_UNAVAILABLE
from common.queue import wake

from .explain import reasons_text
from .models import EventState, Message, OutboxEvent, WebhookAttempt
from .vocabulary import EventType, TaskName

logger = logging.getLogger(__name__)

# A claimed event is not picked up by another sender until this lease runs out.
_SEND_LEASE = timedelta(minutes=2)
# Recording what the receiver answered is retried this often while the database is away, and
# stops this long before the claim runs out (when another sender may take the event).
_RECORD_RETRY_SECONDS = 0.5
_RECORD_MARGIN = timedelta(seconds=10)
# Accepted attempts are recorded together, in one transaction, at least this often; a refused
# or failed one at once (what it means for the event's next try is needed now).
_RECORD_EVERY = timedelta(seconds=1)


@dataclass(frozen=True, slots=True)
class _Attempt:
    """One POST of a claimed event and what the receiver answered (not yet recorded)."""

    event: OutboxEvent
    started: datetime
    finished: datetime
    status: int | None
    error: str
    elapsed_ms: int

    @property
    def accepted(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


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
        # No task per event: the sender claims due events from this table (`events_send`).
        transaction.on_commit(wake_sender)
    return event


def wake_sender() -> None:
    wake(TaskName.WEBHOOKS_SEND, at_most_every=settings.WAKE_INTERVAL_SECONDS)


def message_event_record(
    *, message: Message, type: str, now: datetime, moved_from: str = ""
) -> OutboxEvent:
    """Record a message's event. A move to quarantine also says why in the freelancer's words
    (`explanation`, an extension of CONTRACT §5): where the message was, if they could see it,
    and what moved it, for the messaging system to show where the message disappeared."""
    payload = {
        "message_id": message.message_id,
        "recipient_id": message.recipient_id,
        "decision": message.decision,
        "reasons": message.reasons,
    }
    if type == EventType.QUARANTINED:
        payload["explanation"] = " ".join(reasons_text(message.reasons, moved_from=moved_from))
    return event_record(type=type, message=message, now=now, payload=payload)


def signature(body: bytes, secret: str) -> str:
    """Return the X-Signature header value: sha256=<hex HMAC-SHA256 of the raw body>."""
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def backoff(attempts: int) -> timedelta:
    """Return the wait before the next try after `attempts` failed ones (exponential, capped)."""
    base = settings.WEBHOOK_BACKOFF_BASE_SECONDS
    seconds = min(base * 2 ** max(attempts - 1, 0), settings.WEBHOOK_BACKOFF_MAX_SECONDS)
    return timedelta(seconds=seconds)


def events_claim(*, limit: int) -> list[OutboxEvent]:
    """Claim up to `limit` due events for this sender, oldest first.

    Only a message's earliest pending event is claimable, so a message's events reach the
    receiver in the order they happened (a later one waits while an earlier one is retried).
    The claim is a lease: an event whose sender dies is due again when it runs out. Rows another
    sender is claiming at the same moment are skipped, not waited for.
    """
    now = timezone.now()
    earlier = OutboxEvent.objects.filter(
        message=OuterRef("message"), state=EventState.PENDING, pk__lt=OuterRef("pk")
    )
    with transaction.atomic():
        ids = list(
            OutboxEvent.objects.filter(state=EventState.PENDING, next_attempt_at__lte=now)
            .filter(~Exists(earlier))
            .order_by("id")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:limit]
        )
        OutboxEvent.objects.filter(pk__in=ids).update(next_attempt_at=now + _SEND_LEASE)
    return list(OutboxEvent.objects.filter(pk__in=ids).order_by("id"))


def events_send(*, batch: int, budget_seconds: float) -> tuple[int, bool]:
    """Send due events in batches over one kept-alive connection until none are due or the
    budget is spent; return how many the receiver accepted and whether due events may be left."""
    if not settings.WEBHOOK_URL:
        return 0, False
    deadline = time.monotonic() + budget_seconds
    accepted = 0
    with Receiver(settings.WEBHOOK_URL, timeout=settings.WEBHOOK_TIMEOUT_SECONDS) as receiver:
        while True:
            events = events_claim(limit=batch)
            # A claimed batch holds at most one event per message (`events_claim`), so recording
            # its attempts together keeps each message's events in order.
            unrecorded: list[_Attempt] = []
            for done, event in enumerate(events):
                if time.monotonic() >= deadline:  # a slow receiver: hand on, due again now
                    _attempts_record(unrecorded)
                    unsent = [later.pk for later in events[done:]]
                    OutboxEvent.objects.filter(pk__in=unsent).update(next_attempt_at=timezone.now())
                    return accepted, True
                attempt = _post(event, receiver)
                accepted += attempt.accepted
                unrecorded.append(attempt)
                if (
                    not attempt.accepted
                    or attempt.finished - unrecorded[0].started >= _RECORD_EVERY
                ):
                    _attempts_record(unrecorded)
                    unrecorded = []
            _attempts_record(unrecorded)
            if not events:  # claim again until nothing is due: a message's next event
                return accepted, False  # becomes claimable once its earlier one is sent


def event_send(*, event_id: int) -> bool:
    """Try to deliver one due event (a task sent by an earlier version); return whether the
    receiver accepted it."""
    now = timezone.now()
    claimed = OutboxEvent.objects.filter(
        pk=event_id, state=EventState.PENDING, next_attempt_at__lte=now
    ).update(next_attempt_at=now + _SEND_LEASE)
    if not claimed or not settings.WEBHOOK_URL:
        return False
    with Receiver(settings.WEBHOOK_URL, timeout=settings.WEBHOOK_TIMEOUT_SECONDS) as receiver:
        attempt = _post(OutboxEvent.objects.get(pk=event_id), receiver)
    _attempts_record([attempt])
    return attempt.accepted


def _post(event: OutboxEvent, receiver: Receiver) -> _Attempt:
    """POST one claimed event, signed; return the attempt, to be recorded."""
    started = timezone.now()
    body = json.dumps({"event_id": str(event.event_id), **event.payload}).encode("utf-8")
    status, error, elapsed_ms = receiver.post(body, signature(body, settings.WEBHOOK_SECRET))
    return _Attempt(event, started, timezone.now(), status, error, elapsed_ms)


def _attempts_record(attempts: list[_Attempt]) -> None:
    """Record attempts in one transaction. What the receiver answered is known only here: keep
    trying while the database is away (a restart), within the claim, or an accepted event would
    be sent again."""
    if attempts:
        _while_the_database_is_away(
            lambda: _attempts_write(attempts),
            until=attempts[0].started + _SEND_LEASE - _RECORD_MARGIN,
        )


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


def _attempts_write(attempts: list[_Attempt]) -> None:
    """Write delivery attempts and what each means for its event, in one transaction."""
    with transaction.atomic():
        WebhookAttempt.objects.bulk_create(
            WebhookAttempt(
                event=attempt.event,
                attempted_at=attempt.started,
                status_code=attempt.status,
                error=attempt.error[:500],
                duration_ms=attempt.elapsed_ms,
            )
            for attempt in attempts
        )
        for attempt in attempts:
            _event_after(attempt)


def _event_after(attempt: _Attempt) -> None:
    """Update the attempt's event: sent, given up on, or due again after a backoff."""
    event, finished, error = attempt.event, attempt.finished, attempt.error
    attempts = event.attempts + 1
    if attempt.accepted:
        changes: dict[str, Any] = {"state": EventState.SENT, "sent_at": finished}
    elif finished - event.created_at > timedelta(hours=settings.WEBHOOK_GIVE_UP_AFTER_HOURS):
        changes = {"state": EventState.FAILED}
        message_id = event.payload.get("message_id") if isinstance(event.payload, dict) else None
        logger.error(
            "Giving up on event %s of message %s after %s attempts",
            event.event_id,
            message_id,
            attempts,
            extra={"message_id": message_id},
        )
    else:
        changes = {"next_attempt_at": finished + backoff(attempts)}
    OutboxEvent.objects.filter(pk=event.pk).update(
        attempts=attempts, last_error=error[:500], **changes
    )


class Receiver:
    """The webhook receiver, over one HTTP/1.1 connection kept alive between events."""

    def __init__(self, url: str, *, timeout: float) -> None:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"WEBHOOK_URL must be an http(s) URL, not {url!r}")
        self.scheme, self.host, self.port = parts.scheme, parts.hostname, parts.port
        self.path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        self.timeout = timeout
        self.connection: http.client.HTTPConnection | None = None

    def __enter__(self) -> Receiver:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def post(self, body: bytes, signed: str) -> tuple[int | None, str, int]:
        """POST a body; return the status (None if there was no answer), an error and the ms."""
        headers = {
            "Content-Type": "application/json",
            "X-Signature": signed,
            "User-Agent": "inbox-guard-webhooks/1",
        }
        started = time.monotonic()
        for fresh in (self.connection is None, True):
            connection = self.connection or self._connect()
            try:
                connection.request("POST", self.path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as gone:
                self.close()
                if fresh:  # not a kept-alive connection the receiver had closed meanwhile
                    return None, f"{type(gone).__name__}: {gone}", _ms(started)
                continue  # the receiver closed the idle connection: once more, on a new one
            except (OSError, http.client.HTTPException, ValueError) as failure:
                self.close()
                return None, f"{type(failure).__name__}: {failure}", _ms(started)
            if response.will_close:
                self.close()
            else:
                self.connection = connection
            status = response.status
            return status, "" if 200 <= status < 300 else f"HTTP {status}", _ms(started)
        raise AssertionError("unreachable")  # pragma: no cover

    def _connect(self) -> http.client.HTTPConnection:
        if self.scheme == "https":
            return http.client.HTTPSConnection(self.host, self.port, timeout=self.timeout)
        return http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)
