"""What the tests of api messages share: data and helpers."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from tests.factories import NOW

MESSAGES = "/api/v1/messages"

CONNECTIONS = "/api/v1/connections"

ANSWER_KEYS = {"message_id", "decision", "reasons", "policy_version", "retry_after"}

ELIGIBILITY_CODES = [
    "billing_not_verified",
    "spend_below_threshold",
    "account_too_new",
    "no_payment_history",
    "account_not_in_good_standing",
]


def rfc3339(moment: Any) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def eligible_facts(**overrides: Any) -> dict[str, Any]:
    """Return §1 facts of a sender who passes every eligibility rule at NOW."""
    facts = {
        "display_name": "Acme Ltd",
        "organization_id": None,
        "identity_key": None,
        "billing_verified": True,
        "spent_last_12_months_cents": 150_000,
        "joined_at": rfc3339(NOW - timedelta(days=400)),
        "first_payment_at": rfc3339(NOW - timedelta(days=300)),
        "standing": "good",
    }
    facts.update(overrides)
    return facts


_message_numbers = iter(range(1, 10**9))


def check(
    service: Any, *, expect_status: int = 201, message_id: str | None = None, **fields: Any
) -> dict[str, Any]:
    """POST a delivery check and return the answer, asserting its contract shape."""
    body = {
        "message_id": message_id or f"m-{next(_message_numbers)}",
        "sender_id": "c-1",
        "recipient_id": "f-alice",
        "kind": "direct",
        "body": "Hi, are you available for a WordPress job?",
        **fields,
    }
    response = service.send("post", MESSAGES, body)
    assert response.status_code == expect_status, response.content
    answer = response.json()
    assert set(answer) == ANSWER_KEYS
    assert answer["message_id"] == body["message_id"]
    assert re.fullmatch(r"v\d+", answer["policy_version"])
    if not any(reason["code"] == "daily_new_connection_limit" for reason in answer["reasons"]):
        assert answer["retry_after"] is None
    for reason in answer["reasons"]:
        assert set(reason) == {"code", "detail"}
        assert reason["detail"]
    return answer


def codes(answer: dict[str, Any]) -> list[str]:
    return [reason["code"] for reason in answer["reasons"]]


def set_preferences(service: Any, freelancer_id: str, **changes: Any) -> None:
    response = service.send("patch", f"/api/v1/freelancers/{freelancer_id}/preferences", changes)
    assert response.status_code == 200, response.content


def block(service: Any, freelancer_id: str, sender_id: str, scope: str) -> None:
    response = service.send(
        "post",
        f"/api/v1/freelancers/{freelancer_id}/blocks",
        {"sender_id": sender_id, "scope": scope},
    )
    assert response.status_code == 201, response.content


def connect(service: Any, client_id: str, freelancer_id: str, kind: str = "contract") -> Any:
    return service.send(
        "post", CONNECTIONS, {"client_id": client_id, "freelancer_id": freelancer_id, "kind": kind}
    )
