"""The Django admin: policy versions are created from the active one, activated, never edited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from inbox.models import AuditEntry, Policy, ServiceToken
from inbox.selectors import policy_get_active
from inbox.services import policy_draft, service_token_create
from tests.factories import SenderFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def _new_version_form(**changes):
    values = policy_get_active().rule_values()
    form = {
        "note": "stricter",
        **{
            key: value
            for key, value in values.items()
            if key not in ("eligibility", "contact_rule")
        },
        "eligibility": '{"all": ["billing_verified", "good_standing"]}',
        "contact_rule": __import__("json").dumps(values["contact_rule"]),
        **changes,
    }
    return {
        key: ("on" if value is True else value) for key, value in form.items() if value is not False
    }


def test_new_policy_form_starts_from_the_active_version(admin_client):
    active = policy_get_active()

    response = admin_client.get(reverse("admin:inbox_policy_add"))

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.initial["min_spend_cents"] == active.min_spend_cents
    assert form.initial["note"] == "Based on v1"


def test_saving_the_form_creates_an_inactive_next_version(admin_client):
    policy_get_active()

    response = admin_client.post(
        reverse("admin:inbox_policy_add"), _new_version_form(daily_new_contact_limit=2)
    )

    assert response.status_code == 302
    created = Policy.objects.get(number=2)
    assert created.daily_new_contact_limit == 2
    assert created.is_active is False
    assert created.created_by is not None
    assert created.created_by.username == "root"
    assert policy_get_active().number == 1


def test_a_version_made_in_the_admin_is_in_the_audit_log_like_one_made_in_the_review_ui(
    admin_client,
):
    policy_get_active()

    admin_client.post(
        reverse("admin:inbox_policy_add"), _new_version_form(daily_new_contact_limit=2)
    )

    entry = AuditEntry.objects.get(action="policy.draft")
    assert entry.target == "policy:v2"
    assert entry.actor is not None
    assert entry.actor.username == "root"
    assert entry.details == {"based_on": "v1"}


def test_an_invalid_eligibility_expression_is_refused(admin_client):
    policy_get_active()

    response = admin_client.post(
        reverse("admin:inbox_policy_add"), _new_version_form(eligibility='{"all": ["vibes"]}')
    )

    assert response.status_code == 200
    assert "Unknown rule" in str(response.context["adminform"].form.errors)
    assert not Policy.objects.filter(number=2).exists()


def test_activating_a_version_makes_the_very_next_check_use_it(admin_client, service):
    policy_get_active()
    draft = policy_draft(values={**policy_get_active().rule_values(), "min_spend_cents": 10**9})
    SenderFactory(account_id="c-rich")
    before = service.send(
        "post",
        "/api/v1/messages",
        {
            "message_id": "m-a",
            "sender_id": "c-rich",
            "recipient_id": "f-1",
            "kind": "direct",
            "body": "Hi",
        },
    ).json()

    admin_client.post(
        reverse("admin:inbox_policy_changelist"),
        {"action": "activate", "_selected_action": [draft.pk]},
    )
    after = service.send(
        "post",
        "/api/v1/messages",
        {
            "message_id": "m-b",
            "sender_id": "c-rich",
            "recipient_id": "f-2",
            "kind": "direct",
            "body": "Hi",
        },
    ).json()

    assert (before["policy_version"], before["decision"]) == ("v1", "hold")
    assert (after["policy_version"], after["decision"]) == ("v2", "reject")
    assert [reason["code"] for reason in after["reasons"]] == ["spend_below_threshold"]
    assert Policy.objects.filter(is_active=True).count() == 1


def test_an_existing_version_cannot_be_changed_or_deleted(admin_client):
    active = policy_get_active()

    admin_client.post(
        reverse("admin:inbox_policy_change", args=[active.pk]),
        _new_version_form(daily_new_contact_limit=99),
    )

    active.refresh_from_db()
    assert active.daily_new_contact_limit == 5
    assert (
        admin_client.get(reverse("admin:inbox_policy_delete", args=[active.pk])).status_code == 403
    )
    active.daily_new_contact_limit = 99
    with pytest.raises(ValueError, match="immutable"):
        active.save()


def test_admin_creates_a_service_key_shown_once_and_stores_only_its_hash(admin_client):
    response = admin_client.post(
        reverse("admin:inbox_servicetoken_add"), {"name": "messaging-prod"}, follow=True
    )

    shown = [str(message) for message in response.context["messages"]]
    key = shown[0].split(" is ")[1].split(" ")[0]
    token = ServiceToken.objects.get(name="messaging-prod")
    assert key.startswith("igk_")
    assert key not in (token.key_hash, token.prefix)
    assert token.key_hash == __import__("hashlib").sha256(key.encode()).hexdigest()


def test_admin_revokes_keys(admin_client, client):
    token, _ = service_token_create(name="old")

    admin_client.post(
        reverse("admin:inbox_servicetoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )

    token.refresh_from_db()
    assert token.revoked_at is not None


def test_non_staff_users_are_sent_to_the_admin_login(client):
    client.force_login(UserFactory(username="f-plain"))

    response = client.get(reverse("admin:inbox_policy_changelist"))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_admins_see_a_campaign_as_one_cluster_with_every_copy(admin_client, settings):
    from inbox.models import Campaign, Message
    from inbox.pipeline.scan import message_scan
    from inbox.services import MessageIn, message_check

    body = (
        "Hello! We are a small studio building a mobile app for pet owners and would love a "
        "quote for the Flutter front end. Budget is $900 for the first milestone."
    )
    for n in range(10):
        SenderFactory(account_id=f"c-fake-{n}")
        message, _ = message_check(
            incoming=MessageIn(
                message_id=f"m-{n}",
                sender_id=f"c-fake-{n}",
                recipient_id=f"f-{n}",
                kind="direct",
                body=body,
            )
        )
        message_scan(message_pk=message.pk)
    campaign = Campaign.objects.get()

    listing = admin_client.get(reverse("admin:inbox_campaign_changelist"))
    page = admin_client.get(reverse("admin:inbox_campaign_change", args=[campaign.pk]))

    assert listing.status_code == page.status_code == 200
    assert Message.objects.filter(campaign=campaign).count() == 10
    for n in range(10):
        assert f"m-{n}" in page.content.decode()


def test_admins_see_every_webhook_delivery_attempt(admin_client):
    from django.utils import timezone

    from inbox.models import EventState, OutboxEvent, WebhookAttempt

    event = OutboxEvent.objects.create(
        type="message.delivered",
        payload={},
        state=EventState.PENDING,
        next_attempt_at=timezone.now(),
        created_at=timezone.now(),
    )
    WebhookAttempt.objects.create(
        event=event, attempted_at=timezone.now(), status_code=503, duration_ms=12
    )

    page = admin_client.get(reverse("admin:inbox_outboxevent_change", args=[event.pk]))

    assert page.status_code == 200
    assert "503" in page.content.decode()
