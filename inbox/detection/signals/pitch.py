"""Mass pitches: easy money offered to anyone, selections nobody applied for, fake reviews."""

from __future__ import annotations

import re

from .phrases import AMOUNT, family

_MASS_PITCH = family(
    # Chosen without applying: "you have been shortlisted", "we selected your profile".
    r"selected\s+your\s+profile|(?:you(?:'ve|\s+have)\s+been|you\s+are|you'?re|ur|u\s+r)\s+"
    r"(?:shortlisted|selected|pre-?selected|pre-?approved)(?!\s+for\s+(?:the|this|my|"
    r"our)\s+(?:project|"
    r"job|contract|gig|work|task|interview|next|second|final))|(?:profile|you)\s+(?:has|have|was|"
    r"were)\s+(?:been\s+)?shortlisted|shortlisted\s+(?:you|your)",
    r"profile\s+(?:is|was|has\s+been)\s+(?:pre-?)?selected",
    r"reaching\s+out\s+to\s+(?:a\s+(?:few|handful|number|small\s+number)\s+(?:of\s+)?|several\s+|"
    r"some\s+|multiple\s+|many\s+|selected\s+)(?:talented\s+|reliable\s+)?(?:freelancers|people|"
    r"designers|writers|candidates|professionals)",
    # Easy money promised to whoever answers: what a job advert does not say.
    r"work\s+from\s+(?:your\s+)?phone|from\s+your\s+phone",
    rf"{AMOUNT}\s*\+?\s*(?:daily|a\s+day|per\s+day|every\s+day)",
    # ("Most first-year consultants earn $90k", "refer a friend and earn $500": what a job pays
    # its holders, stated by the employer; see `_STATED_PAY`.)
    r"earn\s+(?:up\s+to\s+)?"
    + AMOUNT
    + r"(?!\s*(?:for|per)\s+(?:each|every|a)\s+(?:friend|referral))|earn\s+\$?\d[\d,.]*k\+?",
    r"kindly\s+(?:revert|reply|respond|add|message|contact|indicate)",
    r"(?:pays?|paying)\s+(?:very|really|extremely|super|so)\s+well|(?:remuneration|pay)\s+is\s+"
    r"(?:very\s+)?(?:good|great|excellent|amazing)|pays\s+handsomely|payment\s+is\s+guaranteed|(?:paid|payments?)\s+daily\b|daily\s+"
    r"(?:pay|payments?)|(?:earnings|pay|wages?|salary)\s+(?:\w+\s+)?(?:settled|paid)\s+(?:each|"
    r"every)\s+day",
    r"(?:ambassadors?|agents?|representatives?|promoters?|partners?)\s+in\s+your\s+"
    r"(?:country|area|city|region)",
    r"(?:extra|additional|side)\s+income|(?:unlimited|life[-\s]changing)\s+(?:income|earnings)|"
    r"change\s+your\s+life|(?:good|easy)\s+money|(?:guaranteed|passive)\s+(?:income|earnings)",
    r"(?:help|helps)\s+freelancers\s+(?:like\s+you\s+)?(?:land|get|find)|"
    r"(?:new\s+)?clients\s+(?:a|per)\s+month\s+on\s+autopilot|on\s+autopilot",
    r"(?:are|r)\s+(?:you|u)\s+(?:looking\s+for|interested\s+in)\s+(?:a\s+)?(?:new\s+)?"
    r"(?:extra\s+)?income|"
    r"(?:freelancers|people|candidates|workers)\s+(?:in|from)\s+(?:any|all)\s+fields?\b|"
    r"(?:many|lots\s+of|plenty\s+of)\s+jobs\s+for\s+(?:you|u)",
    r"(?:role|position|job|opportunity|program(?:me)?|offer)\s+is\s+open\s+"
    r"to\s+(?:everyone|anyone|all)|open\s+to\s+(?:everyone|anyone),\s+whether|(?:hiring|"
    r"recruiting)\s+(?:in|from)\s+all\s+countries|all\s+countries\s+(?:are\s+)?(?:welcome|"
    r"accepted|can\s+apply)|(?:workload\s+(?:is\s+)?light|light\s+workload)|reply\s+(?:with\s+)?"
    r"['\"](?:interested|info|go|start|yes)['\"]",
    r"(?:boost|double|triple|increase)\s+your\s+(?:income|earnings)|quit\s+(?:your|their)\s+"
    r"(?:day\s+)?jobs?|(?:beside|besides|alongside)\s+your\s+(?:current|day|main|full[-\s]time)\s+"
    r"job|minimal\s+hours|time\s+commitment\s+is\s+minimal|(?:reply|respond)\s+with\s+(?:your|"
    r"ur)\s+(?:number|whatsapp|phone)",
    # A mail-merge template sent unfilled: "Hi [NAME]".
    r"\[\s*(?:first\s*)?name\s*\]|\{\{?\s*(?:first_?)?name\s*\}\}?|<\s*name\s*>",
    # Selling fake reviews and followers.
    r"(?:get|give|sell|deliver|send)\s+(?:you\s+|u\s+)?[\d,.]+k?\s+(?:\w+\s+)?(?:followers|likes|"
    r"reviews|subscribers|views|ratings)|(?:five|5)[-\s]?star\s+reviews?\s+(?:on|for|to)\s+"
    r"(?:your|ur)|ranking\s+boost|packages\s+(?:from|start\s+at|starting\s+at)\s+" + AMOUNT,
    r"(?:boost|promote|rank)\s+(?:your|ur)\s+(?:gig|profile|listing|shop|store|page|channel)\b"
    r"[^.!?\n]{0,40}?\b\d[\d,.]*k?\s+(?:\w+\s+)?(?:orders|reviews|followers|likes|sales|"
    r"subscribers)",
)


# Who earns: a role's holders ("consultants", "our drivers", "top reps"), or whoever refers a
# friend, in an employer's own words; not "you".
_STATED_PAY = re.compile(
    r"(?:(?<![a-z])(?!(?:us|yours|its|this|was|has|is|as|plus|bonus|always)\s)[a-z]{3,}s|"
    r"(?:refer|recommend)\w*\s+[^.!?\n]{0,40}?\s+and)\s+(?:(?:can|could|typically|usually|"
    r"often|regularly|also|currently|already|will|may)\s+)?$"
)


def _pitched(text: str, match: re.Match[str]) -> bool:
    if match.group(0).startswith("earn"):
        return _STATED_PAY.search(text[max(0, match.start() - 60) : match.start()]) is None
    return True


def mass_pitch(text: str) -> bool:
    """Return whether `text` pitches easy money or a selection nobody applied for.

    The words of an ordinary job advert ("now hiring", "competitive salary", "send your CV")
    are not a pitch: one advert sent to many freelancers is a campaign, for the campaign
    detector to judge.
    """
    return any(_pitched(text, match) for match in _MASS_PITCH.finditer(text))
