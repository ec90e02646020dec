"""Advertising, premium-rate billing and urgency: the marks of bulk spam."""

from __future__ import annotations

import re

from .phrases import family

# Pressure aimed at the reader: a threat, or a deadline on an offer. A client's "ASAP" or "urgent
# project" is a deadline on the work and says nothing about fraud.
_URGENCY = family(
    r"act\s+now|hurry|last\s+chance|today\s+only|before\s+(?:it'?s\s+too\s+late|spots|midnight|"
    r"the\s+offer)|(?<!code\s)(?<!codes\s)(?<!token\s)expires?\s+(?:today|soon|in)|"
    r"limited\s+time|final\s+notice|don'?t\s+miss",
    r"(?:account|access|payments?)\s+will\s+be\s+(?:suspended|closed|locked|frozen|on\s+hold|"
    r"terminated|deactivated|deleted)|to\s+keep\s+receiving|or\s+(?:your|ur)\s+(?:account|access|"
    r"payments?)\s+will|or\s+(?:you'?ll\s+|you\s+will\s+)?(?:lose|forfeit)\s+(?:your\s+|the\s+)?"
    r"(?:access|account|funds|payment|earnings|spot|place|bonus)",
    # A deadline with a threat: "within 24h or …", "in 48 hours or your …"
    r"(?:within|in)\s+\d+\s?(?:h|hrs?|hours?|days?|minutes?|mins?)\b[^.!?\n]{0,30}?\bor\s+"
    r"(?:your|ur|you|the|we)\b",
)

# Advertising aimed at the reader: prizes, "subscribe to my channel", "reply STOP", easy money.
# A shop's "special offer", "click here" or "buy now" is also what newsletters the reader asked
# for say; the model weighs that style, the signal does not.
_PROMO = family(
    r"subscribe\s+(?:to\s+)?(?:my|me|our|this|his|her)|sub\s+(?:to\s+)?(?:me|my)|check\s+(?:out\s+)?"
    r"(?:my|our)\s+(?:new\s+)?(?:channel|"
    r"page|video|vids?|music|songs?|site|website|profile|shop|store|cover)|visit\s+(?:my|our)|"
    # ("check it", "check this" alone are what anyone says of a file or a draft.)
    r"check\s+out\s+(?:this|these|his|her|me|him|it)\b|check\s+(?:\w+\s+)?out\s+(?:my|this|"
    r"these|his|her|the\s+link|me)\b|check\s+(?:me|him|it|this|them)\s+out|follow\s+(?:me|my|us)|"
    r"(?:like|share)\s+(?:my|this|our)\s+(?:page|video|channel|post)|thumbs\s+up\s+if",
    r"free\s+(?:entry|gift|prize|ringtones?|iphone|money|followers|cash|tickets?|vouchers?|"
    r"minutes|texts|msgs?|sms|camera|phone|mobile)|100\s?%\s+free",
    r"(?:you|u)(?:'ve|\s+have)?\s+(?:won|been\s+(?:selected|chosen)\s+to\s+(?:receive|win))|"
    r"winner|claim\s+(?:your|ur|a|the)|claim\s+(?:number|code)|(?:cash\s+)?prize|"
    r"award(?:ed)?\s+(?:a|an|you)",
    # ("Reply YES if you made this purchase": a bank's fraud alert, not a prize draw.)
    r"reply\s+(?:stop|yes(?!\s+(?:if\s+(?:you|this|it)|or\s+no))|win|now)|(?:txt|text|send)\s+"
    r"[a-z]+\s+to\s+0+|txt|t\s?&\s?cs?",
    # The apologies and disclaimers of unsolicited bulk mail (a newsletter the reader asked for
    # says "unsubscribe", which counts for nothing).
    r"one[-\s]time\s+mailing|(?:apologi[sz]e|sorry)\s+(?:\w+\s+){0,4}?(?:unwanted|unsolicited|"
    r"intrusion)|removal\s+instructions|(?:this|it)\s+is\s+not\s+(?:a\s+)?(?:spam|junk|sales\s+"
    r"pitch)|unsolicited\s+(?:commercial|e-?mail|advertis\w*)|h\.?\s?r\.?\s?3113|s\.?\s?1618|"
    r"(?:got|found|obtained)\s+(?:this|your)\s+(?:e-?mail|address|e-?mail\s+(?:id|address))\s+"
    r"(?:from|on|at)\s+(?:your|a|the)\s+(?:website|site|web)",
    r"financial\s+freedom|get\s+rich|passive\s+income",
)
# Money to be made, offered to the reader ("make money from home", "you can earn $500"); the
# writer's own ("I might make money at this", "we make money from ads") is not an offer.
_MONEY = family(
    r"(?:make|making|earn|earning|earns)\s+(?:a\s+lot\s+of\s+|some\s+|extra\s+|real\s+|easy\s+)?"
    r"(?:money|cash|income|\$)"
)
_WRITERS_OWN = re.compile(r"(?<![a-z0-9])(?:i|we)(?:[^\s\w]\w+)?(?:\s+\w+){0,2}\s+$")  # i'm, we've

