"""The message state machine: only allowed moves happen, and concurrent movers cannot both win."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from inbox.models import DecisionRecord, Message
from inbox.services import MessageIn, message_check, message_transition
from tests.factories import ConnectionFactory, SenderFactory

SCAN_FLAG = [{"code": "spam", "detail": "Looks like spam."}]
PASS = [{"code": "scan_passed", "detail": "Nothing found."}]


def _held_message(message_id: str = "m-held") -> Message:
    SenderFactory(account_id="c-1")
    message, _ = message_check(
        incoming=MessageIn(
            message_id=message_id, sender_id="c-1", recipient_id="f-1", kind="direct", body="Hi"
        )
    )
    assert message.decision == "hold"
    return message


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("to", "moved"),
    [
        ("deliver", True),
        ("request", True),
        ("quarantine", True),
        ("reject", False),
        ("hold", False),
    ],
)
def test_a_held_message_may_only_be_delivered_requested_or_quarantined(to, moved):
    message = _held_message()

    assert message_transition(message=message, to=to, reasons=PASS, by="scan") is moved

    message.refresh_from_db()
    assert message.decision == (to if moved else "hold")
    assert DecisionRecord.objects.filter(message=message).count() == (2 if moved else 1)


@pytest.mark.django_db
def test_a_rejected_message_moves_only_to_delivered_as_an_overturned_appeal_does():
    message, _ = message_check(
        incoming=MessageIn(
            message_id="m-r", sender_id="c-unknown", recipient_id="f-1", kind="direct", body="x"
        )
    )
    assert message.decision == "reject"

    for target in ("request", "hold", "quarantine"):
        assert message_transition(message=message, to=target, reasons=PASS, by="admin") is False
    assert Message.objects.get(pk=message.pk).decision == "reject"
    assert message_transition(message=message, to="deliver", reasons=PASS, by="admin") is True
    assert list(message.events.values_list("type", flat=True)) == ["message.released"]


@pytest.mark.django_db
def test_a_delivered_message_can_be_pulled_back_and_released_again():
    SenderFactory(account_id="c-1")
    ConnectionFactory(client_id="c-1", freelancer_id="f-1")
    message, _ = message_check(
        incoming=MessageIn(
            message_id="m-d", sender_id="c-1", recipient_id="f-1", kind="direct", body="Hi"
        )
    )
    assert message.decision == "deliver"

    assert message_transition(message=message, to="quarantine", reasons=SCAN_FLAG, by="scan")
    assert message_transition(message=message, to="deliver", reasons=PASS, by="freelancer")

    history = list(message.history.values_list("decision", "by"))
    assert history == [("deliver", "policy"), ("quarantine", "scan"), ("deliver", "freelancer")]


@pytest.mark.django_db
def test_a_stale_copy_cannot_move_a_message_someone_else_already_moved():
    message = _held_message()
    stale = Message.objects.get(pk=message.pk)

    assert message_transition(message=message, to="quarantine", reasons=SCAN_FLAG, by="scan")
    assert message_transition(message=stale, to="deliver", reasons=PASS, by="scan") is False

    assert Message.objects.get(pk=message.pk).decision == "quarantine"


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_of_two_concurrent_scans_exactly_one_decides():
    message = _held_message()
    barrier = threading.Barrier(2)
    results: dict[str, bool] = {}

    def move(target: str) -> None:
        copy = Message.objects.get(pk=message.pk)
        barrier.wait(timeout=10)
        try:
            results[target] = message_transition(message=copy, to=target, reasons=PASS, by="scan")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=move, args=(t,)) for t in ("deliver", "quarantine")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(results.values()) == [False, True]
    final = Message.objects.get(pk=message.pk)
    winner = next(target for target, won in results.items() if won)
    assert final.decision == winner
    assert final.history.count() == 2
