"""The check reads its facts in one statement on PostgreSQL and through the ORM elsewhere: the
two must agree on every fact, in every situation the decision distinguishes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection, transaction
from django.utils import timezone

from inbox import check_context as reads
from inbox.models import DecisionRecord, Message, NewContact
from inbox.services import (
    MessageIn,
    message_check,
    policy_activate,
    policy_draft,
    service_token_create,
    service_token_revoke,
)
from preferences.services import allowed_create, block_create, preferences_update
from tests.factories import ConnectionFactory, FreelancerFactory, SenderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the one-statement read is PostgreSQL's; SQLite always reads with the ORM")


def both(
    sender_id: str = "c-1", recipient_id: str = "f-1", key_id: int | None = None
) -> tuple[Any, Any]:
    now = timezone.now()
    with transaction.atomic():
        fast = reads._read_in_one_statement(sender_id, recipient_id, now, key_id)
        portable = reads._read_with_the_orm(sender_id, recipient_id, now, key_id)
    return fast, portable


def nothing() -> None:
    pass


def org_and_identity() -> None:
    SenderFactory(account_id="c-1", organization_id="org-1", identity_key="key-1")


def blocks_of_every_scope() -> None:
    org_and_identity()
    SenderFactory(account_id="c-2", organization_id="org-1", identity_key="key-1")
    SenderFactory(account_id="c-3", organization_id="org-9", identity_key="key-9")
    FreelancerFactory(account_id="f-1")
    block_create(account_id="f-1", sender_id="c-2", scope="organization")
    block_create(account_id="f-1", sender_id="c-2", scope="linked")
    block_create(account_id="f-1", sender_id="c-1", scope="account")
    block_create(account_id="f-1", sender_id="c-3", scope="organization")  # does not match


def trusted_with_filters_and_modes() -> None:
    SenderFactory(account_id="c-1")
    FreelancerFactory(account_id="f-1")
    allowed_create(account_id="f-1", sender_id="c-1")
    preferences_update(
        account_id="f-1",
        changes={"direct_mode": "requests", "keyword_filters": ["crypto", "telegram"]},
    )


def connected_by_contract() -> None:
    SenderFactory(account_id="c-1")
    ConnectionFactory(client_id="c-1", freelancer_id="f-1")


def connected_by_a_delivered_reply() -> None:
    SenderFactory(account_id="c-1")
    Message.objects.create(
        message_id="m-0",
        sender_id="f-1",
        recipient_id="c-1",
        kind="direct",
        body="hello",
        body_sha256="x",
        sent_at=timezone.now(),
        unsolicited=False,
        decision="deliver",
        policy_version="v1",
        decided_at=timezone.now(),
    )


def contacts_inside_and_outside_the_window() -> None:
    SenderFactory(account_id="c-1")
    now = timezone.now()
    for n, hours_ago in enumerate((1, 5, 23, 25, 100)):
        NewContact.objects.create(
            sender_id="c-1", recipient_id=f"f-{n}", contacted_at=now - timedelta(hours=hours_ago)
        )


def a_policy_with_a_short_window_and_other_defaults() -> None:
    contacts_inside_and_outside_the_window()
    draft = policy_draft(
        values={
            "daily_limit_window_hours": 6,
            "default_direct_mode": "requests",
            "eligibility": {"any": ["billing_verified", "spend"]},
        },
        note="t",
    )
    policy_activate(policy=draft, reason="test")


def a_sender_on_hold_by_staff() -> None:
    SenderFactory(account_id="c-1", standing="good", standing_override="on_hold")


@pytest.mark.parametrize(
    "situation",
    [
        nothing,
        org_and_identity,
        blocks_of_every_scope,
        trusted_with_filters_and_modes,
        connected_by_contract,
        connected_by_a_delivered_reply,
        contacts_inside_and_outside_the_window,
        a_policy_with_a_short_window_and_other_defaults,
        a_sender_on_hold_by_staff,
    ],
)
def test_both_ways_of_reading_agree(situation: Callable[[], None]):
    situation()

    fast, portable = both()

    assert fast == portable


def test_the_facts_are_the_ones_stored():
    blocks_of_every_scope()
    contacts_inside_and_outside_the_window()

    fast, _ = both()

    assert fast.sender.organization_id == "org-1"
    assert [(b.scope, b.sender_id) for b in fast.recipient.blocks] == [
        ("organization", "c-2"),
        ("linked", "c-2"),
        ("account", "c-1"),
    ]
    assert (fast.counter.recent_count, fast.counter.already_contacted) == (3, True)
    assert not fast.connected


def test_both_read_whether_the_named_service_key_is_still_active():
    active, _ = service_token_create(name="active")
    revoked, _ = service_token_create(name="revoked")
    service_token_revoke(token=revoked)

    answers = {
        name: both(key_id=key_id)
        for name, key_id in [("none named", None), ("active", active.pk), ("revoked", revoked.pk)]
    }
    answers["gone"] = both(key_id=revoked.pk + 1000)

    assert {name: (fast.key_active, orm.key_active) for name, (fast, orm) in answers.items()} == {
        "none named": (True, True),
        "active": (True, True),
        "revoked": (False, False),
        "gone": (False, False),
    }


# --- What the check writes -------------------------------------------------------------------


def _checks_of_every_kind() -> list[MessageIn]:
    blocks_of_every_scope()
    trusted_with_filters_and_modes()
    SenderFactory(account_id="c-new", joined_at=timezone.now() - timedelta(days=3))
    ConnectionFactory(client_id="c-3", freelancer_id="f-2")
    body = "Hi, could you translate nine patient leaflets from English to Arabic?"
    return [
        MessageIn(message_id="m-1", sender_id="c-1", recipient_id="f-1", kind="direct", body=body),
        MessageIn(message_id="m-2", sender_id="c-1", recipient_id="f-2", kind="direct", body=body),
        MessageIn(message_id="m-3", sender_id="c-3", recipient_id="f-2", kind="direct", body=body),
        MessageIn(
            message_id="m-4", sender_id="c-new", recipient_id="f-2", kind="job_invite", body=body
        ),
        MessageIn(
            message_id="m-5",
            sender_id="c-2",
            recipient_id="f-1",
            kind="direct",
            body="Pay the crypto fee on telegram",
        ),
    ]


def _stored() -> dict[str, Any]:
    leave_out = {"id", "message_id"}
    return {
        "messages": [
            {k: v for k, v in row.items() if k != "id"}
            for row in Message.objects.order_by("message_id").values()
        ],
        "history": [
            {k: v for k, v in row.items() if k not in leave_out}
            for row in DecisionRecord.objects.order_by("message__message_id").values()
        ],
        "contacts": list(
            NewContact.objects.order_by("recipient_id").values(
                "sender_id", "recipient_id", "contacted_at"
            )
        ),
    }


class _Undo(Exception):
    pass


@time_machine.travel("2026-12-01 10:00:00+00:00", tick=False)
def test_the_one_statement_insert_stores_what_the_orm_stores(monkeypatch):
    incoming = _checks_of_every_kind()

    def run() -> dict[str, Any]:
        try:
            with transaction.atomic():
                for one in incoming:
                    message_check(incoming=one)
                result = _stored()
                raise _Undo
        except _Undo:
            return result

    fast = run()
    monkeypatch.setattr(connection, "vendor", "elsewhere")
    portable = run()

    assert [m["decision"] for m in fast["messages"]] == [
        "quarantine",
        "hold",
        "deliver",
        "reject",
        "quarantine",
    ]
    assert len(fast["contacts"]) == 3
    assert fast == portable
