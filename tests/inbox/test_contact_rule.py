"""The contact rule and the scan's outcome as pure functions: policy matters are not scams."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from inbox.contact_rule import DEFAULT_CONTACT_RULE, contact_ruling, validate_contact_rule
from inbox.policy import ScanFindings, ScanOutcome, scan_outcome

WINDOW = timedelta(hours=24)
# A version stored before the rule had an action: it must keep working, as `flag`.
OLD_RULE: dict[str, Any] = {
    key: value for key, value in DEFAULT_CONTACT_RULE.items() if key != "action"
}
QUARANTINE_RULE: dict[str, Any] = {**DEFAULT_CONTACT_RULE, "action": "quarantine"}


def ruling(rule: dict[str, Any] = DEFAULT_CONTACT_RULE, **facts: Any) -> Any:
    given: dict[str, Any] = {"has_contact": False, "detected_purpose": None, "connected": False}
    return contact_ruling(**{**given, **facts}, rule=rule)


def outcome(decision: str = "hold", **findings: Any) -> ScanOutcome | None:
    given: dict[str, Any] = {"label": "ok", "score": 0.05}
    return scan_outcome(
        decision=decision,
        pass_decision="deliver",
        findings=ScanFindings(**{**given, **findings}),
        spam_threshold=0.8,
        campaign_window=WINDOW,
    )


def codes(result: ScanOutcome | None) -> list[str]:
    assert result is not None
    return [reason.code for reason in result.reasons]


# --- The ruling ------------------------------------------------------------------------------


def test_contact_details_for_no_allowed_purpose_are_a_contact_details_finding():
    found = ruling(has_contact=True)

    assert found.codes == ("contact_details",)
    assert found.notice == DEFAULT_CONTACT_RULE["sender_notice"]
    assert found.as_dict()["action"] == "flag"


@pytest.mark.parametrize(
    ("facts", "purpose"),
    [
        ({"detected_purpose": "scoping"}, "scoping"),
        ({"connected": True}, "after_contract"),
    ],
)
def test_an_allowed_purpose_exempts_contact_details(facts, purpose):
    found = ruling(has_contact=True, **facts)

    assert (found.allowed_purpose, found.codes, found.notice) == (purpose, (), None)
    assert found.as_dict()["action"] is None


@pytest.mark.parametrize(
    "facts",
    [{}, {"has_contact": True, "detected_purpose": "scoping"}, {"connected": True}],
)
def test_paying_outside_the_platform_has_no_allowed_purpose(facts):
    found = ruling(offplatform_payment=True, **facts)

    assert "offplatform_payment" in found.codes
    assert found.notice == DEFAULT_CONTACT_RULE["sender_notice"]


def test_a_text_with_neither_has_no_finding_and_no_notice():
    found = ruling()

    assert found.as_dict() == {
        "has_contact": False,
        "allowed_purpose": None,
        "notice": None,
        "codes": [],
        "action": None,
    }


def test_a_rule_stored_without_an_action_flags():
    assert ruling(OLD_RULE, has_contact=True).as_dict()["action"] == "flag"
    validate_contact_rule(OLD_RULE)


def test_the_action_is_validated():
    validate_contact_rule(QUARANTINE_RULE)

    with pytest.raises(ValueError, match="flag or quarantine"):
        validate_contact_rule({**DEFAULT_CONTACT_RULE, "action": "reject"})


# --- The scan's outcome ----------------------------------------------------------------------


def test_a_contact_rule_finding_is_flagged_and_the_message_settles_where_the_policy_put_it():
    held = outcome("hold", contact_codes=("offplatform_payment",))
    delivered = outcome("deliver", contact_codes=("contact_details",))

    assert held is not None
    assert (held.decision, held.flagged, codes(held)) == ("deliver", True, ["offplatform_payment"])
    assert delivered is not None
    assert (delivered.decision, delivered.flagged, codes(delivered)) == (
        "deliver",
        True,
        ["contact_details"],
    )


def test_the_quarantine_action_quarantines_with_the_finding():
    result = scan_outcome(
        decision="deliver",
        pass_decision="deliver",
        findings=ScanFindings(
            label="ok", score=0.1, contact_codes=("contact_details", "offplatform_payment")
        ),
        spam_threshold=0.8,
        campaign_window=WINDOW,
        contact_action="quarantine",
    )

    assert result is not None
    assert (result.decision, result.flagged) == ("quarantine", False)
    assert codes(result) == ["contact_details", "offplatform_payment"]


def test_a_scam_score_still_quarantines_as_scam_and_never_as_a_policy_code():
    result = outcome("deliver", label="scam", score=0.95, signals=("crypto",))

    assert result is not None
    assert (result.decision, codes(result)) == ("quarantine", ["scam"])


def test_a_trusted_senders_scam_score_flags_instead_of_quarantining():
    result = outcome("deliver", label="scam", score=0.95, signals=("crypto",), trusted_sender=True)

    assert result is not None
    assert (result.decision, result.flagged, codes(result)) == ("deliver", True, ["scam"])
    assert "mentions crypto payments" in result.reasons[0].detail
    assert "trusts the sender" in result.reasons[0].detail


def test_a_campaign_quarantines_a_trusted_senders_message():
    result = outcome("deliver", campaign_recipients=12, trusted_sender=True)

    assert result is not None
    assert (result.decision, codes(result)) == ("quarantine", ["campaign"])


def test_a_clean_held_message_passes_and_a_clean_delivered_one_stays():
    assert codes(outcome("hold")) == ["scan_passed"]
    assert outcome("deliver") is None
