"""Trust & safety services: standing overrides, bulk review, claims, policy what-if; all audited."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from common.errors import Invalid
from inbox import services
from inbox.models import AuditEntry, Message, Policy, TrainingLabel
from inbox.policy import HELP_CENTRE_ELIGIBILITY, check_input_from_snapshot, decide
from inbox.selectors import policy_get_active, policy_rules
from inbox.services import sender_upsert
from preferences.services import block_create, block_delete
from review import services as staff
from tests.factories import (
    ConnectionFactory,
    SenderFactory,
    UserFactory,
    direct_message,
    traffic_for_what_if,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer():
    return UserFactory(username="reviewer", is_staff=True)


def check(message_id: str, sender: str, recipient: str, body: str = "Hello there, a job?"):
    return direct_message(message_id, sender, recipient, body)


def audit(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action))


# --- Standing --------------------------------------------------------------------------------


def test_suspending_a_sender_takes_effect_on_the_very_next_check_and_is_audited(reviewer):
    SenderFactory(account_id="c-1")
    ConnectionFactory(client_id="c-1", freelancer_id="f-1")
    assert check("m-1", "c-1", "f-1").decision == "deliver"

    staff.sender_standing_set(
        account_id="c-1", standing="suspended", reason="Phishing links", actor_id=reviewer.pk
    )
    after = check("m-2", "c-1", "f-1")

    assert (after.decision, after.reasons[0]["code"]) == ("reject", "account_not_in_good_standing")
    (entry,) = audit("sender.standing_set")
    assert (entry.actor, entry.target, entry.reason) == (reviewer, "sender:c-1", "Phishing links")
    assert entry.details == {"before": "good", "after": "suspended"}


def test_a_fact_upsert_does_not_undo_a_suspension_but_lifting_it_does(reviewer):
    SenderFactory(account_id="c-1")
    ConnectionFactory(client_id="c-1", freelancer_id="f-1")
    staff.sender_standing_set(
        account_id="c-1", standing="on_hold", reason="Chargeback", actor_id=reviewer.pk
    )
    facts = {
        "display_name": "Client",
        "billing_verified": True,
        "spent_last_12_months_cents": 500_000,
        "joined_at": timezone.now() - timedelta(days=400),
        "first_payment_at": timezone.now() - timedelta(days=300),
        "standing": "good",
    }
    sender_upsert(account_id="c-1", facts=facts)
    assert check("m-1", "c-1", "f-1").decision == "reject"

    staff.sender_standing_lift(account_id="c-1", reason="Resolved", actor_id=reviewer.pk)

    assert check("m-2", "c-1", "f-1").decision == "deliver"
    assert [e.action for e in AuditEntry.objects.order_by("id")] == [
        "sender.standing_set",
        "sender.standing_lifted",
    ]


def test_standing_changes_need_a_reason_and_change_nothing_without_one(reviewer):
    SenderFactory(account_id="c-1")

    with pytest.raises(Invalid):
        staff.sender_standing_set(
            account_id="c-1", standing="suspended", reason="  ", actor_id=reviewer.pk
        )

    assert AuditEntry.objects.count() == 0
    assert policy_get_active() and check("m-1", "c-1", "f-1").decision != "reject"


def test_audit_entries_cannot_be_changed_or_deleted(reviewer):
    SenderFactory(account_id="c-1")
    staff.sender_standing_set(
        account_id="c-1", standing="on_hold", reason="x", actor_id=reviewer.pk
    )
    entry = AuditEntry.objects.get()

    entry.reason = "rewritten"
    with pytest.raises(ValueError, match="append-only"):
        entry.save()
    with pytest.raises(ValueError, match="append-only"):
        entry.delete()


# --- Bulk review -----------------------------------------------------------------------------


def _quarantined(n: int) -> list[Message]:
    """Messages quarantined by their freelancers' blocks, since lifted (staff may release)."""
    SenderFactory(account_id="c-spam")
    messages = []
    for i in range(n):
        block, _ = block_create(account_id=f"f-{i}", sender_id="c-spam", scope="account")
        messages.append(check(f"m-{i}", "c-spam", f"f-{i}", body=f"Cheap followers {i} now"))
        block_delete(account_id=f"f-{i}", block_id=block.pk)
    return messages


def test_bulk_release_delivers_labels_ok_and_audits_each(reviewer):
    messages = _quarantined(3)

    result = staff.review_act(
        messages=Message.objects.filter(pk__in=[m.pk for m in messages]),
        action="release",
        actor_id=reviewer.pk,
        reason="False positive wave",
    )

    assert (result.done, result.skipped) == (3, [])
    assert set(Message.objects.values_list("decision", flat=True)) == {"deliver"}
    assert set(TrainingLabel.objects.values_list("label", flat=True)) == {"ok"}
    assert len(audit("message.release")) == 3
    assert set(Message.objects.values_list("history__by", flat=True)) >= {"admin"}


def test_confirming_keeps_messages_quarantined_and_stores_labelled_examples(reviewer):
    messages = _quarantined(2)

    staff.review_act(messages=messages, action="confirm", label="scam", actor_id=reviewer.pk)

    labels = TrainingLabel.objects.order_by("message__message_id")
    assert [(label.label, label.text) for label in labels] == [
        ("scam", "Cheap followers 0 now"),
        ("scam", "Cheap followers 1 now"),
    ]
    assert set(Message.objects.values_list("decision", flat=True)) == {"quarantine"}


