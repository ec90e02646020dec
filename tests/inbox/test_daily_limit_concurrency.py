"""The daily new-contact limit is exact when first messages arrive in parallel."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.db import connections

from inbox.models import Message, NewContact
from tests.conftest import JsonClient
from tests.factories import SenderFactory

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]

PARALLEL = 50


def _send_in_parallel(service_key: str, bodies: list[dict[str, Any]]) -> list[Any]:
    barrier = threading.Barrier(len(bodies))

    def send(body: dict[str, Any]) -> Any:
        client = JsonClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {service_key}")
        try:
            barrier.wait(timeout=30)
            return client.send("post", "/api/v1/messages", body)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(bodies)) as pool:
        return list(pool.map(send, bodies))


def test_fifty_parallel_first_messages_to_fifty_freelancers_accept_exactly_five(service_key):
    SenderFactory(
        account_id="c-burst",
        joined_at="2024-01-01T00:00:00Z",
        first_payment_at="2024-02-01T00:00:00Z",
    )
    bodies = [
        {
            "message_id": f"m-burst-{n}",
            "sender_id": "c-burst",
            "recipient_id": f"f-target-{n}",
            "kind": "direct",
            "body": "Hello, are you available for a short WordPress job?",
        }
        for n in range(PARALLEL)
    ]

    responses = _send_in_parallel(service_key, bodies)

    assert sorted({response.status_code for response in responses}) == [201]
    decisions = Counter(response.json()["decision"] for response in responses)
    assert decisions == {"hold": 5, "reject": PARALLEL - 5}
    rejected = [r.json() for r in responses if r.json()["decision"] == "reject"]
    assert {reason["code"] for r in rejected for reason in r["reasons"]} == {
        "daily_new_connection_limit"
    }
    retry_afters = [r["retry_after"] for r in rejected]
    assert all(0 < seconds <= 24 * 3600 for seconds in retry_afters), retry_afters
    assert NewContact.objects.filter(sender_id="c-burst").count() == 5
    assert Message.objects.filter(sender_id="c-burst").count() == PARALLEL


def test_parallel_retries_of_one_message_store_it_once_with_one_decision(service_key):
    SenderFactory(
        account_id="c-retry",
        joined_at="2024-01-01T00:00:00Z",
        first_payment_at="2024-02-01T00:00:00Z",
    )
    body = {
        "message_id": "m-retried",
        "sender_id": "c-retry",
        "recipient_id": "f-one",
        "kind": "direct",
        "body": "Hello!",
    }

    responses = _send_in_parallel(service_key, [body] * 20)

    assert Counter(r.status_code for r in responses) == {201: 1, 200: 19}
    assert {r.json()["decision"] for r in responses} == {"hold"}
    assert Message.objects.filter(message_id="m-retried").count() == 1
    assert NewContact.objects.filter(sender_id="c-retry").count() == 1
