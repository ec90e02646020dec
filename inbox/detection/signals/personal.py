"""Personal data asked of the reader: documents, bank details, credentials, codes, access."""

from __future__ import annotations

import re

from .phrases import AMOUNT, WORK, YOUR, any_match, family, not_negated

# Identity documents and bank details: whatever the verb, "your passport" is the reader's.
_DOCUMENT_TERMS = (
    r"(?:passport|driver'?s?\s+licen[cs]e|driving\s+licen[cs]e|(?:national|"
    r"government(?:[-\s]issued)?|"
    r"photo|state|valid)\s+id\b|id\s+(?:card|photo|scan|copy|front|document|number)|"
    r"identity\s+(?:card|document)|ssn|sin\s+number|social\s+security(?:\s+(?:number|card))?|"
    r"social\s+insurance\s+number|utility\s+bill|bank\s+statements?|selfie|date\s+of\s+birth|dob|"
    r"mother'?s?\s+maiden|routing\s+number|account\s+(?:number|no|#)|iban|sort\s+code|"
    r"(?:bank|banking)\s+(?:app\s+)?(?:details|info|login|username|user\s+id|password|pin|account)|"
    r"card\s+(?:number|details|info|expiry)|expiry|cvv|cvc|"
    r"pin\s+(?:code|number)|online\s+banking|seed\s+phrase|recovery\s+phrase|secret\s+phrase|"
    r"private\s+key|(?:12|24|twelve|twenty-four)[-\s]word\s+(?:phrase|seed)|paypal\s+dashboard|"
    r"tax\s+returns?|aadhaa?r|pan\s+(?:no|number|card)|nin|tin|cnic|nric|"
    r"national\s+insurance(?:\s+number)?)"
)

# Secrets: clients hand out logins too ("I'll send your staging credentials"), so these count
# only when the reader is asked to hand theirs over.
_CREDENTIAL_TERMS = (
    r"(?:one[-\s]time\s+(?:code|password|passcode)|otp|verification\s+code|2fa\s+code|"
    r"(?:login|sms|confirmation|access|auth\w*)\s+code|security\s+code|\d[-\s]?digit\s+code|"
    r"password|passcode|pass\b|pin\b|"
    r"log-?in(?!\s+(?:page|screen|flow|form|button|link|issue|bug|step))|sign-?in\s+details|"
    r"credentials|creds)"
)

# Terms no client needs from a freelancer whoever's they are: asked for, they count even
# without "your" — unless the message describes a piece of work (a KYC flow to design).
_HARVEST_TERMS = (
    r"(?:ssn|social\s+security\s+number|cvv|cvc|otp|one[-\s]time\s+(?:code|password|passcode)|"
    r"verification\s+code|mother'?s?\s+maiden|routing\s+number|online\s+banking|bank\s+login|"
    r"seed\s+phrase|recovery\s+phrase|passport\s+(?:scan|copy)|card\s+number|date\s+of\s+birth|"
    r"dob|selfie|valid\s+id|national\s+id|the\s+pin)"
)

# Verbs of handing something over.
_HAND_OVER = (
    r"(?:send|upload|provide|share|need|needs|require|requires|attach|submit|give|enter|confirm|"
    r"verify|forward|paste|type|tell|text|email|e-mail|read|fill\s+in|reply\s+with|collect|"
    r"include|including|drop|dm|what'?s|what\s+is)"
)

# Items of an identity-and-bank profile: two of them together are a harvest.
_PROFILE_ITEM = (
    r"(?:full\s+(?:legal\s+)?name|date\s+of\s+birth|dob|ssn|sin|nin|tin|marital\s+status|"
    r"home\s+address|mother'?s?\s+maiden(?:\s+name)?|(?:bank\s+(?:\+|and|&)\s+)?account\s+"
    r"(?:number|no)|routing\s+number|card\s+number|cvv|expiry(?:\s+date)?|void\s+(?:check|cheque)|"
    r"bank\s+name|iban|passport\s+(?:scan|copy|number)|online\s+banking(?:\s+user\s+id)?)"
)

