"""The preferences API (CONTRACT §7): blocks."""

from __future__ import annotations

import pytest

from inbox.models import Sender
from preferences.models import Block, Freelancer
from tests.factories import (
    BlockFactory,
    ConnectionFactory,
    SenderFactory,
)
from tests.preferences.api.support import check, codes, follow, is_rfc3339_with_zone, url

pytestmark = pytest.mark.django_db


def test_blocking_answers_201_then_200_with_the_same_block(alice_client, alice):
    first = alice_client.send("post", url("f-alice", "blocks"), {"sender_id": "c-42"})
    again = alice_client.send("post", url("f-alice", "blocks"), {"sender_id": "c-42"})
    explicit = alice_client.send(
        "post", url("f-alice", "blocks"), {"sender_id": "c-42", "scope": "account"}
    )

    assert first.status_code == 201
    assert first.json()["id"]
    assert first.json()["sender_id"] == "c-42"
    assert first.json()["scope"] == "account"
    assert is_rfc3339_with_zone(first.json()["created_at"])
    assert (again.status_code, explicit.status_code) == (200, 200)
    assert again.json()["id"] == explicit.json()["id"] == first.json()["id"]
    assert Block.objects.filter(freelancer=alice).count() == 1


def test_block_scope_defaults_to_the_account(alice_client, alice):
    response = alice_client.send("post", url("f-alice", "blocks"), {"sender_id": "c-42"})

    assert response.json()["scope"] == "account"
    assert Block.objects.get(freelancer=alice).scope == "account"


def test_blocked_senders_messages_are_quarantined(service, alice_client, alice):
    SenderFactory(account_id="c-known")
    ConnectionFactory(client_id="c-known", freelancer_id="f-alice")
    alice_client.send("post", url("f-alice", "blocks"), {"sender_id": "c-known"})

    answer = check(service, "m-1", "c-known")

    assert answer["decision"] == "quarantine"
    assert codes(answer) == ["blocked_sender"]


def test_account_block_does_not_cover_other_accounts_of_the_organization(
    service, alice_client, alice
):
    SenderFactory(account_id="c-org-1", organization_id="org-17")
    SenderFactory(account_id="c-org-2", organization_id="org-17")
    alice_client.send("post", url("f-alice", "blocks"), {"sender_id": "c-org-1"})

    assert check(service, "m-1", "c-org-2")["decision"] != "quarantine"


def test_organization_block_captures_the_organization_and_covers_its_later_accounts(
    service, alice_client, alice
):
    SenderFactory(account_id="c-org-1", organization_id="org-17")

    response = alice_client.send(
        "post", url("f-alice", "blocks"), {"sender_id": "c-org-1", "scope": "organization"}
    )
    SenderFactory(account_id="c-org-2", organization_id="org-17")
    SenderFactory(account_id="c-elsewhere", organization_id="org-99")

    assert response.status_code == 201
    assert response.json()["scope"] == "organization"
    assert response.json()["organization_id"] == "org-17"
    colleague = check(service, "m-1", "c-org-2")
    assert colleague["decision"] == "quarantine"
    assert codes(colleague) == ["blocked_organization"]
    assert check(service, "m-2", "c-elsewhere")["decision"] != "quarantine"


def test_organization_block_keeps_the_organization_when_the_blocked_sender_leaves_it(
    service, alice_client, alice
):
    SenderFactory(account_id="c-org-1", organization_id="org-17")
    alice_client.send(
        "post", url("f-alice", "blocks"), {"sender_id": "c-org-1", "scope": "organization"}
    )
    # The blocked sender moves to another organization; the block keeps the one it captured.
    Sender.objects.filter(account_id="c-org-1").update(organization_id="org-2")
    SenderFactory(account_id="c-org-3", organization_id="org-17")

    assert check(service, "m-1", "c-org-3")["decision"] == "quarantine"


@pytest.mark.parametrize("new_organization", [None, "org-2"], ids=["left", "moved"])
def test_organization_block_still_covers_the_blocked_account_after_it_leaves(
    service, alice_client, alice, new_organization
):
    SenderFactory(account_id="c-org-1", organization_id="org-17")
    alice_client.send(
        "post", url("f-alice", "blocks"), {"sender_id": "c-org-1", "scope": "organization"}
    )
    facts = {
        "display_name": "Client",
        "organization_id": new_organization,
        "billing_verified": True,
        "spent_last_12_months_cents": 150_000,
        "joined_at": "2025-01-01T00:00:00Z",
        "first_payment_at": "2025-02-01T00:00:00Z",
        "standing": "good",
    }
    assert service.send("put", "/api/v1/senders/c-org-1", facts).status_code == 200

    assert check(service, "m-1", "c-org-1")["decision"] == "quarantine"


