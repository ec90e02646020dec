"""Phishing: a pretext (the reader's account, a parcel) and a link, number or file to act on."""

from __future__ import annotations

from .phrases import YOUR, family

# Something wrong with the reader's account, or a change they must act on.
_ACCOUNT_TROUBLE = family(
    rf"(?:{YOUR}|the)\s+(?:\w+\s+){{0,2}}(?:account|access|service|card|profile|mailbox|"
    r"membership)(?:\(s\)|s)?\s+(?:(?:listed|shown|named)\s+below\s+)?(?:has\s+been|have\s+been|"
    r"was|is|are|will\s+be|may\s+be|might\s+be)\s+(?:\w+\s+)?"
    r"(?:suspended|limited|blocked|locked|restricted|compromised|frozen|deactivated|disabled|"
    r"terminated|closed|on\s+hold|flagged|accessed)",
    r"(?:unusual|suspicious|unauthori[sz]ed|fraudulent|irregular)\s+(?:\w+\s+)?(?:activity|"
    r"activities|access|log-?ins?|sign-?ins?|attempts?|transactions?|charges?)",
    r"(?:block|suspend|limit|lock|restrict|close|deactivate|terminate)\w*\s+(?:\w+\s+){0,2}"
    rf"{YOUR}\s+(?:\w+\s+)?(?:accounts?|access|services?|cards?)",
    r"(?:avoid|prevent|from)\s+(?:the\s+)?(?:possible\s+|permanent\s+)?(?:suspension|termination|"
    r"closure|deactivation|deletion)",
    r"(?:security|verification)\s+(?:measures?|reasons?|purposes?|upgrade|update|procedure|"
    r"check)|(?:software|hardware|system|service|security)(?:\s+and\s+\w+)?\s+upgrade|(?:failure|fail)\s+to\s+(?:comply|"
    r"verify|confirm|update|respond)",
)
# What the reader is told to do about it: confirm, verify or update their details, by a link.
_CONFIRM_REQUEST = family(
    r"(?:confirm|verify|validate|update|re-?enter|restore|reactivate|unlock|re-?confirm|renew|"
    r"fill\s+in|complete)\s+(?:\w+\s+){0,2}(?:your\s+|the\s+|customers?\s+)?(?:account|identity|"
    r"information|info|details|data|billing|card|access|records|profile|credentials|password)",
    r"(?:click|follow|visit|use|open)\s+(?:on\s+)?(?:the\s+)?(?:link|button|url|here|below|"
    r"following\s+link)|log\s*in\s+(?:to|at|here|below|now)|sign\s+in\s+(?:to|at|here|below|now)|"
    r"renew\s+now",
    r"confirmation\s+of\s+(?:the\s+)?(?:your\s+|customer'?s?\s+)?(?:account|identity|information|"
    r"details|data|billing|records|profile|credentials)",
    # The file is the form: "follow the instructions in the attached file".
    r"(?:read|open|see|follow|download|view|complete|fill\s+(?:in|out))\s+(?:\w+\s+){0,4}?"
    r"(?:the\s+)?attached\s+(?:file|document|form|instructions)",
)

# A parcel the reader missed, or one waiting for them, and a number or link to "arrange" it:
# the delivery lure of text-message phishing. A shop's "your order has shipped" asks nothing.
_DELIVERY_LURE = family(
    r"(?:tried|attempted|unable|failed|could\s+not|couldn'?t)\s+(?:\w+\s+){0,3}?(?:to\s+)?"
    r"(?:deliver|make\s+a\s+delivery|delivery)|(?:missed|failed|undelivered|pending)\s+"
    r"(?:delivery|parcel|package|shipment)|(?:delivery|parcel|package|shipment)\s+(?:\w+\s+){0,2}?"
    r"(?:waiting\s+for\s+(?:you|u)|on\s+hold|could\s+not\s+be\s+delivered|was\s+returned)|"
    rf"{YOUR}\s+(?:\w+\s+){{0,2}}?(?:delivery|parcel|package)\s+(?:is\s+)?waiting",
)
_ARRANGE = family(
    r"(?:(?:call|ring|text|dial)\s+(?:us\s+)?(?:(?:on|at)\s+)?\+?\d|(?:click|tap|visit|go\s+to|"
    r"follow)\s+(?:the\s+)?(?:link|here|below|url|https?|www))[^.!?\n]{0,40}?\b(?:re-?schedule|"
    r"re-?arrange|arrange|rebook|confirm|release|claim|redeliver)\w*",
)


def account_phishing(text: str) -> bool:
    """Return whether `text` threatens the reader's account and asks them to confirm details,
    or lures them with a missed parcel to a number or link."""
    if _ACCOUNT_TROUBLE.search(text) and _CONFIRM_REQUEST.search(text):
        return True
    return bool(_DELIVERY_LURE.search(text) and _ARRANGE.search(text))
