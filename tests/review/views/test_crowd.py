"""Staff and the crowd signal: stopped senders first in the queue, with evidence; confirm or
clear; the policy's what-if counts the senders a setting would have stopped."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils.timezone import now

from inbox.models import AuditEntry, Message, NewContact, Outcome, Policy, Sender
from inbox.pipeline.pull_back import block_pull_back
from inbox.selectors import policy_get_active
from preferences.services import block_create
from tests.factories import SenderFactory, direct_message
from tests.pages import page
from tests.review.views.support import policy_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def stopped(db: None) -> list[Message]:
    """c-wave wrote to seven freelancers; five blocked it: stopped, the other two pulled back."""
    SenderFactory(account_id="c-wave", display_name="Wave Recruiting")
    messages = []
    for n in range(7):
        message = direct_message(f"m-w{n}", "c-wave", f"f-{n}", f"Offer number {n}")
        Message.objects.filter(pk=message.pk).update(decision=Outcome.DELIVER)
        messages.append(message)
    for n in range(5):
        block, _ = block_create(account_id=f"f-{n}", sender_id="c-wave", scope="account")
        block_pull_back(block_id=block.pk)
    assert Sender.objects.get(account_id="c-wave").effective_standing == "under_review"
    return messages


def test_the_queue_lists_stopped_senders_first_with_the_evidence(
    staff_web: Client, stopped: list[Message]
):
    text = page(staff_web.get(reverse("review:queue"))).text

    assert "Stopped by the crowd signal 1" in text
    assert "Wave Recruiting c-wave — 5 blocked, 0 reported, 2 held" in text
    assert text.index("Stopped by the crowd signal") < text.index("messages waiting")


def test_the_sender_page_shows_who_blocked(staff_web: Client, stopped: list[Message]):
    text = page(staff_web.get(reverse("review:sender", args=["c-wave"]))).text

    assert "5 freelancers who got an unsolicited message" in text
    assert "Blocked by: f-0, f-1, f-2, f-3, f-4" in text
    assert "When each block and report was made (5)" in text
    evidence = text[text.index("When each block") :]
    positions = [evidence.find(f"f-{n} blocked c-wave") for n in range(5)]
    assert -1 not in positions and positions == sorted(positions)  # each, oldest first
    assert "Clear: restore good standing and release 2 messages" in text


def test_clearing_restores_the_sender_and_releases_what_the_stop_held(
    staff_web: Client, staff_user: Any, stopped: list[Message]
):
    response = staff_web.post(
        reverse("review:sender-crowd-clear", args=["c-wave"]),
        {"clear-reason": "A real agency; the freelancers did not want agencies"},
        follow=True,
    )

    assert "Cleared c-wave: back in good standing; released 2 messages." in page(response).text
    assert Sender.objects.get(account_id="c-wave").effective_standing == "good"
    released = Message.objects.filter(message_id__in=["m-w5", "m-w6"])
    assert {m.decision for m in released} == {Outcome.DELIVER}
    assert all("message.released" in m.events.values_list("type", flat=True) for m in released)
    # Those the freelancers blocked stay where their blocks put them.
    assert Message.objects.get(message_id="m-w0").decision == Outcome.QUARANTINE
    entry = AuditEntry.objects.get(action="sender.crowd_clear")
    assert (entry.actor, entry.target) == (staff_user, "sender:c-wave")


def clear(staff_web: Client, account_id: str = "c-wave") -> str:
    response = staff_web.post(
        reverse("review:sender-crowd-clear", args=[account_id]),
        {"clear-reason": "A real agency"},
        follow=True,
    )
    return page(response).text


def block(freelancer: str, sender: str = "c-wave") -> None:
    made, _ = block_create(account_id=freelancer, sender_id=sender, scope="account")
    block_pull_back(block_id=made.pk)


def test_a_cleared_sender_is_stopped_again_only_by_blocks_made_after_the_clearance(
    staff_web: Client, stopped: list[Message]
):
    clear(staff_web)
    # The daily limit refused the sixth and seventh first contacts; let them count as written.
    for n in (5, 6):
        NewContact.objects.create(sender_id="c-wave", recipient_id=f"f-{n}", contacted_at=now())

    block("f-5")  # the sixth block in the window: the five staff judged no longer count

    assert Sender.objects.get(account_id="c-wave").effective_standing == "good"
    assert Message.objects.get(message_id="m-w6").decision == Outcome.DELIVER
    for n in range(7, 11):
        NewContact.objects.create(sender_id="c-wave", recipient_id=f"f-{n}", contacted_at=now())
        block(f"f-{n}")  # with f-5, five new blockers since the clearance
    assert Sender.objects.get(account_id="c-wave").effective_standing == "under_review"
    assert Message.objects.get(message_id="m-w6").decision == Outcome.DELIVER  # judged before


def test_clearing_never_delivers_to_a_freelancer_who_blocked_since_the_stop(
    staff_web: Client, stopped: list[Message]
):
    block("f-5")  # its message was already held by the stop

    text = clear(staff_web)

    assert "released 1 message." in text
    assert Message.objects.get(message_id="m-w5").decision == Outcome.QUARANTINE
    assert Message.objects.get(message_id="m-w6").decision == Outcome.DELIVER


def test_clearing_clears_the_linked_accounts_stopped_with_it(staff_web: Client, db: None):
    for account in ("c-l1", "c-l2"):
        SenderFactory(account_id=account, identity_key="card-3")
    for n in range(6):
        message = direct_message(f"m-l{n}", "c-l1" if n < 3 else "c-l2", f"f-{n}", f"Hi {n}")
        Message.objects.filter(pk=message.pk).update(decision=Outcome.DELIVER)
    for n in range(5):
        block(f"f-{n}", "c-l1" if n < 3 else "c-l2")
    assert set(Sender.objects.values_list("standing_override", flat=True)) == {"under_review"}

    clear(staff_web, "c-l1")

    assert set(Sender.objects.values_list("standing_override", flat=True)) == {""}
    assert Message.objects.get(message_id="m-l5").decision == Outcome.DELIVER
    cleared = AuditEntry.objects.filter(action="sender.crowd_clear")
    assert sorted(cleared.values_list("target", flat=True)) == ["sender:c-l1", "sender:c-l2"]


def test_clearing_needs_a_reason_and_a_sender_under_review(
    staff_web: Client, stopped: list[Message]
):
    no_reason = staff_web.post(
        reverse("review:sender-crowd-clear", args=["c-wave"]), {"clear-reason": " "}
    )
    SenderFactory(account_id="c-fine")
    not_stopped = staff_web.post(
        reverse("review:sender-crowd-clear", args=["c-fine"]), {"clear-reason": "why not"}
    )

    assert no_reason.status_code == 400
    assert not_stopped.status_code == 400
    assert "This sender is not under review." in page(not_stopped).text
    assert Sender.objects.get(account_id="c-wave").effective_standing == "under_review"


def test_confirming_is_suspending(staff_web: Client, stopped: list[Message]):
    staff_web.post(
        reverse("review:sender-standing", args=["c-wave"]),
        {"standing": "suspended", "reason": "Fake recruiter wave"},
    )

    sender = Sender.objects.get(account_id="c-wave")
    assert sender.effective_standing == "suspended"
    assert "Stopped by the crowd" not in page(staff_web.get(reverse("review:queue"))).text


def test_the_senders_own_facts_cannot_lift_the_stop(service: Any, stopped: list[Message]):
    facts = {
        "display_name": "Wave Recruiting",
        "billing_verified": True,
        "spent_last_12_months_cents": 1,
        "joined_at": "2025-01-01T00:00:00Z",
        "standing": "good",
    }
    upsert = service.send("put", "/api/v1/senders/c-wave", facts)
    refused = service.send("put", "/api/v1/senders/c-wave", {**facts, "standing": "under_review"})

    assert upsert.status_code == 200
    assert Sender.objects.get(account_id="c-wave").effective_standing == "under_review"
    assert refused.status_code == 400


def test_the_policy_what_if_counts_the_senders_the_crowd_would_stop(
    staff_web: Client, stopped: list[Message]
):
    staff_web.post(
        reverse("review:policy-new"), policy_form_data(policy_get_active(), crowd_blocks=6)
    )

    draft = page(staff_web.get(reverse("review:policy-what-if", args=[2]), {"days": "7"})).text
    active = page(staff_web.get(reverse("review:policy-what-if", args=[1]), {"days": "7"})).text

    assert (
        "within 24 hours) would have stopped 0 senders in the period (the active version: 1)"
        in draft
    )
    assert "would have stopped 1 sender in the period: c-wave" in active


def test_the_evidence_shown_is_the_stops_window_even_after_the_policy_changes_it(
    staff_web: Client, db: None
):
    # Four blocks two hours before the stop, the fifth at it: all in the 24-hour window.
    SenderFactory(account_id="c-wave", display_name="Wave Recruiting")
    start = now()
    with time_machine.travel(start - timedelta(hours=2), tick=False):
        for n in range(7):
            message = direct_message(f"m-w{n}", "c-wave", f"f-{n}", f"Offer number {n}")
            Message.objects.filter(pk=message.pk).update(decision=Outcome.DELIVER)
        for n in range(4):
            block, _ = block_create(account_id=f"f-{n}", sender_id="c-wave", scope="account")
            block_pull_back(block_id=block.pk)
    block, _ = block_create(account_id="f-4", sender_id="c-wave", scope="account")
    block_pull_back(block_id=block.pk)
    assert Sender.objects.get(account_id="c-wave").effective_standing == "under_review"
    # The window is one hour by the time staff look: the stop's evidence is still all five.
    Policy.objects.filter(is_active=True).update(crowd_window_hours=1)

    text = page(staff_web.get(reverse("review:sender", args=["c-wave"]))).text

    assert "When each block and report was made (5)" in text
