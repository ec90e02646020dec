"""Who may reach what: every URL of the project, for every persona, from the URLconf.

A URL added without a row in `ACCESS` fails `test_every_url_has_a_row`, so nobody can add a page
or an endpoint without saying who may use it. The Django admin's URLs are one row (`admin`),
checked on each registered model's list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from inbox.models import Campaign, Outcome
from inbox.outbox import event_record
from inbox.services import appeal_submit, service_token_create, service_token_revoke
from preferences.services import allowed_create, block_create
from review.models import BulkJob
from tests.conftest import JsonClient
from tests.factories import FreelancerFactory, SenderFactory, UserFactory, direct_message

pytestmark = pytest.mark.django_db

# What each URL is, by name: the kind decides who may use it (see EXPECTED).
ACCESS: dict[str, str] = {
    "healthz": "public",
    "ui:home": "public",  # a redirect to the signed-in person's start page, or to sign in
    "login": "public",
    "logout": "logout",
    "metrics": "service_or_staff",
    "schema": "service_or_staff",
    "api-docs": "service_or_staff",
    **dict.fromkeys(
        [
            "ui:review",
            "ui:review-act",
            "ui:review-pull-back",
            "ui:contact",
            "ui:blocked",
            "ui:block-add",
            "ui:sender-search",
            "ui:trusted",
            "ui:trusted-add",
            "ui:filters",
            "ui:filter-add",
            "ui:filter-remove",
            "ui:digest",
            "ui:export",
        ],
        "freelancer_ui",
    ),
    # The signed-in freelancer's own pages, acting on one of alice's rows.
    **dict.fromkeys(["ui:block-remove", "ui:trusted-remove"], "freelancer_ui_row"),
    **{
        f"review:{name}": "review"
        for name in (
            "queue",
            "queue-act",
            "campaigns",
            "campaign",
            "campaign-act",
            "campaign-suspend",
            "jobs",
            "job",
            "system",
            "detector-retrain",
            "webhooks",
            "webhook",
            "senders",
            "sender",
            "sender-standing",
            "sender-crowd-clear",
            "appeal-decide",
            "sender-lift",
            "message",
            "message-clear-flag",
            "policies",
            "policy-new",
            "policy",
            "policy-what-if",
            "policy-export",
            "policy-activate",
            "audit",
            "metrics",
        )
    },
    **dict.fromkeys(
        ["api:sender", "api:connections", "api:messages", "api:message", "api:appeal"],
        "service_api",
    ),
    "api:analyze": "service_or_staff",  # reviewers use it too
    **dict.fromkeys(
        [
            "api:preferences",
            "api:blocks",
            "api:block",
            "api:allowed",
            "api:allowed-one",
            "api:quarantine",
            "api:quarantine-release",
        ],
        "freelancer_api",
    ),
}
PERSONAS = ("anonymous", "alice", "bob", "staff", "service", "revoked")
DENIED, SIGN_IN, ALLOWED = "denied", "sign_in", "allowed"
# persona -> what the persona gets, for each kind of URL.
EXPECTED: dict[str, dict[str, str]] = {
    "public": dict.fromkeys(PERSONAS, ALLOWED),
    "logout": dict.fromkeys(PERSONAS, SIGN_IN),  # signed out, and sent to sign in
    "service_or_staff": {
        "anonymous": DENIED,
        "alice": DENIED,
        "bob": DENIED,
        "staff": ALLOWED,
        "service": ALLOWED,
        "revoked": DENIED,
    },
    "freelancer_ui": {
        "anonymous": SIGN_IN,
        "alice": ALLOWED,
        "bob": ALLOWED,  # the pages are always the signed-in freelancer's own
        "staff": DENIED,
        "service": SIGN_IN,
        "revoked": SIGN_IN,
    },
    "freelancer_ui_row": {
        "anonymous": SIGN_IN,
        "alice": ALLOWED,
        "bob": DENIED,
        "staff": DENIED,
        "service": SIGN_IN,
        "revoked": SIGN_IN,
    },
    "review": {
        "anonymous": SIGN_IN,
        "alice": DENIED,
        "bob": DENIED,
        "staff": ALLOWED,
        "service": SIGN_IN,
        "revoked": SIGN_IN,
    },
    "service_api": {
        "anonymous": DENIED,
        "alice": DENIED,
        "bob": DENIED,
        "staff": DENIED,
        "service": ALLOWED,
        "revoked": DENIED,
    },
    "freelancer_api": {  # every URL names alice's account
        "anonymous": DENIED,
        "alice": ALLOWED,
        "bob": DENIED,
        "staff": ALLOWED,
        "service": ALLOWED,
        "revoked": DENIED,
    },
}


def _routes(
    patterns: list[Any], namespace: str = "", prefix: str = ""
) -> Iterator[tuple[str, str]]:
    """Yield (name, route) for every URL, namespaces and included prefixes resolved."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            space = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            yield from _routes(pattern.url_patterns, space, route)
        elif isinstance(pattern, URLPattern):
            yield (f"{namespace}:{pattern.name}" if namespace else str(pattern.name)), route


