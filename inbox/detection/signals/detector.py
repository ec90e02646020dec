"""Run every marketplace signal over a message: `signals_for`."""

from __future__ import annotations

from collections.abc import Callable

from common.text import skeleton

from ..contacts import ContactFindings, name_messengers
from .advance_fee import advance_fee
from .crypto import crypto_pitch
from .links import lookalike_link, shortened_link
from .money import asks_for_money
from .offsite import offsite_move, platform_evasion
from .paid_tasks import task_scam
from .personal import asks_for_personal_data
from .phishing import account_phishing
from .phrases import describes_scams, without_quotes
from .pitch import mass_pitch
from .promo import premium_rate, promo, urgency


def signals_for(
    text: str,
    findings: ContactFindings,
    purpose: str | None,
    *,
    new_sender: bool = False,
    campaign: bool = False,
) -> list[str]:
    """Return the marketplace signals that fire on `text`, in a stable order.

    Each signal is a *family* of phrases for one mechanism, not a list of known messages. They
    read the text after `skeleton` (look-alikes folded, case folded) and `name_messengers`
    ("T·e·l·e·g·r·a·m" → "telegram"), with quoted passages of three words or more set aside: a
    quote is the copy of the work ("'never share your verification code'"), not a request.

    A signal should fire when the mechanism is aimed at the reader ("send me your passport",
    "forward the code you got", "you buy it from our vendor"), not when it is the subject of the
    work ("passport photo editing for visa applications", "audit our staking smart contract"):
    documents must be the reader's, credentials and codes asked of the reader; negated or
    described requests do not count ("never share your code", "how to verify your identity"); a
    payment counts only when the reader makes it; crypto vocabulary and a bare list of identity
    items count only in a message that does not describe a piece of work; a message about scams
    raises no scam mechanism; a messenger as a product ("a Telegram bot") is not a move; a domain
    named as an example ("look-alike domains like paypa1.com") is not a link.

    `scoring.combine` weighs them against the learned model; their names are part of the
    contract's `spam.signals`.
    """
    folded = name_messengers(skeleton(text))
    said = without_quotes(folded)
    fired: list[str] = []

    def check(name: str, test: Callable[[], bool]) -> None:
        if test():
            fired.append(name)

    # Contact details alone are the contact rule's matter (`contact_details`), not a scam sign.
    check("offsite_move", lambda: purpose is None and offsite_move(said))
    check("platform_evasion", lambda: platform_evasion(said))
    described = describes_scams(said)
    check("money_upfront", lambda: not described and asks_for_money(said))
    check("personal_data", lambda: not described and asks_for_personal_data(said))
    check("urgency", lambda: urgency(said))
    check("shortened_link", lambda: shortened_link(findings))
    check("lookalike_link", lambda: lookalike_link(text, findings, folded))
    check("crypto", lambda: not described and crypto_pitch(said))
    check("advance_fee", lambda: not described and advance_fee(said))
    check("account_phishing", lambda: not described and account_phishing(said))
    check("task_scam", lambda: not described and task_scam(said))
    check("mass_pitch", lambda: not described and mass_pitch(said))
    check("promo", lambda: promo(said))
    check("premium_rate", lambda: premium_rate(said))
    if new_sender:
        fired.append("new_sender")
    if campaign:
        fired.append("campaign")
    return fired
