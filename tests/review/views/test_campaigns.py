"""The review UI: campaigns, judged as one."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from inbox.models import (
    AuditEntry,
    TrainingLabel,
)
from tests.review.views.support import html, state

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