# A word between "your" and the item ("your Gmail address and its password"), not a preposition
# ("your work on the banking app").
_GAP_WORD = r"(?!(?:on|for|at|in|with|about|from|to|of|by)\b)[\w'-]+(?:\s+|\s*[,+&/]\s*)"

_PERSONAL_DATA = family(
    # "your passport", "ur NIN + date of birth", "send me your login", "use your Gmail address
    # and its password"
    rf"{YOUR}\s+(?!own\b)(?:{_GAP_WORD}){{0,5}}?{_DOCUMENT_TERMS}",
    rf"(?:{_HAND_OVER}|use|using|with|enter|type|requires?|asks?\s+for)\s+(?:me\s+|us\s+|him\s+|"
    rf"her\s+|them\s+)?(?:\w+\s+){{0,2}}?{YOUR}\s+(?!own\b)(?:{_GAP_WORD}){{0,5}}?"
    rf"{_CREDENTIAL_TERMS}",
    rf"what'?s\s+{YOUR}\s+(?:{_GAP_WORD}){{0,5}}?{_CREDENTIAL_TERMS}",
    # The card itself handed over (a mule's "send me your ATM card"); a bank's notice names the
    # reader's card without asking for it.
    rf"(?:send|give|mail|post|hand\s+over|drop\s+off|share|lend)\s+(?:me\s+|us\s+|him\s+|her\s+)?"
    rf"{YOUR}\s+(?:{_GAP_WORD}){{0,3}}?(?:debit|credit|bank|atm)\s+cards?",
    rf"(?:photo|pic|picture|scan|scans|copy|copies|image|front\s+and\s+back|screenshot|"
    rf"screen\s*shot)\s+of\s+{YOUR}\s+(?:\w+\s+){{0,2}}?(?:id|ids|(?:debit|credit|bank|atm)\s+card|"
    rf"bank|banking|paypal|wallet|"
    rf"balance|{_DOCUMENT_TERMS})|holding\s+{YOUR}\s+(?:\w+\s+)?(?:id|"
    rf"{_DOCUMENT_TERMS})",
    # Watching or working the reader's accounts: a screen share of their bank, remote control of
    # their computer, renting their account.
    rf"(?:log|sign)\s*-?\s*in(?:to|\s+to)?\s+{YOUR}\s+(?:\w+\s+)?(?:paypal|bank|banking|payoneer|"
    r"wise|account)\b[^.!?\n]{0,30}?\bscreen[-\s]?shar\w*",
    rf"(?:sign|log)\s*-?\s*in(?:to|\s+to)\s+{YOUR}\s+(?:\w+\s+)?(?:paypal|payoneer|wise|bank|"
    r"banking|"
    r"upwork|fiverr|freelancer|email|gmail)\s+account",
    r"(?:sms|verification|security|login|one[-\s]time)\s+code\s+(?:when|once|as\s+soon\s+as)\s+"
    r"(?:it|you|u)\b",
    r"(?:install|download|run)\s+(?:the\s+|our\s+|this\s+|a\s+)?(?:\w+\s+){0,2}?(?:remote[-\s]"
    r"(?:support|access|desktop|control)|anydesk|teamviewer|rustdesk)\b",
    rf"(?:sell|rent)\s+(?:me\s+|us\s+)?{YOUR}\s+(?:\w+\s+)?accounts?|(?:buy|"
    rf"pay\s+{AMOUNT}\s+for)\s+"
    r"(?:\w+\s+){0,2}?(?:verified|aged|old)\s+(?:\w+\s+)?accounts?|"
    rf"rent\s+(?:out\s+)?(?:{YOUR}|their)\s+(?:\w+\s+)?accounts?|(?:buy|rent|borrow)\s+{YOUR}\s+"
    r"(?:upwork|fiverr|freelancer|verified)\s+account",
    r"(?:send|upload|share)\s+(?:me\s+|us\s+)?a\s+selfie|(?:take|send)\s+a\s+selfie\s+(?:with|"
    r"holding)|(?:photo|video)\s+of\s+(?:yourself|"
    r"you)\s+(?:\w+\s+){0,6}?holding",
    r"(?:confirm|verify|update|validate)\s+your\s+(?:details|identity|account|information|"
    r"info|payment\s+details|payout\s+(?:details|method|info)|billing|bank\s+details|wallet)|"
    r"(?:confirm|verify|update|validate)\s+(?:the|your)\s+(?:receiving|payout|payment|bank)\s+"
    r"(?:account|details|method)",
    # Signing in somewhere the sender chose, with the reader's account.
    r"(?:log|sign)\s*-?\s*in\b(?:[^.!?\n]|\.(?=\S)){0,60}?\bwith\s+(?:your\s+|ur\s+|the\s+same\s+)?"
    r"(?:\w+\s+){0,2}?"
    r"(?:google|gmail|microsoft|outlook|office|apple|facebook|instagram|linkedin|freelancer|upwork|"
    r"fiverr|paypal|e-?mail\s+and\s+password|password|credentials|login)",
    r"(?:log|sign)\s*-?\s*in\s+with\s+(?:your\s+)?(?:email|e-mail|account)",
    r"(?:authenticate|authori[sz]e|verify)\w*\b[^.!?\n]{0,60}?\bwith\s+(?:your|ur)\b",
    r"(?:same|usual)\s+(?:\w+\s+){0,3}(?:password|credentials|login|account)\s+(?:you|u)\s+"
    r"(?:use|have)\s+(?:here|on\s+(?:here|this|upwork|fiverr|the\s+platform))|(?:your|"
    r"ur)\s+(?:real|usual|same)\s+"
    r"(?:\w+\s*[+&/]\s*|\w+\s+and\s+){0,2}(?:password|credentials)|same\s+(?:\w+\s*[+&/]\s*|"
    r"\w+\s+and\s+){0,2}(?:password|credentials)\s+as\s+(?:your|ur)",
    r"(?:please|pls|plz|just|and|then|to|can\s+you|could\s+you|^|[.!?:]\s*)\s*(?:log|"
    r"sign)\s*-?\s*in\s+"
    r"here\b|(?:it|this|the\s+(?:form|page|portal|link|file|doc))\s+"
    r"(?:uses|asks\s+for|requires|needs)\s+(?:a\s+|your\s+)?(?:google|microsoft|apple|facebook|"
    r"office\s*365|outlook)\s+(?:sign|log)[-\s]?in",
    r"(?:it'?ll|it\s+will|it\s+may|it\s+might|might|may|will|it)\s+(?:ask|prompt)s?\s+(?:you\s+|"
    r"u\s+)?"
    r"(?:to\s+)?(?:log|sign)\s*-?\s*in|ask\s+(?:you\s+)?for\s+(?:your\s+)?(?:\w+\s+)?"
    r"(?:login|password|credentials)|(?:log|sign)\s*-?\s*in\s+(?:\w+\s+){0,3}again\b"
    r"[^.!?\n]{0,15}\bjust",
    r"(?:pick|choose|select)\s+your\s+bank\b[^.!?\n]{0,40}?\b(?:sign|log)\s*-?\s*in",
    # One-time codes: "you'll get a code, read it back", "forward the code you got".
    r"(?:(?:you|u)(?:'ll|\s+will|\s+should(?:'ve|\s+have)?|'?ve|\s+have|\s+just|\s+may|\s+might)?"
    r"\s+(?:get|got|receive|received|gotten|see)|(?:i|we)(?:'ve|\s+have|\s+just|'ll|\s+will)?\s+"
    r"(?:just\s+)?(?:sent|send|texted|emailed))\s+(?:you\s+|u\s+)?(?:a\s+|an\s+|"
    r"the\s+)?(?:[\w-]+\s+){0,5}?"
    r"(?:code|otp|pin)\b[^\n]{0,120}?\b(?:(?:read|send|forward|paste|share|tell|give|type|text|"
    r"reply|"
    r"enter)\s+(?:it|me|us|the\s+code|that|back)|reply\s+(?:here\s+)?with\s+(?:it|the\s+code))\b",
    rf"(?:numbers?|digits)\s+(?:on|from)\s+(?:the\s+)?(?:front\s+and\s+back\s+of\s+)?{YOUR}\s+"
    r"(?:\w+\s+)?card",
    r"(?:read|send|forward|paste|share|tell|give|text)\s+(?:me\s+|us\s+)?(?:back\s+|out\s+)?the\s+"
    r"(?:[\w-]+\s+){0,2}?(?:code|otp|pin|passcode|password)\s+(?:(?:the\s+)?\w+\s+(?:just\s+)?"
    r"(?:texted|sent|emailed)\s+(?:you|u)|(?:you|u)(?:'ll|\s+will|\s+just|'?ve)?\s*(?:get|got|"
    r"receive|received|see|saw))",
    r"(?:verification|confirmation|security|login|sms|one[-\s]time|\d[-\s]?digit|whatsapp|google)"
    r"\s+code\b[^.!?\n]{0,40}?\b(?:to\s+me|to\s+us|here|back\s+to)",
    rf"(?:forward|read|paste|tell|text)\s+(?:me|us)\s+(?:back\s+)?(?:the|that|this)\s+(?:\d[-\s]?"
    r"digit\s+)?(?:code|otp|pin)\b(?!\s+(?:review|snippet|changes|comments|base|files?|repo|"
    r"samples?))|"
    r"(?:code|otp|pin)\s+(?:was|has\s+been|got|is\s+being)\s+(?:sent|texted|emailed)\s+to\s+(?:you|"
    r"your|"
    r"ur)\b[^\n]{0,120}?\b(?:send|forward|read|tell|give|text|share|paste)\s+(?:it|me|us|"
    r"the\s+code)\b|"
    r"(?:code|otp|pin)\s+(?:that\s+)?(?:just\s+)?(?:came|arrived|went)\s+"
    rf"(?:to|on)\s+{YOUR}",
    rf"{_HAND_OVER}\b[^.!?\n]{{0,60}}?\b(?:code|otp|pin|passcode)\s+(?:that\s+)?(?:{YOUR}\s+)?"
    r"[\w-]+\s+(?:will\s+|'ll\s+|just\s+)?(?:text|send|sent|texted|email|emailed|sms)(?:es|s)?\s+"
    r"(?:to\s+)?(?:you|u)\b",
)

