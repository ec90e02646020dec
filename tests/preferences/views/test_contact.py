"""The freelancer's settings pages: who can contact me, and the sender rules."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from inbox.policy import HELP_CENTRE_ELIGIBILITY
from inbox.services import policy_activate, policy_draft
from preferences.services import preferences_update
from tests.pages import Document, page
from tests.preferences.views.support import (
    HTMX,
    settings_of,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def test_contact_page_shows_the_policy_defaults_to_a_freelancer_who_never_chose(web: Client):
    document = page(web.get(reverse("ui:contact")))

    assert document.checked("direct") == ["allow"]
    assert document.checked("job_invite") == ["allow"]


def test_contact_page_shows_the_modes_the_freelancer_chose(web: Client):
    preferences_update(account_id="f-alice", changes={"direct": "requests", "job_invite": "off"})

    document = page(web.get(reverse("ui:contact")))

    assert document.checked("direct") == ["requests"]
    assert document.checked("job_invite") == ["off"]


def test_contact_page_explains_the_active_policy_rules(web: Client):
    text = page(web.get(reverse("ui:contact"))).text

    assert "has a verified billing method" in text
    assert "has spent more than $1,000 on the platform in the last 12 months" in text
    assert "joined the platform more than 90 days ago" in text
    assert "made a payment more than 90 days ago" in text
    assert "is in good standing" in text
    assert "contacts at most 5 new freelancers in 24 hours" in text


def test_contact_page_follows_a_newly_activated_policy(web: Client, staff_user: Any):
    policy = policy_draft(
        values={
            "eligibility": HELP_CENTRE_ELIGIBILITY,
            "min_spend_cents": 250_000,
            "min_payment_age_days": 30,
            "daily_new_contact_limit": 3,
            "daily_limit_window_hours": 12,
        },
        actor_id=staff_user.pk,
    )
    policy_activate(policy=policy, reason="For this test.")

    text = page(web.get(reverse("ui:contact"))).text

    assert (
        "has spent more than $2,500 on the platform in the last 12 months or "
        "made a payment more than 30 days ago"
    ) in text
    assert "has a verified billing method" in text
    assert "is in good standing" in text
    assert "joined the platform" not in text
    assert "$1,000" not in text
    assert "contacts at most 3 new freelancers in 12 hours" in text


def test_contact_page_explains_a_policy_whose_eligibility_is_a_single_rule(web: Client):
    policy_activate(
        policy=policy_draft(values={"eligibility": "billing_verified"}), reason="For this test."
    )

    response = web.get(reverse("ui:contact"))

    assert response.status_code == 200
    assert "has a verified billing method" in page(response).text


def test_saving_contact_modes_with_a_plain_post_redirects_and_saves(web: Client):
    response = web.post(reverse("ui:contact"), {"direct": "requests", "job_invite": "off"})

    assert response.status_code == 302
    assert response["Location"] == reverse("ui:contact")
    saved = settings_of("f-alice")
    assert (saved["direct"], saved["job_invite"]) == ("requests", "off")
    after = page(web.get(response["Location"]))
    assert "Saved." in after.text
    assert after.checked("direct") == ["requests"]


def test_saving_contact_modes_with_htmx_returns_the_form_saying_saved(web: Client):
    response = web.post(
        reverse("ui:contact"), {"direct": "off", "job_invite": "requests"}, headers=HTMX
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<form id="contact-form"')
    assert "<html" not in html
    document = Document(html)
    assert "Saved. New messages follow this choice right away." in document.text
    assert document.checked("direct") == ["off"]
    saved = settings_of("f-alice")
    assert (saved["direct"], saved["job_invite"]) == ("off", "requests")


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
@pytest.mark.parametrize(
    "data",
    [
        {"direct": "everyone", "job_invite": "allow"},
        {"direct": "allow"},
        {"direct": "<script>", "job_invite": "off"},
    ],
    ids=["unknown-mode", "missing-kind", "hostile-value"],
)
def test_invalid_contact_modes_are_refused_and_change_nothing(
    web: Client, headers: dict[str, str], data: dict[str, str]
):
    preferences_update(account_id="f-alice", changes={"direct": "requests"})
    before = settings_of("f-alice")

    response = web.post(reverse("ui:contact"), data, headers=headers)

    assert response.status_code == 400
    assert "Saved" not in page(response).text
    assert "<script>" not in response.content.decode()
    assert settings_of("f-alice") == before
