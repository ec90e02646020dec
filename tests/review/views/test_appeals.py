"""Appeals round-trip: the messaging system submits, staff decide, the webhook says so."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from common.errors import Conflict
from inbox.models import Appeal, AuditEntry, Message, OutboxEvent, Outcome, TrainingLabel
from preferences.services import block_create
from review.services import appeal_decide
from tests.factories import ConnectionFactory, SenderFactory, direct_message
from tests.pages import page

pytestmark = pytest.mark.django_db


def appeal(service: Any, message_id: str, note: str = "I am a real client, see my history."):
    return service.send("post", f"/api/v1/messages/{message_id}/appeal", {"note": note})


@pytest.fixture
def rejected(db: None) -> Message:
    SenderFactory(account_id="c-new", billing_verified=False)
    message = direct_message("m-rej", "c-new", "f-1", "Hello, a logo job?")
    assert message.decision == Outcome.REJECT
    return message


@pytest.fixture
def scam(db: None) -> Message:
    SenderFactory(account_id="c-sus")
    message = direct_message("m-scam", "c-sus", "f-1", "Pay the fee on Telegram")
    Message.objects.filter(pk=message.pk).update(
        decision=Outcome.QUARANTINE,
        spam_label="scam",
        reasons=[{"code": "scam", "detail": "Looks like a scam."}],
    )
    message.refresh_from_db()
    return message


def test_an_appeal_is_accepted_once_and_answered_the_same_again(service: Any, rejected: Message):
    first = appeal(service, "m-rej")
    again = appeal(service, "m-rej", "A different note")

    assert first.status_code == 201
    assert (first.json()["message_id"], first.json()["state"]) == ("m-rej", "open")
    assert again.status_code == 200 and again.json() == first.json()
    assert Appeal.objects.get().note == "I am a real client, see my history."
    assert AuditEntry.objects.filter(action="appeal.submit", target="message:m-rej").count() == 1


@pytest.mark.parametrize(
    ("message_id", "body", "status", "code"),
    [
        ("m-nowhere", {"note": "hi"}, 404, "not_found"),
        ("m-rej", {}, 400, "validation_error"),
        ("m-rej", {"note": "x" * 2001}, 400, "validation_error"),
    ],
)
def test_bad_appeals_get_a_clear_error_and_change_nothing(
    service: Any, rejected: Message, message_id: str, body: dict[str, Any], status: int, code: str
):
    response = service.send("post", f"/api/v1/messages/{message_id}/appeal", body)

    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert not Appeal.objects.exists()


def test_an_appeal_without_words_is_still_an_appeal(
    service: Any, staff_web: Client, rejected: Message
):
    # A note of only whitespace or control characters is trimmed to nothing, and accepted:
    # the sender disputes the decision either way (the fuzzer sent "\u001d").
    response = appeal(service, "m-rej", " \u001d\t")

    assert response.status_code == 201
    assert Appeal.objects.get().note == ""
    page = staff_web.get(f"/review/messages/{rejected.message_id}/")
    assert "No note." in page.content.decode()


def test_a_delivered_message_has_nothing_to_appeal(service: Any, db: None):
    SenderFactory(account_id="c-ok")
    ConnectionFactory(client_id="c-ok", freelancer_id="f-1")
    assert direct_message("m-ok", "c-ok", "f-1", "Hi").decision == Outcome.DELIVER

    response = appeal(service, "m-ok")

    assert response.status_code == 409
    assert not Appeal.objects.exists()


def test_a_blocked_message_is_accepted_like_any_quarantine_and_never_reveals_the_block(
    service: Any, scam: Message, db: None
):
    SenderFactory(account_id="c-blocked")
    block_create(account_id="f-2", sender_id="c-blocked", scope="account")
    blocked = direct_message("m-blocked", "c-blocked", "f-2", "Hello")
    assert blocked.decision == Outcome.QUARANTINE

    by_block, by_scan = appeal(service, "m-blocked"), appeal(service, "m-scam")

    assert by_block.status_code == by_scan.status_code == 201
    assert set(by_block.json()) == set(by_scan.json())
    assert "blocked_sender" not in by_block.content.decode()


def test_staff_overturn_delivers_relabels_and_tells_the_messaging_system(
    service: Any, staff_web: Client, staff_user: Any, scam: Message
):
    appeal(service, "m-scam")

    queue = page(staff_web.get(reverse("review:queue"))).text
    response = staff_web.post(
        reverse("review:appeal-decide", args=["m-scam"]),
        {"outcome": "overturn", "reason": "A real agency paying by invoice"},
        follow=True,
    )

    assert "Appeals waiting 1" in queue and "m-scam" in queue
    assert "Overturned: the message is delivered" in page(response).text
    scam.refresh_from_db()
    assert scam.decision == Outcome.DELIVER
    assert TrainingLabel.objects.get(message=scam).label == "ok"
    events = list(OutboxEvent.objects.filter(message=scam).order_by("id"))
    assert [event.type for event in events] == ["message.released", "appeal.decided"]
    assert events[-1].payload | {"occurred_at": None} == {
        "type": "appeal.decided",
        "occurred_at": None,
        "message_id": "m-scam",
        "outcome": "overturned",
        "decision": "deliver",
        "reason": "A real agency paying by invoice",
    }
    entry = AuditEntry.objects.get(action="appeal.overturn")
    assert (entry.actor, entry.target) == (staff_user, "message:m-scam")
    assert "Appeals waiting" not in page(staff_web.get(reverse("review:queue"))).text


def test_staff_uphold_keeps_the_decision_and_says_so(
    service: Any, staff_web: Client, rejected: Message
):
    appeal(service, "m-rej")

    staff_web.post(
        reverse("review:appeal-decide", args=["m-rej"]),
        {"outcome": "uphold", "reason": "No verified billing yet"},
    )
    later = appeal(service, "m-rej")

    rejected.refresh_from_db()
    assert rejected.decision == Outcome.REJECT
    assert later.json()["state"] == "upheld"
    event = OutboxEvent.objects.get(type="appeal.decided")
    assert (event.payload["outcome"], event.payload["decision"]) == ("upheld", "reject")


def test_an_overturned_rejection_is_delivered(service: Any, staff_web: Client, rejected: Message):
    appeal(service, "m-rej")

    staff_web.post(
        reverse("review:appeal-decide", args=["m-rej"]),
        {"outcome": "overturn", "reason": "Verified by phone"},
    )

    rejected.refresh_from_db()
    assert rejected.decision == Outcome.DELIVER
    # Rejected on the sender, never read: its content is scanned now (a scam is pulled back).
    assert rejected.scan_state == "pending"


def test_an_overturned_quarantine_is_not_scanned_again(
    service: Any, staff_web: Client, scam: Message
):
    Message.objects.filter(pk=scam.pk).update(scan_state="done")
    appeal(service, "m-scam")

    staff_web.post(
        reverse("review:appeal-decide", args=["m-scam"]),
        {"outcome": "overturn", "reason": "A real client; checked"},
    )

    scam.refresh_from_db()
    assert (scam.decision, scam.scan_state) == (Outcome.DELIVER, "done")


def test_a_freelancers_block_is_not_overturned(service: Any, staff_web: Client, db: None):
    SenderFactory(account_id="c-blocked")
    block_create(account_id="f-2", sender_id="c-blocked", scope="account")
    direct_message("m-blocked", "c-blocked", "f-2", "Hello")
    appeal(service, "m-blocked")

    response = staff_web.post(
        reverse("review:appeal-decide", args=["m-blocked"]),
        {"outcome": "overturn", "reason": "Looks fine"},
        follow=True,
    )

    assert "their block is theirs to lift" in page(response).text
    assert Message.objects.get(message_id="m-blocked").decision == Outcome.QUARANTINE
    assert Appeal.objects.get().state == "open"


def test_a_block_made_after_the_quarantine_is_not_overturned_either(
    service: Any, staff_web: Client, scam: Message
):
    appeal(service, "m-scam")
    block_create(account_id="f-1", sender_id="c-sus", scope="account")  # after the scan

    response = staff_web.post(
        reverse("review:appeal-decide", args=["m-scam"]),
        {"outcome": "overturn", "reason": "Looks fine"},
        follow=True,
    )

    assert "their block is theirs to lift" in page(response).text
    assert Message.objects.get(message_id="m-scam").decision == Outcome.QUARANTINE
    assert Appeal.objects.get().state == "open"
    assert not OutboxEvent.objects.filter(type="appeal.decided").exists()


def test_an_appeal_decided_twice_is_decided_once(service: Any, staff_user: Any, scam: Message):
    appeal(service, "m-scam")
    stale = Appeal.objects.get()  # a second reviewer's copy, read before the first decided
    appeal_decide(
        appeal=Appeal.objects.get(), overturn=False, reason="Scam", actor_id=staff_user.pk
    )

    with pytest.raises(Conflict, match="already upheld"):
        appeal_decide(appeal=stale, overturn=True, reason="Fine", actor_id=staff_user.pk)

    assert Message.objects.get(message_id="m-scam").decision == Outcome.QUARANTINE
    assert OutboxEvent.objects.filter(type="appeal.decided").count() == 1


def test_a_decision_needs_a_reason(service: Any, staff_web: Client, rejected: Message):
    appeal(service, "m-rej")

    staff_web.post(reverse("review:appeal-decide", args=["m-rej"]), {"outcome": "uphold"})

    assert Appeal.objects.get().state == "open"
