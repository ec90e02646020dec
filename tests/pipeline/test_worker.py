"""The pipeline with a real Celery worker process, real Redis and a real webhook receiver."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.db.models import Q
from django.test import Client
from django.urls import reverse

from common import queue
from inbox.models import DecisionRecord, EventState, Message, OutboxEvent, WebhookAttempt
from inbox.vocabulary import TaskName
from tests.factories import ConnectionFactory, SenderFactory
from tests.pipeline.harness import (
    celery_worker,
    process_env,
    purge_queues,
    wait_until,
    worker_ready,
)

pytestmark = pytest.mark.django_db(transaction=True)

LEGIT = "Hi, I need a medical translator for patient leaflets, EN to Arabic, 9 documents."


def post_message(service, message_id: str, sender: str, recipient: str, body: str = LEGIT):
    response = service.send(
        "post",
        "/api/v1/messages",
        {
            "message_id": message_id,
            "sender_id": sender,
            "recipient_id": recipient,
            "kind": "direct",
            "body": body,
        },
    )
    assert response.status_code == 201, response.content
    return response.json()


def settled(message_ids: list[str]) -> bool:
    pending = Q(decision="hold") | Q(scan_state="pending")
    return not Message.objects.filter(pending, message_id__in=message_ids).exists()


def test_a_held_message_is_settled_by_the_worker_and_announced_by_a_signed_webhook(
    service, worker, receiver
):
    SenderFactory(account_id="c-1")

    answer = post_message(service, "m-1", "c-1", "f-1")
    events = wait_until(receiver.accepted_events, what="the webhook")

    assert answer["decision"] == "hold"
    (event,) = events
    assert (event["type"], event["message_id"], event["decision"]) == (
        "message.delivered",
        "m-1",
        "deliver",
    )
    assert event["recipient_id"] == "f-1"
    assert receiver.accepted[0].signature_valid(settings.WEBHOOK_SECRET)
    assert receiver.accepted[0].headers["Content-Type"] == "application/json"
    state = service.get("/api/v1/messages/m-1").json()
    assert state["decision"] == "deliver"
    assert [(h["decision"], h["by"]) for h in state["history"]] == [
        ("hold", "policy"),
        ("deliver", "scan"),
    ]


def test_blocking_a_sender_pulls_back_their_delivered_message_through_the_worker(
    service, alice_client, worker, receiver
):
    SenderFactory(account_id="c-1")
    ConnectionFactory(client_id="c-1", freelancer_id="f-alice")
    assert post_message(service, "m-1", "c-1", "f-alice")["decision"] == "deliver"

    response = alice_client.send(
        "post", "/api/v1/freelancers/f-alice/blocks", {"sender_id": "c-1", "scope": "account"}
    )
    events = wait_until(
        lambda: [e for e in receiver.accepted_events() if e["type"] == "message.quarantined"],
        what="the quarantined event",
    )

    assert response.status_code == 201
    assert events[0]["message_id"] == "m-1"
    assert Message.objects.get(message_id="m-1").decision == "quarantine"


def overturn_a_rejection(service, staff_user, body: str):
    """Reject `m-rej` (its sender is ineligible), appeal it and overturn it in the review UI;
    return the appeal's answer."""
    SenderFactory(account_id="c-new", billing_verified=False)
    assert post_message(service, "m-rej", "c-new", "f-1", body)["decision"] == "reject"
    submitted = service.send("post", "/api/v1/messages/m-rej/appeal", {"note": "I am real."})
    staff = Client()
    staff.force_login(staff_user)
    staff.post(
        reverse("review:appeal-decide", args=["m-rej"]),
        {"outcome": "overturn", "reason": "Verified the account by phone."},
    )
    return submitted


def test_an_appeal_goes_round_from_the_api_through_the_review_ui_to_a_signed_webhook(
    service, staff_user, worker, receiver
):
    submitted = overturn_a_rejection(service, staff_user, LEGIT)
    events = wait_until(
        lambda: [e for e in receiver.accepted_events() if e["type"] == "appeal.decided"],
        what="the appeal.decided event",
    )

    assert submitted.status_code == 201
    assert (events[0]["message_id"], events[0]["outcome"], events[0]["decision"]) == (
        "m-rej",
        "overturned",
        "deliver",
    )
    sent = [r for r in receiver.accepted if r.event["type"] == "appeal.decided"]
    assert sent[0].signature_valid(settings.WEBHOOK_SECRET)
    assert "message.released" in {e["type"] for e in receiver.accepted_events()}
    assert service.get("/api/v1/messages/m-rej").json()["decision"] == "deliver"


def test_a_rejection_let_through_on_appeal_is_still_scanned_and_a_scam_pulled_back(
    service, staff_user, worker, receiver
):
    # The appeal is about the sender; nobody had read the text when it was rejected.
    overturn_a_rejection(
        service,
        staff_user,
        "Congratulations, you are hired! Add me on Telegram @hr_fastpay and pay the $45 "
        "registration fee by gift card today to start earning $500 a day.",
    )
    events = wait_until(
        lambda: [e for e in receiver.accepted_events() if e["type"] == "message.quarantined"],
        what="the scan's pull-back",
    )

    assert events[0]["message_id"] == "m-rej"
    message = Message.objects.get(message_id="m-rej")
    assert (message.decision, message.scan_state, message.spam_label) == (
        "quarantine",
        "done",
        "scam",
    )
    assert "message.released" in {e["type"] for e in receiver.accepted_events()}