# Premium-rate and subscription billing, the mechanism of most text-message spam: charges per
# message or minute, premium numbers, short codes to text a keyword to, "send STOP to end".
_PREMIUM = family(
    r"\d+(?:\.\d+)?\s?(?:p|pence|ppm)\s*(?:/|per|a|each)\s*(?:msg|message|text|txt|min|minute|"
    r"call|week|wk|day|month|mth|tone|reply)s?",
    r"(?:only|just|cost|costs|costing|charged|charge|at|for|from)\s+(?:£|\$)?\d+(?:\.\d+)?\s?"
    r"(?:p|pence)",
    # (A premium rate is pence or a few pounds: "$250/wk" is a salon's booth rent.)
    r"(?:[$£€]\s?\d(?:\.\d+)?(?![\d,])|\d+\s?p)\s*(?:/|per|a)\s*(?:msg|message|txt|text|min|"
    r"minute|"
    r"call|wk|tone)",
    r"pence|ppm|p\s*/\s*(?:msg|min|wk)|msg\s+rcvd|std\s+(?:network|ntwk|net)\s+(?:chg|charge)|"
    r"(?:network|operator)\s+charges?\s+(?:apply|may)|premium[-\s]rate",
    # UK premium and non-geographic numbers, the usual rails of SMS competitions and chat lines.
    r"(?:09\d\d|087\d|084[45])\s?\d{2,3}\s?\d{2,4}\s?\d{0,4}",
    # "text WIN to 80086", "send CHAT to 86688": a keyword to a short code.
    r"(?:send|text|txt|reply|sms)\s+(?:[a-z]+\s+){0,2}(?:to|on)\s+\d{4,6}(?!\d|\s\d)",
    r"(?:send|text|txt|reply)\s+(?:stop|end|no|out|unsub)\b(?!\s+(?:the|this|it|that|working))",
    # "text back the keyword PICS1", "just text the word ok"; "to stop go2 notxt.co.uk".
    # (A mailing list's "to unsubscribe, send an email to" is not billing.)
    r"(?:text|txt)\s+(?:back\s+)?the\s+(?:key\s?word|word)|"
    r"to\s+(?:stop|opt[-\s]?out)\s*,?\s*(?:go\s?2|txt|text|reply|sms)\b",
    # ("must be 18+" is an employer's age requirement; an "18+ chat line" is adult content.)
    r"stop\s*\?\s*(?:send|text|txt|reply)|18\s?\+\s?(?:only|chat|content|girls|pics|club|line)|"
    r"over\s+18s|adult\s+(?:content|only|18)|"
    r"ringtones?|polyphonic|(?:mobile|phone)\s+(?:club|content)",
    # A keyword to a short code a few words on ("send BIDS e.g. 10 to 83383"),
    # free-phone lines, and the adult and credit offers those numbers sell.
    r"(?:send|text|txt|reply)\b[^.!?\n]{0,40}\bto\s+\d{5}(?!\d)",
    # (A bare 0800 number is free to call: banks and helplines give theirs.)
    r"free\s?phone|free\s?fone",
    r"xxx\s+(?:pics?|photos?|videos?|vids?|movies?|chat|content)|sexy\s+singles|"
    r"adult\s+(?:parties|chat|line|dating)|filthy|horny|dogging",
    r"bad\s+credit|can'?t\s+get\s+credit|refused\s+a\s+loan|(?:un)?secured\s+loans?",
)


def urgency(text: str) -> bool:
    """Return whether `text` presses for haste ("within 24 hours", "act now", "final notice");
    a code that expires (a sign-in code, a reset code) is not pressure."""
    return bool(_URGENCY.search(text))


def promo(text: str) -> bool:
    """Return whether `text` carries a call to action of advertising spam."""
    if _PROMO.search(text):
        return True
    return any(
        not _WRITERS_OWN.search(text[max(0, found.start() - 30) : found.start()])
        for found in _MONEY.finditer(text)
    )


def premium_rate(text: str) -> bool:
    """Return whether `text` bills at a premium rate or by a short code."""
    return bool(_PREMIUM.search(text))
