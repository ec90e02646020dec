"""Webhooks are claimed from the outbox in batches and sent over one kept-alive connection, each
message's events in order (in-process here; through a worker in test_worker.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from inbox.models import EventState, Message, OutboxEvent, WebhookAttempt
from inbox.outbox import backoff, events_claim, events_send
from inbox.pipeline.scan import message_scan
from inbox.services import MessageIn, message_check, message_transition
from tests.factories import SenderFactory
from tests.pipeline.harness import WebhookReceiver

pytestmark = pytest.mark.django_db(transaction=True)

LEGIT = "Hi, I need a medical translator for patient leaflets, EN to Arabic, 9 documents."


def delivered(message_id: str, sender: str, recipient: str) -> Message:
    SenderFactory(account_id=sender)
    message, _ = message_check(
        incoming=MessageIn(
            message_id=message_id, sender_id=sender, recipient_id=recipient, kind="direct",
            body=LEGIT,
        )
    )  # fmt: skip
    message_scan(message_pk=message.pk)
    message.refresh_from_db()
    assert message.decision == "deliver"
    return message


def quarantined_by_staff(message: Message) -> None:
    reasons = [{"code": "reported", "detail": "test"}]
    assert message_transition(message=message, to="quarantine", reasons=reasons, by="admin")


def test_many_events_go_out_in_batches_over_one_connection(receiver: WebhookReceiver):
    for n in range(7):
        delivered(f"m-{n}", f"c-{n}", f"f-{n}")

    assert events_send(batch=3, budget_seconds=60) == (7, False)

    assert [e["message_id"] for e in receiver.accepted_events()] == [f"m-{n}" for n in range(7)]
    assert len({item.peer for item in receiver.received}) == 1  # kept alive
    assert all(item.signature_valid(settings.WEBHOOK_SECRET) for item in receiver.received)
    assert set(OutboxEvent.objects.values_list("state", flat=True)) == {EventState.SENT}


def test_a_messages_later_event_waits_until_its_earlier_one_is_accepted(
    receiver: WebhookReceiver,
):
    first = delivered("m-1", "c-1", "f-1")
    quarantined_by_staff(first)  # a second event for the same message
    delivered("m-2", "c-2", "f-2")
    receiver.script.append("error")  # the first try of m-1's first event fails

    events_send(batch=10, budget_seconds=60)

    sent = [(e["message_id"], e["type"]) for e in receiver.accepted_events()]
    assert sent == [("m-2", "message.delivered")]  # m-1's quarantine did not overtake
    # m-1's first event waits for its back-off (read from the rows, not the clock: the test's
    # back-off is 0.3 s, which a busy machine can outlast before the next line runs).
    waiting = OutboxEvent.objects.get(message=first, type="message.delivered")
    tried = WebhookAttempt.objects.get(event=waiting)
    assert (waiting.state, waiting.attempts, tried.status_code) == (EventState.PENDING, 1, 500)
    assert waiting.next_attempt_at >= tried.attempted_at + backoff(1)

    OutboxEvent.objects.filter(state=EventState.PENDING).update(next_attempt_at=timezone.now())
    events_send(batch=10, budget_seconds=60)

    sent = [(e["message_id"], e["type"]) for e in receiver.accepted_events()]
    assert sent == [
        ("m-2", "message.delivered"),
        ("m-1", "message.delivered"),
        ("m-1", "message.quarantined"),
    ]
    retried = [
        item.event["event_id"] for item in receiver.received if item.event["message_id"] == "m-1"
    ]
    assert retried[0] == retried[1]  # the retry carries the same event_id


def test_a_spent_budget_hands_on_and_leaves_the_rest_due(receiver: WebhookReceiver):
    for n in range(3):
        delivered(f"m-{n}", f"c-{n}", f"f-{n}")

    assert events_send(batch=2, budget_seconds=0) == (0, True)

    assert receiver.received == []
    assert len(events_claim(limit=10)) == 3  # nothing was left claimed


def test_an_event_past_its_last_try_is_given_up_and_logged_with_its_message(
    receiver: WebhookReceiver, caplog: pytest.LogCaptureFixture
):
    delivered("m-1", "c-1", "f-1")
    OutboxEvent.objects.update(
        created_at=timezone.now() - timedelta(hours=settings.WEBHOOK_GIVE_UP_AFTER_HOURS + 1)
    )
    receiver.script.append("error")

    events_send(batch=10, budget_seconds=60)

    assert OutboxEvent.objects.get().state == EventState.FAILED
    (line,) = [r for r in caplog.records if r.getMessage().startswith("Giving up on event")]
    assert getattr(line, "message_id", None) == "m-1"  # what JSON logs carry


def test_a_batchs_accepted_attempts_are_recorded_together_and_a_refusal_at_once(
    receiver: WebhookReceiver,
):
    for n in range(5):
        delivered(f"m-{n}", f"c-{n}", f"f-{n}")
    receiver.script = ["ok", "ok", "error"]  # then "ok" for the rest

    with CaptureQueriesContext(connection) as queries:
        assert events_send(batch=5, budget_seconds=60) == (4, False)

    inserts = [
        q["sql"] for q in queries if q["sql"].startswith('INSERT INTO "inbox_webhookattempt"')
    ]
    # The two accepted before the refusal with it, at once; the last two together at the end.
    assert len(inserts) == 2
    assert WebhookAttempt.objects.count() == 5
    refused = OutboxEvent.objects.get(message__message_id="m-2")
    assert (refused.state, refused.attempts) == (EventState.PENDING, 1)
    assert refused.next_attempt_at > timezone.now()
    sent = OutboxEvent.objects.exclude(pk=refused.pk)
    assert {(e.state, e.attempts) for e in sent} == {(EventState.SENT, 1)}