_PERSONAL_ASKED = family(
    rf"{_HAND_OVER}\b[^.!?\n;]{{0,40}}?\b{_HARVEST_TERMS}",
    rf"{_PROFILE_ITEM}\b[^\n]{{0,60}}?\b{_PROFILE_ITEM}",
)

# "I'll send your login details": the client hands credentials to the reader, not the reverse.
_GIVING = re.compile(r"(?:send|share|give|forward|email|e-mail|text|dm|drop)\b")

_CLIENT_SUBJECT = re.compile(
    r"(?<![a-z'])(?:i|we)(?:'ll|\s+will|\s+can|'m\s+going\s+to|\s+am\s+going\s+to|\s+just|'d)?"
    r"(?:\s+(?:also|then|now|just))?\s+$|let\s+me\s+$"
)


# "Please bring your original passport on your first day": shown in person, not sent.
_IN_PERSON = re.compile(r"(?<![a-z])bring(?:ing)?\s+(?:along\s+)?$")


# "The daily limit on your debit card", "a refund to your card": a bank's notice about the
# reader's card or account, not a request for its details.
_TRANSACTION_ON = re.compile(
    r"(?<![a-z])(?:limits?|balances?|charges?|transactions?|purchases?|payments?|refunds?|"
    r"deposits?|statements?|activity|fees?|spending)\s+(?:\w+\s+)?(?:on|to|from|for|of|in)\s+$"
)


def _asked_of_reader(text: str, start: int) -> bool:
    before = text[max(0, start - 30) : start]
    if not not_negated(text, start) or _IN_PERSON.search(before[-20:]):
        return False
    if _TRANSACTION_ON.search(before):
        return False
    return not (
        _GIVING.match(text, start) and _CLIENT_SUBJECT.search(text[max(0, start - 25) : start])
    )


def asks_for_personal_data(text: str) -> bool:
    if any_match(_PERSONAL_DATA, text, _asked_of_reader):
        return True
    return WORK.search(text) is None and any_match(_PERSONAL_ASKED, text, _asked_of_reader)
