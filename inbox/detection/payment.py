"""Paying outside the platform: a policy matter (`offplatform_payment`), never a scam verdict."""

from __future__ import annotations

import re

from common.text import skeleton

from .signals.phrases import sentence_around

_RAILS = (
    r"(?:pay\s*pal|wise|transferwise|payoneer|skrill|zelle|venmo|cash\s*app|western\s+union|"
    r"moneygram|revolut|gcash|paytm|upi|bank\s+(?:transfer|wire|deposit)|wire\s+transfer|"
    r"direct\s+(?:bank\s+)?transfer|crypto(?:currency)?|usdt|usdc|tether|btc|bitcoin|eth|ethereum|"
    r"binance\s+pay|cash)"
)
_PAYING = (
    r"(?:pay|pays|paid|paying|payment|payments|compensate|compensated|settle|invoice|send\s+"
    r"(?:you|u|the\s+money|the\s+funds?|payment|it)|transfer\s+(?:you|u|the\s+money|it)|"
    r"receive\s+(?:the\s+)?(?:money|funds?|payment))"
)
_OFFPLATFORM = re.compile(
    r"(?<![a-z0-9])(?:"
    # "we can pay in crypto (USDT)", "I'll send the payment via Wise", "paid by bank transfer"
    rf"{_PAYING}\b[^.!?\n]{{0,40}}?\b(?:in|via|through|by|with|over|using|on|to\s+(?:my|your|ur))"
    rf"\s+(?:\w+\s+)?{_RAILS}"
    # "my PayPal is", "what's your PayPal email", "send it to my Wise account"
    rf"|my\s+{_RAILS}\s*(?:account|address|email|e-mail|id|wallet|details|is|:)"
    rf"|(?:what'?s|what\s+is|send\s+(?:me\s+)?)\s*(?:your|ur)\s+{_RAILS}\s*(?:account|address|email|"
    r"e-mail|id|wallet|details)"
    # "pay you directly", "payment outside the platform", "outside Upwork to save the fees"
    r"|pay\s+(?:you|me|u)\s+direct(?:ly)?|(?:pay|payment|payments|paid|contract|invoice)\b"
    r"[^.!?\n]{0,40}?\boutside\s+(?:of\s+)?(?:the\s+|this\s+)?(?:platform|site|app|upwork|fiverr|"
    r"here)|(?:avoid|skip|bypass|save\s+on|cut\s+out)\s+(?:the\s+|their\s+|platform\s+)*"
    r"(?:fees?|commission|service\s+fee)"
    r")(?![a-z0-9])"
)
# The payment method as the subject of the work: a checkout, a gateway, an integration.
_AS_WORK = re.compile(
    r"(?<![a-z0-9])(?:integrat\w*|gateway|checkout|api|sdk|plugin|webhooks?|woocommerce|shopify|"
    r"stripe|store|e-?commerce|website|app\s+(?:that|which|where|for)|subscriptions?|billing\s+"
    r"system|payment\s+(?:flow|page|module|system|processing|provider|options?)|customers?|"
    r"users?|buyers?|donors?|wallet\s+(?:app|integration)|feature)(?![a-z0-9])"
)


def offplatform_payment(text: str) -> bool:
    """Return whether `text` proposes paying, or being paid, outside the platform.

    A payment method named as the work ("integrate PayPal checkout", "users pay with USDT") is
    not a proposal; a client offering to pay "in crypto, or PayPal if easier" is.
    """
    folded = skeleton(text)
    for match in _OFFPLATFORM.finditer(folded):
        if not _AS_WORK.search(sentence_around(folded, match.start(), match.end())):
            return True
    return False
