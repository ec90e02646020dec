"""The review UI: acting on the queue, one message or many."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inbox.models import (
    AuditEntry,
    Message,
    TrainingLabel,
)
from review import services as staff
from tests.factories import SenderFactory, UserFactory
from tests.review.views.support import (
    HTMX,
    act,
    decisions,
    html,
    ids_in_order,
    quarantined,
    spam_wave,
    state,
)

pytestmark = pytest.mark.django_db


def test_releasing_a_selection_delivers_only_those_and_audits_each(
    staff_web: Client, staff_user: Any, world: dict[str, Any]
):
    response = act(
        staff_web,
        {
            "action": "release",
            "scope": "selected",
            "message_ids": ["m-q1", "m-req"],
            "reason": "False positive",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("review:queue")
    assert decisions("m-q1", "m-req", "m-q2", "m-hold") == [
        "deliver",
        "deliver",
        "quarantine",
        "hold",
    ]
    entries = AuditEntry.objects.filter(action="message.release").order_by("target")
    assert [(e.target, e.actor, e.reason) for e in entries] == [
        ("message:m-q1", staff_user, "False positive"),
        ("message:m-req", staff_user, "False positive"),
    ]
    notice = html(staff_web.get(response["Location"]))
    assert "Released 2 messages." in notice


@pytest.mark.parametrize(
    ("action", "label"),
    [("confirm_spam", "spam"), ("confirm_scam", "scam")],
)
def test_confirming_a_selection_keeps_it_quarantined_as_a_labelled_example(
    staff_web: Client, staff_user: Any, world: dict[str, Any], action: str, label: str
):
    response = act(
        staff_web, {"action": action, "scope": "selected", "message_ids": ["m-q1", "m-hold"]}
    )

    assert response.status_code == 302
    assert decisions("m-q1", "m-hold", "m-q2") == ["quarantine", "quarantine", "quarantine"]
    assert sorted(TrainingLabel.objects.values_list("message__message_id", "label")) == [
        ("m-hold", label),
        ("m-q1", label),
    ]
    entries = AuditEntry.objects.filter(action="message.confirm")
    assert sorted((e.target, e.details["label"], e.actor_id) for e in entries) == [
        ("message:m-hold", label, staff_user.pk),
        ("message:m-q1", label, staff_user.pk),
    ]


def test_deleting_a_selection_takes_it_out_of_the_queue_and_audits_it(
    staff_web: Client, staff_user: Any, world: dict[str, Any]
):
    response = act(
        staff_web,
        {"action": "delete", "scope": "selected", "message_ids": ["m-q2"], "reason": "junk"},
    )

    assert response.status_code == 302
    message = Message.objects.get(message_id="m-q2")
    assert message.dismissed_at is not None and message.body == ""
    (entry,) = AuditEntry.objects.filter(action="message.delete")
    assert (entry.target, entry.actor, entry.reason) == ("message:m-q2", staff_user, "junk")
    page = html(staff_web.get(reverse("review:queue")))
    assert "m-q2" not in ids_in_order(page, ["m-q2"])


def test_acting_with_nothing_selected_changes_nothing_and_says_why(
    staff_web: Client, world: dict[str, Any]
):
    before = state(world)

    response = act(staff_web, {"action": "release", "scope": "selected"})

    assert response.status_code == 400
    assert "Select at least one message" in html(response)
    assert state(world) == before


def test_ids_outside_the_queue_are_not_acted_on(staff_web: Client, world: dict[str, Any]):
    response = act(
        staff_web,
        {"action": "delete", "scope": "selected", "message_ids": ["m-deliv", "m-q1"]},
        follow=True,
    )

    assert Message.objects.get(message_id="m-deliv").dismissed_at is None
    assert Message.objects.get(message_id="m-q1").dismissed_at is not None
    assert "Deleted 1 message. 1 selected message had already left the queue." in html(response)


@pytest.mark.parametrize(
    ("action", "wave_after"),
    [
        ("release", {"decision": "deliver", "dismissed": False}),
        ("confirm_spam", {"decision": "quarantine", "dismissed": False}),
        ("delete", {"decision": "quarantine", "dismissed": True}),
    ],
)
def test_acting_on_a_whole_filter_changes_exactly_the_matching_messages(
    staff_web: Client,
    staff_user: Any,
    world: dict[str, Any],
    action: str,
    wave_after: dict[str, Any],
):
    wave = spam_wave()
    others = sorted(
        Message.objects.exclude(message_id__in=wave).values_list(
            "message_id", "decision", "dismissed_at"
        )
    )

    response = act(
        staff_web,
        {"action": action, "scope": "filter", "expected": "6", "reason": "Spam wave 42"},
        query={"sender": "c-wave"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("review:queue") + "?sender=c-wave"
    after = {
        m.message_id: {"decision": m.decision, "dismissed": m.dismissed_at is not None}
        for m in Message.objects.filter(message_id__in=wave)
    }
    assert after == dict.fromkeys(wave, wave_after)
    untouched = sorted(
        Message.objects.exclude(message_id__in=wave).values_list(
            "message_id", "decision", "dismissed_at"
        )
    )
    assert untouched == others
    entries = AuditEntry.objects.filter(action__startswith="message.")
    assert sorted(e.target for e in entries) == sorted(f"message:{m}" for m in wave)
    assert {(e.actor_id, e.reason) for e in entries} == {(staff_user.pk, "Spam wave 42")}


def test_a_whole_filter_action_needs_a_reason(staff_web: Client, world: dict[str, Any]):
    spam_wave(2)
    before = state(world)

    response = act(
        staff_web, {"action": "release", "scope": "filter", "expected": "2"}, {"sender": "c-wave"}
    )

    assert response.status_code == 400
    assert "a reason is required for a whole filter" in html(response)
    assert state(world) == before


def test_a_whole_filter_action_refuses_when_the_count_changed_since_the_page_was_shown(
    staff_web: Client, world: dict[str, Any]
):
    spam_wave(3)
    before = state(world)

    response = act(
        staff_web,
        {"action": "release", "scope": "filter", "expected": "2", "reason": "wave"},
        {"sender": "c-wave"},
    )

    assert response.status_code == 409
    assert "The filter now matches 3 messages, not 2" in html(response)
    assert state(world) == before


def test_a_whole_filter_action_with_an_invalid_filter_changes_nothing(
    staff_web: Client, world: dict[str, Any]
):
    before = state(world)

    response = act(
        staff_web,
        {"action": "delete", "scope": "filter", "expected": "0", "reason": "x"},
        {"min_score": "high"},
    )

    assert response.status_code == 400
    assert state(world) == before


def test_the_queue_shows_the_count_an_all_matching_action_would_change(
    staff_web: Client, world: dict[str, Any]
):
    spam_wave(4)

    page = html(staff_web.get(reverse("review:queue"), {"organization": "org-wave"}))

    assert 'All <strong id="matching-count">4</strong> matching this filter' in page
    assert 'name="expected" value="4"' in page
    assert 'action="/review/act?organization=org-wave"' in page


def test_htmx_actions_answer_with_the_refreshed_queue_and_the_result(
    staff_web: Client, world: dict[str, Any]
):
    response = act(
        staff_web,
        {"action": "release", "scope": "selected", "message_ids": ["m-q1"]},
        {"sender": "c-spam"},
        headers=HTMX,
    )

    page = html(response)
    assert response.status_code == 200
    assert page.startswith('<div id="staff-queue">') and "<html" not in page
    assert "Released 1 message." in page
    assert "m-q1" not in ids_in_order(page, ["m-q1"])


def test_htmx_refusals_keep_the_reviewers_choices_and_show_the_error(
    staff_web: Client, world: dict[str, Any]
):
    response = act(
        staff_web,
        {"action": "confirm_scam", "scope": "filter", "expected": "1"},
        {"sender": "c-spam"},
        headers=HTMX,
    )

    page = html(response)
    assert 'role="alert">Nothing changed:' in page
    assert '<option value="confirm_scam" selected>' in page
    assert re.search(r'value="filter"\s+checked', page)


def test_claiming_marks_messages_for_the_reviewer_and_others_skip_them(
    staff_web: Client, staff_user: Any, world: dict[str, Any]
):
    response = act(
        staff_web, {"action": "claim", "scope": "selected", "message_ids": ["m-q1"]}, follow=True
    )
    assert "Claimed 1 message for 30 minutes." in html(response)
    assert Message.objects.get(message_id="m-q1").claimed_by == staff_user
    queue = html(staff_web.get(reverse("review:queue"), {"sender": "c-spam"}))
    assert "<td>reviewer</td>" in queue

    other = Client()
    other_reviewer: Any = UserFactory(username="other-reviewer", is_staff=True)
    other.force_login(other_reviewer)
    response = act(
        other,
        {"action": "release", "scope": "selected", "message_ids": ["m-q1", "m-q2"]},
        follow=True,
    )

    assert decisions("m-q1", "m-q2") == ["quarantine", "deliver"]
    assert "Released 1 message. Skipped 1: m-q1: claimed by another reviewer." in html(response)


def test_reviewers_can_hide_what_other_reviewers_have_claimed(
    staff_web: Client, staff_user: Any, world: dict[str, Any]
):
    other: Any = UserFactory(username="other-reviewer", is_staff=True)
    staff.queue_claim(message_ids=["m-q1"], actor_id=other.pk)
    staff.queue_claim(message_ids=["m-q2"], actor_id=staff_user.pk)
    everything = ["m-q1", "m-q2", "m-hold", "m-req"]

    shown = html(staff_web.get(reverse("review:queue"), {"hide_claimed": "on", "copies": "each"}))
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        expired = html(
            staff_web.get(reverse("review:queue"), {"hide_claimed": "on", "copies": "each"})
        )

    assert set(ids_in_order(shown, everything)) == {"m-q2", "m-hold", "m-req"}
    assert set(ids_in_order(expired, everything)) == set(everything)


def test_unclaiming_frees_the_reviewers_own_claims(
    staff_web: Client, staff_user: Any, world: dict[str, Any]
):
    staff.queue_claim(message_ids=["m-q1", "m-q2"], actor_id=staff_user.pk)

    response = act(
        staff_web,
        {"action": "unclaim", "scope": "filter", "expected": "2"},
        {"reason": "blocked_sender"},
        follow=True,
    )

    assert "Unclaimed 2 messages." in html(response)
    assert not Message.objects.filter(claimed_by__isnull=False).exists()


def test_staff_cannot_release_what_a_freelancer_still_blocks(staff_web: Client, db: None):
    # As for appeals and crowd clearances: the block is the freelancer's to lift.
    SenderFactory(account_id="c-pest")
    quarantined("m-blocked", "c-pest", "f-9", still_blocked=True)

    response = act(
        staff_web,
        {"action": "release", "scope": "selected", "message_ids": ["m-blocked"]},
        follow=True,
    )

    assert decisions("m-blocked") == ["quarantine"]
    assert "The freelancer blocked this sender; their block is theirs to lift." in html(response)
    assert Message.objects.get(message_id="m-blocked").claimed_by is None
