"""The freelancer's quarantine page: why a message they had seen moved there."""

from __future__ import annotations

import pytest
from django.test import Client

from inbox.models import DecidedBy, Message, OutboxEvent
from inbox.pipeline.pull_back import block_pull_back
from inbox.services import message_transition
from preferences.services import block_create
from tests.factories import ConnectionFactory, SenderFactory
from tests.inbox.views.support import (
    REVIEW,
    new_message,
    quarantined_by_block,
    requested,
)
from tests.pages import page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def delivered_then_moved(reason: dict[str, str], *, by: str = DecidedBy.SCAN) -> Message:
    SenderFactory(account_id="c-1")
    ConnectionFactory(client_id="c-1", freelancer_id="f-alice")
    message = new_message(sender_id="c-1")
    assert message.decision == "deliver"
    assert message_transition(message=message, to="quarantine", reasons=[reason], by=by)
    return message


@pytest.mark.parametrize(
    ("reason", "by", "text"),
    [
        (
            {
                "code": "campaign",
                "detail": "The same text was sent to 12 freelancers within 24 hours.",
            },
            DecidedBy.SCAN,
            "Moved here from your inbox because the same text was sent to 12 freelancers within "
            "24 hours.",
        ),
        (
            {"code": "scam", "detail": "Looks like a scam: asks for personal or financial data."},
            DecidedBy.SCAN,
            "Moved here from your inbox because a scan found it looks like a scam: asks for "
            "personal or financial data.",
        ),
        (
            {"code": "scam", "detail": "Confirmed as scam by a reviewer."},
            DecidedBy.ADMIN,
            "Moved here from your inbox because our trust & safety team confirmed it as a scam.",
        ),
        (
            {"code": "contact_details", "detail": "Shares contact details for no allowed purpose."},
            DecidedBy.SCAN,
            "Moved here from your inbox because it shares contact details, which clients may do "
            "only to invite you to scope a job or once you have a contract.",
        ),
    ],
)
def test_a_delivered_message_pulled_back_says_where_it_was_and_why(
    web: Client, reason: dict[str, str], by: str, text: str
):
    delivered_then_moved(reason, by=by)

    assert text in page(web.get(REVIEW)).text


def test_a_delivered_message_pulled_back_by_a_block_says_the_freelancer_blocked_the_sender(
    web: Client,
):
    SenderFactory(account_id="c-1")
    ConnectionFactory(client_id="c-1", freelancer_id="f-alice")
    message = new_message(sender_id="c-1")
    block, _ = block_create(account_id="f-alice", sender_id="c-1", scope="account")
    assert block_pull_back(block_id=block.pk) == 1

    document = page(web.get(REVIEW))

    assert document.listed("quarantine") == [message.message_id]
    assert "Moved here from your inbox because you blocked this client." in document.text


def test_a_request_pulled_back_says_it_was_in_the_message_requests(web: Client):
    message = requested(sender_id="c-1")
    assert message_transition(
        message=message,
        to="quarantine",
        reasons=[{"code": "blocked_sender", "detail": "Moved because of a block."}],
        by=DecidedBy.FREELANCER,
    )

    text = page(web.get(REVIEW)).text

    assert "Moved here from your message requests because you blocked this client." in text


def test_a_message_quarantined_before_the_freelancer_saw_it_does_not_say_it_moved(web: Client):
    quarantined_by_block(sender_id="c-1")

    text = page(web.get(REVIEW)).text

    assert "You blocked this client." in text
    assert "Moved here" not in text
    assert "before it moved here" not in text and "before they moved here" not in text


def test_the_quarantine_says_up_front_how_many_messages_moved_there(web: Client):
    delivered_then_moved({"code": "campaign", "detail": "The same text was sent to 9 freelancers."})
    quarantined_by_block(sender_id="c-9")

    text = page(web.get(REVIEW)).text

    assert (
        "1 message was in your inbox or message requests before it moved here; each says why."
        in text
    )


def quarantined_event(message: Message) -> dict[str, object]:
    (event,) = OutboxEvent.objects.filter(message=message, type="message.quarantined")
    return event.payload


def test_the_messaging_system_is_told_the_same_words_when_a_message_moves(web: Client):
    moved = delivered_then_moved(
        {"code": "campaign", "detail": "The same text was sent to 12 freelancers within 24 hours."}
    )
    request = requested(sender_id="c-2")
    assert message_transition(
        message=request,
        to="quarantine",
        reasons=[{"code": "blocked_sender", "detail": "Moved because of a block."}],
        by=DecidedBy.FREELANCER,
    )

    assert quarantined_event(moved)["explanation"] == (
        "Moved here from your inbox because the same text was sent to 12 freelancers within "
        "24 hours."
    )
    assert quarantined_event(request)["explanation"] == (
        "Moved here from your message requests because you blocked this client."
    )
    assert quarantined_event(moved)["reasons"] == [  # the contract's fields, unchanged
        {"code": "campaign", "detail": "The same text was sent to 12 freelancers within 24 hours."}
    ]