def test_linked_block_covers_accounts_sharing_the_identity_key(service, alice_client, alice):
    SenderFactory(account_id="c-main", identity_key="pm-fp-9c1e")

    response = alice_client.send(
        "post", url("f-alice", "blocks"), {"sender_id": "c-main", "scope": "linked"}
    )
    SenderFactory(account_id="c-sock-puppet", identity_key="pm-fp-9c1e")
    SenderFactory(account_id="c-unrelated", identity_key="pm-fp-0000")

    assert response.status_code == 201
    assert response.json()["identity_key"] == "pm-fp-9c1e"
    puppet = check(service, "m-1", "c-sock-puppet")
    assert puppet["decision"] == "quarantine"
    assert codes(puppet) == ["blocked_linked_account"]
    assert check(service, "m-2", "c-main")["decision"] == "quarantine"
    assert check(service, "m-3", "c-unrelated")["decision"] != "quarantine"


@pytest.mark.parametrize("scope", ["organization", "linked"])
@pytest.mark.parametrize("known", [True, False], ids=["facts-without-them", "no-facts"])
def test_organization_or_linked_block_without_them_is_refused_clearly(
    alice_client, alice, scope, known
):
    if known:
        SenderFactory(account_id="c-solo", organization_id="", identity_key="")

    response = alice_client.send(
        "post", url("f-alice", "blocks"), {"sender_id": "c-solo", "scope": scope}
    )

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert "block the account instead" in error["message"]
    assert "scope" in error["fields"]
    assert not Block.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        pytest.param({}, "sender_id", id="no-sender"),
        pytest.param({"sender_id": ""}, "sender_id", id="empty-sender"),
        pytest.param({"sender_id": "c 42"}, "sender_id", id="sender-with-space"),
        pytest.param({"sender_id": 42}, "sender_id", id="sender-a-number"),
        pytest.param({"sender_id": "c-42", "scope": "everyone"}, "scope", id="unknown-scope"),
        pytest.param({"sender_id": "c-42", "scope": None}, "scope", id="null-scope"),
    ],
)
def test_invalid_block_is_refused_with_fields(alice_client, alice, body, field):
    response = alice_client.send("post", url("f-alice", "blocks"), body)

    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    assert not Block.objects.exists()


def test_block_list_has_the_contract_shape(alice_client, alice):
    block = BlockFactory.create(freelancer=alice, sender_id="c-42")
    BlockFactory.create(sender_id="c-someone-elses")

    response = alice_client.get(url("f-alice", "blocks"))

    assert response.status_code == 200
    assert response.json()["next"] is None
    (item,) = response.json()["results"]
    assert item["id"] == block.id
    assert item["sender_id"] == "c-42"
    assert item["scope"] == "account"


def test_block_list_of_an_unknown_freelancer_is_empty(service):
    response = service.get(url("f-never-seen", "blocks"))

    assert response.json() == {"results": [], "next": None}
    assert not Freelancer.objects.filter(account_id="f-never-seen").exists()


def test_block_list_pages_follow_their_next_links(alice_client, alice):
    blocks = [BlockFactory.create(freelancer=alice, sender_id=f"c-{n}") for n in range(5)]

    pages = follow(alice_client, url("f-alice", "blocks") + "?limit=2")

    assert [len(page["results"]) for page in pages] == [2, 2, 1]
    assert pages[0]["next"].startswith("http")
    listed = [item["id"] for page in pages for item in page["results"]]
    assert sorted(listed) == sorted(block.id for block in blocks)


def test_unblocking_lets_the_senders_messages_through_again(service, alice_client, alice):
    SenderFactory(account_id="c-known")
    ConnectionFactory(client_id="c-known", freelancer_id="f-alice")
    block = alice_client.send("post", url("f-alice", "blocks"), {"sender_id": "c-known"}).json()
    assert check(service, "m-1", "c-known")["decision"] == "quarantine"

    response = alice_client.delete(url("f-alice", f"blocks/{block['id']}"))

    assert response.status_code == 204
    assert alice_client.get(url("f-alice", "blocks")).json()["results"] == []
    assert check(service, "m-2", "c-known")["decision"] == "deliver"


def test_deleting_an_unknown_block_is_not_found(alice_client, alice):
    response = alice_client.delete(url("f-alice", "blocks/999999"))

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_deleting_someone_elses_block_by_id_is_not_found(alice_client, alice, bob):
    bobs_block = BlockFactory.create(freelancer=bob, sender_id="c-42")

    response = alice_client.delete(url("f-alice", f"blocks/{bobs_block.id}"))

    assert response.status_code == 404
    assert Block.objects.filter(id=bobs_block.id).exists()


def test_deleting_a_block_with_an_out_of_range_id_is_not_found(alice_client, alice):
    response = alice_client.delete(url("f-alice", "blocks/" + "9" * 30))

    assert response.status_code == 404


def test_deleting_a_block_twice_is_not_found_the_second_time(alice_client, alice):
    block = BlockFactory.create(freelancer=alice)

    assert alice_client.delete(url("f-alice", f"blocks/{block.id}")).status_code == 204
    assert alice_client.delete(url("f-alice", f"blocks/{block.id}")).status_code == 404
