"""POST /api/v1/messages: a retry answers the same decision; GET answers a message's state."""

from __future__ import annotations

from datetime import timedelta

import pytest

from inbox import services
from inbox.models import DecisionRecord, Message, NewContact, Sender
from tests.factories import SenderFactory
from tests.inbox.api_messages.support import (
    ANSWER_KEYS,
    MESSAGES,
    check,
    eligible_facts,
    set_preferences,
)

pytestmark = pytest.mark.usefixtures("frozen_now")


def test_retry_of_the_same_message_answers_200_with_the_decision_unchanged_by_new_facts(service):
    SenderFactory(account_id="c-1")
    first = check(service, message_id="m-1001")
    service.send("put", "/api/v1/senders/c-1", eligible_facts(standing="suspended"))
    set_preferences(service, "f-alice", direct="off")

    retry = check(
        service,
        expect_status=200,
        message_id="m-1001",
        sender=eligible_facts(billing_verified=False),
    )

    assert retry == first
    assert Message.objects.count() == 1
    assert DecisionRecord.objects.count() == 1


def test_retry_answers_the_current_decision_after_a_later_one(service):
    SenderFactory(account_id="c-1")
    assert check(service, message_id="m-1001")["decision"] == "hold"
    services.message_transition(
        message=Message.objects.get(message_id="m-1001"),
        to="deliver",
        reasons=[],
        by="scan",
    )

    retry = check(service, expect_status=200, message_id="m-1001")

    assert (retry["decision"], retry["reasons"]) == ("deliver", [])


def test_retry_with_another_thread_or_sent_at_is_still_the_same_message(service):
    SenderFactory(account_id="c-1")
    first = check(service, message_id="m-1001", thread_id="t-1")

    retry = check(
        service,
        expect_status=200,
        message_id="m-1001",
        thread_id="t-2",
        sent_at="2026-11-19T00:00:00Z",
    )

    assert retry == first


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("sender_id", "c-other"),
        ("recipient_id", "f-bob"),
        ("kind", "job_invite"),
        ("body", "Hi, are you available for a WordPress job? "),
    ],
    ids=["sender", "recipient", "kind", "body"],
)
def test_reused_message_id_for_a_different_message_conflicts_and_changes_nothing(
    service, field, value
):
    SenderFactory(account_id="c-1")
    first = check(service, message_id="m-1001")
    before = (
        list(Message.objects.values()),
        list(Sender.objects.values()),
        DecisionRecord.objects.count(),
        NewContact.objects.count(),
    )

    response = service.send(
        "post",
        MESSAGES,
        {
            "message_id": "m-1001",
            "sender_id": "c-1",
            "recipient_id": "f-alice",
            "kind": "direct",
            "body": "Hi, are you available for a WordPress job?",
            "sender": eligible_facts(standing="suspended"),
            field: value,
        },
    )

    assert response.status_code == 409
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == "conflict"
    assert error["message"]
    assert list(error["fields"]) == [field]
    after = (
        list(Message.objects.values()),
        list(Sender.objects.values()),
        DecisionRecord.objects.count(),
        NewContact.objects.count(),
    )
    assert after == before
    assert service.get(f"{MESSAGES}/m-1001").json()["decision"] == first["decision"]


def test_message_state_returns_the_decision_and_its_history(service, frozen_now):
    SenderFactory(account_id="c-1")
    answer = check(service, message_id="m-1001")
    frozen_now.shift(timedelta(seconds=5))
    services.message_transition(
        message=Message.objects.get(message_id="m-1001"),
        to="quarantine",
        reasons=[{"code": "scam", "detail": "Looks like a scam."}],
        by="scan",
    )

    response = service.get(f"{MESSAGES}/m-1001")

    assert response.status_code == 200
    state = response.json()
    assert {k: state[k] for k in ANSWER_KEYS} == {
        **answer,
        "decision": "quarantine",
        "reasons": [{"code": "scam", "detail": "Looks like a scam."}],
    }
    history = [
        {"decision": entry["decision"], "by": entry["by"], "at": entry["at"]}
        for entry in state["history"]
    ]
    assert history == [
        {"decision": "hold", "by": "policy", "at": "2026-11-20T10:00:00Z"},
        {"decision": "quarantine", "by": "scan", "at": "2026-11-20T10:00:05Z"},
    ]
    assert state["history"][0]["reasons"] == answer["reasons"]


def test_message_state_of_a_decision_by_policy_has_one_history_entry(service):
    answer = check(service, message_id="m-1001", sender_id="c-unknown")

    state = service.get(f"{MESSAGES}/m-1001").json()

    assert state["decision"] == "reject"
    assert [(e["decision"], e["by"], e["reasons"]) for e in state["history"]] == [
        ("reject", "policy", answer["reasons"])
    ]


def test_unknown_message_answers_404_json(service):
    response = service.get(f"{MESSAGES}/m-never-seen")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]["code"] == "not_found"