ROUTES = {
    name: route
    for name, route in _routes(get_resolver().url_patterns)
    if not name.startswith("admin:")
}


def test_every_url_has_a_row():
    assert set(ROUTES) == set(ACCESS)


@pytest.fixture
def world() -> dict[str, Any]:
    alice = FreelancerFactory(account_id="f-alice")
    bob = FreelancerFactory(account_id="f-bob")
    SenderFactory(account_id="c-1")
    block, _ = block_create(account_id="f-alice", sender_id="c-1", scope="account")
    allowed, _ = allowed_create(account_id="f-alice", sender_id="c-2")
    message = direct_message("m-1", "c-1", "f-alice", "Hi")
    assert message.decision == Outcome.QUARANTINE
    appeal_submit(message_id="m-1", note="I am a real client.")
    campaign = Campaign.objects.create(
        signature=[], preview="Hi", first_seen_at=message.received_at,
        last_seen_at=message.received_at,
    )  # fmt: skip
    _, key = service_token_create(name="matrix")
    revoked, revoked_key = service_token_create(name="revoked")
    service_token_revoke(token=revoked)
    staff: Any = UserFactory(username="staff", is_staff=True)
    job = BulkJob.objects.create(
        created_by=staff, action="delete", description="Delete: 1 message", message_ids=["m-1"]
    )
    event = event_record(type="message.quarantined", message=message, payload={"message_id": "m-1"})
    return {
        "alice": alice,
        "bob": bob,
        "staff": staff,
        "key": key,
        "revoked_key": revoked_key,
        "kwargs": {
            "account_id": "f-alice",
            "message_id": "m-1",
            "block_id": block.pk,
            "allowed_id": allowed.pk,
            "campaign_id": campaign.pk,
            "job_id": job.pk,
            "event_id": str(event.event_id),
            "number": 1,
        },
    }


def _client(persona: str, world: dict[str, Any]) -> JsonClient:
    client = JsonClient()
    if persona in ("alice", "bob"):
        client.force_login(world[persona].user)
    elif persona == "staff":
        client.force_login(world["staff"])
    elif persona == "service":
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {world['key']}")
    elif persona == "revoked":
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {world['revoked_key']}")
    return client


def _url(name: str, world: dict[str, Any]) -> str:
    params = re.findall(r"<(?:\w+:)?(\w+)>", ROUTES[name])
    kwargs = {param: world["kwargs"][param] for param in params}
    if "sender" in name and "account_id" in kwargs:  # a sender's account, not a freelancer's
        kwargs["account_id"] = "c-1"
    return reverse(name, kwargs=kwargs)


def _outcome(response: Any) -> str:
    status = response.status_code
    assert status < 500, (status, response.content[:300])
    if status in (401, 403, 404):
        return DENIED
    if status == 302 and response.get("Location", "").startswith("/login/"):
        return SIGN_IN
    return ALLOWED


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(world, persona):
    wrong = []
    for name, kind in ACCESS.items():
        client = _client(persona, world)  # afresh: one URL signs out, others change state
        url = _url(name, world)
        response = client.get(url)
        if response.status_code == 405:  # an action: try it the way it is used
            response = client.post(url)
        got = _outcome(response)
        expected = EXPECTED[kind][persona]
        if got != expected:
            wrong.append((name, url, response.status_code, got, expected))
    assert not wrong, wrong


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_admin_is_for_staff_only(world, persona):
    client = _client(persona, world)
    for path in ("/admin/", "/admin/inbox/message/", "/admin/preferences/freelancer/"):
        response = client.get(path)
        assert response.status_code < 500
        if persona == "staff":  # a reviewer without model permissions: the index, no models
            assert response.status_code == (200 if path == "/admin/" else 403), path
        else:
            assert response.status_code == 302, path
            assert "/admin/login/" in response["Location"], path
