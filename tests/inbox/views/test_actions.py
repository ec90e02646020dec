"""The freelancer's quarantine page: release, delete, report and block, one or many."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client

from inbox.models import DecidedBy, Message, Sender, SpamReport
from inbox.pipeline.pull_back import block_pull_back
from inbox.policy import BLOCK_REASONS
from inbox.services import message_transition, quarantine_dismiss
from preferences.models import Block
from preferences.services import block_create
from tests.factories import ConnectionFactory, SenderFactory
from tests.inbox.views.support import (
    ACT,
    HTMX,
    HTMX_DEFAULT_RESPONSE_HANDLING,
    REVIEW,
    everything,
    new_message,
    quarantined,
    quarantined_by_block,
    requested,
    state,
)
from tests.pages import Document, page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def test_letting_a_quarantined_message_through_delivers_it_and_confirms(web: Client, alice: Any):
    message = quarantined()

    response = web.post(ACT, {"action": "release", "message_ids": [message.message_id]})

    assert response.status_code == 302
    assert response["Location"] == REVIEW
    assert state(message)["decision"] == "deliver"
    last = message.history.order_by("-at", "-id")[0]
    assert (last.decision, last.by, last.actor_id) == ("deliver", "freelancer", alice.user.pk)
    after = page(web.get(REVIEW))
    assert "Let 1 message through to your inbox." in after.text
    assert after.listed("quarantine") == []


def test_accepting_a_request_with_its_button_and_htmx_delivers_it(web: Client):
    message = requested()

    response = web.post(
        ACT, {"action": "delete", "one": f"release:{message.message_id}"}, headers=HTMX
    )

    assert response.status_code == 200
    markup = response.content.decode()
    assert markup.lstrip().startswith('<div id="review">')
    assert "<html" not in markup
    document = Document(markup)
    assert "Let 1 message through to your inbox." in document.text
    assert document.listed("request") == []
    assert state(message)["decision"] == "deliver"


def test_an_item_button_works_for_a_message_id_containing_colons(web: Client):
    message = quarantined(message_id="pm:42:7")

    response = web.post(ACT, {"one": "release:pm:42:7"}, headers=HTMX)

    assert response.status_code == 200
    assert state(message)["decision"] == "deliver"


def test_letting_several_messages_through_at_once(web: Client):
    first, second = quarantined(), requested()

    response = web.post(
        ACT,
        {"action": "release", "message_ids": [first.message_id, second.message_id]},
        headers=HTMX,
    )

    assert response.status_code == 200
    assert "Let 2 messages through to your inbox." in page(response).text
    assert state(first)["decision"] == state(second)["decision"] == "deliver"


def test_deleting_a_quarantined_message_purges_its_body_and_drops_it_from_the_list(web: Client):
    message = quarantined(body="secret content")

    response = web.post(ACT, {"one": f"delete:{message.message_id}"}, headers=HTMX)

    assert response.status_code == 200
    assert "Deleted 1 message." in page(response).text
    assert "secret content" not in response.content.decode()
    after = state(message)
    assert after["decision"] == "quarantine"
    assert after["body"] == ""
    assert after["body_purged_at"] is not None
    assert after["dismissed_at"] is not None
    assert page(web.get(REVIEW)).listed("quarantine") == []


def test_deleting_a_request_moves_it_to_quarantine_and_purges_its_body(web: Client):
    message = requested(body="secret content")

    response = web.post(ACT, {"action": "delete", "message_ids": [message.message_id]})

    assert response.status_code == 302
    after = state(message)
    assert after["decision"] == "quarantine"
    assert after["reasons"][0]["code"] == "deleted"
    assert (after["body"], after["dismissed_at"] is not None) == ("", True)
    document = page(web.get(REVIEW))
    assert document.listed("request") == document.listed("quarantine") == []


@pytest.mark.parametrize("scope", ["account", "organization", "linked"])
@pytest.mark.parametrize("how", ["bulk", "button"])
def test_blocking_the_sender_keeps_the_message_as_evidence_and_says_so(
    web: Client, scope: str, how: str
):
    SenderFactory(account_id="c-1", organization_id="org-1", identity_key="person-1")
    message = requested(sender_id="c-1", body="Contact me on Telegram @recruiter")
    if how == "bulk":
        data = {"action": "block", "scope": scope, "message_ids": [message.message_id]}
    else:
        data = {"action": "release", "scope": scope, "one": f"block:{message.message_id}"}

    response = web.post(ACT, data, headers=HTMX)

    assert response.status_code == 200
    document = page(response)
    assert (
        "Blocked the sender of 1 message. Their messages stay in your quarantine, marked as "
        "blocked, so our trust & safety team keeps the evidence; they never reach your inbox."
    ) in document.text
    # The message moved from the requests to the quarantine at once, marked, text kept.
    assert document.listed("request") == []
    assert document.listed("quarantine") == [message.message_id]
    assert "Blocked sender" in document.text
    block = Block.objects.get(freelancer__account_id="f-alice")
    # The per-message button always blocks the account; wider scopes are a deliberate choice.
    assert (block.sender_id, block.scope) == ("c-1", scope if how == "bulk" else "account")
    assert block.organization_id == "org-1"
    assert block.identity_key == "person-1"
    after = state(message)
    assert after["decision"] == "quarantine"
    assert after["reasons"][0]["code"] == BLOCK_REASONS[block.scope]
    assert (after["dismissed_at"], after["body"]) == (None, "Contact me on Telegram @recruiter")
    assert after["events"][-1] == "message.quarantined"
    # Until the worker has pulled back the sender's other messages, the page says so and asks.
    assert f"/quarantine/pull-back?blocks={block.pk}" in response.content.decode()
    assert "Moving the blocked sender's other messages" in document.text


def test_blocking_two_messages_from_one_sender_makes_one_block_and_keeps_both(web: Client):
    first = requested(sender_id="c-1")
    second = new_message(sender_id="c-1")
    message_transition(message=second, to="quarantine", reasons=[], by=DecidedBy.SCAN)

    response = web.post(
        ACT, {"action": "block", "message_ids": [first.message_id, second.message_id]}
    )

    assert response.status_code == 302
    assert list(Block.objects.values_list("sender_id", "scope")) == [("c-1", "account")]
    assert state(first)["decision"] == state(second)["decision"] == "quarantine"
    assert state(first)["dismissed_at"] is None
    assert state(second)["dismissed_at"] is None
    assert state(second)["reasons"] == []  # already in quarantine: its reasons stay as they were


def test_a_blocked_senders_message_offers_no_block_and_no_let_through(web: Client):
    blocked = quarantined_by_block(sender_id="c-blocked")
    other = quarantined(sender_id="c-other")

    document = page(web.get(REVIEW))

    buttons = [attrs.get("value") for attrs in document.find("button", name="one")]
    assert f"release:{blocked.message_id}" not in buttons
    assert f"block:{blocked.message_id}" not in buttons
    assert f"report:{blocked.message_id}" in buttons
    assert f"delete:{blocked.message_id}" in buttons
    assert {f"release:{other.message_id}", f"block:{other.message_id}"} <= set(buttons)
    assert document.text.count("Blocked sender") == 1
    assert 'href="/settings/blocked/"' in web.get(REVIEW).content.decode()


def test_letting_a_blocked_senders_message_through_in_bulk_is_refused(web: Client):
    blocked = quarantined_by_block(sender_id="c-blocked")
    other = quarantined(sender_id="c-other")

    response = web.post(
        ACT,
        {"action": "release", "message_ids": [blocked.message_id, other.message_id]},
        headers=HTMX,
    )

    assert response.status_code == 200
    assert (
        "Let 1 message through to your inbox. 1 could not be changed (you blocked its sender; "
        "unblock them first to let their messages in)."
    ) in page(response).text
    assert state(blocked)["decision"] == "quarantine"
    assert state(other)["decision"] == "deliver"


def held_for_staff(sender_id: str = "c-crowd") -> Message:
    """A message the crowd signal pulled back: it waits for trust & safety."""
    message = quarantined(sender_id=sender_id)
    assert message_transition(
        message=message,
        to="deliver",
        reasons=[{"code": "released", "detail": "Released."}],
        by=DecidedBy.ADMIN,
    )
    assert message_transition(
        message=message,
        to="quarantine",
        reasons=[{"code": "reported_by_many", "detail": "Held for trust & safety."}],
        by=DecidedBy.SCAN,
    )
    Sender.objects.filter(account_id=sender_id).update(standing_override="under_review")
    message.refresh_from_db()
    assert message.held_for_staff(Sender.objects.get(account_id=sender_id))
    return message


def test_a_message_held_for_trust_and_safety_is_not_the_freelancers_to_let_through(web: Client):
    held = held_for_staff()
    other = quarantined(sender_id="c-other")

    document = page(web.get(REVIEW))
    buttons = [attrs.get("value") for attrs in document.find("button", name="one")]
    response = web.post(
        ACT, {"action": "release", "message_ids": [held.message_id, other.message_id]}, headers=HTMX
    )

    assert f"release:{held.message_id}" not in buttons
    assert {f"block:{held.message_id}", f"report:{held.message_id}"} <= set(buttons)
    assert document.text.count("Held for trust & safety") == 1
    assert "it stays here until our trust & safety team decides" in page(response).text
    assert state(held)["decision"] == "quarantine"
    assert state(other)["decision"] == "deliver"


def test_once_staff_lift_the_stop_the_message_is_the_freelancers_again(web: Client):
    held = held_for_staff()
    Sender.objects.filter(account_id="c-crowd").update(standing_override="")  # staff lifted it

    buttons = [a.get("value") for a in page(web.get(REVIEW)).find("button", name="one")]
    web.post(ACT, {"action": "release", "message_ids": [held.message_id]}, headers=HTMX)

    assert f"release:{held.message_id}" in buttons
    assert state(held)["decision"] == "deliver"


def test_the_page_reports_the_pull_back_when_the_worker_has_done_it(web: Client):
    requested(sender_id="c-1")
    earlier = new_message(sender_id="c-1", body="Another message of theirs")
    assert earlier.decision == "request"
    target = quarantined(sender_id="c-1")
    web.post(ACT, {"action": "block", "message_ids": [target.message_id]}, headers=HTMX)
    block = Block.objects.get(freelancer__account_id="f-alice")
    poll = f"/quarantine/pull-back?blocks={block.pk}"

    waiting = web.get(poll, headers=HTMX)
    block_pull_back(block_id=block.pk)  # what the worker runs for the new block
    done = web.get(poll, headers=HTMX)

    assert waiting.status_code == 204  # nothing to swap yet: the status line keeps polling
    assert done.status_code == 200
    assert (done["HX-Retarget"], done["HX-Reswap"]) == ("#review", "outerHTML")
    document = page(done)
    assert (
        "Done: moved 2 messages of the blocked sender from your inbox and message requests "
        "into quarantine."
    ) in document.text
    assert "/quarantine/pull-back" not in done.content.decode()  # no more polling
    assert set(document.listed("quarantine")) == set(
        Message.objects.filter(sender_id="c-1").values_list("message_id", flat=True)
    )
    assert document.listed("request") == []


def test_a_pull_back_that_moved_nothing_says_so(web: Client):
    target = quarantined(sender_id="c-1")
    web.post(ACT, {"action": "block", "message_ids": [target.message_id]}, headers=HTMX)
    block = Block.objects.get(freelancer__account_id="f-alice")
    block_pull_back(block_id=block.pk)

    done = web.get(f"/quarantine/pull-back?blocks={block.pk}", headers=HTMX)

    assert "Done: none of their other messages were in your inbox or message requests." in (
        page(done).text
    )


def test_the_pull_back_poll_tells_nothing_of_another_freelancers_blocks(web: Client):
    quarantined(sender_id="c-1", recipient_id="f-bob")
    new_message(sender_id="c-1", recipient_id="f-bob")
    bobs, _ = block_create(account_id="f-bob", sender_id="c-1", scope="account")
    block_pull_back(block_id=bobs.pk)

    response = web.get(f"/quarantine/pull-back?blocks={bobs.pk}", headers=HTMX)

    assert response.status_code == 200
    assert "Done: none of their other messages" in page(response).text


@pytest.mark.parametrize("blocks", ["x", "1,,y", "1;2"])
def test_a_malformed_pull_back_poll_is_a_400(web: Client, blocks: str):
    response = web.get(f"/quarantine/pull-back?blocks={blocks}", headers=HTMX)

    assert response.status_code == 400


def test_the_pull_back_poll_without_htmx_shows_the_page_with_the_notice(web: Client):
    response = web.get("/quarantine/pull-back?blocks=", follow=True)

    assert response.redirect_chain == [(REVIEW, 302)]
    assert "Done: none of their other messages" in page(response).text


def test_blocking_an_organization_the_sender_lacks_says_what_was_not_changed(web: Client):
    SenderFactory(account_id="c-1", organization_id="")
    message = requested(sender_id="c-1")
    before = state(message)

    response = web.post(
        ACT,
        {"action": "block", "scope": "organization", "message_ids": [message.message_id]},
        headers=HTMX,
    )

    assert "1 could not be changed (This sender has no known organization" in page(response).text
    assert not Block.objects.exists()
    assert state(message) == before


def test_reporting_a_quarantined_message_records_a_spam_report(web: Client):
    message = quarantined()

    response = web.post(ACT, {"one": f"report:{message.message_id}"}, headers=HTMX)

    assert response.status_code == 200
    document = page(response)
    assert "Reported 1 message as spam. Thank you." in document.text
    report = SpamReport.objects.get(message=message)
    assert report.reporter_id == "f-alice"
    assert state(message)["decision"] == "quarantine"


def test_reporting_a_request_moves_it_to_quarantine(web: Client):
    message = requested()

    response = web.post(ACT, {"action": "report", "message_ids": [message.message_id]})

    assert response.status_code == 302
    assert SpamReport.objects.filter(message=message, reporter_id="f-alice").exists()
    assert state(message)["decision"] == "quarantine"
    document = page(web.get(REVIEW))
    assert document.listed("request") == []
    assert document.listed("quarantine") == [message.message_id]
    assert "You reported this as spam." in document.text


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_acting_on_another_freelancers_message_changes_nothing(
    bob_web: Client, alice: Any, headers: dict[str, str]
):
    message = quarantined(body="alice's private message")
    before = everything()

    for action in ("release", "delete", "block", "report"):
        response = bob_web.post(
            ACT, {"action": action, "message_ids": [message.message_id]}, headers=headers
        )
        assert response.status_code == 400
        assert "Nothing changed" in page(response).text
        assert "alice's private message" not in response.content.decode()

    assert everything() == before


def test_a_selection_with_anothers_message_changes_none_of_the_freelancers_own(
    web: Client, bob: Any
):
    own = quarantined()
    theirs = quarantined(recipient_id="f-bob", sender_id="c-other")
    before = everything()

    response = web.post(
        ACT, {"action": "release", "message_ids": [own.message_id, theirs.message_id]}
    )

    assert response.status_code == 400
    assert "Nothing changed" in page(response).text
    assert everything() == before


def test_acting_on_a_message_no_longer_in_the_list_changes_nothing(web: Client):
    deleted = quarantined()
    quarantine_dismiss(recipient_id="f-alice", message_id=deleted.message_id, by="freelancer")
    SenderFactory(account_id="c-friend")
    ConnectionFactory(client_id="c-friend", freelancer_id="f-alice")
    delivered = new_message(sender_id="c-friend")
    before = everything()

    for message in (deleted, delivered):
        response = web.post(ACT, {"action": "release", "message_ids": [message.message_id]})
        assert response.status_code == 400

    assert everything() == before


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"action": "release"}, "Nothing changed: Select at least one message."),
        ({"action": "archive", "message_ids": ["SELF"]}, "Nothing changed: Select a valid choice."),
        ({"action": "", "message_ids": ["SELF"]}, "Nothing changed: This field is required."),
        ({"one": "release"}, "Nothing changed: Select a valid choice."),
        ({"one": "explode:SELF"}, "Nothing changed: Select a valid choice."),
        (
            {"action": "block", "scope": "planet", "message_ids": ["SELF"]},
            "Nothing changed: Select a valid choice.",
        ),
    ],
    ids=[
        "no-selection",
        "unknown-action",
        "no-action",
        "malformed-button",
        "unknown-button",
        "bad-scope",
    ],
)
def test_a_bad_request_is_refused_and_changes_nothing(
    web: Client, headers: dict[str, str], data: dict[str, Any], error: str
):
    message = quarantined()
    data = {
        key: (
            [message.message_id]
            if value == ["SELF"]
            else value.replace("SELF", message.message_id)
            if isinstance(value, str)
            else value
        )
        for key, value in data.items()
    }
    before = everything()

    response = web.post(ACT, data, headers=headers)

    assert response.status_code == 400
    assert error in page(response).text
    assert everything() == before
    assert page(response).listed("quarantine") == [message.message_id]


def test_htmx_users_see_why_nothing_changed(web: Client):
    shell = web.get(REVIEW).content.decode()

    response = web.post(ACT, {"action": "release"}, headers=HTMX)

    handling = HTMX_DEFAULT_RESPONSE_HANDLING
    for meta in Document(shell).find("meta", name="htmx-config"):
        handling = json.loads(meta.get("content") or "{}").get("responseHandling", handling)
    swaps = next(
        bool(rule.get("swap"))
        for rule in handling
        if re.search(rule["code"], str(response.status_code))
    )
    assert swaps
