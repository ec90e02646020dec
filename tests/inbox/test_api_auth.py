"""Service keys: who gets in, who gets a 401, how keys are stored, and the liveness probe."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta
from typing import Any

import pytest

from inbox.models import Message, ServiceToken
from inbox.services import service_token_create, service_token_revoke
from tests.conftest import JsonClient
from tests.factories import NOW

pytestmark = pytest.mark.django_db

# A service-only read: 404 for an authenticated caller, 401 for anyone else.
PROBE = "/api/v1/messages/m-unknown"


def client_with(authorization: str) -> JsonClient:
    client = JsonClient()
    client.credentials(HTTP_AUTHORIZATION=authorization)
    return client


def assert_refused(response: Any) -> None:
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert error["code"] == "not_authenticated"
    assert error["message"]


def test_valid_key_is_accepted(service):
    response = service.get(PROBE)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_scheme_name_is_case_insensitive(service_key):
    assert client_with(f"bearer {service_key}").get(PROBE).status_code == 404


def test_missing_header_is_refused_with_a_bearer_challenge(anonymous):
    response = anonymous.get(PROBE)

    assert_refused(response)
    assert response["WWW-Authenticate"] == "Bearer"


def test_missing_header_on_a_write_is_refused_and_stores_nothing(anonymous):
    response = anonymous.send(
        "post",
        "/api/v1/messages",
        {
            "message_id": "m-1",
            "sender_id": "c-1",
            "recipient_id": "f-1",
            "kind": "direct",
            "body": "hi",
        },
    )

    assert_refused(response)
    assert response["WWW-Authenticate"] == "Bearer"
    assert not Message.objects.exists()


@pytest.mark.parametrize(
    "authorization",
    [
        pytest.param("Bearer", id="scheme-alone"),
        pytest.param("Bearer ", id="scheme-and-space"),
        pytest.param("Bearer a b", id="two-keys"),
        pytest.param("Token x", id="other-scheme"),
        pytest.param("Basic dXNlcjpwYXNz", id="basic"),
        pytest.param("Bearer clé", id="latin-1-key"),
        # How WSGI hands over a UTF-8 header value: its bytes decoded as ISO-8859-1.
        pytest.param("Bearer " + "ключ".encode().decode("latin-1"), id="utf-8-key"),
        pytest.param("Bearer igk_\x00", id="nul-byte"),
    ],
)
def test_malformed_header_is_refused(db, authorization):
    response = client_with(authorization).get(PROBE)

    assert_refused(response)
    assert response["WWW-Authenticate"] == "Bearer"


def test_wrong_key_is_refused(service_key):
    wrong = service_key[:-1] + ("A" if service_key[-1] != "A" else "B")

    assert_refused(client_with(f"Bearer {wrong}").get(PROBE))
    assert_refused(client_with("Bearer igk_not-a-key").get(PROBE))


def test_key_hash_is_not_accepted_as_a_key(service_key):
    stored = ServiceToken.objects.get().key_hash

    assert_refused(client_with(f"Bearer {stored}").get(PROBE))


def test_revoked_key_is_refused_on_the_very_next_request(service, service_key):
    assert service.get(PROBE).status_code == 404
    token = ServiceToken.objects.get()

    service_token_revoke(token=token)

    assert_refused(service.get(PROBE))
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_revoking_one_key_leaves_the_others_working(service, service_key):
    other, other_key = service_token_create(name="other")
    service.get(PROBE)

    service_token_revoke(token=other)

    assert service.get(PROBE).status_code == 404
    assert_refused(client_with(f"Bearer {other_key}").get(PROBE))


def test_key_is_stored_only_as_a_sha256_hash_and_a_short_prefix(db):
    token, key = service_token_create(name="messaging-prod")

    stored = ServiceToken.objects.filter(pk=token.pk).values().get()

    assert stored["key_hash"] == hashlib.sha256(key.encode()).hexdigest()
    assert re.fullmatch(r"[0-9a-f]{64}", stored["key_hash"])
    assert key.startswith(stored["prefix"])
    assert len(stored["prefix"]) <= 12
    assert len(key) >= 40
    assert not any(key in str(value) for value in stored.values())
    assert not any(key[len(stored["prefix"]) :] in str(value) for value in stored.values())


def test_every_key_is_different(db):
    keys = {service_token_create(name=f"key-{n}")[1] for n in range(5)}

    assert len(keys) == 5
    assert ServiceToken.objects.values("key_hash").distinct().count() == 5


def test_last_used_at_is_set_when_a_key_is_used(service, service_key, frozen_now):
    assert ServiceToken.objects.get().last_used_at is None

    service.get(PROBE)

    assert ServiceToken.objects.get().last_used_at == NOW


def test_last_used_at_moves_on_with_later_use(service, service_key, frozen_now):
    service.get(PROBE)
    frozen_now.shift(timedelta(minutes=5))

    service.get(PROBE)

    assert ServiceToken.objects.get().last_used_at == NOW + timedelta(minutes=5)


def test_failed_attempt_does_not_touch_last_used_at(service_key):
    client_with("Bearer igk_wrong").get(PROBE)

    assert ServiceToken.objects.get().last_used_at is None


def test_healthz_answers_200_without_credentials_or_database(anonymous, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = anonymous.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
