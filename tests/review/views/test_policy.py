"""The review UI: policy versions, drafts, what-if and activation."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from inbox import services
from inbox.models import (
    AuditEntry,
    Policy,
)
from inbox.policy import HELP_CENTRE_ELIGIBILITY
from inbox.selectors import policy_get_active
from tests.factories import traffic_for_what_if
from tests.review.views.support import html, policy_form_data, state

pytestmark = pytest.mark.django_db


def test_policy_list_marks_the_active_version_and_links_drafts(
    staff_web: Client, world: dict[str, Any]
):
    page = html(staff_web.get(reverse("review:policies")))

    assert re.search(r'class="staff-active">\s*<td><a href="/review/policy/1/">v1</a>', page)
    assert re.search(r'href="/review/policy/2/">v2</a></td>\s*<td>Draft</td>', page)


def test_new_draft_form_starts_from_the_active_versions_values(
    staff_web: Client, world: dict[str, Any]
):
    page = html(staff_web.get(reverse("review:policy-new")))

    assert 'name="daily_new_contact_limit" value="5"' in page
    assert 'name="spam_threshold" value="0.8"' in page
    assert "&quot;billing_verified&quot;" in page  # the eligibility expression, as JSON
    assert "Based on v1" in page


def test_creating_a_draft_from_the_form_is_audited_and_shows_a_readable_diff(
    staff_web: Client, staff_user: Any, world: dict[str, Any]
):
    data = policy_form_data(
        policy_get_active(),
        daily_new_contact_limit=2,
        hold_unsolicited_for_scan=False,
        min_spend_cents=250_000,
        eligibility=HELP_CENTRE_ELIGIBILITY,
        note="Help centre reading",
    )

    response = staff_web.post(reverse("review:policy-new"), data)

    draft = Policy.objects.get(number=3)
    assert response.status_code == 302
    assert response["Location"] == reverse("review:policy", args=[3])
    assert (draft.is_active, draft.daily_new_contact_limit, draft.note) == (
        False,
        2,
        "Help centre reading",
    )
    entry = AuditEntry.objects.filter(action="policy.draft").latest("id")
    assert (entry.target, entry.actor, entry.details) == (
        "policy:v3",
        staff_user,
        {"based_on": "v1"},
    )
    page = html(staff_web.get(response["Location"]))
    limit_row = '<th scope="row">Daily new contact limit</th><td><del>5</del></td><td><ins>2</ins>'
    assert limit_row in page
    assert "<del>$1,000.00</del></td><td><ins>$2,500.00</ins>" in page
    assert "<del>yes</del></td><td><ins>no</ins>" in page
    assert (
        "<ins>all of (billing_verified, good_standing, any of (spend, payment_history))</ins>"
        in page
    )
    assert "Retention" not in page.split("All settings of")[0]  # unchanged fields are not diffed


@pytest.mark.parametrize(
    ("eligibility", "error"),
    [
        ('{"all": ["spend", "vibes"]}', "Unknown rule &#x27;vibes&#x27;"),
        ('{"all": []}', "needs a non-empty list"),
        ("{not json", "Enter a valid JSON."),
    ],
)
def test_a_draft_with_an_invalid_eligibility_expression_is_refused(
    staff_web: Client, world: dict[str, Any], eligibility: str, error: str
):
    data = {**policy_form_data(policy_get_active()), "eligibility_json": eligibility}

    response = staff_web.post(reverse("review:policy-new"), data)

    assert response.status_code == 400
    assert error in html(response)
    assert Policy.objects.count() == 2


def test_a_draft_with_a_threshold_out_of_range_is_refused(staff_web: Client, world: dict[str, Any]):
    data = policy_form_data(policy_get_active(), spam_threshold=1.5)

    response = staff_web.post(reverse("review:policy-new"), data)

    assert response.status_code == 400
    assert "less than or equal to 1.0" in html(response)
    assert Policy.objects.count() == 2


def test_what_if_page_replays_a_fixture_week_under_the_draft(
    staff_web: Client, staff_user: Any, db: None
):
    traffic_for_what_if(days=3)
    staff_web.post(
        reverse("review:policy-new"),
        policy_form_data(policy_get_active(), eligibility=HELP_CENTRE_ELIGIBILITY),
    )

    response = staff_web.get(reverse("review:policy-what-if", args=[2]), {"days": "7"})

    page = html(response)
    assert response.status_code == 200
    assert "<strong>3</strong> of 6 messages would change decision." in page
    assert '<td>reject</td><td class="staff-label">hold</td><td>3</td>' in page
    assert "<td><code>scan_pending</code></td><td>3</td>" in page
    for day in range(3):
        assert f'href="/review/messages/m-new-{day}/"' in page
    assert "m-ok-0" not in page
    assert Policy.objects.get(is_active=True).number == 1


def test_what_if_refuses_an_unreasonable_number_of_days(staff_web: Client, world: dict[str, Any]):
    response = staff_web.get(reverse("review:policy-what-if", args=[2]), {"days": "365"})

    assert response.status_code == 400
    assert "less than or equal to 30" in html(response)


def test_activating_a_draft_needs_a_reason_and_is_audited(
    staff_web: Client, staff_user: Any, world: dict[str, Any]
):
    refused = staff_web.post(reverse("review:policy-activate", args=[2]), {"reason": " "})
    assert refused.status_code == 400
    assert "Say why: a reason is required." in html(refused)
    assert policy_get_active().number == 1

    response = staff_web.post(
        reverse("review:policy-activate", args=[2]), {"reason": "Tighter limit"}, follow=True
    )

    assert "Activated v2 (was v1). The next check uses it." in html(response)
    assert policy_get_active().number == 2
    entry = AuditEntry.objects.latest("id")
    assert (entry.action, entry.target, entry.actor, entry.reason, entry.details) == (
        "policy.activate",
        "policy:v2",
        staff_user,
        "Tighter limit",
        {"previous": "v1"},
    )


def test_rolling_back_is_activating_an_earlier_version_with_a_reason(
    staff_web: Client, staff_user: Any, world: dict[str, Any]
):
    services.policy_activate(policy=world["draft"], actor_id=staff_user.pk, reason="Try it")
    page = html(staff_web.get(reverse("review:policy", args=[1])))
    assert "Roll back to v1" in page

    response = staff_web.post(
        reverse("review:policy-activate", args=[1]), {"reason": "Too strict"}, follow=True
    )

    assert "Rolled back from v2 to v1." in html(response)
    assert policy_get_active().number == 1
    entry = AuditEntry.objects.latest("id")
    assert (entry.action, entry.target, entry.reason) == (
        "policy.rollback",
        "policy:v1",
        "Too strict",
    )


def test_activating_the_active_version_is_refused(staff_web: Client, world: dict[str, Any]):
    before = state(world)

    response = staff_web.post(reverse("review:policy-activate", args=[1]), {"reason": "again"})

    assert response.status_code == 400
    assert "v1 is already the active version." in html(response)
    assert state(world) == before
