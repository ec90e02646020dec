"""The preferences API (CONTRACT §7): releasing a quarantined message."""

from __future__ import annotations

import pytest

from inbox.models import Message, Sender
from tests.factories import (
    BlockFactory,
)
from tests.preferences.api.support import check, is_rfc3339_with_zone, snapshot, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def filtered(service, alice, alice_inbox) -> str:
    """A message alice's own keyword filter quarantined, from a sender she does not block."""
    alice.keyword_filters = ["crypto"]
    alice.save()
    answer = check(service, "m-filtered", "c-known", body="Shall we settle the invoice in crypto?")
    assert answer["decision"] == "quarantine"
    return str(answer["message_id"])


def test_releasing_a_quarantined_message_delivers_it(service, alice_client, filtered):
    message_id = filtered

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


def test_releasing_twice_is_a_no_op(service, alice_client, filtered):
    message_id = filtered
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


def test_staff_release_is_recorded_as_by_admin(service, staff_client, filtered):
    message_id = filtered

    response = staff_client.post(url("f-alice", f"quarantine/{message_id}/release"))

    assert response.status_code == 200
    history = service.get(f"/api/v1/messages/{message_id}").json()["history"]
    assert [(entry["decision"], entry["by"]) for entry in history][-1] == ("deliver", "admin")


@pytest.mark.parametrize("who", ["alice", "staff"])
def test_a_message_from_a_sender_the_freelancer_blocks_is_not_released_by_anyone(
    alice_client, staff_client, alice_inbox, who
):
    """As on the freelancer's page and in the staff queue: the block is lifted first."""
    client = alice_client if who == "alice" else staff_client
    before = snapshot()

    refused = client.post(url("f-alice", f"quarantine/{alice_inbox['quarantine']}/release"))

    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "conflict"
    expected = "unblock them first" if who == "alice" else "their block is theirs to lift"
    assert expected in refused.json()["error"]["message"]
    assert snapshot() == before


def test_once_the_block_is_lifted_the_message_is_released(alice_client, alice_inbox):
    block_id = alice_client.get(url("f-alice", "blocks")).json()["results"][0]["id"]
    assert alice_client.delete(url("f-alice", f"blocks/{block_id}")).status_code == 204

    released = alice_client.post(url("f-alice", f"quarantine/{alice_inbox['quarantine']}/release"))

    assert (released.status_code, released.json()["decision"]) == (200, "deliver")
