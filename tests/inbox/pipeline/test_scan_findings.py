"""What the scan does with policy matters and with trusted senders, on the real database.

The spam/scam verdict and the off-platform-payment finding are the analyzer's; these tests set
them (wrapping the real `analyze`, so contact details and purposes are still really found) and
check what the scan makes of them.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Literal

import pytest

from inbox import selectors
from inbox.detection import analyzer
from inbox.models import Message, OutboxEvent, Policy
from inbox.pipeline.scan import message_scan
from inbox.services import policy_activate, policy_draft
from preferences.services import allowed_create, preferences_update
from tests.factories import ConnectionFactory, SenderFactory, direct_message

pytestmark = pytest.mark.django_db

CRYPTO_OFFER = "We can pay in crypto (USDT) if that's easier, otherwise PayPal."
EMAIL_ME = "Can you email me at jo@acme.io with your rates?"
SCOPING_INVITE = (
    "I've invited you as a viewer to our GA4 property at anna.k@example.com so you can scope "
    "the tracking work."
)
# Innocent on its own: only its reach makes it a campaign.
PITCH = (
    "Hello! We are a small studio building a strong mobile app for pet owners and would love "
    "a quote for the Flutter front end. Our budget is {pay} for the first milestone."
)
GIFT_SCAM = "Congratulations, you won a gift card! Send your bank details to claim it today."


@pytest.fixture(autouse=True)
def _webhooks(settings):
    settings.WEBHOOK_URL = "http://127.0.0.1:9/never-called-in-these-tests"


@pytest.fixture
def verdict(monkeypatch):
    """Pin what the analyzer says about spam (contacts stay real).

    Only the trusted-sender tests use it: they assert the exact score and signals a finding
    carries into the flag, which a retrained model would change. Every other test here runs the
    real detector on its text.
    """
    real = analyzer.analyze

    def set_verdict(
        *,
        label: Literal["ok", "spam", "scam"] = "ok",
        score: float = 0.02,
        signals: tuple[str, ...] = (),
        offplatform_payment: bool = False,
    ) -> None:
        def analyze(text: str, **facts: Any) -> analyzer.Analysis:
            analysis = real(text, **facts)
            spam = dataclasses.replace(
                analysis.spam, label=label, score=score, signals=list(signals)
            )
            return dataclasses.replace(analysis, spam=spam, offplatform_payment=offplatform_payment)

        monkeypatch.setattr(analyzer, "analyze", analyze)

    set_verdict()
    return set_verdict


def scan(message: Message) -> Message:
    assert message_scan(message_pk=message.pk)
    message.refresh_from_db()
    return message


def codes(reasons: list[dict[str, str]]) -> list[str]:
    return [reason["code"] for reason in reasons]


def events(message: Message) -> list[tuple[str, str, list[str]]]:
    return [
        (event.type, event.payload["decision"], codes(event.payload["reasons"]))
        for event in message.events.order_by("id")
    ]


def contact_rule_action(action: str | None) -> Policy:
    """Activate a new version whose contact rule has this action (None: stored without one)."""
    active = selectors.policy_get_active()
    rule = {key: value for key, value in active.contact_rule.items() if key != "action"}
    if action is not None:
        rule["action"] = action
    version = policy_draft(values={**active.rule_values(), "contact_rule": rule})
    return policy_activate(policy=version, reason="For this test.")


# --- Part A: policy matters are not scams ----------------------------------------------------


def test_a_crypto_or_paypal_offer_is_an_offplatform_payment_finding_not_a_scam():
    SenderFactory(account_id="c-1")
    message = direct_message("m-1", "c-1", "f-1", CRYPTO_OFFER)
    assert message.decision == "hold"

    message = scan(message)

    assert message.decision == "deliver"
    assert codes(message.reasons) == ["offplatform_payment"]
    assert message.flagged_at is not None
    assert codes(message.flag_reasons) == ["offplatform_payment"]
    assert list(message.history.values_list("decision", "by")) == [
        ("hold", "policy"),
        ("deliver", "scan"),
    ]
    assert events(message) == [("message.delivered", "deliver", ["offplatform_payment"])]
    assert message.analysis["offplatform_payment"] is True
    assert message.analysis["contact_rule"]["codes"] == ["offplatform_payment"]


def test_a_real_scam_score_still_quarantines_as_scam_without_policy_codes(verdict):
    verdict(label="scam", score=0.97, signals=("money_upfront",), offplatform_payment=True)
    SenderFactory(account_id="c-1")

    message = scan(direct_message("m-1", "c-1", "f-1", CRYPTO_OFFER))

    assert (message.decision, codes(message.reasons)) == ("quarantine", ["scam"])
    assert message.flagged_at is None


def test_contact_details_for_no_allowed_purpose_are_flagged_as_contact_details():
    SenderFactory(account_id="c-1")

    message = scan(direct_message("m-1", "c-1", "f-1", EMAIL_ME))

    assert message.decision == "deliver"
    assert codes(message.reasons) == ["contact_details"]
    assert message.flagged_at is not None
    assert message.analysis["contact_rule"]["notice"]


def test_a_request_stays_a_request_when_flagged():
    SenderFactory(account_id="c-1")
    preferences_update(account_id="f-1", changes={"direct": "requests"})

    message = scan(direct_message("m-1", "c-1", "f-1", EMAIL_ME))

    assert message.decision == "request"
    assert codes(message.reasons) == ["contact_details"]
    assert message.flagged_at is not None
    assert events(message) == [("message.delivered", "request", ["contact_details"])]


def test_a_scoping_invite_has_no_code_and_is_not_flagged():
    SenderFactory(account_id="c-1")

    message = scan(direct_message("m-1", "c-1", "f-1", SCOPING_INVITE))

    assert (message.decision, codes(message.reasons)) == ("deliver", ["scan_passed"])
    assert message.flagged_at is None
    assert message.analysis["contact_rule"]["allowed_purpose"] == "scoping"


def test_contact_details_after_a_contract_stay_delivered_without_a_code():
    SenderFactory(account_id="c-1")
    ConnectionFactory(client_id="c-1", freelancer_id="f-1")

    message = scan(direct_message("m-1", "c-1", "f-1", EMAIL_ME))

    assert (message.decision, message.reasons, message.flagged_at) == ("deliver", [], None)
    assert message.history.count() == 1


def test_an_offplatform_payment_between_connected_users_is_flagged_where_it_is():
    SenderFactory(account_id="c-1")
    ConnectionFactory(client_id="c-1", freelancer_id="f-1")
    message = direct_message("m-1", "c-1", "f-1", CRYPTO_OFFER)
    assert message.decision == "deliver"

    message = scan(message)

    assert message.decision == "deliver"
    assert codes(message.reasons) == ["offplatform_payment"]
    assert message.flagged_at is not None
    assert list(message.history.values_list("decision", "by")) == [
        ("deliver", "policy"),
        ("deliver", "scan"),
    ]
    assert OutboxEvent.objects.count() == 0  # it stayed: nothing for the messaging system to do


def test_the_quarantine_action_quarantines_with_the_finding():
    contact_rule_action("quarantine")
    SenderFactory(account_id="c-1")

    message = scan(direct_message("m-1", "c-1", "f-1", EMAIL_ME))

    assert (message.decision, codes(message.reasons)) == ("quarantine", ["contact_details"])
    assert message.flagged_at is None
    assert events(message) == [("message.quarantined", "quarantine", ["contact_details"])]


def test_a_policy_version_stored_without_an_action_flags():
    old = contact_rule_action(None)
    assert "action" not in Policy.objects.get(pk=old.pk).contact_rule
    SenderFactory(account_id="c-1")

    message = scan(direct_message("m-1", "c-1", "f-1", EMAIL_ME))

    assert (message.decision, codes(message.reasons)) == ("deliver", ["contact_details"])
    assert message.flagged_at is not None


# --- Part B: trusted senders are not silently pulled back ------------------------------------


def test_a_trusted_senders_scam_score_delivers_and_flags_without_a_quarantined_event(verdict):
    verdict(label="scam", score=0.96, signals=("money_upfront", "urgency"))
    SenderFactory(account_id="c-1")
    ConnectionFactory(client_id="c-1", freelancer_id="f-1")
    allowed_create(account_id="f-1", sender_id="c-1")
    message = direct_message("m-1", "c-1", "f-1", GIFT_SCAM)
    assert message.decision == "deliver"

    message = scan(message)

    assert message.decision == "deliver"
    assert message.flagged_at is not None
    assert codes(message.flag_reasons) == ["scam"]
    assert "asks for money or equipment purchases up front" in message.flag_reasons[0]["detail"]
    assert (message.spam_label, message.spam_score) == ("scam", 0.96)
    assert not message.events.filter(type="message.quarantined").exists()


def test_a_trusted_senders_held_first_contact_is_delivered_and_flagged(verdict):
    verdict(label="spam", score=0.9)
    SenderFactory(account_id="c-1")
    allowed_create(account_id="f-1", sender_id="c-1")
    message = direct_message("m-1", "c-1", "f-1", GIFT_SCAM)
    assert message.decision == "hold"

    message = scan(message)

    assert (message.decision, codes(message.reasons)) == ("deliver", ["spam"])
    assert message.flagged_at is not None
    assert events(message) == [("message.delivered", "deliver", ["spam"])]


def test_trust_given_after_the_check_does_not_change_the_scan(verdict):
    verdict(label="scam", score=0.96)
    SenderFactory(account_id="c-1")
    ConnectionFactory(client_id="c-1", freelancer_id="f-1")
    message = direct_message("m-1", "c-1", "f-1", GIFT_SCAM)
    allowed_create(account_id="f-1", sender_id="c-1")

    message = scan(message)

    assert (message.decision, codes(message.reasons)) == ("quarantine", ["scam"])


def test_a_campaign_still_pulls_back_a_trusted_senders_message():
    for n in range(9):
        SenderFactory(account_id=f"c-fake-{n}")
        scan(direct_message(f"m-spray-{n}", f"c-fake-{n}", f"f-{n}", PITCH.format(pay="$1,100")))
    SenderFactory(account_id="c-trusted")
    allowed_create(account_id="f-99", sender_id="c-trusted")

    message = scan(direct_message("m-trusted", "c-trusted", "f-99", PITCH.format(pay="$1,200")))

    assert (message.decision, codes(message.reasons)) == ("quarantine", ["campaign"])
    assert message.flagged_at is None
    assert events(message)[-1] == ("message.quarantined", "quarantine", ["campaign"])


# --- What the messaging system sees before sending -------------------------------------------


def test_analyze_answers_offplatform_payment_and_the_contact_rules_findings(service):

    answer = service.send("post", "/api/v1/analyze", {"text": CRYPTO_OFFER}).json()

    assert answer["offplatform_payment"] is True
    assert answer["spam"]["label"] == "ok"
    assert answer["contact_rule"]["codes"] == ["offplatform_payment"]
    assert answer["contact_rule"]["action"] == "flag"
    assert (
        answer["contact_rule"]["notice"]
        == selectors.policy_get_active().contact_rule["sender_notice"]
    )


def test_analyze_shows_the_contact_details_code_and_the_versions_action(service):
    contact_rule_action("quarantine")

    email = service.send("post", "/api/v1/analyze", {"text": EMAIL_ME}).json()
    invite = service.send("post", "/api/v1/analyze", {"text": SCOPING_INVITE}).json()

    assert email["offplatform_payment"] is False
    assert (email["contact_rule"]["codes"], email["contact_rule"]["action"]) == (
        ["contact_details"],
        "quarantine",
    )
    assert (invite["contact_rule"]["codes"], invite["contact_rule"]["action"]) == ([], None)
