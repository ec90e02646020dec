"""Reasons in the freelancer's words: what the reason codes mean for the person reading them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .policy import SCAN_VERDICT_PREFIX, keyword_reason_for_freelancer
from .vocabulary import FOR_FREELANCER, Outcome, ReasonCode

# Where a message was before it moved to quarantine, when the freelancer could already see it.
SHOWN_IN: Mapping[str, str] = {
    Outcome.DELIVER: "your inbox",
    Outcome.REQUEST: "your message requests",
}
# The freelancer moved these themselves, in this very list: no need to say where they were.
OWN_MOVES = frozenset({ReasonCode.REPORTED, ReasonCode.DELETED, ReasonCode.RELEASED})


def reason_text(reason: Mapping[str, str]) -> str:
    """Return one plain sentence for a stored reason, for the freelancer's review list."""
    code = reason.get("code", "")
    detail = reason.get("detail", "")
    if code in FOR_FREELANCER:
        return FOR_FREELANCER[code]
    if code == ReasonCode.KEYWORD_FILTER:
        return keyword_reason_for_freelancer(detail)
    if code in (ReasonCode.SPAM, ReasonCode.SCAM, ReasonCode.CAMPAIGN):
        return detail  # already plain: "Looks like a scam: asks to move off the platform."
    return detail or code.replace("_", " ").capitalize()


def reasons_text(reasons: Sequence[Mapping[str, str]], *, moved_from: str = "") -> list[str]:
    """Return the sentences for a message's reasons; say first where it was if it moved.

    `moved_from` is the decision the message had when the freelancer could see it (deliver or
    request) before it was pulled back into quarantine: by a campaign, a block, or a scan.
    """
    texts = [reason_text(reason) for reason in reasons]
    if moved_here(reasons, moved_from=moved_from):
        texts[0] = f"Moved here from {SHOWN_IN[moved_from]} because {_because(reasons[0])}"
    return texts


def moved_here(reasons: Sequence[Mapping[str, str]], *, moved_from: str) -> bool:
    """Whether a message the freelancer could see was moved to quarantine by someone else."""
    return moved_from in SHOWN_IN and bool(reasons) and reasons[0].get("code") not in OWN_MOVES


def _because(reason: Mapping[str, str]) -> str:
    code, detail = reason.get("code", ""), reason.get("detail", "")
    if code in (ReasonCode.SPAM, ReasonCode.SCAM):
        if detail.startswith(SCAN_VERDICT_PREFIX):
            return f"a scan found it {_lower_first(detail)}"
        what = "a scam" if code == ReasonCode.SCAM else "spam"
        return f"our trust & safety team confirmed it as {what}."
    return _lower_first(reason_text(reason))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
