"""A freelancer's preferences API (CONTRACT §7) end to end, and who may use it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from inbox.models import DecisionRecord, Message, Sender
from preferences.models import AllowedSender, Block, Freelancer
from tests.conftest import JsonClient
from tests.factories import (
    AllowedSenderFactory,
    BlockFactory,
    ConnectionFactory,
    SenderFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

DEFAULT_PREFERENCES = {"direct": "allow", "job_invite": "allow", "keyword_filters": []}


@pytest.fixture(autouse=True)
def _frozen(frozen_now: Any) -> None:
    """Sender eligibility is measured against tests.factories.NOW."""


def url(account_id: str, tail: str = "") -> str:
    return f"/api/v1/freelancers/{account_id}/{tail}"


def check(
    service: JsonClient,
    message_id: str,
    sender_id: str,
    *,
    recipient_id: str = "f-alice",
    kind: str = "direct",
    body: str = "Hello, are you available for a WordPress job next week?",
) -> dict[str, Any]:
    """Ask the service about a new message, as the messaging system does; return the answer."""
    response = service.send(
        "post",
        "/api/v1/messages",
        {
            "message_id": message_id,
            "sender_id": sender_id,
            "recipient_id": recipient_id,
            "kind": kind,
            "body": body,
        },
    )
    assert response.status_code == 201, response.content
    answer: dict[str, Any] = response.json()
    return answer


def codes(answer: dict[str, Any]) -> list[str]:
    return [reason["code"] for reason in answer["reasons"]]


def preferences_of(account_id: str) -> tuple[Any, ...]:
    return tuple(
        Freelancer.objects.filter(account_id=account_id).values_list(
            "direct_mode", "job_invite_mode", "keyword_filters"
        )
    )


def snapshot() -> dict[str, Any]:
    """Everything a §7 call could change."""
    return {
        "freelancers": list(
            Freelancer.objects.order_by("id").values_list(
                "account_id", "direct_mode", "job_invite_mode", "keyword_filters", "user_id"
            )
        ),
        "blocks": list(
            Block.objects.order_by("id").values_list("id", "freelancer_id", "sender_id", "scope")
        ),
        "allowed": list(
            AllowedSender.objects.order_by("id").values_list("id", "freelancer_id", "sender_id")
        ),
        "messages": list(
            Message.objects.order_by("id").values_list(
                "message_id", "decision", "reasons", "decided_at"
            )
        ),
        "history": list(DecisionRecord.objects.order_by("id").values_list("id", "decision", "by")),
    }


def follow(client: JsonClient, first_url: str) -> list[dict[str, Any]]:
    """Return every page of a list, following `next` links."""
    pages = []
    next_url: str | None = first_url
    while next_url:
        response = client.get(next_url)
        assert response.status_code == 200, response.content
        pages.append(response.json())
        next_url = response.json()["next"]
        assert len(pages) < 20, "pagination does not end"
    return pages


def is_rfc3339_with_zone(value: str) -> bool:
    return datetime.fromisoformat(value).tzinfo is not None


@pytest.fixture
def alice_inbox(service: JsonClient, alice: Freelancer) -> dict[str, str]:
    """One message to alice in each decision; return their ids by decision."""
    alice.direct_mode = "requests"
    alice.save()
    SenderFactory(account_id="c-known", display_name="Known Client")
    ConnectionFactory(client_id="c-known", freelancer_id="f-alice")
    SenderFactory(account_id="c-spammer", display_name="Spammy Ltd")
    BlockFactory.create(freelancer=alice, sender_id="c-spammer")
    SenderFactory(account_id="c-stranger", display_name="Stranger Inc")
    SenderFactory(account_id="c-suspended", standing="suspended")
    answers = {
        "deliver": check(service, "m-delivered", "c-known"),
        "quarantine": check(service, "m-quarantined", "c-spammer"),
        # First contact waits for the scan; the second message goes to requests.
        "hold": check(service, "m-held", "c-stranger"),
        "request": check(service, "m-requested", "c-stranger"),
        "reject": check(service, "m-rejected", "c-suspended"),
    }
    assert {want: answer["decision"] for want, answer in answers.items()} == {
        want: want for want in answers
    }
    return {want: answer["message_id"] for want, answer in answers.items()}


def quarantine_message(service: JsonClient, alice: Freelancer, body: str) -> dict[str, Any]:
    """Have a blocked sender send `body` to alice; return alice's quarantine item for it."""
    SenderFactory(account_id="c-spammer")
    BlockFactory.create(freelancer=alice, sender_id="c-spammer")
    answer = check(service, "m-preview", "c-spammer", body=body)
    assert answer["decision"] == "quarantine"
    assert alice.user is not None
    client = JsonClient()
    client.force_login(alice.user)
    (item,) = client.get(url("f-alice", "quarantine")).json()["results"]
    return dict(item)


