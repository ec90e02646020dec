"""POST /api/v1/messages: the answer's fields, and the optional fields of the request."""

from __future__ import annotations

from datetime import timedelta

import pytest

from inbox.models import Message, Sender
from tests.factories import NOW, SenderFactory
from tests.inbox.api_messages.support import MESSAGES, check, codes, eligible_facts

pytestmark = pytest.mark.usefixtures("frozen_now")


def test_every_answer_names_the_policy_version_and_retry_after(service):
    SenderFactory(account_id="c-1")
    SenderFactory(account_id="c-bad", billing_verified=False)

    answers = [
        check(service),
        check(service),
        check(service, sender_id="c-bad"),
    ]

    assert [a["decision"] for a in answers] == ["hold", "deliver", "reject"]
    assert {a["policy_version"] for a in answers} == {"v1"}
    assert {a["retry_after"] for a in answers} == {None}


def test_sender_object_upserts_facts_first_so_an_unknown_sender_is_eligible_at_once(service):
    answer = check(service, sender_id="c-new", sender=eligible_facts(organization_id="org-17"))

    assert answer["decision"] == "hold"
    sender = Sender.objects.get(account_id="c-new")
    assert (sender.display_name, sender.organization_id) == ("Acme Ltd", "org-17")


def test_sender_object_replaces_older_facts_before_the_decision(service):
    SenderFactory(account_id="c-1")

    answer = check(service, sender=eligible_facts(standing="suspended"))

    assert codes(answer) == ["account_not_in_good_standing"]
    assert Sender.objects.get(account_id="c-1").standing == "suspended"


def test_sent_at_defaults_to_now(service):
    SenderFactory(account_id="c-1")

    answer = check(service)

    assert Message.objects.get(message_id=answer["message_id"]).sent_at == NOW


def test_sent_at_is_stored_as_given(service):
    SenderFactory(account_id="c-1")

    answer = check(service, sent_at="2026-11-20T11:59:00+02:00", thread_id="t-9")

    message = Message.objects.get(message_id=answer["message_id"])
    assert message.sent_at == NOW - timedelta(minutes=1)
    assert message.thread_id == "t-9"


@pytest.mark.parametrize(
    ("client", "status"),
    [("anonymous", 401), ("alice_client", 403)],
    ids=["no-key", "freelancer-session"],
)
def test_delivery_check_needs_the_service_key(request, db, client, status):
    caller = request.getfixturevalue(client)
    body = {
        "message_id": "m-1",
        "sender_id": "c-1",
        "recipient_id": "f-alice",
        "kind": "direct",
        "body": "Hi",
    }

    response = caller.send("post", MESSAGES, body)

    assert response.status_code == status
    assert response.json()["error"]["code"]
    assert not Message.objects.exists()
