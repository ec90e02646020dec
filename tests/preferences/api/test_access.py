"""The preferences API (CONTRACT §7): who may call what."""

from __future__ import annotations

from typing import Any

import pytest

from inbox.models import Sender
from preferences.models import Block, Freelancer
from tests.conftest import JsonClient
from tests.factories import (
    AllowedSenderFactory,
    BlockFactory,
    SenderFactory,
    UserFactory,
)
from tests.preferences.api.support import check, preferences_of, snapshot, url

pytestmark = pytest.mark.django_db


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
    """Give a freelancer preferences, a block, a trusted sender and a message their keyword filter
    quarantined."""
    freelancer.direct_mode = "requests"
    freelancer.job_invite_mode = "off"
    freelancer.keyword_filters = ["crypto"]
    freelancer.save()
    spammer = f"c-spam-{freelancer.account_id}"
    SenderFactory(account_id=spammer)
    block = BlockFactory.create(freelancer=freelancer, sender_id=spammer)
    allowed = AllowedSenderFactory.create(freelancer=freelancer)
    filtered = f"c-filtered-{freelancer.account_id}"  # not blocked: its message can be released
    SenderFactory(account_id=filtered)
    answer = check(
        service,
        f"m-to-{freelancer.account_id}",
        filtered,
        recipient_id=freelancer.account_id,
        body="Shall we settle the invoice in crypto?",
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