# --- Preferences -----------------------------------------------------------------------------


def test_unknown_freelancer_gets_policy_defaults_without_a_row_being_created(service):
    response = service.get(url("f-never-seen", "preferences"))

    assert response.status_code == 200
    assert {key: response.json()[key] for key in DEFAULT_PREFERENCES} == DEFAULT_PREFERENCES
    assert not Freelancer.objects.filter(account_id="f-never-seen").exists()


def test_freelancer_who_never_chose_sees_the_policy_defaults(alice_client, alice):
    response = alice_client.get(url("f-alice", "preferences"))

    assert response.status_code == 200
    assert {key: response.json()[key] for key in DEFAULT_PREFERENCES} == DEFAULT_PREFERENCES


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(
            {"direct": "off"},
            {"direct": "off", "job_invite": "requests", "keyword_filters": ["bitcoin"]},
            id="direct-only",
        ),
        pytest.param(
            {"job_invite": "allow"},
            {"direct": "requests", "job_invite": "allow", "keyword_filters": ["bitcoin"]},
            id="job-invite-only",
        ),
        pytest.param(
            {"keyword_filters": ["crypto", "wire transfer"]},
            {
                "direct": "requests",
                "job_invite": "requests",
                "keyword_filters": ["crypto", "wire transfer"],
            },
            id="filters-only",
        ),
        pytest.param(
            {"keyword_filters": []},
            {"direct": "requests", "job_invite": "requests", "keyword_filters": []},
            id="filters-cleared",
        ),
        pytest.param(
            {},
            {"direct": "requests", "job_invite": "requests", "keyword_filters": ["bitcoin"]},
            id="nothing",
        ),
    ],
)
def test_patch_changes_only_the_preferences_sent(alice_client, alice, change, expected):
    alice_client.send(
        "patch",
        url("f-alice", "preferences"),
        {"direct": "requests", "job_invite": "requests", "keyword_filters": ["bitcoin"]},
    )

    response = alice_client.send("patch", url("f-alice", "preferences"), change)

    assert response.status_code == 200, response.content
    assert {key: response.json()[key] for key in expected} == expected
    after = alice_client.get(url("f-alice", "preferences")).json()
    assert {key: after[key] for key in expected} == expected


def test_patch_by_the_service_creates_the_preferences_of_an_unknown_freelancer(service):
    response = service.send("patch", url("f-new", "preferences"), {"job_invite": "off"})

    assert response.status_code == 200
    assert response.json()["job_invite"] == "off"
    assert response.json()["direct"] == "allow"
    assert preferences_of("f-new") == (("", "off", []),)


def test_chosen_mode_decides_the_next_message(service, alice_client, alice):
    SenderFactory(account_id="c-stranger")
    alice_client.send("patch", url("f-alice", "preferences"), {"direct": "off"})

    answer = check(service, "m-1", "c-stranger")

    assert answer["decision"] == "reject"
    assert codes(answer) == ["recipient_not_accepting"]


def test_keyword_filters_are_trimmed_and_deduplicated_ignoring_case(alice_client, alice):
    response = alice_client.send(
        "patch",
        url("f-alice", "preferences"),
        {
            "keyword_filters": [
                "  Crypto ",
                "crypto",
                "CRYPTO",
                "wire   transfer",
                "Wire Transfer",
                "telegram",
            ]
        },
    )

    assert response.status_code == 200, response.content
    assert response.json()["keyword_filters"] == ["Crypto", "wire transfer", "telegram"]
    assert preferences_of("f-alice")[0][2] == ["Crypto", "wire transfer", "telegram"]


