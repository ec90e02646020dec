"""The freelancer's quarantine page: what it lists, and how."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from inbox.services import quarantine_dismiss
from preferences.services import block_create, preferences_update
from tests.factories import NOW, ConnectionFactory, SenderFactory
from tests.inbox.views.support import (
    HTMX,
    REVIEW,
    everything,
    new_message,
    quarantined,
    quarantined_by_block,
    requested,
)
from tests.pages import page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def test_review_lists_only_this_freelancers_requests_and_quarantined_messages(
    web: Client, alice: Any, bob: Any
):
    held_back = quarantined_by_block(body="quarantined body")
    request = requested(body="request body")
    SenderFactory(account_id="c-friend")
    ConnectionFactory(client_id="c-friend", freelancer_id="f-alice")
    delivered = new_message(sender_id="c-friend", body="delivered body")
    SenderFactory(account_id="c-held")
    held = new_message(sender_id="c-held", body="held body")
    rejected = new_message(sender_id="c-unknown", body="rejected body")
    deleted = quarantined_by_block(body="deleted body")
    quarantine_dismiss(recipient_id="f-alice", message_id=deleted.message_id, by="freelancer")
    theirs = quarantined_by_block(recipient_id="f-bob", sender_id="c-spammer", body="bobs body")
    assert (delivered.decision, held.decision, rejected.decision) == ("deliver", "hold", "reject")

    response = web.get(REVIEW)

    assert response.status_code == 200
    document = page(response)
    assert document.listed("request") == [request.message_id]
    assert document.listed("quarantine") == [held_back.message_id]
    assert "Message requests 1" in document.text
    assert "Quarantine 1" in document.text
    markup = response.content.decode()
    for hidden in ("delivered body", "held body", "rejected body", "deleted body", "bobs body"):
        assert hidden not in markup
    assert theirs.message_id not in markup


def test_review_offers_each_item_its_own_buttons(web: Client):
    request = requested()
    held_back = quarantined()

    document = page(web.get(REVIEW))

    buttons = {(b.get("value"), b.get("name")) for b in document.find("button", name="one")}
    for message in (request, held_back):
        for action in ("release", "block", "report", "delete"):
            assert (f"{action}:{message.message_id}", "one") in buttons
    assert "Accept" in document.text
    assert "Let through" in document.text


def test_review_says_so_when_nothing_is_held_back(web: Client):
    text = page(web.get(REVIEW)).text

    assert "No message requests." in text
    assert "Nothing in quarantine." in text


def test_review_shows_who_sent_it_and_the_facts_about_them(web: Client):
    SenderFactory(
        account_id="c-1",
        display_name="Acme Ltd",
        billing_verified=False,
        spent_last_12_months_cents=250_000,
        joined_at=NOW - timedelta(days=30),
    )
    quarantined_by_block(sender_id="c-1", body="Hello from Acme")

    text = page(web.get(REVIEW)).text

    assert (
        "Acme Ltd c-1 Blocked sender Direct message just now Billing not verified "
        "$2,500 spent in 12 months "
        "30 days on the platform Hello from Acme You blocked this client."
    ) in text


def test_review_counts_a_single_day_on_the_platform_in_the_singular(web: Client):
    SenderFactory(account_id="c-1", joined_at=NOW - timedelta(days=1, hours=2))
    quarantined_by_block(sender_id="c-1")

    text = page(web.get(REVIEW)).text

    assert "Billing verified $1,500 spent in 12 months 1 day on the platform" in text


def test_review_marks_a_sender_it_knows_nothing_about(web: Client):
    block_create(account_id="f-alice", sender_id="c-ghost", scope="account")
    new_message(sender_id="c-ghost", body="boo")

    text = page(web.get(REVIEW)).text

    assert "c-ghost c-ghost" in text
    assert "Unknown account" in text


@pytest.mark.parametrize(
    ("setup", "reason"),
    [
        ("account", "You blocked this client."),
        ("organization", "You blocked this client's organization."),
        ("linked", "You blocked an account linked to this client."),
        ("keyword", 'Matches your keyword filters: "crypto".'),
        ("request", "A client you haven't worked with yet (message request)."),
    ],
)
def test_review_explains_in_plain_words_why_each_message_was_held_back(
    web: Client, setup: str, reason: str
):
    SenderFactory(account_id="c-known", organization_id="org-1", identity_key="person-1")
    SenderFactory(account_id="c-1", organization_id="org-1", identity_key="person-1")
    if setup == "request":
        requested(sender_id="c-1")
    else:
        if setup == "keyword":
            preferences_update(account_id="f-alice", changes={"keyword_filters": ["crypto"]})
        else:
            blocked = "c-1" if setup == "account" else "c-known"
            block_create(account_id="f-alice", sender_id=blocked, scope=setup)
        message = new_message(sender_id="c-1", body="Pay me in crypto")
        assert message.decision == "quarantine"

    document = page(web.get(REVIEW))

    assert reason in document.text
    assert "The freelancer" not in document.text


def test_review_shows_a_placeholder_for_an_empty_message(web: Client):
    quarantined_by_block(body="")

    assert "(no text)" in page(web.get(REVIEW)).text


def test_viewing_the_review_list_changes_no_message(web: Client):
    quarantined_by_block(body="Please look at https://evil.example/")
    requested(body="Hello, can we talk?")
    before = everything()

    web.get(REVIEW)
    web.get(REVIEW, headers=HTMX)

    assert everything() == before
