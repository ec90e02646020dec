"""Fixtures the tests of views share."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from inbox import services
from inbox.models import (
    Campaign,
    Message,
    Outcome,
)
from inbox.selectors import policy_get_active
from inbox.services import message_report
from tests.factories import ConnectionFactory, SenderFactory, UserFactory
from tests.review.views.support import check, moved, quarantined


@pytest.fixture
def world(db: None) -> dict[str, Any]:
    """A small marketplace: one message in every state, a campaign, a report, a second draft."""
    SenderFactory(account_id="c-spam", display_name="Spammy Ltd", organization_id="org-spam")
    SenderFactory(account_id="c-spam-2", display_name="Spammy Two", organization_id="org-spam")
    SenderFactory(account_id="c-good", display_name="Good Client", organization_id="org-good")
    ConnectionFactory(client_id="c-good", freelancer_id="f-3")
    q1 = quarantined("m-q1", "c-spam", "f-1")
    q2 = quarantined("m-q2", "c-spam-2", "f-2")
    held = check("m-hold", "c-good", "f-1")
    request = moved(check("m-req", "c-good", "f-2"), Outcome.REQUEST, "scan_passed")
    delivered = check("m-deliv", "c-good", "f-3")
    assert (held.decision, delivered.decision) == (Outcome.HOLD, Outcome.DELIVER)
    campaign = Campaign.objects.create(
        signature=[],
        preview="Cheap followers!",
        first_seen_at=timezone.now(),
        last_seen_at=timezone.now(),
    )
    Message.objects.filter(pk__in=[q1.pk, q2.pk]).update(campaign=campaign)
    message_report(recipient_id="f-1", message_id="m-q1")
    author: Any = UserFactory(username="author", is_staff=True)
    draft = services.policy_draft(
        values={**policy_get_active().rule_values(), "daily_new_contact_limit": 3},
        actor_id=author.pk,
        note="tighter",
    )
    return {
        "campaign": campaign,
        "draft": draft,
        "messages": {"q1": q1, "q2": q2, "hold": held, "request": request, "deliv": delivered},
    }


@pytest.fixture
def staff_web(staff_user: Any) -> Client:
    client = Client()
    client.force_login(staff_user)
    return client


@pytest.fixture
def freelancer_web(alice: Any) -> Client:
    client = Client()
    client.force_login(alice.user)
    return client
