"""The preferences API (CONTRACT §7): trusted senders."""

from __future__ import annotations

import pytest

from preferences.models import AllowedSender
from tests.factories import (
    AllowedSenderFactory,
    ConnectionFactory,
    SenderFactory,
)
from tests.preferences.api.support import check, codes, url

pytestmark = pytest.mark.django_db


def test_trusting_a_sender_answers_201_then_200_and_lists_it(alice_client, alice):
    first = alice_client.send("post", url("f-alice", "allowed"), {"sender_id": "c-9"})
    again = alice_client.send("post", url("f-alice", "allowed"), {"sender_id": "c-9"})
    listed = alice_client.get(url("f-alice", "allowed"))

    assert first.status_code == 201
    assert first.json()["sender_id"] == "c-9"
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert listed.status_code == 200
    assert listed.json()["next"] is None
    assert [item["id"] for item in listed.json()["results"]] == [first.json()["id"]]
    assert listed.json()["results"][0]["sender_id"] == "c-9"


def test_untrusting_a_sender_removes_it(alice_client, alice):
    allowed = AllowedSenderFactory.create(freelancer=alice, sender_id="c-9")

    response = alice_client.delete(url("f-alice", f"allowed/{allowed.id}"))

    assert response.status_code == 204
    assert alice_client.get(url("f-alice", "allowed")).json() == {"results": [], "next": None}
    assert alice_client.delete(url("f-alice", f"allowed/{allowed.id}")).status_code == 404


def test_deleting_someone_elses_trusted_sender_is_not_found(alice_client, alice, bob):
    bobs = AllowedSenderFactory.create(freelancer=bob, sender_id="c-9")

    response = alice_client.delete(url("f-alice", f"allowed/{bobs.id}"))

    assert response.status_code == 404
    assert AllowedSender.objects.filter(id=bobs.id).exists()


def test_trusting_an_invalid_sender_id_is_refused(alice_client, alice):
    response = alice_client.send("post", url("f-alice", "allowed"), {"sender_id": "not valid"})

    assert response.status_code == 400
    assert "sender_id" in response.json()["error"]["fields"]
    assert not AllowedSender.objects.exists()


def test_trusted_sender_skips_the_recipients_off_mode(service, alice_client, alice):
    alice_client.send("patch", url("f-alice", "preferences"), {"direct": "off"})
    SenderFactory(account_id="c-trusted")
    SenderFactory(account_id="c-stranger")
    alice_client.send("post", url("f-alice", "allowed"), {"sender_id": "c-trusted"})

    assert check(service, "m-1", "c-stranger")["decision"] == "reject"
    assert check(service, "m-2", "c-trusted")["decision"] == "hold"


def test_trusted_ineligible_sender_is_not_rejected(service, alice_client, alice):
    for account_id in ("c-trusted", "c-stranger"):
        SenderFactory(account_id=account_id, billing_verified=False, spent_last_12_months_cents=0)
    alice_client.send("post", url("f-alice", "allowed"), {"sender_id": "c-trusted"})

    stranger = check(service, "m-1", "c-stranger")
    trusted = check(service, "m-2", "c-trusted")

    assert stranger["decision"] == "reject"
    assert set(codes(stranger)) == {"billing_not_verified", "spend_below_threshold"}
    assert trusted["decision"] != "reject"


def test_trusted_sender_skips_keyword_filters(service, alice_client, alice):
    SenderFactory(account_id="c-trusted")
    ConnectionFactory(client_id="c-trusted", freelancer_id="f-alice")
    alice_client.send("patch", url("f-alice", "preferences"), {"keyword_filters": ["crypto"]})
    alice_client.send("post", url("f-alice", "allowed"), {"sender_id": "c-trusted"})

    assert check(service, "m-1", "c-trusted", body="About the crypto invoice")["decision"] == (
        "deliver"
    )


def test_trusted_sender_in_bad_standing_is_still_rejected(service, alice_client, alice):
    SenderFactory(account_id="c-trusted", standing="suspended")
    alice_client.send("post", url("f-alice", "allowed"), {"sender_id": "c-trusted"})

    answer = check(service, "m-1", "c-trusted")

    assert answer["decision"] == "reject"
    assert codes(answer) == ["account_not_in_good_standing"]


def test_block_wins_over_trust(service, alice_client, alice):
    SenderFactory(account_id="c-both")
    alice_client.send("post", url("f-alice", "allowed"), {"sender_id": "c-both"})
    alice_client.send("post", url("f-alice", "blocks"), {"sender_id": "c-both"})

    assert check(service, "m-1", "c-both")["decision"] == "quarantine"
