"""POST /api/v1/messages answers a plain, valid check without DRF's dispatch (inbox.check_endpoint),
and answers exactly as `MessageCheckApi` would; everything else is `MessageCheckApi`'s answer."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from inbox.api import MessageCheckApi
from inbox.check_endpoint import thin_answer
from inbox.models import DecisionRecord, Message, Sender, ServiceToken
from inbox.services import service_token_revoke
from tests.factories import BlockFactory, ConnectionFactory, FreelancerFactory, SenderFactory
from tests.inbox.api_messages.support import MESSAGES, eligible_facts

pytestmark = pytest.mark.usefixtures("frozen_now")

REQUESTS: dict[str, dict[str, Any]] = {
    "first direct message (held)": {"sender_id": "c-1", "body": "Hi, are you free for a job?"},
    "known client (delivered)": {"sender_id": "c-known", "body": "Next milestone is funded."},
    "ineligible sender (rejected)": {"sender_id": "c-bad", "body": "Hello"},
    "blocked sender (quarantined)": {"sender_id": "c-blocked", "body": "Hello again"},
    "new sender with facts, thread and time": {
        "sender_id": "c-new",
        "body": "We need a Django developer.\n\nBudget: $2,000",
        "thread_id": "t-9",
        "sent_at": "2026-11-20T10:00:00+02:00",
        "sender": eligible_facts(display_name="<b>Acme</b> \u202e", organization_id="org-1"),
    },
    "job invite with an empty body and null thread": {
        "sender_id": "c-1",
        "kind": "job_invite",
        "body": "",
        "thread_id": None,
    },
}


@pytest.fixture
def world(db: None) -> None:
    alice = FreelancerFactory(account_id="f-alice")
    SenderFactory(account_id="c-1")
    SenderFactory(account_id="c-bad", billing_verified=False)
    SenderFactory(account_id="c-blocked")
    BlockFactory(freelancer=alice, sender_id="c-blocked")
    known = SenderFactory(account_id="c-known")
    ConnectionFactory(client_id=known.account_id, freelancer_id="f-alice")


def body_of(fields: dict[str, Any], message_id: str = "m-thin") -> bytes:
    payload = {"message_id": message_id, "recipient_id": "f-alice", "kind": "direct", **fields}
    return json.dumps(payload).encode()


def post(service_key: str, body: bytes) -> Any:
    auth = f"Bearer {service_key}"
    return RequestFactory().post(
        MESSAGES, body, content_type="application/json", HTTP_AUTHORIZATION=auth
    )


@pytest.mark.parametrize("case", list(REQUESTS))
def test_a_valid_check_is_answered_byte_for_byte_as_drf_would(
    service_key: str, world: None, case: str
):
    body = body_of(REQUESTS[case])

    with transaction.atomic():  # the thin path's answer, then the same state again for DRF's
        thin = thin_answer(post(service_key, body))
        thin_rows = list(DecisionRecord.objects.values_list("decision", "reasons", "trace"))
        transaction.set_rollback(True)
    drf = MessageCheckApi.as_view()(post(service_key, body)).render()

    assert thin is not None  # answered without DRF
    assert (thin.status_code, thin.content) == (drf.status_code, drf.content)
    assert thin.status_code == 201
    for header in ("Content-Type", "Allow"):
        assert thin[header] == drf[header]
    assert thin_rows == list(DecisionRecord.objects.values_list("decision", "reasons", "trace"))


def test_a_repeated_check_answers_200_with_the_first_decision(
    service: Any, service_key: str, world: None
):
    body = body_of(REQUESTS["first direct message (held)"])
    first = service.post(MESSAGES, body, content_type="application/json")

    again = thin_answer(post(service_key, body))

    assert again is not None
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == json.loads(again.content)
    assert Message.objects.count() == 1


@pytest.mark.parametrize(
    ("key", "extra", "body", "status", "code"),
    [
        ("wrong", {}, None, 401, "not_authenticated"),
        (None, {}, None, 401, "not_authenticated"),
        ("valid", {"HTTP_ACCEPT": "text/html"}, None, 406, "not_acceptable"),
        ("valid", {}, b"{not json", 400, "malformed_json"),
        (
            "valid",
            {},
            body_of({"sender_id": "c-1", "body": "x", "extra": 1}),
            400,
            "validation_error",
        ),
        ("valid", {}, body_of({"sender_id": "f-alice", "body": "to me"}), 400, "validation_error"),
        ("valid", {}, body_of({"sender_id": "c-1", "body": "\u0000"}), 400, "validation_error"),
        ("valid", {}, b"[]", 400, "validation_error"),
        ("valid", {"QUERY_STRING": "format=xml"}, None, 404, "not_found"),
    ],
)
def test_anything_but_a_plain_valid_check_gets_drfs_own_error_and_changes_nothing(
    anonymous: Any,
    service_key: str,
    world: None,
    key: str | None,
    extra: dict[str, Any],
    body: bytes | None,
    status: int,
    code: str,
):
    if key is not None:
        extra = {**extra, "HTTP_AUTHORIZATION": f"Bearer {service_key if key == 'valid' else key}"}
    payload = body if body is not None else body_of(REQUESTS["first direct message (held)"])

    request = RequestFactory().post(MESSAGES, payload, content_type="application/json", **extra)
    if "QUERY_STRING" in extra:
        request.META["QUERY_STRING"] = extra["QUERY_STRING"]
    assert thin_answer(request) is None  # left to DRF

    answer = anonymous.post(MESSAGES, payload, content_type="application/json", **extra)

    assert answer.status_code == status
    assert answer.json()["error"]["code"] == code
    assert not Message.objects.exists()


def test_a_known_key_costs_no_query_of_its_own(service_key: str, world: None):
    assert thin_answer(post(service_key, body_of({"sender_id": "c-1", "body": "a"}, "m-1")))

    with CaptureQueriesContext(connection) as queries:
        again = thin_answer(post(service_key, body_of({"sender_id": "c-1", "body": "b"}, "m-2")))

    assert again is not None and again.status_code == 201
    key_reads = [q["sql"] for q in queries if "inbox_servicetoken" in q["sql"]]
    assert len(key_reads) == 1  # confirmed by the check's read of everything, in passing
    assert "inbox_policy" in key_reads[0] and "revoked_at IS NULL" in key_reads[0]


def test_a_key_revoked_after_it_was_cached_is_refused_on_its_next_request_and_writes_nothing(
    anonymous: Any, service_key: str, world: None, frozen_now: Any
):
    assert thin_answer(post(service_key, body_of({"sender_id": "c-1", "body": "a"}, "m-1")))
    service_token_revoke(token=ServiceToken.objects.get())
    frozen_now.shift(timedelta(minutes=5))  # past the last-used time's resolution
    facts = {"sender_id": "c-2", "body": "b", "sender": eligible_facts(display_name="Changed")}
    body = body_of(facts, "m-2")

    assert thin_answer(post(service_key, body)) is None  # left to DRF, which refuses it
    answer = anonymous.post(
        MESSAGES, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {service_key}"
    )

    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "not_authenticated"
    assert list(Message.objects.values_list("message_id", flat=True)) == ["m-1"]
    assert not Sender.objects.filter(account_id="c-2").exists()  # the upsert rolled back too
    token = ServiceToken.objects.get()
    assert token.last_used_at is not None and token.revoked_at is not None
    assert token.last_used_at <= token.revoked_at  # no use recorded after the revocation


def test_a_known_key_still_records_when_it_was_used(service_key: str, world: None, frozen_now: Any):
    thin_answer(post(service_key, body_of({"sender_id": "c-1", "body": "a"}, "m-1")))
    first = ServiceToken.objects.get().last_used_at
    frozen_now.shift(timedelta(minutes=5))

    thin_answer(post(service_key, body_of({"sender_id": "c-1", "body": "b"}, "m-2")))

    assert first is not None
    assert ServiceToken.objects.get().last_used_at == first + timedelta(minutes=5)


def test_the_thin_path_skips_nothing_the_drf_view_would_apply():
    # It authenticates with the service key and checks IsService itself: a throttle or another
    # permission added to MessageCheckApi must be added there too, and this test says so.
    assert MessageCheckApi().get_throttles() == []
    assert [type(p).__name__ for p in MessageCheckApi().get_permissions()] == ["IsService"]
    assert [type(a).__name__ for a in MessageCheckApi().get_authenticators()] == [
        "ServiceTokenAuthentication",
        "SessionAuthentication",
    ]