def test_keyword_filters_are_stored_without_bidi_or_invisible_characters(alice_client, alice):
    response = alice_client.send(
        "patch",
        url("f-alice", "preferences"),
        {"keyword_filters": ["\u202egift\u200b card", "gift card"]},
    )

    assert response.status_code == 200, response.content
    assert response.json()["keyword_filters"] == ["gift card"]


def test_keyword_filter_quarantines_a_matching_message(service, alice_client, alice):
    SenderFactory(account_id="c-known")
    ConnectionFactory(client_id="c-known", freelancer_id="f-alice")
    alice_client.send("patch", url("f-alice", "preferences"), {"keyword_filters": ["crypto"]})

    answer = check(service, "m-1", "c-known", body="Let's talk about CRYPTO payments.")

    assert answer["decision"] == "quarantine"
    assert codes(answer) == ["keyword_filter"]


INVALID_PREFERENCES = [
    pytest.param({"direct": "sometimes"}, "direct", id="unknown-mode"),
    pytest.param({"direct": "Allow"}, "direct", id="mode-wrong-case"),
    pytest.param({"direct": None}, "direct", id="mode-null"),
    pytest.param({"direct": ["off"]}, "direct", id="mode-not-a-string"),
    pytest.param({"direct": "off", "job_invite": "never"}, "job_invite", id="one-bad-mode"),
    pytest.param({"keyword_filters": "crypto"}, "keyword_filters", id="filters-a-string"),
    pytest.param({"keyword_filters": {"crypto": True}}, "keyword_filters", id="filters-object"),
    pytest.param({"keyword_filters": None}, "keyword_filters", id="filters-null"),
    pytest.param({"keyword_filters": ["crypto", 7]}, "keyword_filters", id="number-item"),
    pytest.param({"keyword_filters": [None]}, "keyword_filters", id="null-item"),
    pytest.param({"keyword_filters": [["crypto"]]}, "keyword_filters", id="list-item"),
    pytest.param({"keyword_filters": ["x" * 101]}, "keyword_filters", id="too-long"),
    pytest.param({"keyword_filters": ["   "]}, "keyword_filters", id="blank"),
    pytest.param({"keyword_filters": ["?!..."]}, "keyword_filters", id="punctuation-only"),
    pytest.param(
        {"direct": "off", "keyword_filters": ["crypto", "--"]},
        "keyword_filters",
        id="good-mode-with-punctuation-filter",
    ),
    pytest.param(
        {"keyword_filters": [f"word{n}" for n in range(201)]},
        "keyword_filters",
        id="too-many",
    ),
    pytest.param({"digest_enabled": "yes"}, "digest_enabled", id="digest-not-boolean"),
]


@pytest.mark.parametrize(("change", "field"), INVALID_PREFERENCES)
def test_invalid_preferences_are_refused_with_fields_and_change_nothing(
    alice_client, alice, change, field
):
    alice_client.send(
        "patch",
        url("f-alice", "preferences"),
        {"direct": "requests", "job_invite": "off", "keyword_filters": ["bitcoin"]},
    )
    before = snapshot()

    response = alice_client.send("patch", url("f-alice", "preferences"), change)

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert error["message"]
    assert field in error["fields"]
    assert snapshot() == before
    after = alice_client.get(url("f-alice", "preferences")).json()
    assert (after["direct"], after["job_invite"], after["keyword_filters"]) == (
        "requests",
        "off",
        ["bitcoin"],
    )


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"direct": "sometimes"}, id="bad-mode"),
        pytest.param({"keyword_filters": "crypto"}, id="filters-not-a-list"),
    ],
)
def test_refused_patch_for_an_unknown_freelancer_creates_no_row(service, change):
    response = service.send("patch", url("f-never-seen", "preferences"), change)

    assert response.status_code == 400
    assert not Freelancer.objects.filter(account_id="f-never-seen").exists()


def test_refused_punctuation_filter_for_an_unknown_freelancer_creates_no_row(service):
    response = service.send(
        "patch", url("f-never-seen", "preferences"), {"keyword_filters": ["!!!"]}
    )

    assert response.status_code == 400
    assert not Freelancer.objects.filter(account_id="f-never-seen").exists()


