"""Account phishing: a threat to the reader's account, and a link or form to "confirm" it."""

from __future__ import annotations

from .phrases import YOUR, family

# Something wrong with the reader's account, or a change they must act on.
_ACCOUNT_TROUBLE = family(
    rf"(?:{YOUR}|the)\s+(?:\w+\s+){{0,2}}(?:account|access|service|card|profile|mailbox|"
    r"membership)\s+(?:has\s+been|have\s+been|was|is|will\s+be|may\s+be|might\s+be)\s+(?:\w+\s+)?"
    r"(?:suspended|limited|blocked|locked|restricted|compromised|frozen|deactivated|disabled|"
    r"terminated|closed|on\s+hold|flagged|accessed)",
    r"(?:unusual|suspicious|unauthori[sz]ed|fraudulent|irregular)\s+(?:\w+\s+)?(?:activity|"
    r"activities|access|log-?ins?|sign-?ins?|attempts?|transactions?|charges?)",
    r"(?:block|suspend|limit|lock|restrict|close|deactivate|terminate)\w*\s+(?:\w+\s+)?"
    rf"{YOUR}\s+(?:\w+\s+)?(?:account|access|service|card)",
    r"(?:security|verification)\s+(?:measures?|reasons?|purposes?|upgrade|update|procedure|"
    r"check)|(?:software|system|service|security)\s+upgrade|(?:failure|fail)\s+to\s+(?:comply|"
    r"verify|confirm|update|respond)",
)
# What the reader is told to do about it: confirm, verify or update their details, by a link.
_CONFIRM_REQUEST = family(
    r"(?:confirm|verify|validate|update|re-?enter|restore|reactivate|unlock|re-?confirm|"
    r"fill\s+in|complete)\s+(?:\w+\s+){0,2}(?:your\s+|the\s+|customers?\s+)?(?:account|identity|"
    r"information|info|details|data|billing|card|access|records|profile|credentials|password)",
    r"(?:click|follow|visit|use|open)\s+(?:on\s+)?(?:the\s+)?(?:link|button|url|here|below|"
    r"following\s+link)|log\s*in\s+(?:to|at|here|below|now)|sign\s+in\s+(?:to|at|here|below|now)",
)


def account_phishing(text: str) -> bool:
    """Return whether `text` threatens the reader's account and asks them to confirm details."""
    return bool(_ACCOUNT_TROUBLE.search(text) and _CONFIRM_REQUEST.search(text))