def test_messages_claimed_by_another_reviewer_are_skipped(reviewer):
    other: Any = UserFactory(username="other", is_staff=True)
    messages = _quarantined(2)
    assert staff.queue_claim(message_ids=["m-0"], actor_id=other.pk) == 1
    assert staff.queue_claim(message_ids=["m-0"], actor_id=reviewer.pk) == 0

    result = staff.review_act(messages=messages, action="delete", actor_id=reviewer.pk)

    assert result.done == 1
    assert result.skipped[0].startswith("m-0")
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        assert staff.queue_claim(message_ids=["m-0"], actor_id=reviewer.pk) == 1


# --- Policy ----------------------------------------------------------------------------------


def test_a_stored_decision_replays_to_the_same_verdict_under_its_own_policy():
    SenderFactory(account_id="c-1")
    message = check("m-1", "c-1", "f-1")
    record = message.history.get()

    replayed = decide(
        check_input_from_snapshot(record.inputs, body=message.body),
        policy_rules(policy_get_active()),
    )

    assert replayed.decision == record.decision == "hold"


def test_what_if_replays_a_fixture_week_and_counts_changes_by_reason(reviewer):
    now = timezone.now()
    traffic_for_what_if(days=7)  # and one check nine days ago, outside the week: not replayed
    draft = services.policy_draft(
        values={**policy_get_active().rule_values(), "eligibility": HELP_CENTRE_ELIGIBILITY},
        actor_id=reviewer.pk,
        note="help centre reading",
    )

    result = staff.policy_what_if(draft=draft, now=now)

    assert result.replayed == 14
    assert result.changed == 7
    assert result.transitions == {("reject", "hold"): 7}
    assert result.by_reason == {"scan_pending": 7}
    assert {example["sender_id"] for example in result.examples} == {
        f"c-new-{day}" for day in range(7)
    }
    assert Policy.objects.get(is_active=True).number == 1  # a what-if changes nothing


def test_activation_and_rollback_are_audited_and_need_a_reason(reviewer):
    v1 = policy_get_active()
    v2 = services.policy_draft(
        values={**v1.rule_values(), "daily_new_contact_limit": 3}, actor_id=reviewer.pk
    )
    with pytest.raises(Invalid):
        services.policy_activate(policy=v2, actor_id=reviewer.pk, reason="")

    services.policy_activate(policy=v2, actor_id=reviewer.pk, reason="Tighter limit")
    services.policy_activate(policy=v1, actor_id=reviewer.pk, reason="Too strict")

    assert policy_get_active().number == 1
    assert [(e.action, e.target) for e in AuditEntry.objects.order_by("id")] == [
        ("policy.draft", "policy:v2"),
        ("policy.activate", "policy:v2"),
        ("policy.rollback", "policy:v1"),
    ]
    diff = staff.policy_diff(draft=v2, active=v1)
    assert diff == [("daily_new_contact_limit", 5, 3)]


# --- The contact-detail rule -----------------------------------------------------------------


def test_the_policy_names_the_allowed_purposes_and_the_sender_notice(service):
    rule = policy_get_active().contact_rule
    assert [p["key"] for p in rule["allowed_purposes"]] == ["scoping", "after_contract"]

    scoping = service.send(
        "post",
        "/api/v1/analyze",
        {
            "text": "I've invited you as a viewer to our GA4 property at anna.k@example.com "
            "so you can scope the tracking work."
        },
    ).json()
    offsite = service.send(
        "post", "/api/v1/analyze", {"text": "Email me at anna.k@example.com to continue there."}
    ).json()

    assert scoping["contact_rule"] == {
        "has_contact": True,
        "allowed_purpose": "scoping",
        "notice": None,
        "codes": [],
        "action": None,
    }
    assert offsite["contact_rule"]["allowed_purpose"] is None
    assert offsite["contact_rule"]["notice"] == rule["sender_notice"]
    assert offsite["contact_rule"]["codes"] == ["contact_details"]
    assert offsite["contact_rule"]["action"] == "flag"


def test_contact_details_after_a_contract_are_allowed_and_a_new_version_can_reword_the_notice(
    service, reviewer
):
    ConnectionFactory(client_id="c-1", freelancer_id="f-1")
    text = {"text": "My email is anna.k@example.com, send the brief there."}
    connected = service.send(
        "post", "/api/v1/analyze", {**text, "sender_id": "c-1", "recipient_id": "f-1"}
    ).json()
    rule = {**policy_get_active().contact_rule, "sender_notice": "Keep it on the platform."}
    draft = services.policy_draft(
        values={**policy_get_active().rule_values(), "contact_rule": rule}, actor_id=reviewer.pk
    )
    services.policy_activate(policy=draft, actor_id=reviewer.pk, reason="Shorter notice")

    stranger = service.send("post", "/api/v1/analyze", text).json()

    assert connected["contact_rule"]["allowed_purpose"] == "after_contract"
    assert stranger["contact_rule"]["notice"] == "Keep it on the platform."


def test_a_contact_rule_without_a_notice_is_refused(reviewer):
    rule = {"allowed_purposes": [], "sender_notice": " "}

    with pytest.raises(Invalid):
        services.policy_draft(
            values={**policy_get_active().rule_values(), "contact_rule": rule},
            actor_id=reviewer.pk,
        )
