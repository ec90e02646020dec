"""A queue that drains: what a reviewer decided on leaves the default view, a filter away."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from inbox.models import DecidedBy, Message, Outcome
from inbox.services import message_transition
from tests.pages import page
from tests.review.views.support import act, ids_in_order

pytestmark = pytest.mark.django_db

QUEUE = reverse("review:queue")
HELD_BACK = ["m-q1", "m-q2", "m-hold", "m-req"]


def listed(web: Client, query: str = "") -> list[str]:
    """The messages the queue offers for selection, each copy of a campaign listed."""
    query = (query + "&" if query else "?") + "copies=each"
    return ids_in_order(web.get(QUEUE + query).content.decode(), HELD_BACK)


def test_a_confirmed_message_leaves_the_default_view_and_is_a_filter_away(
    staff_web: Client, staff_user: Any, world: dict[str, Any]
):
    response = act(
        staff_web,
        {"action": "confirm_spam", "scope": "selected", "message_ids": ["m-q1"], "reason": "ok"},
    )

    assert response.status_code == 302
    message = Message.objects.get(message_id="m-q1")
    assert message.decision == Outcome.QUARANTINE  # still quarantined: only reviewed
    assert (message.reviewed_by, message.reviewed_at is not None) == (staff_user, True)
    assert "m-q1" not in listed(staff_web)
    assert sorted(listed(staff_web)) == sorted(["m-q2", "m-hold", "m-req"])
    assert listed(staff_web, "?state=reviewed") == ["m-q1"]
    assert sorted(listed(staff_web, "?state=all")) == sorted(HELD_BACK)
    reviewed = page(staff_web.get(QUEUE + "?state=reviewed&copies=each"))
    assert f"Reviewed just now by {staff_user.get_username()}" in reviewed.text
    assert "1 message matches the filter" in reviewed.text


def test_the_default_view_counts_only_what_needs_a_decision(
    staff_web: Client, world: dict[str, Any]
):
    act(
        staff_web,
        {"action": "confirm_scam", "scope": "selected", "message_ids": ["m-q1", "m-q2"]},
    )

    text = page(staff_web.get(QUEUE)).text

    assert "2 messages waiting" in text


def test_a_reviewed_message_that_moves_again_needs_a_new_look(
    staff_web: Client, world: dict[str, Any]
):
    act(staff_web, {"action": "release", "scope": "selected", "message_ids": ["m-q1"]})
    released = Message.objects.get(message_id="m-q1")
    assert released.decision == Outcome.DELIVER and released.reviewed_at is not None

    # A campaign found later pulls it back: a new decision, not the one the reviewer saw.
    assert message_transition(
        message=released,
        to=Outcome.QUARANTINE,
        reasons=[{"code": "campaign", "detail": "Sent to 30 freelancers."}],
        by=DecidedBy.SCAN,
    )

    released.refresh_from_db()
    assert (released.reviewed_at, released.reviewed_by) == (None, None)
    assert "m-q1" in listed(staff_web)


def test_an_unknown_state_is_a_filter_error_that_shows_nothing(
    staff_web: Client, world: dict[str, Any]
):
    response = staff_web.get(QUEUE + "?state=everything")

    assert "Select a valid choice." in page(response).text
    assert listed(staff_web, "?state=everything") == []
