"""The review UI: senders and their standing."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from inbox.models import (
    AuditEntry,
    Sender,
)
from preferences.services import block_create
from review import services as staff
from tests.review.views.support import check, html, state

pytestmark = pytest.mark.django_db


def test_sender_page_shows_facts_standing_decisions_blocks_and_reports(
    staff_web: Client, world: dict[str, Any]
):
    block_create(account_id="f-8", sender_id="c-spam", scope="account")
    block_create(account_id="f-9", sender_id="c-spam", scope="organization")

    page = html(staff_web.get(reverse("review:sender", args=["c-spam"])))

    assert "Spammy Ltd" in page and "org-spam" in page and "$1,500.00" in page
    assert re.search(r"This account</td><td>1</td>", page)
    assert re.search(r"Their whole organization</td><td>1</td>", page)
    assert 'Reports received <span class="count">1</span>' in page
    assert "Decisions over the last 30 days" in page
    assert "m-q1" in page


def test_sender_page_counts_organization_blocks_for_every_account_of_the_organization(
    staff_web: Client, world: dict[str, Any]
):
    block_create(account_id="f-9", sender_id="c-spam", scope="organization")

    page = html(staff_web.get(reverse("review:sender", args=["c-spam-2"])))

    assert re.search(r"Their whole organization</td><td>1</td>", page)


def test_unknown_senders_are_404(staff_web: Client, world: dict[str, Any]):
    assert staff_web.get(reverse("review:sender", args=["c-nobody"])).status_code == 404


def test_suspending_a_sender_from_the_page_is_audited_and_the_next_check_obeys(
    staff_web: Client, staff_user: Any, world: dict[str, Any]
):
    response = staff_web.post(
        reverse("review:sender-standing", args=["c-good"]),
        {"standing": "suspended", "reason": "Phishing links"},
        follow=True,
    )

    assert "c-good is now suspended; the next check applies it." in html(response)
    (entry,) = AuditEntry.objects.filter(action="sender.standing_set")
    assert (entry.target, entry.actor, entry.reason) == (
        "sender:c-good",
        staff_user,
        "Phishing links",
    )
    assert entry.details == {"before": "good", "after": "suspended"}
    assert check("m-after", "c-good", "f-3").decision == "reject"
    page = html(staff_web.get(reverse("review:sender", args=["c-good"])))
    assert "Phishing links" in page and "Lift the override" in page


def test_putting_a_sender_on_hold_needs_a_reason(staff_web: Client, world: dict[str, Any]):
    before = state(world)

    response = staff_web.post(
        reverse("review:sender-standing", args=["c-spam"]), {"standing": "on_hold", "reason": ""}
    )

    assert response.status_code == 400
    assert "Say why: a reason is required." in html(response)
    assert state(world) == before


def test_lifting_an_override_from_the_page_is_audited(
    staff_web: Client, staff_user: Any, world: dict[str, Any]
):
    staff.sender_standing_set(
        account_id="c-good", standing="on_hold", reason="Chargeback", actor_id=staff_user.pk
    )

    refused = staff_web.post(reverse("review:sender-lift", args=["c-good"]), {"lift-reason": ""})
    response = staff_web.post(
        reverse("review:sender-lift", args=["c-good"]), {"lift-reason": "Resolved"}, follow=True
    )

    assert refused.status_code == 400
    assert "Lifted the override: c-good is good again." in html(response)
    assert Sender.objects.get(account_id="c-good").standing_override == ""
    assert list(AuditEntry.objects.order_by("id").values_list("action", "reason"))[-2:] == [
        ("sender.standing_set", "Chargeback"),
        ("sender.standing_lifted", "Resolved"),
    ]


def test_sender_search_finds_by_organization_and_lists_overrides_by_default(
    staff_web: Client, staff_user: Any, world: dict[str, Any]
):
    staff.sender_standing_set(
        account_id="c-spam", standing="suspended", reason="Fraud", actor_id=staff_user.pk
    )

    overrides = html(staff_web.get(reverse("review:senders")))
    found = html(staff_web.get(reverse("review:senders"), {"q": "org-spam"}))

    assert "c-spam<" in overrides and "c-good" not in overrides and "Fraud" in overrides
    assert "c-spam<" in found and "c-spam-2" in found and "c-good" not in found
