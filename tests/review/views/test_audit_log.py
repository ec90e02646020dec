"""The review UI: the audit log."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from inbox.models import (
    Message,
    SpamReport,
)
from review import services as staff
from tests.review.views.support import act, html, spam_wave, state

pytestmark = pytest.mark.django_db


def test_activity_log_lists_who_did_what_when_and_why_and_filters(
    staff_web: Client, staff_user: Any, world: dict[str, Any]
):
    staff.sender_standing_set(
        account_id="c-spam", standing="suspended", reason="Fraud ring", actor_id=staff_user.pk
    )
    staff.review_act(
        messages=Message.objects.filter(message_id="m-q2"),
        action="delete",
        actor_id=staff_user.pk,
        reason="junk",
    )

    everything = html(staff_web.get(reverse("review:audit")))
    senders_only = html(staff_web.get(reverse("review:audit"), {"action": "sender.standing_set"}))
    by_target = html(staff_web.get(reverse("review:audit"), {"target": "m-q2"}))

    assert "3 entries" in everything  # the fixture's draft, the suspension, the deletion
    assert "Fraud ring" in everything and "<td>reviewer</td>" in everything
    assert "Fraud ring" in senders_only and "<code>message.delete</code>" not in senders_only
    assert "1 entry" in by_target and "junk" in by_target


def test_reports_show_on_the_senders_page(staff_web: Client, world: dict[str, Any]):
    assert SpamReport.objects.filter(message__sender_id="c-spam").count() == 1

    page = html(staff_web.get(reverse("review:sender", args=["c-spam"])))

    reported = r'<td class="break">f-1</td>\s*<td class="break"><a href="/review/messages/m-q1/">'
    assert re.search(reported, page)


def test_a_whole_filter_action_past_the_bulk_limit_asks_to_narrow_the_filter(
    staff_web: Client, world: dict[str, Any], settings: Any
):
    settings.REVIEW_BULK_MAX = 3
    spam_wave(4)
    before = state(world)

    response = act(
        staff_web,
        {"action": "delete", "scope": "filter", "expected": "4", "reason": "wave"},
        {"sender": "c-wave"},
    )

    assert response.status_code == 400
    assert "act on at most 3 at a time" in html(response)
    assert state(world) == before
