"""The contact-detail rule: when sharing contact details, or paying outside the platform, is a
policy matter the scan flags (or quarantines), and the purposes that make sharing allowed.

The rule is stored in each policy version, so every check and every reviewer reads the same one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .vocabulary import Outcome, ReasonCode

# The contact rule's findings: platform-policy matters (not fraud), each a reason code for the
# messaging system only. The spam/scam label never produces them.
CONTACT_DETAILS = ReasonCode.CONTACT_DETAILS
OFFPLATFORM_PAYMENT = ReasonCode.OFFPLATFORM_PAYMENT
CONTACT_RULE_CODES: Mapping[str, str] = {
    CONTACT_DETAILS: "Shares contact details for no allowed purpose.",
    OFFPLATFORM_PAYMENT: "Proposes paying outside the platform.",
}
# What the scan does with a contact-rule finding: `flag` settles the message as the policy
# decided and flags it for staff review; `quarantine` quarantines it with the finding's code.
FLAG = "flag"
CONTACT_RULE_ACTIONS = (FLAG, Outcome.QUARANTINE)
# The contact-detail rule: contact details are allowed for these purposes, and senders are told
# so before they share them. Stored in each policy version so every check and every reviewer
# reads the same rule (admins can change the wording and the action in a new version; a version
# stored without an action flags).
DEFAULT_CONTACT_RULE: dict[str, Any] = {
    "allowed_purposes": [
        {
            "key": "scoping",
            "label": "An access invite to scope a job",
            "description": "Inviting the freelancer to the tools needed to scope the work "
            "(analytics, design files, code, project boards), e.g. an invite sent to their email.",
        },
        {
            "key": "after_contract",
            "label": "Sharing after a contract exists",
            "description": "Once the two have a contract (or the freelancer started the "
            "conversation), contact details may be shared.",
        },
    ],
    "sender_notice": "This looks like contact details or paying outside the platform. Share "
    "contact details only to invite the freelancer to the tools needed to scope the work, or "
    "once you have a contract. Moving the conversation or payments off the platform is not "
    "allowed.",
    "action": FLAG,
}


@dataclass(frozen=True)
class ContactRuling:
    """How the contact rule reads one text: allowed, and why; its findings; the sender's notice.

    `codes` are the findings the scan acts on (`contact_details`: shared for no allowed purpose;
    `offplatform_payment`: paying outside the platform, which no purpose allows); `action` is
    what the rule does with them (`flag` or `quarantine`), or None when there is nothing to do.
    """

    has_contact: bool
    allowed_purpose: str | None
    notice: str | None
    offplatform_payment: bool = False
    action: str = FLAG

    @property
    def codes(self) -> tuple[str, ...]:
        found = {
            CONTACT_DETAILS: self.has_contact and self.allowed_purpose is None,
            OFFPLATFORM_PAYMENT: self.offplatform_payment,
        }
        return tuple(code for code, present in found.items() if present)

    def as_dict(self) -> dict[str, Any]:
        codes = self.codes
        return {
            "has_contact": self.has_contact,
            "allowed_purpose": self.allowed_purpose,
            "notice": self.notice,
            "codes": list(codes),
            "action": self.action if codes else None,
        }


def contact_rule_action(rule: Mapping[str, Any]) -> str:
    """Return what the scan does with the rule's findings; versions stored without it flag."""
    return str(rule.get("action") or FLAG)


def contact_ruling(
    *,
    has_contact: bool,
    detected_purpose: str | None,
    connected: bool,
    rule: Mapping[str, Any],
    offplatform_payment: bool = False,
) -> ContactRuling:
    """Apply the policy's contact rule to what the analyzer found.

    Contact details shared for an allowed purpose (an access invite to scope a job; after a
    contract) count against no one. Shared for no allowed purpose they are a `contact_details`
    finding; a proposal to pay outside the platform is an `offplatform_payment` finding whatever
    the purpose. Either way the sender is shown the rule's notice.
    """
    action = contact_rule_action(rule)
    notice = rule.get("sender_notice")
    allowed_purpose = None
    if has_contact:
        allowed = {purpose["key"] for purpose in rule.get("allowed_purposes", ())}
        if connected and "after_contract" in allowed:
            allowed_purpose = "after_contract"
        elif detected_purpose and detected_purpose in allowed:
            allowed_purpose = detected_purpose
    needs_notice = offplatform_payment or (has_contact and allowed_purpose is None)
    return ContactRuling(
        has_contact=has_contact,
        allowed_purpose=allowed_purpose,
        notice=notice if needs_notice else None,
        offplatform_payment=offplatform_payment,
        action=action,
    )


def validate_contact_rule(rule: Any) -> None:
    """Raise ValueError unless `rule` names allowed purposes (key, label), a sender notice, and
    (optionally) an action: flag or quarantine."""
    if not isinstance(rule, dict):
        raise ValueError("The contact rule is an object with allowed_purposes and sender_notice.")
    purposes = rule.get("allowed_purposes")
    if not isinstance(purposes, list) or not all(
        isinstance(p, dict) and isinstance(p.get("key"), str) and isinstance(p.get("label"), str)
        for p in purposes
    ):
        raise ValueError("allowed_purposes is a list of {key, label, description}.")
    if not isinstance(rule.get("sender_notice"), str) or not rule["sender_notice"].strip():
        raise ValueError("sender_notice is the text a sender is shown; it may not be empty.")
    if "action" in rule and rule["action"] not in CONTACT_RULE_ACTIONS:
        choices = " or ".join(CONTACT_RULE_ACTIONS)
        raise ValueError(f"action is what the scan does with a finding: {choices}.")
