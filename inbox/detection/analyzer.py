"""What the filters see in a text (CONTRACT §6): contact details, their purpose, spam or scam."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .contacts import ContactFindings, find_contacts
from .payment import offplatform_payment
from .purpose import contact_purpose
from .scoring import SpamVerdict, score_message
from .versions import SHIPPED, model_in_use


@dataclass(frozen=True, slots=True)
class Analysis:
    """The analysis of one text, shaped by `as_dict` as the contract's answer."""

    contact: ContactFindings
    contact_purpose: str | None
    spam: SpamVerdict
    model_version: str = SHIPPED  # the spam model that judged it ("v0": the shipped one)
    offplatform_payment: bool = False  # proposes paying outside the platform (policy matter)

    def as_dict(self) -> dict[str, Any]:
        """Return the §6 answer, plus where each contact detail is and which model judged."""
        return {
            "contact": self.contact.as_dict(),
            "contact_purpose": self.contact_purpose,
            "spam": self.spam.as_dict(),
            "offplatform_payment": self.offplatform_payment,
            "matches": [
                {"start": span.start, "end": span.end, "kind": span.kind}
                for span in self.contact.matches
            ],
            "model_version": self.model_version,
        }


def analyze(
    text: str,
    *,
    new_sender: bool = False,
    campaign: bool = False,
    region_hint: str | None = None,
) -> Analysis:
    """Return what the filters see in `text`, without storing anything.

    `new_sender` and `campaign` are facts the caller knows (a sender new to the platform, the
    same text sent to many freelancers); `region_hint` is the country assumed for phone numbers
    written without a country code.
    """
    findings = find_contacts(text, region_hint=region_hint)
    purpose = contact_purpose(text, findings)
    model = model_in_use()
    verdict = score_message(
        text, findings, purpose, new_sender=new_sender, campaign=campaign, model=model.scorer
    )
    return Analysis(
        contact=findings,
        contact_purpose=purpose,
        spam=verdict,
        model_version=model.version,
        offplatform_payment=offplatform_payment(text),
    )
