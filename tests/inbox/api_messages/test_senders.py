"""PUT /api/v1/senders and POST /api/v1/connections: sender facts and connections."""

from __future__ import annotations

from datetime import timedelta

import pytest

from inbox.models import Connection, Sender
from tests.factories import NOW
from tests.inbox.api_messages.support import check, codes, connect, eligible_facts

pytestmark = pytest.mark.usefixtures("frozen_now")


def test_sender_put_stores_the_facts_and_answers_200(service):
    response = service.send("put", "/api/v1/senders/c-1", eligible_facts(organization_id="org-17"))

    assert response.status_code == 200
    body = response.json()
    assert body["account_id"] == "c-1"
    assert body["organization_id"] == "org-17"
    assert body["spent_last_12_months_cents"] == 150_000
    sender = Sender.objects.get(account_id="c-1")
    assert sender.joined_at == NOW - timedelta(days=400)


def test_sender_put_is_idempotent(service):
    facts = eligible_facts(organization_id="org-17", identity_key="pm-fp-9c1e")

    first = service.send("put", "/api/v1/senders/c-1", facts)
    second = service.send("put", "/api/v1/senders/c-1", facts)

    assert (first.status_code, second.status_code) == (200, 200)
    assert first.json() == second.json()
    assert Sender.objects.count() == 1


@pytest.mark.parametrize("absent", ["omitted", "null"])
def test_sender_put_accepts_optional_fields_omitted_or_null(service, absent):
    facts = eligible_facts()
    for name in ("organization_id", "identity_key", "first_payment_at"):
        if absent == "omitted":
            del facts[name]
        else:
            facts[name] = None

    response = service.send("put", "/api/v1/senders/c-1", facts)

    assert response.status_code == 200
    sender = Sender.objects.get(account_id="c-1")
    assert (sender.organization_id, sender.identity_key, sender.first_payment_at) == ("", "", None)


def test_sender_put_replaces_older_facts(service):
    service.send(
        "put",
        "/api/v1/senders/c-1",
        eligible_facts(organization_id="org-17", identity_key="pm-fp-9c1e"),
    )
    assert check(service, recipient_id="f-1")["decision"] == "hold"

    newer = {
        "display_name": "Acme Renamed",
        "billing_verified": False,
        "spent_last_12_months_cents": 5,
        "joined_at": "2020-01-01T00:00:00Z",
        "standing": "good",
    }
    response = service.send("put", "/api/v1/senders/c-1", newer)

    assert response.status_code == 200
    sender = Sender.objects.get(account_id="c-1")
    assert (sender.display_name, sender.organization_id, sender.identity_key) == (
        "Acme Renamed",
        "",
        "",
    )
    assert sender.first_payment_at is None
    assert Sender.objects.count() == 1
    assert codes(check(service, recipient_id="f-2")) == [
        "billing_not_verified",
        "spend_below_threshold",
        "no_payment_history",
    ]


def test_connection_post_answers_201_the_first_time_and_200_after(service):
    first = connect(service, "c-1", "f-alice", "proposal")
    again = connect(service, "c-1", "f-alice", "proposal")
    other_kind = connect(service, "c-1", "f-alice", "contract")

    assert (first.status_code, again.status_code, other_kind.status_code) == (201, 200, 201)
    assert first.json()["created_at"] == again.json()["created_at"]
    assert {k: first.json()[k] for k in ("client_id", "freelancer_id", "kind")} == {
        "client_id": "c-1",
        "freelancer_id": "f-alice",
        "kind": "proposal",
    }
    assert Connection.objects.count() == 2