def test_malformed_json_is_refused_with_a_json_error(alice_client, alice):
    response = alice_client.patch(
        url("f-alice", "preferences"), data="{not json", content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed_json"
    assert preferences_of("f-alice") == (("", "", []),)


def test_a_non_object_body_is_refused(alice_client, alice):
    response = alice_client.send("patch", url("f-alice", "preferences"), ["direct", "off"])

    assert response.status_code == 400
    assert preferences_of("f-alice") == (("", "", []),)


# --- Blocks ----------------------------------------------------------------------------------


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


# --- Trusted senders -------------------------------------------------------------------------


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


# --- Quarantine ------------------------------------------------------------------------------


def test_quarantine_lists_quarantined_and_requested_messages_only(alice_client, alice_inbox):
    response = alice_client.get(url("f-alice", "quarantine"))

    assert response.status_code == 200
    assert response.json()["next"] is None
    listed = {item["message_id"] for item in response.json()["results"]}
    assert listed == {alice_inbox["quarantine"], alice_inbox["request"]}


def test_quarantine_item_names_the_sender_reasons_and_time(alice_client, alice_inbox):
    items = alice_client.get(url("f-alice", "quarantine")).json()["results"]

    item = next(item for item in items if item["message_id"] == alice_inbox["quarantine"])
    assert item["sender"]["display_name"] == "Spammy Ltd"
    assert item["sender"]["billing_verified"] is True
    assert item["sender"]["spent_last_12_months_cents"] == 150_000
    assert item["sender"]["joined_at"] == "2025-10-16T10:00:00Z"
    assert [reason["code"] for reason in item["reasons"]] == ["blocked_sender"]
    assert all(reason["detail"] for reason in item["reasons"])
    assert is_rfc3339_with_zone(item["received_at"])
    assert item["preview"] == "Hello, are you available for a WordPress job next week?"
    requested = next(item for item in items if item["message_id"] == alice_inbox["request"])
    assert requested["sender"]["display_name"] == "Stranger Inc"
    assert [reason["code"] for reason in requested["reasons"]] == ["message_request"]


def test_quarantine_item_of_a_sender_without_facts_still_names_it(service, alice_client, alice):
    BlockFactory.create(freelancer=alice, sender_id="c-ghost")
    check(service, "m-1", "c-ghost")

    (item,) = alice_client.get(url("f-alice", "quarantine")).json()["results"]

    assert item["message_id"] == "m-1"
    assert item["sender"]["id"] == "c-ghost"


def test_quarantine_preview_defangs_links(service, alice):
    item = quarantine_message(
        service,
        alice,
        "Log in at https://evil.example/login or http://www.evil.example today",
    )

    assert "hxxps://evil[.]example/login" in item["preview"]
    assert "hxxp://www[.]evil[.]example" in item["preview"]
    assert "https://" not in item["preview"]
    assert "http://" not in item["preview"]
    assert "evil.example" not in item["preview"]


def test_quarantine_preview_defangs_bare_hosts_but_not_file_names(service, alice):
    item = quarantine_message(
        service,
        alice,
        "Pay at evil.example.com/wallet or //cdn.evil.example, see bit.ly/3xYz; main.py, e.g. v1.2",
    )

    assert "evil[.]example[.]com/wallet" in item["preview"]
    assert "//cdn[.]evil[.]example" in item["preview"]
    assert "bit[.]ly/3xYz" in item["preview"]
    assert "main.py, e.g. v1.2" in item["preview"]


def test_quarantine_preview_removes_bidi_overrides_and_controls(service, alice):
    item = quarantine_message(service, alice, "invoice\u202egpj.exe\u2066 \u200bpaid\x07 now")

    for char in ("\u202e", "\u2066", "\u200b", "\x07"):
        assert char not in item["preview"]
    assert item["preview"].startswith("invoice")


def test_quarantine_preview_is_at_most_200_characters(service, alice):
    item = quarantine_message(service, alice, "spam " * 2000)

    assert 0 < len(item["preview"]) <= 200
    assert item["preview"].startswith("spam spam")


def test_quarantine_preview_folds_whitespace_to_one_line(service, alice):
    item = quarantine_message(service, alice, "line one\n\n\tline   two\r\n")

    assert item["preview"] == "line one line two"


def test_reading_the_quarantine_changes_no_message(alice_client, alice_inbox):
    before = snapshot()

    alice_client.get(url("f-alice", "quarantine"))
    alice_client.get(url("f-alice", "quarantine") + "?limit=1")

    assert snapshot() == before


def test_quarantine_pages_follow_their_next_links(alice_client, alice_inbox):
    pages = follow(alice_client, url("f-alice", "quarantine") + "?limit=1")

    assert [len(page["results"]) for page in pages] == [1, 1]
    listed = {item["message_id"] for page in pages for item in page["results"]}
    assert listed == {alice_inbox["quarantine"], alice_inbox["request"]}


def test_quarantine_of_a_freelancer_without_messages_is_empty(service):
    assert service.get(url("f-never-seen", "quarantine")).json() == {"results": [], "next": None}


# --- Release ---------------------------------------------------------------------------------


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


# --- Who may call what -----------------------------------------------------------------------

# (method, path under /freelancers/{id}/, body, the owner's status)
ENDPOINTS = [
    pytest.param("get", "preferences", None, 200, id="get-preferences"),
    pytest.param("patch", "preferences", {"direct": "off"}, 200, id="patch-preferences"),
    pytest.param("get", "blocks", None, 200, id="list-blocks"),
    pytest.param("post", "blocks", {"sender_id": "c-new"}, 201, id="create-block"),
    pytest.param("delete", "blocks/{block_id}", None, 204, id="delete-block"),
    pytest.param("get", "allowed", None, 200, id="list-allowed"),
    pytest.param("post", "allowed", {"sender_id": "c-new"}, 201, id="create-allowed"),
    pytest.param("delete", "allowed/{allowed_id}", None, 204, id="delete-allowed"),
    pytest.param("get", "quarantine", None, 200, id="list-quarantine"),
    pytest.param("post", "quarantine/{message_id}/release", None, 200, id="release"),
]


def seed(service: JsonClient, freelancer: Freelancer) -> dict[str, Any]:
    """Give a freelancer preferences, a block, a trusted sender and a quarantined message."""
    freelancer.direct_mode = "requests"
    freelancer.job_invite_mode = "off"
    freelancer.keyword_filters = ["crypto"]
    freelancer.save()
    spammer = f"c-spam-{freelancer.account_id}"
    SenderFactory(account_id=spammer)
    block = BlockFactory.create(freelancer=freelancer, sender_id=spammer)
    allowed = AllowedSenderFactory.create(freelancer=freelancer)
    answer = check(
        service, f"m-to-{freelancer.account_id}", spammer, recipient_id=freelancer.account_id
    )
    assert answer["decision"] == "quarantine"
    return {"block_id": block.id, "allowed_id": allowed.id, "message_id": answer["message_id"]}


def call(client: JsonClient, method: str, account_id: str, tail: str, body: Any) -> Any:
    return client.send(method, url(account_id, tail), body)


@pytest.mark.parametrize(("method", "tail", "body", "status"), ENDPOINTS)
def test_freelancer_session_can_use_every_endpoint_for_their_own_account(
    service, alice_client, alice, method, tail, body, status
):
    ids = seed(service, alice)

    response = call(alice_client, method, "f-alice", tail.format(**ids), body)

    assert response.status_code == status, response.content


@pytest.mark.parametrize(("method", "tail", "body", "status"), ENDPOINTS)
def test_freelancer_session_gets_404_for_another_freelancer_and_changes_nothing(
    service, alice_client, alice, bob, method, tail, body, status
):
    ids = seed(service, bob)
    before = snapshot()

    response = call(alice_client, method, "f-bob", tail.format(**ids), body)
    unknown = call(alice_client, method, "f-never-seen", tail.format(**ids), body)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    # Indistinguishable from an account that does not exist.
    assert (unknown.status_code, unknown.json()) == (404, response.json())
    assert snapshot() == before


@pytest.mark.parametrize(("method", "tail", "body", "status"), ENDPOINTS)
def test_freelancer_session_sees_none_of_another_freelancers_data(
    service, alice_client, alice, bob, method, tail, body, status
):
    ids = seed(service, bob)

    response = call(alice_client, method, "f-bob", tail.format(**ids), body)

    text = response.content.decode()
    for secret in ("crypto", "c-spam-f-bob", ids["message_id"], "requests"):
        assert secret not in text


@pytest.mark.parametrize(("method", "tail", "body", "status"), ENDPOINTS)
def test_staff_session_can_use_every_endpoint_for_any_freelancer(
    service, staff_client, bob, method, tail, body, status
):
    ids = seed(service, bob)

    response = call(staff_client, method, "f-bob", tail.format(**ids), body)

    assert response.status_code == status, response.content


@pytest.mark.parametrize(("method", "tail", "body", "status"), ENDPOINTS)
def test_service_key_can_use_every_endpoint_for_any_freelancer(
    service, bob, method, tail, body, status
):
    ids = seed(service, bob)

    response = call(service, method, "f-bob", tail.format(**ids), body)

    assert response.status_code == status, response.content


@pytest.mark.parametrize(("method", "tail", "body", "status"), ENDPOINTS)
def test_anonymous_caller_gets_401_and_changes_nothing(
    service, anonymous, bob, method, tail, body, status
):
    ids = seed(service, bob)
    before = snapshot()

    response = call(anonymous, method, "f-bob", tail.format(**ids), body)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json()["error"]["code"] == "not_authenticated"
    assert snapshot() == before


@pytest.mark.parametrize(("method", "tail", "body", "status"), ENDPOINTS)
def test_signed_in_user_without_a_freelancer_gets_404(service, bob, method, tail, body, status):
    ids = seed(service, bob)
    client = JsonClient()
    client.force_login(UserFactory.create(username="someone"))
    before = snapshot()

    response = call(client, method, "f-bob", tail.format(**ids), body)

    assert response.status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        pytest.param(
            "post",
            "/api/v1/messages",
            {
                "message_id": "m-forged",
                "sender_id": "f-alice",
                "recipient_id": "f-bob",
                "kind": "direct",
                "body": "hi",
            },
            id="check-message",
        ),
        pytest.param(
            "put",
            "/api/v1/senders/c-x",
            {
                "display_name": "Forged",
                "billing_verified": True,
                "spent_last_12_months_cents": 10**9,
                "joined_at": "2020-01-01T00:00:00Z",
                "standing": "good",
            },
            id="upsert-sender",
        ),
        pytest.param("get", "/api/v1/messages/m-x", None, id="message-state"),
        pytest.param(
            "post",
            "/api/v1/connections",
            {"client_id": "c-x", "freelancer_id": "f-alice", "kind": "contract"},
            id="connection",
        ),
    ],
)
def test_freelancer_session_may_not_call_service_only_endpoints(
    alice_client, alice, method, path, body
):
    before = snapshot()

    response = alice_client.send(method, path, body)

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert snapshot() == before
    assert not Sender.objects.filter(account_id="c-x").exists()


def test_session_patch_without_a_csrf_token_is_refused(alice):
    client = JsonClient(enforce_csrf_checks=True)
    client.force_login(alice.user)

    response = client.send("patch", url("f-alice", "preferences"), {"direct": "off"})
    blocked = client.send("post", url("f-alice", "blocks"), {"sender_id": "c-42"})

    assert response.status_code == 403
    assert blocked.status_code == 403
    assert "CSRF" in response.json()["error"]["message"]
    assert preferences_of("f-alice") == (("", "", []),)
    assert not Block.objects.exists()


def test_session_patch_with_a_csrf_token_is_accepted(alice):
    client = JsonClient(enforce_csrf_checks=True)
    client.force_login(alice.user)
    token = "a" * 32
    client.cookies["csrftoken"] = token

    response = client.send(
        "patch", url("f-alice", "preferences"), {"direct": "off"}, HTTP_X_CSRFTOKEN=token
    )

    assert response.status_code == 200
    assert preferences_of("f-alice") == (("off", "", []),)


def test_service_key_needs_no_csrf_token(service_key, alice):
    client = JsonClient(enforce_csrf_checks=True)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {service_key}")

    response = client.send("patch", url("f-alice", "preferences"), {"direct": "off"})

    assert response.status_code == 200
