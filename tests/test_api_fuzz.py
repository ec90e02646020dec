"""A property-based fuzz of the whole API from its own OpenAPI schema (schemathesis).

Every operation gets generated requests, valid and invalid, through the real WSGI application
and database; every answer must be documented: no 5xx, a documented status code, content type,
headers and body, invalid requests refused and valid ones accepted. A stateful run then follows
the schema's links (create a block, list it, delete it; send a message, read it, release it).

The number of examples is bounded so that `make test` stays quick; `FUZZ_EXAMPLES=500` looks
harder.
"""

from __future__ import annotations

import os
import zlib
from base64 import b64encode
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.generation.modes import GenerationMode

from preferences.choices import BlockScope
from tests.factories import FreelancerFactory, SenderFactory

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "30"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
schema.app = get_wsgi_application()


# The service key of the running test: the auth provider below reads it for every request.
CURRENT_KEY: dict[str, str] = {}


@schema.auth(refresh_interval=None)
class ServiceKey:
    """Every generated request carries the messaging system's key; schemathesis then also
    checks that the same request without it, or with a wrong one, is refused."""

    def get(self, case: Any, context: Any) -> str:
        return CURRENT_KEY.get("key", "")

    def set(self, case: Any, data: str, context: Any) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@schema.hook
def filter_case(context: Any, case: Any) -> bool:
    """Leave out valid-looking requests that break a rule JSON Schema cannot state (each is in
    the operation's description and has its own test): they are refused with a 400 by design."""
    if case.meta is None or case.meta.generation.mode != GenerationMode.POSITIVE:
        return True
    body = case.body if isinstance(case.body, dict) else {}
    return not (
        # A message to oneself.
        ("sender_id" in body and body.get("sender_id") == body.get("recipient_id"))
        # Blocking an organization or linked accounts the sender's facts do not name.
        or body.get("scope") in (BlockScope.ORGANIZATION, BlockScope.LINKED)
        # A keyword filter with nothing to match.
        or any(not any(c.isalnum() for c in str(f)) for f in body.get("keyword_filters") or [])
    )


# Operations a generated request can succeed on, given the freelancer and sender below.
REACHABLE = {
    "POST /api/v1/analyze",
    "POST /api/v1/connections",
    "POST /api/v1/messages",
    "PUT /api/v1/senders/{account_id}",
    "GET /api/v1/freelancers/{account_id}/preferences",
    "PATCH /api/v1/freelancers/{account_id}/preferences",
    "GET /api/v1/freelancers/{account_id}/blocks",
    "POST /api/v1/freelancers/{account_id}/blocks",
    "GET /api/v1/freelancers/{account_id}/allowed",
    "POST /api/v1/freelancers/{account_id}/allowed",
    "GET /api/v1/freelancers/{account_id}/quarantine",
}
ANSWERS: dict[str, set[int]] = {}


@schema.hook
def after_call(context: Any, case: Any, response: Any) -> None:
    ANSWERS.setdefault(case.operation.label, set()).add(response.status_code)


@schema.hook
def map_case(context: Any, case: Any) -> Any:
    """A valid cursor is one the API gives in a `next` link (base64 of a position): a valid
    example's generated cursor becomes one, at a position of its own choosing."""
    if case.meta is not None and case.meta.generation.mode == GenerationMode.POSITIVE:
        query = case.query or {}
        if "cursor" in query:
            position = zlib.crc32(str(query["cursor"]).encode()) % 10**9 + 1
            query["cursor"] = b64encode(f"p={position}".encode()).decode()
    return case


@pytest.fixture(scope="module", autouse=True)
def _the_fuzz_got_past_the_door() -> Iterator[None]:
    """A fuzz that only ever met 401 or 400 would pass and prove nothing: every operation it
    called must have answered a success at least once where generated input can succeed."""
    yield
    missed = {
        label
        for label, codes in ANSWERS.items()
        if label in REACHABLE and not any(200 <= code < 300 for code in codes)
    }
    assert not missed, {label: sorted(ANSWERS[label]) for label in missed}


@pytest.fixture
def world(service_key: str) -> Iterator[None]:
    """The service's key, and a freelancer and a sender the generated requests can name.

    The requests go through the real WSGI application; as in Django's test client, the
    connection stays open between them so that the test's transaction holds.
    """
    FreelancerFactory(account_id="f-alice")
    SenderFactory(account_id="c-acme")
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    CURRENT_KEY["key"] = service_key
    try:
        yield
    finally:
        CURRENT_KEY.clear()
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@FUZZ
def test_every_operation_answers_as_documented(case: Any, world: None) -> None:
    with transaction.atomic():  # each example starts from the same rows
        case.call_and_validate()
        transaction.set_rollback(True)


def test_linked_operations_hold_together(world: None) -> None:
    """Sequences along the schema's links: each answer feeds the next request."""

    class Workflow(schema.as_state_machine()):  # type: ignore[misc]
        """Each sequence starts from the same rows, so that a failure replays the same way."""

        def setup(self) -> None:
            self.savepoint = transaction.savepoint()

        def teardown(self) -> None:
            transaction.savepoint_rollback(self.savepoint)

    Workflow.run(
        settings=settings(
            max_examples=max(EXAMPLES // 2, 5),
            stateful_step_count=6,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
    )


def test_the_schema_links_what_a_client_does_next() -> None:
    """The stateful run has links to follow, and each names a real operation and parameter."""
    raw = SchemaGenerator().get_schema(request=None, public=True)
    operations = {
        operation["operationId"]: (path, operation)
        for path, methods in raw["paths"].items()
        for operation in methods.values()
    }
    links = [
        link
        for methods in raw["paths"].values()
        for operation in methods.values()
        for response in operation["responses"].values()
        for link in response.get("links", {}).values()
    ]
    assert len(links) >= 7
    for link in links:
        path, _ = operations[link["operationId"]]
        for name in link["parameters"]:
            assert f"{{{name}}}" in path
