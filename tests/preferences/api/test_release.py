"""The preferences API (CONTRACT §7): releasing a quarantined message."""

from __future__ import annotations

import pytest

from inbox.models import Message, Sender
from tests.factories import (
    BlockFactory,
)
from tests.preferences.api.support import check, is_rfc3339_with_zone, snapshot, url

pytestmark = pytest.mark.django_db


def test_releasing_a_quarantined_message_delivers_it(service, alice_client, alice_inbox):
    message_id = alice_inbox["quarantine"]

    response = alice_client.post(url("f-alice", f"quarantine/{message_id}/release"))

    assert response.status_code == 200
    assert response.json()["message_id"] == message_id
    assert response.json()["decision"] == "deliver"
    state = service.get(f"/api/v1/messages/{message_id}").json()
    assert state["decision"] == "deliver"
    assert [(entry["decision"], entry["by"]) for entry in state["history"]] == [
        ("quarantine", "policy"),
        ("deliver", "freelancer"),
    ]
    assert all(is_rfc3339_with_zone(entry["at"]) for entry in state["history"])
    listed = alice_client.get(url("f-alice", "quarantine")).json()["results"]
    assert message_id not in {item["message_id"] for item in listed}


def test_releasing_twice_is_a_no_op(service, alice_client, alice_inbox):
    message_id = alice_inbox["quarantine"]
    alice_client.post(url("f-alice", f"quarantine/{message_id}/release"))
    before = snapshot()

    response = alice_client.post(url("f-alice", f"quarantine/{message_id}/release"))

    assert response.status_code == 200
    assert response.json()["decision"] == "deliver"
    assert snapshot() == before
    assert len(service.get(f"/api/v1/messages/{message_id}").json()["history"]) == 2


@pytest.mark.parametrize("decision", ["hold", "reject"])
def test_releasing_a_message_that_is_not_quarantined_conflicts(alice_client, alice_inbox, decision):
    before = snapshot()

    response = alice_client.post(url("f-alice", f"quarantine/{alice_inbox[decision]}/release"))

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"
    assert snapshot() == before


def test_a_message_held_for_trust_and_safety_is_released_by_staff_not_the_freelancer(
    alice_client, staff_client, alice_inbox
):
    message_id = alice_inbox["deliver"]
    Message.objects.filter(message_id=message_id).update(
        decision="quarantine", reasons=[{"code": "reported_by_many", "detail": "Held."}]
    )
    Sender.objects.filter(account_id="c-known").update(standing_override="under_review")
    before = snapshot()

    refused = alice_client.post(url("f-alice", f"quarantine/{message_id}/release"))

    assert refused.status_code == 409
    assert "trust & safety" in refused.json()["error"]["message"]
    assert snapshot() == before
    released = staff_client.post(url("f-alice", f"quarantine/{message_id}/release"))
    assert (released.status_code, released.json()["decision"]) == (200, "deliver")


def test_releasing_an_unknown_message_is_not_found(alice_client, alice):
    response = alice_client.post(url("f-alice", "quarantine/m-nope/release"))

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_releasing_a_message_to_someone_else_is_not_found(service, alice_client, alice, bob):
    BlockFactory.create(freelancer=bob, sender_id="c-spammer")
    check(service, "m-to-bob", "c-spammer", recipient_id="f-bob")

    response = alice_client.post(url("f-alice", "quarantine/m-to-bob/release"))

    assert response.status_code == 404
    assert Message.objects.get(message_id="m-to-bob").decision == "quarantine"


def test_staff_release_is_recorded_as_by_admin(service, staff_client, alice_inbox):
    message_id = alice_inbox["quarantine"]

    response = staff_client.post(url("f-alice", f"quarantine/{message_id}/release"))

    assert response.status_code == 200
    history = service.get(f"/api/v1/messages/{message_id}").json()["history"]
    assert [(entry["decision"], entry["by"]) for entry in history][-1] == ("deliver", "admin")
