"""While the database cannot be reached, requests get a 503 with Retry-After, never a 500.

The connection is pointed at a port where nothing listens, so every query fails as it does
while PostgreSQL restarts (a refused connection). `tests/pipeline/test_database_restart.py`
restarts a real server under load.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from tests.conftest import JsonClient
from tests.factories import FreelancerFactory
from tests.pipeline.harness import free_port

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="points the connection at a closed port"
    ),
]


@pytest.fixture
def database_down(service_key: str) -> Iterator[str]:
    """The database stops answering; yield the service key made before it did."""
    original = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT=str(free_port()))
    try:
        yield service_key
    finally:
        connection.close()
        connection.settings_dict.update(original)


@pytest.fixture
def alice_web(db: None) -> Client:
    client = Client(raise_request_exception=False)
    alice: Any = FreelancerFactory(account_id="f-alice")
    client.force_login(alice.user)
    return client


def _message() -> dict[str, Any]:
    return {"message_id": "m-1", "sender_id": "c-1", "recipient_id": "f-1", "kind": "direct"}


def test_a_delivery_check_answers_503_in_the_error_shape_with_retry_after(database_down, settings):
    settings.DATABASE_RETRY_AFTER_SECONDS = 7
    client = JsonClient(raise_request_exception=False)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {database_down}")

    response = client.send("post", "/api/v1/messages", _message())

    assert response.status_code == 503
    assert response["Retry-After"] == "7"
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == "unavailable"


def test_every_api_call_answers_503_not_500(database_down):
    client = JsonClient(raise_request_exception=False)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {database_down}")

    for method, path in [
        ("get", "/api/v1/messages/m-1"),
        ("get", "/api/v1/freelancers/f-1/blocks"),
        ("put", "/api/v1/senders/c-1"),
        ("post", "/api/v1/analyze"),
    ]:
        response = client.send(method, path, None if method == "get" else {})
        assert response.status_code == 503, (path, response.content[:200])
        assert response.json()["error"]["code"] == "unavailable"


def test_healthz_stays_up(database_down):
    assert Client().get("/healthz").status_code == 200


def test_a_web_page_answers_a_plain_503_page(alice_web, database_down):
    # alice_web first: she signs in while the database still answers.
    response = alice_web.get("/quarantine/")

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert b"briefly unavailable" in response.content
