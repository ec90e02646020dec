"""The review UI: campaigns, judged as one."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from inbox.models import (
    AuditEntry,
    Sender,
    TrainingLabel,
)
from tests.pages import Document
from tests.review.views.support import decisions, html, state

pytestmark = pytest.mark.django_db


def test_campaign_page_shows_copies_senders_and_recipients(
    staff_web: Client, world: dict[str, Any]
):
    campaign = world["campaign"]

    page = html(staff_web.get(reverse("review:campaign", args=[campaign.pk])))
    listing = html(staff_web.get(reverse("review:campaigns")))

    assert "m-q1" in page and "m-q2" in page
    assert "Spammy Ltd" in page and "Spammy Two" in page
    assert "f-1" in page and "f-2" in page
    assert "Apply to 2 copies" in page
    assert f'href="/review/campaigns/{campaign.pk}/"' in listing


def test_one_campaign_action_confirms_every_held_copy_with_its_reason(
    staff_web: Client, staff_user: Any, world: dict[str, Any]
):
    campaign = world["campaign"]

    response = staff_web.post(
        reverse("review:campaign-act", args=[campaign.pk]),
        {"action": "confirm_scam", "reason": "Fake job campaign"},
        follow=True,
    )

    assert "Confirmed as scam 2 messages." in html(response)
    assert sorted(TrainingLabel.objects.values_list("message__message_id", "label")) == [
        ("m-q1", "scam"),
        ("m-q2", "scam"),
    ]
    entries = AuditEntry.objects.filter(action="message.confirm")
    assert sorted((e.target, e.reason, e.actor_id) for e in entries) == [
        ("message:m-q1", "Fake job campaign", staff_user.pk),
        ("message:m-q2", "Fake job campaign", staff_user.pk),
    ]


def test_a_campaign_action_needs_a_reason(staff_web: Client, world: dict[str, Any]):
    before = state(world)

    response = staff_web.post(
        reverse("review:campaign-act", args=[world["campaign"].pk]),
        {"action": "release", "reason": "  "},
    )

    assert response.status_code == 400
    assert "Say why: a reason is required." in html(response)
    assert state(world) == before


def test_the_campaign_action_defaults_to_confirming_spam(staff_web: Client, world: dict[str, Any]):
    page = Document(html(staff_web.get(reverse("review:campaign", args=[world["campaign"].pk]))))

    selected = [attrs.get("value") for attrs in page.find("option") if "selected" in attrs]
    assert selected == ["confirm_spam"]
    values = [attrs.get("value") for attrs in page.find("option")]
    assert values[-1] == "release"  # the one that delivers is last


def test_releasing_many_copies_asks_first_and_changes_nothing_until_confirmed(
    staff_web: Client, world: dict[str, Any]
):
    campaign = world["campaign"]
    before = state(world)
    url = reverse("review:campaign-act", args=[campaign.pk])

    asked = staff_web.post(url, {"action": "release", "reason": "Genuine agency"})

    assert asked.status_code == 200
    page = Document(html(asked))
    assert "Release 2 copies?" in page.text
    assert page.find("input", type="hidden", name="confirmed", value="2")
    assert page.find("input", type="hidden", name="reason", value="Genuine agency")
    assert state(world) == before

    done = staff_web.post(
        url, {"action": "release", "reason": "Genuine agency", "confirmed": "2"}, follow=True
    )

    assert "Released 2 messages." in html(done)
    assert decisions("m-q1", "m-q2") == ["deliver", "deliver"]


def test_a_confirmation_for_another_count_is_asked_again(staff_web: Client, world: dict[str, Any]):
    """A copy arrived (or left) since the reviewer was asked: they see the new count first."""
    before = state(world)

    response = staff_web.post(
        reverse("review:campaign-act", args=[world["campaign"].pk]),
        {"action": "release", "reason": "Genuine agency", "confirmed": "5"},
    )

    assert "Release 2 copies?" in html(response)
    assert state(world) == before


def test_suspending_every_sender_of_a_campaign_is_audited_per_sender(
    staff_web: Client, staff_user: Any, world: dict[str, Any]
):
    campaign = world["campaign"]

    response = staff_web.post(
        reverse("review:campaign-suspend", args=[campaign.pk]),
        {"reason": "Review-selling ring"},
        follow=True,
    )

    assert "Suspended 2 senders of campaign" in html(response)
    standings = dict(Sender.objects.values_list("account_id", "standing_override"))
    assert (standings["c-spam"], standings["c-spam-2"], standings["c-good"]) == (
        "suspended",
        "suspended",
        "",
    )
    entries = AuditEntry.objects.filter(action="sender.standing_set").order_by("target")
    assert [(e.target, e.reason, e.actor_id) for e in entries] == [
        ("sender:c-spam", f"Campaign {campaign.pk}: Review-selling ring", staff_user.pk),
        ("sender:c-spam-2", f"Campaign {campaign.pk}: Review-selling ring", staff_user.pk),
    ]

    again = staff_web.post(
        reverse("review:campaign-suspend", args=[campaign.pk]),
        {"reason": "Again"},
        follow=True,
    )

    assert "Suspended 0 senders of campaign" in html(again)
    assert "2 senders already suspended." in html(again)
    assert AuditEntry.objects.filter(action="sender.standing_set").count() == 2


def test_suspending_a_campaigns_senders_needs_a_reason(staff_web: Client, world: dict[str, Any]):
    before = state(world)

    response = staff_web.post(
        reverse("review:campaign-suspend", args=[world["campaign"].pk]), {"reason": " "}
    )

    assert response.status_code == 400
    assert "Say why: a reason is required." in html(response)
    assert state(world) == before
    assert not Sender.objects.exclude(standing_override="").exists()
