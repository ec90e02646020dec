"""Messages delivered but flagged for review: the queue filter, the finding, clearing the flag."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from inbox.models import AuditEntry, DecidedBy, Message, Outcome, TrainingLabel
from inbox.services import MessageIn, message_check, message_flag
from review import services as staff
from tests.factories import ConnectionFactory, SenderFactory

pytestmark = pytest.mark.django_db

FINDING = [
    {
        "code": "scam",
        "detail": "Looks like a scam: asks for money or equipment purchases up front. Delivered "
        "because the freelancer trusts the sender; flagged for review.",
    }
]


def delivered(message_id: str, recipient: str = "f-1") -> Message:
    SenderFactory(account_id="c-1", display_name="Trusted Client")
    ConnectionFactory(client_id="c-1", freelancer_id=recipient)
    message, _ = message_check(
        incoming=MessageIn(
            message_id=message_id,
            sender_id="c-1",
            recipient_id=recipient,
            kind="direct",
            body="Please buy the laptop first, we refund you.",
        )
    )
    assert message.decision == Outcome.DELIVER
    return message


def flagged(message_id: str, recipient: str = "f-1") -> Message:
    """A delivered message the scan flagged: a scam score on a trusted sender's message."""
    message = delivered(message_id, recipient)
    Message.objects.filter(pk=message.pk).update(
        spam_label="scam",
        spam_score=0.93,
        analysis={"spam": {"label": "scam", "score": 0.93, "signals": ["money_upfront"]}},
    )
    message.refresh_from_db()
    assert message_flag(message=message, to=Outcome.DELIVER, reasons=FINDING, by=DecidedBy.SCAN)
    return message


@pytest.fixture
def staff_web(staff_user: Any) -> Client:
    client = Client()
    client.force_login(staff_user)
    return client


def queue_ids(client: Client, query: str = "") -> list[str]:
    page = client.get(reverse("review:queue") + query).content.decode()
    return re.findall(r'name="message_ids" value="([^"]+)"', page)


def test_the_queue_lists_flagged_delivered_messages_with_a_marker_and_filters_them(
    staff_web: Client,
):
    flagged("m-flagged")
    delivered("m-plain", recipient="f-2")
    SenderFactory(account_id="c-2")
    message_check(
        incoming=MessageIn(
            message_id="m-held", sender_id="c-2", recipient_id="f-3", kind="direct", body="Hi"
        )
    )

    everything = staff_web.get(reverse("review:queue")).content.decode()

    assert set(queue_ids(staff_web)) == {"m-flagged", "m-held"}
    assert "Flagged" in everything
    assert queue_ids(staff_web, "?decision=flagged") == ["m-flagged"]


def test_the_message_page_shows_the_finding_label_score_and_signals(staff_web: Client):
    flagged("m-flagged")

    page = staff_web.get(reverse("review:message", args=["m-flagged"])).content.decode()

    assert "Flagged for review" in page
    assert "trusts the sender" in page
    assert "0.93" in page
    assert "money_upfront" in page
    assert "asks for money or equipment purchases up front" in page
    assert reverse("review:message-clear-flag", args=["m-flagged"]) in page


def test_staff_clearing_a_flag_is_audited_and_the_message_stays_delivered(
    staff_web: Client, staff_user: Any
):
    message = flagged("m-flagged")
    url = reverse("review:message-clear-flag", args=["m-flagged"])

    refused = staff_web.post(url, {"flag-reason": "  "})
    assert refused.status_code == 400
    assert not AuditEntry.objects.exists()

    response = staff_web.post(url, {"flag-reason": "Known client, a real equipment budget"})

    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.decision, message.flagged_at) == (Outcome.DELIVER, None)
    assert message.flag_reasons == FINDING  # the finding stays on the record
    (entry,) = AuditEntry.objects.all()
    assert (entry.action, entry.target, entry.actor_id) == (
        "message.clear_flag",
        "message:m-flagged",
        staff_user.pk,
    )
    assert entry.reason == "Known client, a real equipment budget"
    assert entry.details["finding"] == FINDING
    assert queue_ids(staff_web) == []
    page = staff_web.get(reverse("review:message", args=["m-flagged"])).content.decode()
    assert "Was flagged for review" in page
    assert "message.clear_flag" in page


def test_clearing_a_flag_from_the_queue_is_audited_and_refused_for_unflagged_messages(
    staff_user: Any,
):
    message = flagged("m-flagged")

    done = staff.review_act(messages=[message], action="clear_flag", actor_id=staff_user.pk)
    again = staff.review_act(messages=[message], action="clear_flag", actor_id=staff_user.pk)

    assert (done.done, again.done) == (1, 0)
    assert again.skipped == ["m-flagged: not flagged"]
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["message.clear_flag"]


def test_confirming_a_flagged_message_pulls_it_back_and_ends_the_flag(staff_user: Any):
    message = flagged("m-flagged")

    staff.review_act(messages=[message], action="confirm", label="scam", actor_id=staff_user.pk)

    message.refresh_from_db()
    assert (message.decision, message.flagged_at) == (Outcome.QUARANTINE, None)
    assert message.events.filter(type="message.quarantined").exists()
    assert TrainingLabel.objects.get(message=message).label == "scam"


def test_a_flagged_delivered_message_cannot_be_deleted_from_the_queue(staff_user: Any):
    message = flagged("m-flagged")

    result = staff.review_act(messages=[message], action="delete", actor_id=staff_user.pk)

    message.refresh_from_db()
    assert result.done == 0
    assert (message.decision, message.dismissed_at, message.body != "") == (
        Outcome.DELIVER,
        None,
        True,
    )
    assert message.flagged_at is not None
    assert not AuditEntry.objects.exists()


def test_freelancers_cannot_clear_a_flag(alice: Any):
    message = flagged("m-flagged", recipient="f-alice")
    client = Client()
    client.force_login(alice.user)

    response = client.post(
        reverse("review:message-clear-flag", args=["m-flagged"]), {"flag-reason": "mine"}
    )

    assert response.status_code == 403
    message.refresh_from_db()
    assert message.flagged_at is not None
