"""What the tests of api share: data and helpers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from inbox.models import DecisionRecord, Message
from preferences.models import AllowedSender, Block, Freelancer
from tests.conftest import JsonClient
from tests.factories import (
    BlockFactory,
    SenderFactory,
)

DEFAULT_PREFERENCES = {"direct": "allow", "job_invite": "allow", "keyword_filters": []}


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