def test_every_event_arrives_although_the_receiver_fails_and_times_out_first(
    service, worker, receiver
):
    receiver.hang_seconds = settings.WEBHOOK_TIMEOUT_SECONDS + 1
    receiver.script.extend(["error", "hang", "error", "hang", "error", "error"])
    SenderFactory(account_id="c-1")
    ids = [f"m-{n}" for n in range(3)]
    for n, message_id in enumerate(ids):
        post_message(service, message_id, "c-1", f"f-{n}")

    # The receiver answers 200 a moment before the worker records the event as sent: wait for
    # both, or the check below races the worker's commit.
    wait_until(
        lambda: (
            {e["message_id"] for e in receiver.accepted_events()} == set(ids)
            and not OutboxEvent.objects.exclude(state=EventState.SENT).exists()
        ),
        timeout=60,
        what="every event to be accepted and recorded as sent",
    )

    accepted = receiver.accepted_events()
    assert all(item.signature_valid(settings.WEBHOOK_SECRET) for item in receiver.received)
    by_message: dict[str, set[str]] = {}
    for event in accepted:
        by_message.setdefault(event["message_id"], set()).add(event["event_id"])
    assert all(len(event_ids) == 1 for event_ids in by_message.values())  # retries reuse ids
    assert len(receiver.received) >= len(ids) + 6
    assert set(OutboxEvent.objects.values_list("state", flat=True)) == {EventState.SENT}
    failures = WebhookAttempt.objects.exclude(status_code=200)
    assert failures.filter(status_code=500).count() >= 1
    assert failures.filter(status_code=None).exclude(error="").count() >= 1  # timeouts


def test_a_worker_killed_mid_scan_loses_nothing(service, worker):
    ids = []
    for sender in range(30):  # 30 senders x 5 new freelancers: all held, within the daily limit
        SenderFactory(account_id=f"c-{sender}")
        for recipient in range(5):
            ids.append(f"m-{sender}-{recipient}")
            assert (
                post_message(service, ids[-1], f"c-{sender}", f"f-{recipient}")["decision"]
                == "hold"
            )
    wait_until(lambda: Message.objects.filter(scan_state="done").count() >= 10, what="some scans")

    worker.kill()  # SIGKILL to the worker and its pool, mid-stream
    assert Message.objects.filter(scan_state="pending").exists()
    replacement = celery_worker(env=process_env(SWEEP_INTERVAL_SECONDS="0.5"), beat=True)
    try:
        wait_until(lambda: worker_ready(replacement), timeout=60, what="the new worker")
        wait_until(lambda: settled(ids), timeout=90, what="every message to settle")
    finally:
        replacement.stop()

    messages = Message.objects.filter(message_id__in=ids)
    assert set(messages.values_list("scan_state", flat=True)) == {"done"}
    assert set(messages.values_list("decision", flat=True)) <= {"deliver", "quarantine"}
    for message in messages:
        assert DecisionRecord.objects.filter(message=message, by="scan").count() == 1
        assert OutboxEvent.objects.filter(message=message).count() == 1


def test_checks_send_no_task_per_message_and_one_wake_scans_them_all_in_batches(
    service, settings, receiver
):
    from celery import current_app

    purge_queues()
    settings.WAKE_INTERVAL_SECONDS = 3600.0  # this process wakes the scanner once
    queue.forget_wakes(TaskName.SCAN_PENDING)
    ids = []
    for sender in range(4):
        SenderFactory(account_id=f"c-{sender}")
        for recipient in range(5):
            ids.append(f"m-{sender}-{recipient}")
            post_message(service, ids[-1], f"c-{sender}", f"f-{recipient}")
    with current_app.connection_for_write() as conn:
        channel: Any = conn.default_channel
        queued = channel.client.llen("inbox")

    # No beat: the one wake alone, in batches of 7, settles all 20.
    scanner = celery_worker(env=process_env(SCAN_BATCH_SIZE="7"), beat=False)
    try:
        wait_until(lambda: settled(ids), timeout=60, what="every message to settle")
    finally:
        scanner.stop()

    assert queued == 1
    assert set(Message.objects.filter(message_id__in=ids).values_list("decision", flat=True)) == {
        "deliver"
    }


def test_beat_scans_what_no_wake_announced(service, settings, worker):
    settings.WAKE_INTERVAL_SECONDS = 3600.0
    queue.forget_wakes(TaskName.SCAN_PENDING)
    SenderFactory(account_id="c-1")
    post_message(service, "m-woken", "c-1", "f-1")  # takes this process's one wake
    wait_until(lambda: settled(["m-woken"]), what="the woken message to settle")
    post_message(service, "m-not-woken", "c-1", "f-2")

    wait_until(lambda: settled(["m-not-woken"]), what="beat's run to scan the other")


def test_while_a_wake_waits_in_the_queue_no_process_sends_another():
    purge_queues()
    queue.forget_wakes(TaskName.SCAN_PENDING)

    first = queue.wake(TaskName.SCAN_PENDING, at_most_every=0)
    while_waiting = queue.wake(TaskName.SCAN_PENDING, at_most_every=0)
    queue.woken(TaskName.SCAN_PENDING)  # the task started
    after_it_started = queue.wake(TaskName.SCAN_PENDING, at_most_every=0)

    assert (first, while_waiting, after_it_started) == (True, False, True)
    purge_queues()
