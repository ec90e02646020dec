"""Marketplace signals: small, general detectors of how scams and spam work.

Each signal is a *family* of phrases for one mechanism, not a list of known messages: moving
the conversation off the platform and the excuses for it; money up front (fees and the
reassurances that go with them, kits and courses, "our vendor", cheques and overpayments, money
mules, reshipping); personal data (documents, bank details, credentials, one-time codes, remote
access); crypto pitches; paid "tasks" and their balance traps; look-alike links and
booby-trapped files; shortened links; mass recruiting pitches and sales of fake reviews;
advertising; premium-rate billing; urgency. They read the text after `skeleton` (look-alikes
folded, case folded) and `name_messengers` ("T·e·l·e·g·r·a·m" → "telegram"), with quoted
passages of three words or more set aside: a quote is the copy of the work ("'never share your
verification code'", "'earn $20 for every friend'"), not a request.

A signal should fire when the mechanism is aimed at the reader ("send me your passport",
"forward the code you got", "you buy it from our vendor"), not when it is the subject of the
work ("passport photo editing for visa applications", "audit our staking smart contract",
"landing page for our gift card program"). Guards carry that distinction:

- documents must be the reader's ("your passport"); credentials and codes must be asked of the
  reader ("share your login"), not handed out by the client ("I'll send your login details");
- negated or described requests do not count: "never share your code", "set your own
  password", "how to verify your identity", "explain why companies ask for your bank account";
- a payment counts only when the reader makes it: not the client ("we'd like to pay a deposit",
  "I was charged a fee"), not a third party ("customers buy a gift card"); a price counts only
  outside a sentence about the client's own product ("our course is $200 per student");
- crypto vocabulary (staking, DeFi, smart contract, seed phrase, coin amounts) and a bare list
  of identity items count only in a message that does not describe a piece of work (audit,
  translate, design, tax report, form…); crypto aimed at the reader (returns, "pay you in
  USDT", "your wallet", a signals group) counts everywhere;
- a message about scams ("an article on how to spot task scams") raises no scam mechanism;
  a messenger as a product ("a Telegram bot", "WhatsApp Business API") is not a move; a
  domain named as an example ("look-alike domains like paypa1.com") is not a link.

`scoring.combine` weighs them against the learned model; their names are part of the
contract's `spam.signals`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .contacts import SHORTENERS, ContactFindings, name_messengers
from .normalize import skeleton


def _family(*patterns: str) -> re.Pattern[str]:
    """Return one regex matching any of `patterns` as whole words in a skeleton text."""
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(patterns) + r")(?![a-z0-9])")


# Quoted passages of three words or more: copy to write, a slogan, a line of a script.
_QUOTED = re.compile(
    r"(?<![a-z0-9])(['\"\u2018\u201c\u00ab])(?=[^'\"\u2019\u201d\u00bb\n]{0,150}?\s\S+\s)"
    r"[^'\"\u2019\u201d\u00bb\n]{3,150}?['\"\u2019\u201d\u00bb](?![a-z0-9])"
)


def _without_quotes(text: str) -> str:
    return _QUOTED.sub(" _quote_ ", text)


# A messenger as a product to build on ("a Telegram bot", "the WhatsApp Business API") is work.
_AS_PRODUCT = (
    r"(?!\s+(?:bot|bots|chatbot|api|business|cloud|integration|mini\s+app|webhooks?|templates?|"
    r"channel\s+(?:for|of)\s+(?:our|my)))"
)
_MESSENGERS = (
    r"(?:telegram|whatsapp|signal|skype|discord|wechat|viber|kik|line|snapchat|instagram|"
    r"messenger|hangouts|google\s+chat|imessage|threema|tg|wickr(?:\s+me)?|teleguard|"
    rf"session\s+(?:messenger|app)){_AS_PRODUCT}"
)
# Names that mean nothing else ("line", "signal" and "element" are words too).
_STRONG_MESSENGERS = (
    r"(?:telegram|whatsapp|skype|discord|wechat|viber|kik|snapchat|threema|wickr(?:\s+me)?|"
    rf"teleguard|tg|element\s+\(?matrix\)?|line\s+app|signal\s+app){_AS_PRODUCT}"
)
# Team chat apps: a legitimate team uses them after a contract, so only a move counts.
_TEAM_CHATS = r"(?:slack|(?:microsoft\s+|ms\s+)?teams|google\s+chat|imessage|signal)"
_CHANNELS = (
    rf"(?:{_MESSENGERS}|e-?mail|gmail|my\s+(?:number|cell|phone|mobile|email)|phone|text|sms)"
)
_RAILS = (
    r"(?:zelle|cash\s*app|venmo|western\s+union|moneygram|bitcoin\s+atm|crypto\s+atm|"
    r"gift\s*cards?|wire\s+transfer|money\s+order)"
)
_AMOUNT = (
    r"(?:[$£€₹]\s?\d[\d,.]*k?|\d[\d,.]*k?\s?(?:\$|£|€|usd|usdt|usdc|dollars?|bucks|eur|euros?|"
    r"gbp|pounds?|rupees|rs|inr|php|pesos|naira|ngn|cents)|(?:usd|eur|gbp|us\$|inr|rs\.?|php)\s?"
    r"\d[\d,.]*|(?:ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|(?:one|two|three|"
    r"four|five)\s+hundred)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?\s+"
    r"(?:dollars|bucks|pounds|euros))"
)
_YOU = r"(?:you|u|ya)"
_YOUR = r"(?:your|ur|yr)"

# "never share your code", "don't send your password", "nobody will ever ask you for the
# password": advice, not a request. "set your own password": the reader keeps it. "how to verify
# your identity", "explain why companies ask for your bank account": a description, the copy of
# the work.
_NEGATED = re.compile(
    r"(?:(?:never|not|don'?t|do\s+not|doesn'?t|won'?t|no\s+one|nobody|shouldn'?t|should\s+not|"
    r"without|no\s+need\s+to)\s+(?:\w+\s+){0,5}|(?:set|reset|change|choose|pick|create|remember|"
    r"protect|secure|keep|forgot|forget|recover|store|save)\s+(?:up\s+)?|"
    r"(?<![a-z])(?:(?:explain\w*|describ\w*|about|"
    r"on|article|post|guide|video)\s+(?:how|why)|how\s+to)\s+(?:\w+\s+){0,3})$"
)


def _not_negated(text: str, start: int) -> bool:
    return _NEGATED.search(text[max(0, start - 40) : start]) is None


# --- Moving off the platform -------------------------------------------------------------------

_OFFSITE = _family(
    # "can we talk on whatsapp", "add him on skype", "details on telegram"
    rf"(?:talk|chat|continue|contact|reach|message|msg|text|dm|ping|hit\s+me\s+up|add|call|"
    rf"calls|speak|discuss|move|switch|communicate|connect|interview(?:ed|s)?|details|info|"
    rf"more|write|find)\b[^.!?\n]{{0,30}}?\b(?:on|via|over|through|thru|using|in|at|to)\s+"
    rf"{_CHANNELS}",
    r"(?:whatsapp|telegram|text|email|e-mail|skype|signal|wechat|viber|dm|sms)\s+me",
    rf"my\s+(?:{_MESSENGERS}|number|cell|phone|mobile|personal\s+email)\s+(?:is|:)",
    # Asking for the freelancer's messenger or number (an email is what access invites need).
    rf"(?:send|give|share|drop|text)\s+(?:me\s+|us\s+)?your\s+(?:{_MESSENGERS}|(?:phone|cell|"
    r"mobile|"
    rf"contact)\s+(?:number|no)|number|phone|cell)|(?:what'?s|what\s+is)\s+your\s+"
    rf"(?:{_MESSENGERS}|number|phone|cell)|do\s+you\s+(?:have|use)\s+{_MESSENGERS}",
    rf"add\s+(?:me|him|her|us|them)\s*(?:on\s+{_MESSENGERS}|:)",
    # A move to a team chat: "continue on Slack", "DM the lead on Teams".
    rf"(?:continue|move|moving|switch|talk|chat|dm|message|msg|discuss|communicate|reach|ping|"
    rf"contact)\b[^.!?\n]{{0,25}}?\b(?:on|via|over|in|to|through)\s+(?:our\s+)?{_TEAM_CHATS}",
    rf"(?:runs?|run|do|does|handle|handles)\s+everything\s+(?:on|in|via|through)\s+"
    rf"(?:{_TEAM_CHATS}|{_MESSENGERS})",
    # "keep the convo on kik", "I prefer Discord for work", "download the X app and add ID"
    r"(?:keep|take|have|do|move)\s+(?:the|this|our)\s+(?:convo|conversation|chat|talk|"
    r"interview)\s+"
    rf"(?:on|via|over|in|to)\s+{_MESSENGERS}|(?:i|we)(?:'d|"
    r"\s+would)?\s+(?:\w+\s+)?prefer\s+(?:(?:to|we)\s+\w+\s+"
    rf"(?:on|via|over)\s+)?{_STRONG_MESSENGERS}(?!\s+(?:business|cloud|api|bot|integration))",
    rf"(?:download|install|get)\s+(?:the\s+)?{_MESSENGERS}(?:\s+app)?\s+and\s+(?:add|message|text|"
    r"search)",
    rf"{_STRONG_MESSENGERS}\b[^\n]{{0,60}}\bmy\s+(?:id|handle|username|user\s+name)\s+is|my\s+"
    rf"{_MESSENGERS}\s+(?:id|handle|username)",
    # The reader's private contacts: "send me ur personal email", "could I get your number?"
    rf"(?:send|give|share|drop)\s+(?:me\s+|us\s+)?{_YOUR}\s+(?:personal|private|own)\s+(?:email|"
    rf"e-mail|number|phone|contact)|(?:can|could|may)\s+i\s+(?:get|have|grab)\s+{_YOUR}\s+"
    r"(?:phone\s+|cell\s+|mobile\s+)?(?:number|digits)\b",
)
# Reasons given for leaving the platform: its fees, or a made-up fault of the app.
_EVASION = _family(
    r"outside\s+(?:of\s+)?(?:the\s+|this\s+)?(?:platform|site|app|upwork|fiverr|here)",
    r"off\s+(?:the\s+|this\s+)?(?:platform|site|app)|off\s+(?:of\s+)?here",
    r"(?:cut\s+out|avoid|skip|bypass|save\s+on|get\s+around)\s+(?:the\s+|their\s+|platform\s+)*"
    r"(?:fees?|commission|middle\s*man|service\s+fee)",
    r"(?:save|saves|saving)\s+(?:the\s+)?fees?\s+too|(?:you|u|we|both\s+of\s+us)\s+save\s+"
    r"(?:the\s+|on\s+)?fees?",
    r"pay\s+(?:you|me|u)\s+direct(?:ly)?|email\s+me\s+direct(?:ly)?|rather\s+pay\s+(?:you|"
    r"u)\s+direct",
    r"instead\s+of\s+(?:here|(?:this|the)\s+(?:app|site|platform|chat))|(?:talk|chat|continue|"
    rf"move|switch)\b[^.!?\n]{{0,40}}\b(?:on|to|via|over)\s+{_CHANNELS}\s+instead",
    r"(?:this\s+(?:app|site|platform|chat)|the\s+(?:platform|chat|messaging|inbox))(?:'?s)?"
    r"(?:\s+(?:messaging|chat|messages|inbox))?\s+"
    r"(?:keeps|is|isn'?t|are|seems|has\s+been)\s+(?:\w+\s+)?(?:logging|glitch|bugg|crash|hiding|"
    r"blocking|deleting|flagging|censoring|removing|"
    r"not\s+working|slow|down|unreliable|broken|limited|restricted|monitored|delayed)",
    # "inbox here doesn't notify me", "chat on here is laggy"
    r"(?:inbox|chat|messages|messaging|notifications?|app|site)\s+(?:here|on\s+here|in\s+here)\s+"
    r"(?:is|are|keeps|has\s+been|doesn'?t|does\s+not|don'?t|never|isn'?t|won'?t)\s+(?:\w+\s+)?"
    r"(?:laggy|lagging|slow|buggy|glitch\w*|broken|down|unreliable|delayed|notify|work|load|"
    r"send|show|terrible|crashing|freezing)",
    r"(?:i|we)\s+(?:rarely|barely|hardly|never)\s+(?:use|check|log\s*in\s+to|come\s+on|read)\s+"
    rf"(?:(?:this|the)\s+(?:site|app|platform|chat|inbox)|here)\b[^\n]{{0,80}}?\b(?:{_CHANNELS}|"
    r"me\s+at|reach\s+me)|(?:i|we)\s+(?:don'?t|do\s+not)\s+"
    r"(?:use|check|log\s*in\s+to|come\s+on|read)\s+(?:(?:this|the)\s+(?:site|app|platform|chat|"
    r"inbox)|here)\s+(?:much|often|anymore|any\s+more|at\s+all|regularly|really)",
    r"(?:nobody|no\s+one|no-one)\s+(?:checks|reads|monitors|uses|answers)\s+(?:it|this|here|"
    r"the\s+(?:chat|inbox|messages))|(?:don'?t|do\s+not)\s+(?:reply|respond|answer|write)\s+"
    r"(?:here|in\s+(?:this|the)\s+(?:chat|inbox|app|thread))",
    rf"(?:on|via|through|over)\s+(?:{_TEAM_CHATS}|{_MESSENGERS}),?\s+not\s+(?:here|on\s+here|"
    r"(?:this|the)\s+(?:site|app|platform|chat))",
    r"(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:not|rarely|hardly)\s+(?:really\s+|very\s+)?(?:on|"
    r"active\s+on)\s+"
    r"(?:here|this\s+(?:site|app|platform))",
    r"(?:this\s+(?:site|app|platform|chat)|the\s+(?:platform|chat))\s+(?:won'?t|doesn'?t|"
    r"does\s+not|"
    r"will\s+not|can'?t|cannot)\s+"
    r"(?:accept|let|allow|work|load|process|send)",
    r"(?:my|this|the)\s+account\s+(?:here\s+|on\s+here\s+)?(?:is|has|keeps|got|was)\s+(?:\w+\s+)?"
    r"(?:limited|restricted|blocked|suspended|flagged|banned|locked|issues|problems)",
    r"(?:can'?t|cannot|unable\s+to)\s+(?:message|chat|talk|reply|send|share|upload|use|log\s*in)\b"
    r"[^.!?\n]{0,20}\b(?:here|this\s+(?:app|site|platform))",
    # The platform's cut as the motive: "this site takes a huge cut", "charge me 20% fee".
    r"(?:site|platform|app|upwork|fiverr)\s+(?:takes?|charges?|keeps?|eats?|steals?)\s+"
    r"(?:me\s+|us\s+|you\s+|u\s+)?(?:a\s+)?(?:huge|big|large|massive|crazy|too\s+much|so\s+much|"
    r"double)",
    r"(?:we|i)\s+can\s+(?:do|work|deal|continue)\s+(?:it\s+|this\s+)?outside\b",
    r"(?:pays?|paying|better|more)\b[^.!?\n]{0,20}\bthan\s+(?:this|the)\s+(?:site|app|platform)",
    rf"(?:only|just|mainly|mostly)\s+(?:does|do|use|uses|using|communicates?|available|reachable|"
    rf"responds?|checks?|replies|answers?)\b[^.!?\n]{{0,30}}\b(?:on|via|over|"
    rf"through)\s+{_MESSENGERS}",
    rf"(?:only|just|mainly|mostly)\s+(?:uses?|using|checks?|on)\s+(?:{_STRONG_MESSENGERS}|signal|"
    r"line)\b",
    rf"(?:only|just)\s+(?:\w+\s+){{0,2}}?(?:inside|in|on|via|through)\s+(?:the|our|a)\s+(?:\w+\s+)?"
    rf"{_STRONG_MESSENGERS}\s+(?:server|group|channel)",
    r"(?:contract|payments?|invoic\w+)\b[^.!?\n]{0,40}\b(?:through|via|in|on)\s+our\s+own\s+"
    r"(?:workspace|system|portal|platform|site)|rather\s+than\s+(?:the\s+(?:job\s+)?post\s+)?here|"
    r"close\s+(?:the|this|my)\s+(?:job\s+)?(?:post|posting|listing|contract)\s+(?:here|on\s+here)",
    rf"(?:he|she|they|i|we)(?:'s|'re|'m|\s+is|\s+are|\s+am)\s+only\s+on\s+{_STRONG_MESSENGERS}",
    rf"{_STRONG_MESSENGERS}\s+only\b",
    # The platform as a nuisance: "I don't like working inside this platform's chat", "this site
    # flags words", "for confidentiality our team communicates over X".
    r"(?:don'?t|do\s+not)\s+(?:like|love|enjoy|want)\s+(?:working|talking|chatting|using|to\s+"
    r"(?:work|talk|chat))\s+(?:(?:inside|on|in|through)\s+(?:this|the)\s+(?:platform|site|app|"
    r"chat)|"
    r"here)",
    r"(?:this\s+(?:site|platform)|the\s+platform|upwork|fiverr)\s+(?:flags|blocks|censors|bans|"
    r"monitors|deletes|hides|reads)\s+"
    r"(?:my\s+|our\s+|the\s+)?(?:words|messages|links|numbers|files|contacts)",
    rf"(?:for|due\s+to)\s+(?:confidentiality|privacy|security)\b[^.!?\n]{{0,50}}\b(?:on|via|over|"
    rf"through|using|in)\s+(?:the\s+)?{_MESSENGERS}",
    # Real clients interview on the platform or on a video call, not in a chat app.
    rf"(?:interview|onboard|recruit|screening)\w*\b[^.!?\n]{{0,70}}\b(?:on|via|over|through|using|"
    r"in)\s+"
    rf"{_MESSENGERS}|(?:meet|hire|call)\w*\s+(?:you|u)\b[^.!?\n]{{0,20}}\b(?:on|via|"
    rf"over)\s+{_MESSENGERS}",
)

# --- Money up front ----------------------------------------------------------------------------

# What freelancers are made to pay for before they are paid.
_FEE_NOUNS = (
    r"(?:registration|activation|verification|certification|certificate|bootcamp|course|"
    r"training|(?:starter|welcome|onboarding)\s+(?:kit|pack|package)|kit|membership|"
    r"lifetime\s+access|access\s+fee|bond|permit|insurance|liability\s+cover|cover|coverage|"
    r"exam|background\s+check|notari[sz]ation|enrol?lment|clearance|vetting|screening|"
    r"processing|admin\s+fee|assessment|seat|seats|subscription|reseller|reservation|listing|"
    r"filing|calibration|evaluation|uniform|badge|upgrade|key|top-?up|roster|placement|access)"
)
# Charges only a freelancer made to pay would be told of; not a course or kit as a deliverable.
_CHARGE_NOUNS = (
    r"(?:registration|activation|verification|certification|insurance|bond|permit|screening|"
    r"background\s+check|enrol?lment|evaluation|calibration|vetting|clearance|notari[sz]ation)"
)
# A price for something the reader must have: "certification ($79)", "kit (...) is $39.99",
# "registration of 25 USD", "$30 verification transfer", "payable to our broker".
_PRICED = _family(
    r"(?:registration|setup|set-up|set\s+up|application|processing|activation|membership|"
    r"training|onboarding|verification|certification|admin|administrative|joining|entry|starter|"
    r"material|equipment|security|refundable|one[-\s]time|clearance|insurance|commitment|"
    r"enrol?lment|assessment|notary|gas|unlock|withdrawal|release|transfer|tax)\s+"
    r"(?:fee|fees|deposit|charge|cost|bond)",
    rf"(?:fee|deposit|bond)\s+(?:of\s+)?(?:only\s+)?{_AMOUNT}",
    rf"{_FEE_NOUNS}(?:\s+(?:fee|fees|cost|price|charge|package|program|access|pack))?"
    rf"(?:\s*\([^)\n]{{0,60}}\))?\s*(?:(?:\(|:|-|\u2014|\u2013|,|is|are|costs?|of|at|for|will\s+be|"
    rf"runs?)\s*)?(?:only\s+|just\s+)?(?:a\s+)?(?:flat\s+)?(?:one[-\s]?(?:off|time)\s+)?{_AMOUNT}",
    rf"{_AMOUNT}\s+(?:one[-\s]?(?:off|time)\s+)?(?:\w+\s+)?{_CHARGE_NOUNS}\b",
    rf"{_CHARGE_NOUNS}\b[^.!?\n]{{0,40}}?[,(:\u2014\u2013-]\s*{_AMOUNT}",
    rf"{_AMOUNT}\b[^.!?\n]{{0,30}}?\b(?:payable|one[-\s]?(?:off|time)(?=\s*[),.;]|\s*$)|"
    rf"non-refundable|refundable|paid\s+once)|(?:payable|refundable)\b[^.!?\n]{{0,20}}?{_AMOUNT}",
    rf"(?:charge|premium)\s+(?:is|of|will\s+be|:)\s+(?:only\s+|just\s+|a\s+flat\s+)?{_AMOUNT}",
    rf"(?:it'?s|its|it\s+is|that'?s|costs?|charges?)\s+(?:only\s+|just\s+|a\s+flat\s+)?{_AMOUNT}\s+"
    r"(?:and\s+(?:takes|u\s+pay|you\s+pay)|one[-\s]?(?:off|time))",
    r"membership\s+is",
    rf"{_FEE_NOUNS}\b[^\n]{{0,80}}?\b(?:(?:it|this|that|which)\s+(?:only\s+)?(?:costs?|is|runs?)|"
    r"it'?s|"
    r"its)\s+"
    rf"(?:only\s+|just\s+)?{_AMOUNT}",
    rf"{_CHARGE_NOUNS}\b[^.!?\n]{{0,40}}?\b(?:for|costs?|is|at)\s+(?:a\s+flat\s+|"
    rf"only\s+)?{_AMOUNT}",
    rf"(?:fee|charge|premium)\b(?!\s+(?:you|u)\s+(?:quoted|charge|asked|proposed|mentioned|"
    rf"offered))[^.!?\n]{{0,40}}?[,:(]\s*{_AMOUNT}",
)
_MONEY_UPFRONT = _family(
    # The reassurance that goes with a fee: "refunded with your first payout", "we reimburse in
    # first salary", "fully refunded on day 3".
    r"(?:refunded|refundable|returned|reimbursed?|given\s+back|paid\s+back)\s+(?:it\s+|them\s+)?"
    r"(?:in\s+full\s+|100\s?%\s+)?(?:with|in|after|on|from)\s+(?:your\s+|ur\s+|the\s+)?(?:first|"
    r"1st)\s+"
    r"(?:salary|pay|payout|paycheck)|refunded\s+on\s+day\s+\d+",
    rf"(?:refund|return|pay\s+back)\s+(?:it\s+|{_YOU}\s+|the\s+money\s+)?(?:after|with|in|on)\s+"
    rf"(?:{_YOUR}\s+|the\s+)?(?:first|1st)\s+(?:order|salary|pay|payout|paycheck|payment|invoice|"
    r"milestone|task|job)",
    r"upgrade\s+to\s+(?:a\s+)?(?:gold|premium|vip|pro|silver|platinum)\s+(?:member|membership|"
    r"account|plan|level)|(?:hold|buy|get|have)\s+a\s+paid\s+membership",
    rf"(?:lodge|make|put\s+down|place|pay)\s+(?:a\s+)?{_AMOUNT}\s+(?:\S+\s+){{0,3}}?deposit",
    r"(?:requires?|needs?|pay|make)\s+an\s+advance\s+of",
    r"(?:cash\s*app|zelle|venmo|wise)\s+(?:me|us)\b|(?:send|transfer|pay)\s+(?:me|"
    r"us)\s+the\s+money",
    r"(?:pay|pays|paying)\s+(?:just\s+|only\s+)?(?:a\s+)?(?:reduced|discounted|small|one-time|"
    r"one-off|"
    rf"refundable|subsidi[sz]ed)\s+(?:fee\s+of\s+)?{_AMOUNT}|credited\s+back",
    rf"charges?\s+(?:you\s+|u\s+)?{_AMOUNT}\s+(?:per|a|for\s+(?:the|each|a))\s+(?:seat|licen[cs]e|"
    r"person|contractor|freelancer|designer|editor|writer|translator|member|user)",
    # Who pays matters: a client paying a deposit is a good sign, a freelancer paying one is not.
    r"send\s+(?:the|a|an|your)?\s*(?:small\s+|refundable\s+|\w+\s+)?fee|"
    r"(?:pay|transfer|cover)\s+(?:for\s+)?(?:a|the|an|your|our|their)?\s*"
    r"(?:small\s+|refundable\s+|\w+\s+){0,2}(?:fee|activation|registration|insurance|bond|"
    r"certification|permit|premium)",
    r"(?:you|u)\s+(?:will\s+)?(?:need\s+to\s+|must\s+|have\s+to\s+|should\s+)?(?:pay|send|make)\s+"
    r"(?:a|the|an|your)?\s*(?:small\s+|refundable\s+)?deposit",
    r"(?:hold|holds|require|requires)\s+(?:a\s+)?(?:\$?\d+\s+)?(?:security\s+)?deposit",
    r"(?:buy|buys|purchase|purchases|order|pay\s+for)\s+(?:the\s+|a\s+|our\s+|your\s+)?"
    r"(?:\w+\s+){0,3}(?:\w*kit|manual|software|licen[cs]e|equipment|course|test\s+access|"
    r"membership|subscription|items?|supplies|starter\s+pack|materials?|lifetime\s+access|"
    r"access\s+to|seats?|package|bundle|certification|training|plan|key)",
    # "from our vendor", "through our reseller", "our partner store": the sender's own shop.
    r"(?:buy|buys|purchase|purchases|order|get|pay|pays|paid|book|booked|rent|set\s+up)\b"
    r"[^.!?\n]{0,50}?\b(?:from|through|via|at|with|by)\s+(?:our|their|the|my|his|a)\s+(?:\w+\s+)?"
    r"(?:vendor|supplier|partner|reseller|broker|store|shop|agent|coordinator|provider|officer|"
    r"lawyer|notary|insurer|agency)(?:'?s)?\b",
    r"pay\s+(?:it\s+|them\s+)?direct(?:ly)?\s+to\s+(?:the|our|their|his|her|my)\s+\w+",
    r"(?:our|their|an?|the)\s+(?:approved|partner|preferred|designated|certified|recommended|"
    r"authori[sz]ed|exclusive)\s+(?:\w+\s+)?(?:vendor|supplier|reseller|broker|store|shop|network|"
    r"provider|"
    r"agency|academy|portal)\b[^.!?\n]{0,40}" + _AMOUNT,
    r"(?:vendor|supplier|reseller|broker|partner|notary|lawyer|agent|insurer|"
    r"foundry)\b[^.!?\n]{0,40}?"
    r"(?:sets?\s+it\s+up|charges?|costs?|invoices?\s+(?:you|u)|for)\b[^.!?\n]{0,15}?(?:"
    + _AMOUNT
    + r"|\d+\.\d\d\b)",
    r"(?:have|get)\s+(?:him|her|them)\s+invoice\s+(?:you|u)",
    # Cheques, money orders and overpayments: the cheque bounces after the money has gone.
    r"(?:by|with|through|via|a|an|the|your|this|our|my)\s+(?:business|certified|cashier'?s?|"
    r"company|personal|stipend|reimbursement|equipment|advance|signing|payroll|bank)\s+"
    r"(?:check|cheque)(?!s)",
    r"(?:a|the|your|this|our)\s+(?:\w+\s+)?(?:check|cheque)\b(?!\s+(?:printing|printer|design|"
    r"template|stock|box|list|mark))[^.!?\n]{0,60}\bdeposit|"
    r"deposit\s+(?:it|the\s+(?:check|cheque|funds))|cash\s+(?:it|the\s+(?:check|cheque))",
    r"(?:mail|mailed|mailing|courier|send|sending|sent|ship|fedex|post|overnight)\w*\s+(?:you|u)\s+"
    r"(?:a|an|the)?\s*(?:\w+\s+)?(?:check|cheque|money\s+order)",
    r"pay\s+(?:you\s+|u\s+)?(?:upfront\s+|up\s+front\s+|in\s+advance\s+)?(?:with|by|via|through)\s+"
    r"(?:a\s+)?(?:check|cheque|money\s+order)|(?:by|with|via)\s+money\s+order",
    r"(?:check|cheque|money\s+order)\s+(?:is|was|will\s+be|should\s+be)?\s*(?:on\s+(?:the|its)\s+"
    r"way|in\s+the\s+mail|in\s+your\s+mailbox|coming|arriving|arrives)|(?:check|cheque)\s+"
    r"(?:clears?|cleared|lands?|bounces?)|(?:check|cheque)\s+(?:for|of)\s+" + _AMOUNT,
    r"(?:check|cheque)\s+for\s+\d{1,3}(?:,\d{3})+",
    r"(?:mailed|posted|sent|couriered|shipped|fedexed|overnighted|sending|mailing|"
    r"posting)\s+(?:you\s+|u\s+)?"
    r"(?:a|the)\s+(?:\w+\s+)?(?:check|cheque|money\s+order)\b|once\s+(?:it|the\s+(?:check|cheque|"
    r"funds|payment))\s+clears?(?=\s*(?:[,.;!?]|$)|\s+(?:and|then|please|pls|send|pay|forward|wire|"
    r"transfer|buy)\b)",
    r"return\s+(?:it|the\s+(?:money|funds|payment|amount|duplicate))\s+(?:by|via|through)",
    r"(?:forward|send|transfer|wire)\s+(?:the\s+)?(?:\w+\s+)?(?:amount|funds|money)\s+to\s+(?:our|"
    r"the|"
    r"their|my)\b",
    r"(?:pay|paid|refund|reimburse)\w*\s+(?:\w+\s+){0,3}?(?:by|with|via|through)\s+(?:a\s+|an\s+)?"
    r"(?:check|cheque|money\s+order)(?!s)\b|(?:check|cheque)\s+(?:shows|is\s+showing)\s+(?:as\s+)?"
    r"(?:available|pending|cleared)",
    r"overpaid|overpayment|paid\s+(?:you\s+|u\s+)?(?:too\s+much|extra\s+by|more\s+than\s+(?:the|"
    r"your))|"
    r"(?:sent|sending|paid|transferred|deposited)\s+(?:you\s+|u\s+)?(?:the\s+)?(?:\$?\d[\d,.]*|"
    r"money|"
    r"funds|payment|extra)\b[^.!?\n]{0,30}?\bby\s+mistake|(?:transfer|wire|refund)\s+(?:it|them|"
    r"the\s+"
    r"(?:money|funds|payment))\s+back\b",
    rf"(?:send|wire|transfer|refund|return|pay)\s+(?:the\s+)?(?:{_AMOUNT}|\d[\d,.]*)\s+(?:back|"
    r"difference|extra|excess|balance|overpayment)|(?:send|wire|transfer|refund|return|"
    r"pay)\s+back\s+"
    rf"(?:the\s+)?(?:{_AMOUNT}|\d[\d,.]*)|(?:refund|return|"
    r"wire)\s+(?:back\s+)?(?:the\s+)?(?:(?:extra|"
    r"excess|difference)(?=\s*(?:$|[.,!?;]|to\b|by\b|via\b|through\b|back\b|amount|money|funds|\d|"
    r"\$))|"
    r"overpaid|overpayment)",
    r"(?:withdraw|cash\s+out)\s+(?:it\s+|them\s+|the\s+(?:money|funds)\s+)?(?:and|then)\s+(?:send|"
    r"transfer|forward|wire|pay)",
    r"(?:receive|accept|collect)\s+(?:\w+\s+){0,2}(?:payments?|money|funds|checks|cheques|"
    r"transfers)"
    r"\b[^.!?\n]{0,60}?(?:\band|\bthen|,)\s+(?:\w+\s+)?(?:forward|transfer|wire|pass)\b",
    rf"(?:money|funds|payments?)\s+(?:to|into|in)\s+{_YOUR}\s+(?:\w+\s+)?(?:bank|account|paypal)\b"
    r"[^.!?\n]{0,60}?\b(?:send|transfer|forward|wire|pay)\s+(?:it\s+|them\s+)?(?:to|on)\b",
    rf"send\s+{_YOU}\s+(?:the\s+)?money\s+(?:and|then)\s+{_YOU}\s+(?:pay|buy|send|transfer)",
    rf"(?:you|u)\s+keep\s+(?:[1-9]|1\d|20)\s?%|keeping\s+(?:[1-9]|1\d|20)\s?%|give\s+{_YOU}\s+"
    r"\d+\s?%\s+(?:each|every)",
    r"(?:pic|photo|picture|image|scan)\s+of\s+(?:the\s+)?(?:check|cheque)",
    r"(?:once|when|after)\s+(?:the\s+)?funds\s+clear",
    rf"keep\s+(?:the\s+|your\s+)?(?:{_AMOUNT}|rest|remaining|difference|balance)",
    rf"(?:send|return|forward|transfer|wire|refund|give|pay|pass)\s+(?:back\s+)?(?:the\s+)?"
    rf"(?:rest|remaining|remainder|balance|extra|excess|difference|leftover|overpayment|"
    rf"overpaid\s+amount|{_AMOUNT})(?:\s+(?:amount|money|funds))?(?!\s+of\s+(?:the\s+)?"
    rf"(?:files|work|project|pages|designs|screens|assets))\b[^.!?\n]{{0,40}}?\b(?:to|on\s+to)\s+"
    rf"(?:my|our|the|his|her|their|him|them)\b",
    r"(?:it'?s|its|it\s+is)\s+(?:for\s+)?(?:\d+x|double|twice|triple)\b",
    r"the\s+rest\s+(?:goes|is|will\s+go)\s+(?:to|for)\b",
    r"(?:buy|purchase|get|send|pay)\b[^.!?\n]{0,30}\b(?:(?:apple|itunes|google\s+play|steam|amazon|"
    r"ebay|visa|target|walmart|razer|sephora)\s+(?:gift\s*)?cards?)|(?:send|scratch|text|"
    r"photo\s+of)\s+"
    r"(?:me\s+|us\s+)?(?:the\s+)?(?:gift\s+)?(?:card\s+)?codes|(?:back|backs)\s+of\s+the\s+cards?",
    r"(?:pay|paying|payment|accept|accepted|accepts|takes?)\s+(?:\w+\s+){0,2}(?:with|in|by|via|"
    r"using)\s+(?:a\s+|an\s+)?(?:\w+\s+)?gift\s*cards?|gift\s*card\s+codes|"
    r"(?:steam|google\s+play|apple|"
    r"itunes)\s+(?:or\s+\w+(?:\s+\w+)?\s+)?cards\s+(?:are\s+)?accepted",
    # Irreversible payment rails, when someone is to send money through them.
    r"(?:pay|send|transfer|settle|wire|forward)\s+(?:it|them|him|her|us|me|you|the\s+\w+|"
    r"our\s+\w+|"
    rf"their\s+\w+|{_AMOUNT})\s+(?:\w+\s+){{0,4}}(?:via|through|by|with|on|"
    rf"using)\s+(?:a\s+)?{_RAILS}",
    rf"(?:takes?|accepts?)\s+(?:only\s+)?(?:payment\s+)?(?:only\s+)?(?:through|via|by|in|with)?\s*"
    rf"(?:a\s+)?{_RAILS}|{_RAILS}\s+only|pay\s*pal\s+(?:f&f|friends)|friends\s+(?:and|&)\s+family",
    r"(?:go|head)\s+to\s+(?:a|the|any)?\s*(?:bitcoin|crypto)\s+atm",
    # Reshipping: goods received at home and sent on to someone else.
    r"reship\w*|re-ship\w*|forward\s+the\s+(?:packages?|parcels?)",
    r"(?:relabel|re-label|repack)\w*\b[^.!?\n]{0,60}?\b(?:ship|send|sent|forward|mail|post|"
    r"customers|"
    r"overseas|abroad|addresses)|(?:ship|send|sent|forward)\w*\b[^.!?\n]{0,60}?\b(?:relabel|"
    r"re-label|"
    r"repack)\w*",
    r"(?:receiving|shipping|logistics|forwarding)\s+agent|(?:dispatch|forward|"
    r"reship)\w*\s+(?:\w+\s+)?"
    r"(?:shipments|parcels|packages)\s+(?:overseas|abroad)|consolidated\s+(?:shipments|labels?)",
    r"(?:receive|accept|collect)\s+(?:\w+\s+){0,3}(?:packages|parcels|shipments)\s+(?:for\s+(?:me|"
    r"us)|"
    r"(?:at|to)\s+(?:your\s+|ur\s+)?(?:home|house|address|place))|(?:per|each|a)\s+parcel\b",
    r"forward\s+(?:it|them)\s+to\s+(?:our|my|the)\s+(?:\w+\s+){0,2}(?:warehouse|crew|hub|centre|"
    r"center|"
    r"depot)|forward\s+(?:it|them)\s+to\b[^.!?\n]{0,40}\babroad",
    r"(?:with|using)\s+the\s+(?:\w+\s+)?labels?\s+(?:we|i)(?:'ll|\s+will)?\s+(?:e-?mail|send|"
    r"upload|"
    r"attach|print)",
    r"settle\s+the\s+invoice|(?:pay|paid|paying)\s+(?:our|the|their)\s+(?:\w+\s+)?(?:partner|"
    r"vendor|"
    r"supplier|it\s+guy|installer|technician|mover|officer|agent|broker|lawyer|notary|coordinator)",
    r"release\s+the\s+(?:contract|job|funds|payment)\s+(?:after|once|when)",
    # Clients pay freelancers; a freelancer asked to pay for something is the scam.
    r"(?:you|u)\s+(?:will\s+|'ll\s+)?(?:only\s+)?(?:need\s+to\s+|must\s+|have\s+to\s+|should\s+)?"
    r"(?:pay|cover)\b[^.!?\n]{0,30}?(?:fee|deposit|insurance|shipping|delivery\s+charge|charge|"
    + _AMOUNT
    + r")",
    r"(?:escrow|account|profile|job|contract|receiving\s+account)\s+(?:activation|unlock)",
    # Paying to unlock one's own money: "a $300 deposit to unlock $28,000".
    r"(?:deposit|fee|payment|pay|transfer|send)\b[^.!?\n]{0,30}?\bto\s+(?:unlock|unfreeze|"
    r"withdraw|activate)\b",
    r"activate\s+(?:your|ur|the)\s+(?:\w+\s+){0,2}account\s+(?:with|by)",
    # Money mules: the freelancer's account receives and forwards someone else's money.
    r"keep\s+(?:\d+\s?%|a\s+(?:cut|percentage|commission))\s+(?:of|from)\s+(?:every|each|the)",
    r"cash\s+(?:them|the\s+(?:checks|cheques))|wire\s+the\s+(?:proceeds|funds|money|rest)",
    r"(?:receive|accept)\s+(?:\w+\s+){0,2}payments?\s+(?:to|into|in|on|through)\s+your\s+"
    r"(?:\w+\s+)?account|forward\s+(?:them|the\s+(?:money|funds|payments?))|"
    r"(?:payment|financial|money)\s+(?:processor|agent|representative|transfer\s+agent)",
)
# The payer in front of a purchase: the client ("we'd like to pay", "I'll cover") or a third
# party ("customers buy a gift card") — then the reader pays nothing.
_THIRD_PARTY = (
    r"(?:customers?|users?|buyers?|shoppers?|visitors?|people|members?|players?|students?|guests?|"
    r"patients?|subscribers?|donors?)(?:\s+(?:can|can'?t|cannot|will|won'?t|could|may|to|who|then|"
    r"should))?"
)
_NOT_THE_READER = re.compile(
    r"(?:(?<![a-z'])(?:i|we)(?:'d|'ll|'m|'re|\s+would|\s+will|\s+can|\s+could|\s+shall|\s+am|"
    r"\s+are|\s+already|\s+just|\s+also|\s+happily|\s+gladly|\s+usually|\s+always)*(?:\s+(?:like|"
    rf"love|happy|glad|going|want|plan|be|prefer|need)(?:\s+to)?)?(?:\s+(?:also|just|then))?|"
    rf"{_THIRD_PARTY})\s+$"
)
# Verbs whose subject is the payer: only for them does it matter who is speaking.
_PAYER_VERB = re.compile(
    r"(?:pay|pays|paying|paid|buy|buys|purchase|purchases|order|get|cover|book|rent|settle|"
    r"transfer|"
    r"lodge|make|place|put|requires?|needs?)\b"
)
_BY_THIRD_PARTY = re.compile(rf"{_THIRD_PARTY}\s+$")
# "I was charged a processing fee": the client reporting a fee it paid.
_CHARGED_TO_CLIENT = re.compile(
    r"(?<![a-z])(?:i|we)(?:\s+was|\s+were|\s+got|'ve\s+been|\s+have\s+been)\s+charged\s+"
    r"(?:a|an|the)?\s*$"
)


def _paid_by_reader(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start]
    if _CHARGED_TO_CLIENT.search(before) or not _not_negated(text, start):
        return False
    return not _PAYER_VERB.match(text, start) or _NOT_THE_READER.search(before) is None


# A price in a sentence about the client's own customers or product is the subject of the work
# ("our course is $200 per student", "pricing page: membership $9.99"); "your fee", "rush fee"
# and "bonus" are the reader's income.
_PRODUCT_CONTEXT = _family(
    r"(?:our|their|your|for|to|the|each|every|per)\s+(?:customers?|users|students?|buyers?|"
    r"shoppers?|"
    r"subscribers?|visitors?|patients?|guests?|donors?|attendees|members)|customers|"
    r"pricing|price\s+list|product\s+pages?|landing\s+page|checkout|tiers?|"
    r"our\s+(?:products?|course|courses|app|store|shop|program|plans?|members)|design|mockup"
)
_READERS_INCOME = re.compile(
    r"(?<![a-z])(?:your|ur|rush|revision|kill|cancellation|late|hourly|project|bonus|"
    r"my\s+usual)\s+$"
)


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(mark, 0, start) for mark in ".!?\n")
    rights = [i for i in (text.find(mark, end) for mark in ".!?\n") if i >= 0]
    return text[left + 1 : min(rights, default=len(text))]


def _priced_for_reader(text: str, match: re.Match[str]) -> bool:
    start = match.start()
    if not _paid_by_reader(text, start) or _READERS_INCOME.search(text[max(0, start - 20) : start]):
        return False
    return _PRODUCT_CONTEXT.search(_sentence(text, start, match.end())) is None


# --- Personal data -----------------------------------------------------------------------------

# Identity documents and bank details: whatever the verb, "your passport" is the reader's.
_DOCUMENT_TERMS = (
    r"(?:passport|driver'?s?\s+licen[cs]e|driving\s+licen[cs]e|(?:national|"
    r"government(?:[-\s]issued)?|"
    r"photo|state|valid)\s+id\b|id\s+(?:card|photo|scan|copy|front|document|number)|"
    r"identity\s+(?:card|document)|ssn|sin\s+number|social\s+security(?:\s+(?:number|card))?|"
    r"social\s+insurance\s+number|utility\s+bill|bank\s+statements?|selfie|date\s+of\s+birth|dob|"
    r"mother'?s?\s+maiden|routing\s+number|account\s+(?:number|no|#)|iban|sort\s+code|"
    r"(?:bank|banking)\s+(?:app\s+)?(?:details|info|login|username|user\s+id|password|pin|account)|"
    r"card\s+(?:number|details|info|expiry)|expiry|(?:debit|credit|bank|atm)\s+card|cvv|cvc|"
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
_PERSONAL_DATA = _family(
    # "your passport", "ur NIN + date of birth", "send me your login", "use your Gmail address
    # and its password"
    rf"{_YOUR}\s+(?!own\b)(?:{_GAP_WORD}){{0,5}}?{_DOCUMENT_TERMS}",
    rf"(?:{_HAND_OVER}|use|using|with|enter|type|requires?|asks?\s+for)\s+(?:me\s+|us\s+|him\s+|"
    rf"her\s+|them\s+)?(?:\w+\s+){{0,2}}?{_YOUR}\s+(?!own\b)(?:{_GAP_WORD}){{0,5}}?"
    rf"{_CREDENTIAL_TERMS}",
    rf"what'?s\s+{_YOUR}\s+(?:{_GAP_WORD}){{0,5}}?{_CREDENTIAL_TERMS}",
    rf"(?:photo|pic|picture|scan|scans|copy|copies|image|front\s+and\s+back|screenshot|"
    rf"screen\s*shot)\s+of\s+{_YOUR}\s+(?:\w+\s+){{0,2}}?(?:id|ids|bank|banking|paypal|wallet|"
    rf"balance|{_DOCUMENT_TERMS})|holding\s+{_YOUR}\s+(?:\w+\s+)?(?:id|"
    rf"{_DOCUMENT_TERMS})",
    # Watching or working the reader's accounts: a screen share of their bank, remote control of
    # their computer, renting their account.
    rf"(?:log|sign)\s*-?\s*in(?:to|\s+to)?\s+{_YOUR}\s+(?:\w+\s+)?(?:paypal|bank|banking|payoneer|"
    r"wise|account)\b[^.!?\n]{0,30}?\bscreen[-\s]?shar\w*",
    rf"(?:sign|log)\s*-?\s*in(?:to|\s+to)\s+{_YOUR}\s+(?:\w+\s+)?(?:paypal|payoneer|wise|bank|"
    r"banking|"
    r"upwork|fiverr|freelancer|email|gmail)\s+account",
    r"(?:sms|verification|security|login|one[-\s]time)\s+code\s+(?:when|once|as\s+soon\s+as)\s+"
    r"(?:it|you|u)\b",
    r"(?:install|download|run)\s+(?:the\s+|our\s+|this\s+|a\s+)?(?:\w+\s+){0,2}?(?:remote[-\s]"
    r"(?:support|access|desktop|control)|anydesk|teamviewer|rustdesk)\b",
    rf"(?:sell|rent)\s+(?:me\s+|us\s+)?{_YOUR}\s+(?:\w+\s+)?accounts?|(?:buy|"
    rf"pay\s+{_AMOUNT}\s+for)\s+"
    r"(?:\w+\s+){0,2}?(?:verified|aged|old)\s+(?:\w+\s+)?accounts?|"
    rf"rent\s+(?:out\s+)?(?:{_YOUR}|their)\s+(?:\w+\s+)?accounts?|(?:buy|rent|borrow)\s+{_YOUR}\s+"
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
    rf"(?:numbers?|digits)\s+(?:on|from)\s+(?:the\s+)?(?:front\s+and\s+back\s+of\s+)?{_YOUR}\s+"
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
    rf"(?:to|on)\s+{_YOUR}",
    rf"{_HAND_OVER}\b[^.!?\n]{{0,60}}?\b(?:code|otp|pin|passcode)\s+(?:that\s+)?(?:{_YOUR}\s+)?"
    r"[\w-]+\s+(?:will\s+|'ll\s+|just\s+)?(?:text|send|sent|texted|email|emailed|sms)(?:es|s)?\s+"
    r"(?:to\s+)?(?:you|u)\b",
)
_PERSONAL_ASKED = _family(
    rf"{_HAND_OVER}\b[^.!?\n;]{{0,40}}?\b{_HARVEST_TERMS}",
    rf"{_PROFILE_ITEM}\b[^\n]{{0,60}}?\b{_PROFILE_ITEM}",
)
# "I'll send your login details": the client hands credentials to the reader, not the reverse.
_GIVING = re.compile(r"(?:send|share|give|forward|email|e-mail|text|dm|drop)\b")
_CLIENT_SUBJECT = re.compile(
    r"(?<![a-z'])(?:i|we)(?:'ll|\s+will|\s+can|'m\s+going\s+to|\s+am\s+going\s+to|\s+just|'d)?"
    r"(?:\s+(?:also|then|now|just))?\s+$|let\s+me\s+$"
)


def _asked_of_reader(text: str, start: int) -> bool:
    if not _not_negated(text, start):
        return False
    return not (
        _GIVING.match(text, start) and _CLIENT_SUBJECT.search(text[max(0, start - 25) : start])
    )


# --- Crypto ------------------------------------------------------------------------------------

_COINS = (
    r"(?:usdt|usdc|tether|btc|bitcoin|eth|ethereum|crypto|cryptocurrency|bnb|trx|sol|trc20|erc20)"
)
# Crypto aimed at the reader: returns, gains, being paid in coins, their wallet, a signals group.
_CRYPTO = _family(
    # Returns: "1.2% daily", "it grows 5% a week with my broker" — growth figures of a business
    # ("signups up 10% a month") need money around them to count.
    r"(?:returns?|profits?|earn\w*|yields?|interest|gains?|pays?|paying|payouts?|invest\w*|"
    r"deposits?|"
    r"money|usdt|btc|eth|crypto|fund|pool|broker|members|trader|account|wallet|make|makes|made|"
    r"making)\b[^.!?\n]{0,40}?\d+(?:\.\d+)?\s?%"
    r"\s?(?:daily|a\s+day|per\s+day|each\s+day|every\s+day|weekly|a\s+week|per\s+week|every\s+week|"
    r"monthly|a\s+month|per\s+month|every\s+month)|\d+(?:\.\d+)?\s?%\s?(?:daily|a\s+day|per\s+day|"
    r"weekly|a\s+week|per\s+week|monthly|a\s+month|per\s+month)\s+(?:returns?|profits?|roi|"
    r"interest|"
    r"gains?|in\s+(?:usdt|btc|eth|crypto))|\d+(?:\.\d+)?\s?%\s?(?:apy|apr)",
    r"(?:guaranteed|fixed|stable|steady|passive|risk[-\s]free)\s+(?:[\w%]+\s+){0,3}(?:returns?|"
    r"profits?|"
    r"income|roi|yield|payouts?|gains?)",
    r"(?:pay|paid|pays|payment|salary|invoice|fee|compensat\w*|wage|our\s+pay)\b[^.!?\n]{0,30}?"
    rf"\b(?:in|via|with|through|is\s+in)\s+(?:\w+\s+)?{_COINS}\b",
    rf"{_YOUR}\s+(?:\w+\s+)?(?:{_COINS}|metamask|trust|crypto)\s+(?:wallet|address)",
    r"(?:send|transfer|deposit|move)\s+(?:it|them)?\s*(?:\w+\s+){0,4}?(?:to|into)\s+(?:the|our|my|"
    r"this|a|their)\s+(?:\w+\s+){0,2}wallet",
    r"connect\s+(?:your\s+|ur\s+)?wallet|wallet\s+(?:qr|browser)|verify\s+(?:your\s+)?wallet",
    rf"send\s+(?:your\s+|the\s+|some\s+)?{_COINS}\s+to",
    rf"grew\s+from\s+{_AMOUNT}\s+to|turned\s+{_AMOUNT}\s+into|made\s+\d+x|"
    r"\d+x\s+(?:my|your|their|his|her)\s+(?:salary|money|investment|income|savings)|"
    r"(?:projected|expect\w*|potential|easy|guaranteed)\s+\d+x|"
    r"(?:i'?m|i\s+am|we'?re|we\s+are|he'?s|she'?s|i\s+was)\s+up\s+\d+\s?%",
    r"(?:signals?|pump|trading|crypto|forex|copy[-\s]?trad\w*)\s+(?:group|channel|"
    r"community|room)",
    r"win\s*rate|\d+\s?%\s+(?:win|success|accuracy)\s+rate|next\s+(?:coin|token|gem|\d+x)|"
    r"(?:about\s+to|going\s+to|gonna|will)\s+moon|to\s+the\s+moon|pump\s+and\s+dump",
    r"(?:trad\w*|forex|crypto|investment|gold|stock)\s+(?:mentor|coach|guru|account\s+manager|"
    r"signals|expert)",
    r"(?:trade|trades|trading|invest|investing)\b[^.!?\n]{0,60}?\b(?:teach|show|mentor|guide|"
    rf"coach)\s+{_YOU}|(?:teach|show)\s+{_YOU}\s+(?:how\s+to\s+)?(?:trade|invest)|"
    rf"trades?\s+(?:for|on\s+behalf\s+of)\s+{_YOU}",
    r"(?:starting|minimum|min\.?|initial)\s+(?:investment|deposit|ticket|stake)|"
    r"start\s+with\s+(?:just\s+|only\s+)?a\s+small\s+amount|"
    rf"manage\s+{_YOUR}\s+(?:\w+\s+)?(?:portfolio|funds|money|investment|savings)|"
    r"(?:keep|get|earn)\s+\d+\s?%\s+of\s+(?:the\s+)?profits?|doubles?\s+your\s+(?:money|investment|"
    r"deposit)",
    # Offers to invest, and the wallet drainer: a "pre-funded" wallet from a phrase we send.
    rf"(?:you|u)(?:'d|\s+would|\s+can|\s+could)?\s+(?:\w+\s+){{0,3}}?(?:invest\s+(?:\$?\d[\d,.]*k?|"
    r"in\s+"
    r"(?:our|the|this|a|my)\s+(?:\w+\s+)?(?:token|fund|pool|coin|platform|presale))|buy\s+in\b|"
    r"join\s+as\s+(?:\w+\s+){0,3}investor)|offer\s+(?:you|u)\s+(?:\w+\s+){0,3}(?:allocation|"
    rf"tokens?)|buying\s+in\s+at\s+{_AMOUNT}|projected\s+(?:listing|price)|"
    r"import\s+(?:the|this|my|our|a)\s+(?:\w+\s+)?(?:recovery|seed|secret)\s+phrase|"
    rf"pre-?funded\s+(?:wallet|balance|account)|{_YOU}\b[^.!?\n]{{0,30}}\b(?:eth|bnb|trx|sol|"
    r"matic)\s+"
    r"for\s+gas|gas\s+fee\s+of\s+\d[\d.]*",
    # Tips and trading talk: "inside tips", "I trade gold and crypto part time", "+18% on ETH".
    r"inside(?:r)?\s+(?:tips?|info|information|signals)|\d+x\s+(?:coin|token|tip|gem|minimum|"
    r"gains?|"
    r"returns?|profit)|(?:do|will\s+do|hit|make)\s+\d+x\b|doubles?\s+(?:in\s+value|every)|"
    r"(?:closed|made|hit)\s+a\s+trade|\+\s?\d+(?:\.\d+)?\s?%\s+(?:on|in)\b",
    # Growth stories: "grows daily", "has risen 340%", "put in 2,000 ... now worth 7,400".
    r"(?:grows?|compounds?|compounding)\s+(?:daily|weekly|every\s+day)|(?:token|"
    r"coin)\b[^.!?\n]{0,40}"
    r"\b(?:risen|rose|gained|grew|grown|jumped|up)\s+(?:by\s+)?\d+\s?%|(?:put\s+in|invested|"
    r"putting|"
    r"put)\s+(?:my\s+)?(?:spare\s+)?\$?\d[\d,.]*k?\b[^.!?\n]{0,60}?\b(?:now\s+worth|worth\s+around|"
    r"turned\s+into|grew\s+to|into\s+(?:an?|the|this|my)\s+(?:\w+\s+){0,2}(?:trading|investment|"
    r"crypto|fund|pool))",
    r"(?:trade|trades|trading|invest|invests|investing)\s+(?:\w+\s+){0,3}?on\s+the\s+side",
    rf"(?:i|he|she)\s+(?:\w+\s+)?(?:trade|trades|trading)\s+(?:\w+\s+(?:and\s+)?)?"
    rf"(?:gold|crypto|forex|fx|btc|bitcoin|eth|options|futures|stocks)|(?:do|doing)\s+(?:\w+\s+)?"
    rf"(?:btc|crypto|forex|gold|options)\s+trading|(?:do|did)\s+{_YOU}\s+(?:trade|invest)\b",
    r"turned\s+\$?\d[\d,.]*k?\s+into\s+\$?\d|(?:mentor|trader)'?s?\s+(?:group|channel|signals)",
    rf"(?:pay|paid|pays|compensate|compensated)\s+(?:{_YOU}\s+)?(?:\w+\s+){{0,2}}?in\s+(?:our|an|a|"
    r"the)\s+"
    r"(?:[\w']+\s+){0,2}?(?:token|coin|yield\s+product)\b",
    rf"connect\s+{_YOUR}\s+(?:\w+\s+)?(?:metamask|wallet|phantom)|connect\s+(?:metamask|"
    rf"trust\s+wallet|phantom|wallet)\s+(?:at|on|to)\b|approve\s+(?:the\s+)?spending|"
    rf"minimum\s+subscription\s+(?:of\s+)?{_AMOUNT}",
)
# Crypto vocabulary: a scam pitch or the subject of a job (an audit, a translation, a tax report).
_CRYPTO_TOPIC = _family(
    r"\d[\d,.]*\s?(?:usdt|usdc|btc|eth|bnb|trx)",
    rf"(?:in|via|with|through|by)\s+{_COINS}",
    rf"{_COINS}\s+(?:wallet|address|balance|deposit|payment)s?",
    r"wallet\s+address|seed\s+phrase",
    r"smart\s+contract|defi|dapp|yield\s+(?:vault|farm|farming)|liquidity\s+pool|staking|"
    r"airdrop|presale|tokeni[sz]\w*|copy[-\s]?trad\w*|forex|binary\s+options|"
    r"passive\s+income|arbitrage|crypto\s+(?:fund|options|futures)|(?:btc|bitcoin)\s+futures|"
    r"(?:ai|automated|auto)\s+trading\s+(?:program|bot|platform|app|system)|(?:into|"
    r"interested\s+in)\s+"
    r"crypto\b",
    r"pool\s+(?:funds|money|our\s+money)|fractional\s+shares|investment\s+(?:pool|plan|club|"
    r"opportunity|platform)|cloud\s+mining|mining\s+(?:contract|pool)|hash\s?rate\s+package",
)
# Words that describe a piece of work: crypto next to them is what the job is about.
_WORK = _family(
    r"audit\w*|translat\w*|article|articles|blog|newsletter|recap|help\s*cent(?:er|re)|"
    r"documentation|tax|taxes|accountant|bookkeep\w*|report|reporting|design|designer|screens?|"
    r"figma|landing\s+page|website|integrat\w*|developer|solidity|codebase|script|explainer|"
    r"copywrit\w*|white\s*paper|ui|ux|dashboard|plugin|woocommerce|shopify|csv|onboarding\s+flow|"
    r"voice[-\s]?over|subtitles?|proofread\w*|edit\s+(?:our|my|the)|editing|retouch\w*|crop\w*|"
    r"mainnet|testnet|template|wording|letter\s+asking|microservice|test\s+cases|mockups?|"
    r"wireframes?|prototype|(?:signup|sign-up|checkout|kyc)\s+(?:flow|form|screen|page)|forms?|"
    r"fields|database|crm|spreadsheet|video|videos|editor|youtube|podcast|logo|poster|brochure|"
    r"flyer|tutorial|education\w*"
)

# Scams as the subject of the work: "an article on how to spot task scams", "a fraud-awareness
# video". Whatever mechanism such a brief describes, it is not aimed at the reader.
_ABOUT_SCAMS = _family(
    r"(?:article|blog|post|guide|video|training|course|script|ebook|newsletter|copy|translat\w*|"
    r"design|chatbot|awareness|module|lesson|quiz|checklist|explainer|write|writing)\b[^\n]{0,80}?"
    r"\b(?:scams?|fraud|phishing|spam|scammers?|fraudsters?)",
    r"(?:scams?|fraud|phishing)[-\s](?:awareness|prevention|training|detection)",
)

# --- Paid tasks --------------------------------------------------------------------------------

_TASK_NOUNS = (
    r"(?:review|rating|like|follow|follower|comment|pin|repin|click|task|vote|subscriber|"
    r"subscription|view|share|retweet|download|survey|order|product|upvote|submission|action|"
    r"match|stream)"
)
# Actions that cost a click, paid per piece only in a task scheme.
_CLICK_NOUNS = (
    r"(?:rating|like|follow|follower|click|task|vote|upvote|submission|action|match|subscribe|"
    r"subscriber|stream|view|retweet)"
)
_TASK_SCAM = _family(
    rf"{_AMOUNT}\s*(?:per|each|for\s+each|/|a)\s*(?:google\s+|5[-\s]star\s+|youtube\s+|spotify\s+|"
    rf"instagram\s+|tiktok\s+)?{_TASK_NOUNS}s?",
    rf"(?:review|rating|like|comment|pin|task|click|vote|follow)s?\s*,?\s*{_AMOUNT}\s*each",
    rf"{_AMOUNT}\s*each\b[^.!?\n]{{0,20}}\b(?:review|rating|like|comment|pin|task|click)",
    r"(?:save|like|rate|review|comment|follow|subscribe|vote)\s*(?:&|and|\+)\s*(?:comment|like|"
    r"rate|review|follow|subscribe|share)\b",
    rf"per\s+(?:\w+\s+){{0,2}}(?:video|post|song|page|channel|track)\s+{_YOU}\s+(?:like|follow|"
    r"subscribe|watch|stream|rate|share)",
    rf"\d+\s+(?:songs|tracks|tasks|reviews|ratings|likes|videos|apps|orders|hotels|tickets|"
    rf"products|posts)\s*=\s*{_AMOUNT}",
    r"(?:stream|streaming)\s+(?:and\s+rate\s+)?(?:\w+\s+){0,2}(?:songs|tracks|playlists)|"
    r"rate\s+(?:\w+\s+){0,2}(?:songs|tracks|hotels|resorts|apps)\b|(?:ticket|rating|review|app|"
    r"order|product|movie)\s+boosters?|(?:hire|hires|hiring|pay|pays|paid)\b[^.!?\n]{0,40}\bto\s+"
    r"(?:leave|post|submit)\s+(?:\w+\s+)?(?:ratings|reviews)",
    r"(?:post|leave|write|give)\s+(?:us\s+|me\s+)?(?:a\s+)?(?:5|five)[-\s]?star\s+(?:review|"
    r"rating)s?"
    r"|from\s+(?:your|ur)\s+(?:own|personal|real)\s+accounts?",
    r"submit\s+\d+\s+(?:\w+\s+)?(?:ratings|reviews|apps|orders|tasks)|"
    r"submit\s+(?:[a-z]+\s+)?ratings|"
    r"rate\s+(?:movies|films|products|hotels|apps)|(?:ratings|reviews)\s+(?:per|a|each)\s+(?:round|"
    r"set|"
    r"day)|(?:tasks|orders|apps)\s+(?:per|a|each)\s+(?:round|set)",
    r"screenshot\s+it|get\s+paid\s+(?:daily|instantly|per)",
    r"tasks?\s+(?:account|balance|platform|set|round)|working\s+balance|"
    r"recharge\s+(?:your\s+|the\s+)?(?:account|balance|wallet)|recharge\s+first|small\s+recharge|"
    r"negative\s+balance|unlock\s+(?:the\s+)?(?:next\s+)?(?:tasks|set|orders)",
    r"(?:trial|daily|task|order)\s+commission|commission\s+(?:per|of|on)\s+(?:each\s+)?task|"
    r"(?:booking|order|task|rating|review|click|like)s?\s+earns?\b",
    r"optimi[sz]e\s+\d+\s+(?:products|apps|orders)|boost\s+ratings|"
    r"merchant\s+(?:feedback|rating)|demo\s+round|trial\s+(?:task|round)|"
    r"\d+\s+(?:tasks|orders|likes)\s+(?:is|are)\s+(?:a\s+)?(?:free\s+)?(?:trial|free|practice)",
    rf"combination\s+(?:order|task|product)s?|top[-\s]?up\s+(?:to|of)\s+{_YOUR}\s+account|"
    r"top\s+up\s+"
    rf"{_YOUR}\s+(?:account|balance|wallet)|"
    r"experience\s+(?:money|funds|bonus|gold|balance)|minimum\s+(?:deposit|balance)\b",
    r"(?:your|ur|account)\s+balance\b[^.!?\n]{0,50}?\bcommission|commission\b[^.!?\n]{0,50}?\b"
    r"(?:your|ur|account)\s+balance",
    r"(?:refunds?|reimburses?)\s+(?:you\s+|u\s+)?(?:the\s+item\s+)?\+\s*(?:\$?\d[\d,.]*|\d+\s?%)",
    r"(?:transfer|deposit|send|pay|recharge|top\s+up)\s+(?:\$?\d[\d,.]*|funds|money)\b"
    r"[^.!?\n]{0,40}?\bto\s+unlock|to\s+unlock\s+(?:a|the|your)?\s*(?:\$?\d+\s+)?(?:return|"
    r"commission|profit|earnings|withdrawal|payout)",
    r"part[-\s]time\s+job\b[^.!?\n]{0,80}\b(?:like|comment|review|rate|pin|task|follow)",
    # Pay per click-through action: "each completed app pays $6", "0.4% per match", "like 10 vids,
    # get $15", "subscribe + screenshot", "from your personal accounts".
    rf"(?:each|every|per)\s+(?:completed\s+)?(?:{_CLICK_NOUNS}|app)s?\s+(?:pays|earns|gets|"
    r"is\s+worth)|"
    rf"paid\s+per\s+{_CLICK_NOUNS}|\d+(?:\.\d+)?\s?%\s+(?:per|each|on\s+each|for\s+each)\s+"
    rf"{_CLICK_NOUNS}|(?:tasks?|orders?|level)\b[^.!?\n]{{0,30}}\b\d+(?:\.\d+)?\s?%\s+commission|"
    r"\d+x\s+(?:the\s+)?(?:commission|usual\s+rate)|commission\b[^.!?\n]{0,15}\b\d+x\b|"
    r"six\s+times\s+the\s+usual",
    r"(?:like|follow|subscribe\s+to|watch|rate|review|upvote)\s+\d+\s+(?:\w+\s+)?(?:vids?|videos|"
    r"posts|"
    rf"songs|accounts|channels|apps|products),?\s+(?:and\s+)?(?:get|earn|receive|make)\s+{_AMOUNT}",
    r"(?:like|subscribe|follow|upvote)\b[^.!?\n]{0,40}?(?:\+|\band\b|\bthen\b)\s+"
    r"(?:send\s+(?:a\s+|the\s+|us\s+a\s+)?)?screenshots?\b",
    rf"(?:rating|like|follow|upvote|vote)s?\b[^.!?\n]{{0,60}}?{_AMOUNT}\s*each|(?:trustpilot|"
    r"google|"
    rf"amazon|yelp|tripadvisor|g2|app\s+store|play\s+store)\s+reviews?\b[^.!?\n]{{0,60}}?{_AMOUNT}",
    r"from\s+real\s+accounts|just\s+(?:liking|upvoting)\b",
    r"(?:click|press|tap)\s+(?:on\s+)?'?(?:submit|complete|start)'?\s+on\s+(?:\w+\s+){0,2}"
    r"(?:products|orders|apps|items)|product\s+boosting|(?:data|app|product|order)\s+optimi[sz]"
    r"(?:ation|er)s?\s+(?:job|task|work|role)",
    r"register\b[^.!?\n]{0,40}?\binvitation\s+code|\d+(?:\.\d+)?\s?%\s+commission\s+per\s+"
    r"(?:product|task|item|set|match)",
    # The balance trap: "recharge to clear it", "more than your balance", "pay the shortfall".
    r"recharg\w*\s+(?:to\s+(?:clear|unlock|continue|withdraw|complete|finish)|now|first|"
    r"\$?\d[\d,.]*|"
    r"(?:your|ur|the)\s+(?:account|balance|wallet))|(?:more|higher|greater)\s+"
    r"than\s+(?:your|ur)\s+(?:account\s+)?balance|(?:balance|order|task|set|bundle|product|item)\b"
    r"[^.!?\n]{0,80}?\b(?:you|u)\s+(?:\w+\s+)?(?:add|pay|cover|top\s+up)\s+the\s+(?:difference|"
    r"shortfall|gap)|shortfall\s+first|"
    r"(?:lucky|combo|combination|'package')\s+(?:\w+\s+)?(?:order|task|item|product)s?|"
    r"(?:complete|finish)\s+(?:the\s+|ur\s+|your\s+)?(?:\d+\s+)?(?:remaining\s+)?(?:orders|tasks|"
    r"sets?)\s+(?:to|before|and)\s+(?:withdraw|unlock|cash\s+out)|withdraw\s+(?:all|everything|"
    r"\$?\d[\d,.]*)",
    r"paid\s+to\s+your\s+wallet",
    # Paid to consume: "we pay listeners to stream", "we pay u to listen and save songs".
    r"(?:pay|pays|paid|paying)\s+(?:\w+\s+){0,3}?to\s+(?:listen|stream|like|favou?rite|upvote|"
    r"subscribe|watch\s+(?:videos|ads))\b",
    r"merchants'?\s+(?:exposure|visibility|ranking)|merchant\s+simulation|balance\s+is\s+negative|"
    r"top\s+up\s+to\s+(?:clear|unlock|continue|withdraw)",
)

# --- Mass pitches ------------------------------------------------------------------------------

_MASS_PITCH = _family(
    r"selected\s+your\s+profile|(?:you(?:'ve|\s+have)\s+been|you\s+are|you'?re|ur|u\s+r)\s+"
    r"(?:shortlisted|selected|pre-?selected|pre-?approved)(?!\s+for\s+(?:the|this|my|"
    r"our)\s+(?:project|"
    r"job|contract|gig|work|task))|(?:profile|you)\s+(?:has|have|was|were)"
    r"\s+(?:been\s+)?shortlisted|shortlisted\s+(?:you|your)",
    r"reaching\s+out\s+to\s+(?:a\s+few|several|some|multiple|many|selected)\s+freelancers",
    r"(?:remote|online|part[-\s]time|home[-\s]based)\s+(?:job|work|position|role)\s+"
    r"(?:opening|opportunity|available)|job\s+opening|now\s+hiring|hiring\s+now",
    r"part[-\s]time\s+job|work\s+from\s+(?:home|your\s+phone|phone)|from\s+your\s+phone",
    r"no\s+(?:interview|experience|skills?|cv)\s*(?:needed|required|necessary)?",
    r"training\s+(?:is\s+)?(?:included|provided)",
    rf"{_AMOUNT}\s*\+?\s*(?:weekly|per\s+week|a\s+week|/\s*week|daily|per\s+day|a\s+day|/\s*day)",
    r"apply\s+now|reply\s+now|spots?\s+(?:fill|are\s+limited|left)|limited\s+(?:spots|slots|"
    r"positions|openings)",
    r"kindly\s+(?:revert|reply|respond|add|message|contact|indicate)",
    r"compensation\s+package|above\s+market\s+rate|(?:tasks\s+are|simple|easy)\s+"
    r"(?:simple|tasks|easy|work|straightforward)",
    r"all\s+candidates|dear\s+(?:candidate|applicant)|our\s+recruiter",
    r"earn\s+(?:up\s+to\s+)?"
    + _AMOUNT
    + r"(?!\s*(?:for|per)\s+(?:each|every|a)\s+(?:friend|referral))",
    r"ongoing\s+contract\s+for",
    # Vague offers of well-paid work to anyone who answers.
    r"seeking\s+(?:\w+\s+)?(?:individuals|candidates|persons)|remuneration|"
    r"(?:pays?|paying)\s+(?:very|really|extremely|super|so)\s+well|pays\s+handsomely|"
    r"payment\s+is\s+guaranteed|(?:paid|pay|payments?)\s+daily\b|"
    r"daily\s+(?:pay|payments?|wage)|(?:competitive|attractive|excellent)\s+"
    r"(?:pay|salary|remuneration|compensation)",
    r"(?:ambassadors?|agents?|representatives?|promoters?|partners?)\s+in\s+your\s+"
    r"(?:country|area|city|region)",
    r"(?:multiple|several|various|many|\d{2,}\+?)\s+(?:remote\s+|open\s+)?(?:positions|roles|"
    r"openings|"
    r"vacancies)|open\s+(?:roles|positions)\s+(?:in|across)\s+\w+(?:\s+\w+)?,|"
    r"serious\s+(?:applicants|candidates|inquiries|people)\s+only|"
    r"reply\s+with\s+your\s+(?:cv|resume)|open\s+to\s+new\s+opportunities|"
    r"great\s+fit\s+for\s+a\s+(?:role|position)",
    r"(?:extra|additional)\s+income|(?:unlimited|life[-\s]changing)\s+"
    r"(?:income|earnings)|change\s+your\s+life",
    r"(?:help|helps)\s+freelancers\s+(?:like\s+you\s+)?(?:land|get|find)|"
    r"(?:new\s+)?clients\s+(?:a|per)\s+month\s+on\s+autopilot|on\s+autopilot",
    r"(?:are|r)\s+(?:you|u)\s+(?:looking\s+for|interested\s+in)\s+(?:a\s+)?(?:new\s+)?(?:job|"
    r"income|opportunit\w+)|open\s+to\s+(?:a\s+)?new\s+(?:role|job|position|opportunit\w+)|"
    r"(?:good|easy)\s+(?:money|salary|income)|side\s+income|(?:job\s+)?vacanc(?:y|ies)|"
    r"(?:freelancers|people|candidates|workers)\s+(?:in|from)\s+(?:any|all)\s+fields?\b|"
    r"(?:many|lots\s+of|plenty\s+of)\s+jobs\s+for\s+(?:you|u)",
    r"(?:only\s+)?serious\s+(?:ppl|people|applicants|candidates|inquiries)|work\s+from\s+anywhere|"
    r"earn\s+\$?\d[\d,.]*k\+?|(?:role|position|job|opportunity|program(?:me)?|offer)\s+is\s+open\s+"
    r"to\s+(?:everyone|anyone|all)|open\s+to\s+(?:everyone|anyone),\s+whether|(?:candidates|"
    r"applicants|people)\s+(?:from|in)\s+all\s+countries|all\s+countries\s+(?:are\s+)?(?:welcome|"
    r"accepted|can\s+apply)|"
    r"(?:send|reply\s+with)\s+(?:us\s+|me\s+)?(?:your|ur)\s+(?:cv|resume)|expected\s+salary|"
    r"fortune\s+500\s+(?:partner|partners|brands|parent)|reputable\s+(?:company|"
    r"agency|firm)|talented\s+individuals|(?:generous|excellent|attractive)\s+(?:pay|salary|"
    r"compensation)|(?:workload\s+(?:is\s+)?light|light\s+workload)|reply\s+(?:with\s+)?['\"]"
    r"(?:interested|info|go|start|yes)['\"]",
    r"profile\s+(?:is|was|has\s+been)\s+(?:pre-?)?selected|(?:u|you)\s+have\s+been\s+"
    r"pre-?(?:approved|selected)",
    r"reaching\s+out\s+to\s+(?:a\s+(?:few|handful|number|small\s+number)\s+(?:of\s+)?|several\s+|"
    r"some\s+|selected\s+)(?:talented\s+|reliable\s+)?(?:freelancers|people|designers|writers|"
    r"candidates|professionals)|(?:looking\s+for|seeking)\s+(?:a\s+few\s+)?(?:reliable|serious)\s+"
    r"people",
    r"(?:boost|double|triple|increase)\s+your\s+(?:income|earnings)|quit\s+(?:your|their)\s+"
    r"(?:day\s+)?jobs?",
    r"(?:pay|salary|remuneration|compensation)\s+is\s+(?:very\s+)?(?:excellent|great|generous|"
    r"attractive|very\s+good|good|amazing)|(?:hiring|recruiting)\s+(?:in|from)\s+all\s+countries|"
    r"(?:beside|besides|alongside)\s+your\s+(?:current|day|main|full[-\s]time)\s+job|"
    r"(?:guaranteed|steady|consistent|stable)\s+(?:hours|income|earnings)|steady\s+pay|minimal\s+"
    r"hours|time\s+commitment\s+is\s+minimal|generous\s+(?:\w+\s+)?(?:fee|pay|salary|compensation|"
    r"rate)|limited\s+"
    r"number\s+of\s+(?:\w+\s+)?(?:positions|spots|slots|places|openings)|(?:applicants|"
    r"candidates)\s+"
    r"from\s+all\s+(?:backgrounds|countries|walks)|(?:earnings|pay|wages?|"
    r"salary)\s+(?:\w+\s+)?(?:settled|paid)\s+(?:each|every)\s+day|age\s+\d{2}\s?\+|"
    r"(?:reply|respond)\s+with\s+(?:your|ur)\s+(?:number|whatsapp|phone)",
    # A mail-merge template sent unfilled: "Hi [NAME]".
    r"\[\s*(?:first\s*)?name\s*\]|\{\{?\s*(?:first_?)?name\s*\}\}?|<\s*name\s*>",
    # Selling fake reviews and followers.
    r"(?:get|give|sell|deliver|send)\s+(?:you\s+|u\s+)?[\d,.]+k?\s+(?:\w+\s+)?(?:followers|likes|"
    r"reviews|subscribers|views|ratings)|(?:five|5)[-\s]?star\s+reviews?\s+(?:on|for|to)\s+"
    r"(?:your|ur)|ranking\s+boost|packages\s+(?:from|start\s+at|starting\s+at)\s+" + _AMOUNT,
    r"(?:boost|promote|rank)\s+(?:your|ur)\s+(?:gig|profile|listing|shop|store|page|channel)\b"
    r"[^.!?\n]{0,40}?\b\d[\d,.]*k?\s+(?:\w+\s+)?(?:orders|reviews|followers|likes|sales|"
    r"subscribers)",
)
# The perks of a job advertisement sent to anyone: three of them and no project is a mass pitch.
_PERKS = tuple(
    re.compile(rf"(?<![a-z0-9])(?:{perk})(?![a-z0-9])")
    for perk in (
        r"flexible\s+(?:hours|schedule|time|working\s+hours)|hours:\s*flexible|own\s+hours",
        r"part[-\s]time|full[-\s]time\s+or\s+part",
        r"(?:fully\s+)?remote(?!-first)(?:\s+(?:role|position|job|work|staff|team))?|work\s+from\s+"
        r"(?:home|anywhere)",
        r"paid\s+weekly|weekly\s+(?:pay|payments?|salary|wage)|paid\s+daily|daily\s+pay",
        r"no\s+(?:prior\s+)?experience|training\s+(?:is\s+)?(?:paid|provided|included)|"
        r"equipment\s+provided",
        rf"{_AMOUNT}\s*(?:-\s*{_AMOUNT}\s*)?(?:/\s*(?:hr|hour|h)\b|an\s+hour|per\s+hour)|salary",
        r"start\s+(?:immediately|today|this\s+week|right\s+away)|bonuses|benefits",
        r"hiring|recruiting|positions|vacanc(?:y|ies)|openings",
    )
)
_ENOUGH_PERKS = 3


# Work arranged through the platform is a contract, not an advert.
_ON_PLATFORM = _family(
    r"(?:through|on|via|in)\s+(?:the|this)\s+platform|platform'?s\s+(?:contract|escrow)|milestones?"
)


def _job_advert(text: str) -> bool:
    perks = sum(1 for perk in _PERKS if perk.search(text))
    return perks >= _ENOUGH_PERKS and _ON_PLATFORM.search(text) is None


_URGENCY = _family(
    r"within\s+\d+\s?(?:h|hrs?|hours?|minutes?|mins?)|\d+\s?h(?:rs|ours)?\s+only",
    r"asap|urgent(?:ly)?|immediately|right\s+away|right\s+now|act\s+now|hurry|last\s+chance",
    r"today\s+only|before\s+(?:it'?s\s+too\s+late|spots|midnight|the\s+offer)|expires?\s+"
    r"(?:today|soon|in)|limited\s+time|final\s+notice|don'?t\s+miss",
    r"(?:account|access|payments?)\s+will\s+be\s+(?:suspended|closed|locked|frozen|on\s+hold)|"
    r"to\s+keep\s+receiving",
    r"the\s+same\s+day|by\s+(?:tonight|end\s+of\s+(?:the\s+)?day)",
)
# Calls to action of advertising spam: prizes, "subscribe to my channel", "reply STOP".
_PROMO = _family(
    r"subscrib\w*|sub\s+(?:to\s+)?(?:me|my)|check\s+(?:out\s+)?(?:my|our)\s+(?:new\s+)?(?:channel|"
    r"page|video|vids?|music|songs?|site|website|profile|shop|store|cover)|visit\s+(?:my|our)|"
    r"check\s+(?:out\s+)?(?:this|these|his|her|me|him|it)\b|check\s+(?:\w+\s+)?out\s+(?:my|this|"
    r"these|his|her|the\s+link|me)\b|check\s+(?:me|him|it|this|them)\s+out|follow\s+(?:me|my|us)|"
    r"(?:like|share)\s+(?:my|this|our)\s+(?:page|video|channel|post)|thumbs\s+up\s+if",
    r"click\s+(?:here|the\s+link|below|this\s+link|on\s+the\s+link)",
    r"free\s+(?:entry|gift|prize|ringtones?|iphone|money|followers|cash|tickets?|vouchers?|"
    r"minutes|texts|msgs?|sms|camera|phone|mobile|trial)|for\s+free|100\s?%\s+free",
    r"(?:you|u)(?:'ve|\s+have)?\s+(?:won|been\s+(?:selected|chosen)\s+to\s+(?:receive|win))|"
    r"winner|claim\s+(?:your|ur|a|the)|(?:cash\s+)?prize|award(?:ed)?\s+(?:a|an|you)",
    r"reply\s+(?:stop|yes|win|now)|(?:txt|text|send)\s+[a-z]+\s+to\s+0+|txt|"
    r"unsubscribe|opt[-\s]?out|t\s?&\s?cs?",
    r"(?:special|limited|exclusive|best)\s+(?:offer|deal)|promo\s+code|discount\s+code|"
    r"\d+\s?%\s+off|call\s+now|order\s+now|buy\s+now|sign\s+up\s+(?:now|today|here)",
    r"(?:make|making|earn|earning|earns)\s+(?:a\s+lot\s+of\s+|some\s+|extra\s+|real\s+|easy\s+)?"
    r"(?:money|cash|income|\$)|financial\s+(?:freedom|risk)|get\s+rich|passive\s+income",
)
# Premium-rate and subscription billing, the mechanism of most text-message spam: charges per
# message or minute, premium numbers, short codes to text a keyword to, "send STOP to end".
_PREMIUM = _family(
    r"\d+(?:\.\d+)?\s?(?:p|pence|ppm)\s*(?:/|per|a|each)\s*(?:msg|message|text|txt|min|minute|"
    r"call|week|wk|day|month|mth|tone|reply)s?",
    r"(?:only|just|cost|costs|costing|charged|charge|at|for|from)\s+(?:£|\$)?\d+(?:\.\d+)?\s?"
    r"(?:p|pence)",
    r"(?:[$£€]\s?\d+(?:\.\d+)?|\d+\s?p)\s*(?:/|per|a)\s*(?:msg|message|txt|text|min|minute|"
    r"call|wk|tone)",
    r"pence|ppm|p\s*/\s*(?:msg|min|wk)|msg\s+rcvd|std\s+(?:network|ntwk|net)\s+(?:chg|charge)|"
    r"(?:network|operator)\s+charges?\s+(?:apply|may)|premium[-\s]rate",
    # UK premium and non-geographic numbers, the usual rails of SMS competitions and chat lines.
    r"(?:09\d\d|087\d|084[45])\s?\d{2,3}\s?\d{2,4}\s?\d{0,4}",
    # "text WIN to 80086", "send CHAT to 86688": a keyword to a short code.
    r"(?:send|text|txt|reply|call|sms)\s+(?:[a-z]+\s+){0,2}(?:to|on)\s+\d{4,6}",
    r"(?:send|text|txt|reply)\s+(?:stop|end|no|out|unsub)\b(?!\s+(?:the|this|it|that|working))",
    r"stop\s*\?\s*(?:send|text|txt|reply)|18\s?\+|over\s+18s|adult\s+(?:content|only|18)|"
    r"ringtones?|polyphonic|(?:mobile|phone)\s+(?:club|content)",
    # A keyword to a short code a few words on ("send BIDS e.g. 10 to 83383"),
    # free-phone lines, and the adult and credit offers those numbers sell.
    r"(?:send|text|txt|reply)\b[^.!?\n]{0,40}\bto\s+\d{5}(?!\d)",
    r"free\s?phone|free\s?fone|0800\s?\d{3}\s?\d{3,4}",
    r"xxx\s+(?:pics?|photos?|videos?|vids?|movies?|chat|content)|sexy\s+singles|"
    r"adult\s+(?:parties|chat|line|dating)|filthy|horny|dogging",
    r"bad\s+credit|can'?t\s+get\s+credit|refused\s+a\s+loan|(?:un)?secured\s+loans?",
)

# --- Links and files ---------------------------------------------------------------------------

# Brands that phishing domains imitate, with the domains that really are theirs.
_BRANDS: dict[str, tuple[str, ...]] = {
    "paypal": ("paypal.com", "paypal.me"),
    "upwork": ("upwork.com",),
    "fiverr": ("fiverr.com",),
    "freelancer": ("freelancer.com",),
    "toptal": ("toptal.com",),
    "linkedin": ("linkedin.com",),
    "google": ("google.com", "goo.gl", "googleusercontent.com"),
    "gmail": ("gmail.com",),
    "apple": ("apple.com",),
    "icloud": ("icloud.com",),
    "microsoft": ("microsoft.com",),
    "outlook": ("outlook.com", "live.com"),
    "office365": ("office.com",),
    "onedrive": ("onedrive.com", "live.com"),
    "sharepoint": ("sharepoint.com",),
    "amazon": ("amazon.com", "amazon.co.uk", "amazon.de", "amazonaws.com"),
    "facebook": ("facebook.com", "fb.com"),
    "instagram": ("instagram.com",),
    "whatsapp": ("whatsapp.com", "wa.me"),
    "telegram": ("telegram.org", "telegram.me", "t.me"),
    "netflix": ("netflix.com",),
    "coinbase": ("coinbase.com",),
    "binance": ("binance.com",),
    "metamask": ("metamask.io",),
    "stripe": ("stripe.com",),
    "payoneer": ("payoneer.com",),
    "docusign": ("docusign.com", "docusign.net"),
    "dropbox": ("dropbox.com",),
    "github": ("github.com", "github.io", "githubusercontent.com"),
    "adobe": ("adobe.com",),
    "figma": ("figma.com",),
    "canva": ("canva.com",),
    "notion": ("notion.so", "notion.site"),
    "loom": ("loom.com",),
    "zoom": ("zoom.us",),
    "slack": ("slack.com",),
    "wetransfer": ("wetransfer.com", "we.tl"),
    "calendly": ("calendly.com",),
    "behance": ("behance.net",),
    "dribbble": ("dribbble.com",),
    "trello": ("trello.com",),
    "chase": ("chase.com",),
    "wellsfargo": ("wellsfargo.com",),
    "bankofamerica": ("bankofamerica.com",),
    "hsbc": ("hsbc.com", "hsbc.co.uk"),
    "barclays": ("barclays.co.uk", "barclays.com"),
    "revolut": ("revolut.com",),
    "wise": ("wise.com",),
}
# Words that phishing domains string together ("contracts-freelance-center", "secure-login").
_BAIT_WORDS = frozenset(
    {
        "login", "signin", "secure", "verify", "verification", "account", "accounts", "payment",
        "payments", "payout", "payouts", "billing", "wallet", "support", "update", "confirm",
        "contract", "contracts", "freelance", "freelancer", "center", "centre", "portal", "auth",
        "dapp", "claim", "bonus", "reward", "rewards", "gift", "files", "share", "intranet",
        "payroll", "helpdesk", "recovery", "unlock", "invoice", "invoices", "docs", "document",
        "review", "client", "clients", "desk", "service", "safe", "security", "official",
        "transfer", "download", "view", "viewer", "vote", "contest", "forms", "taxforms", "tax",
        "appeal", "seller", "sellers", "case", "dispute", "vendor", "vendorpay", "team", "invite",
        "join", "preview", "reset", "access", "sso", "hr", "careers", "onboarding", "kyc", "2fa",
        "mfa", "reenroll", "enroll", "hub", "register", "registration", "pay",
    }
)  # fmt: skip
# Free hosting whose subdomains anyone can register: the subdomain is the registered name.
_HOSTING_SUFFIXES = frozenset(
    {
        "pages.dev", "workers.dev", "netlify.app", "vercel.app", "web.app", "firebaseapp.com",
        "herokuapp.com", "glitch.me", "onrender.com", "repl.co", "wixsite.com", "weebly.com",
        "blogspot.com", "ngrok.io", "ngrok-free.app", "github.io", "gitlab.io", "azurewebsites.net",
        "000webhostapp.com", "wordpress.com", "carrd.co", "webflow.io", "framer.website",
    }
)  # fmt: skip
# Labels that end a domain name: in front of another domain ("figma.com.design-view.io") they
# dress a foreign site up as the brand.
_TLD_LABELS = frozenset({"com", "net", "org", "io", "co", "app", "me", "dev"})
_LEET_DIGITS = str.maketrans("013457", "oleast")


def _registrable(host: str) -> str:
    labels = host.split(".")
    # "example.co.uk" is registered under "co.uk": keep three labels for such suffixes, and
    # "name.pages.dev" under "pages.dev".
    if len(labels) >= 3 and (
        labels[-2] in ("co", "com", "org", "net", "ac", "gov")
        or ".".join(labels[-2:]) in _HOSTING_SUFFIXES
    ):
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _one_substitution(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def _imitates(token: str, brand: str) -> bool:
    """Return whether one label of a domain imitates `brand` ("paypa1", "secure-paypal")."""
    unleeted = token.translate(_LEET_DIGITS).replace("rn", "m").replace("vv", "w")
    for candidate in dict.fromkeys((token, unleeted)):
        if candidate == brand:
            return True
        # "paypalsecure" carries the brand; "pineapple" only contains five letters of one.
        if len(brand) >= 6 and (candidate.startswith(brand) or candidate.endswith(brand)):
            return True
        if len(brand) >= 6 and _one_substitution(candidate, brand):
            return True
    return False


def is_lookalike_domain(host: str, *, written: str = "") -> bool:
    """Return whether `host` imitates a brand or the platform, or hides letters behind others.

    `written` is the host as the sender wrote it: if it is not ASCII, the sender used look-alike
    characters, which no honest link needs.
    """
    host = host.lower().removeprefix("www.")
    if "xn--" in host or (written and not written.isascii()):
        return True
    registrable = _registrable(host)
    if any(registrable in official for official in _BRANDS.values()):
        return False
    suffix = registrable.split(".", 1)[1]
    prefix = host.removesuffix(registrable).strip(".")
    # "paypal.com.secure-login.io": a whole domain name in front of the real one.
    if any(label in _TLD_LABELS for label in prefix.split(".")[1:]):
        return True
    tokens = [token for token in re.split(r"[.-]", host.removesuffix("." + suffix)) if token]
    if any(_imitates(token, brand) for token in tokens for brand in _BRANDS):
        return True
    name = registrable.split(".", 1)[0]
    words = name.translate(_LEET_DIGITS).split("-")
    return sum(word in _BAIT_WORDS for word in words) >= 2


# Files that run when opened: nobody shares a brief as a program.
_EXECUTABLE = re.compile(r"\.(?:exe|scr|bat|cmd|msi|apk|jar|vbs|ps1|dmg|pkg|com)(?:[?#]|$)")
# An archive with a password (which hides it from scanners), or an instruction to run what is
# inside one: the way malware travels as a "brief".
_BOOBY_TRAP = _family(
    r"\.(?:zip|rar|7z)\b[^\n]{0,80}?\b(?:password|passcode|pw|pwd)\b",
    r"(?:password|passcode|pw|pwd)\b[^\n]{0,40}?\.(?:zip|rar|7z)\b",
    r"(?:run|open|launch|install|execute)\s+(?:the\s+)?(?:viewer|installer|launcher|setup|exe|"
    r"program|reader|player|plugin)\s+(?:inside|in\s+(?:it|the\s+(?:zip|archive|folder)))",
    r"(?:install|download)\s+(?:our|the|this)\s+(?:secure\s+)?(?:pdf\s+|document\s+|file\s+)?"
    r"(?:viewer|reader)\b",
    # A program or a macro document to open, and the warnings to click through.
    r"[\w-]+\.(?:exe|scr|bat|cmd|msi|apk|jar|vbs|ps1|hta|lnk|docm|xlsm|pptm)\b",
    r"enable\s+(?:the\s+)?(?:macros?|content|editing\s+and\s+(?:then\s+)?enable\s+content)|"
    r"run\s+anyway|(?:ignore|click\s+through|dismiss)\s+(?:the\s+)?(?:windows\s+|security\s+)?"
    r"warning",
    # Consent phishing: an app that asks for access to the reader's account.
    r"(?:ask|asks|request|requests)\s+(?:for\s+)?(?:permission|"
    r"access)\b[^.!?\n]{0,40}?\b(?:just\s+)?"
    r"(?:allow|accept|grant|approve)\s+it",
    r"scan\s+(?:this|the)\s+qr\b[^.!?\n]{0,60}\b(?:view|open|sign|log|portal|contract|verify|"
    r"confirm)",
)
# A domain named as an example ("look-alike domains like paypa1.com") is not a link to follow.
_EXAMPLE_BEFORE = re.compile(
    r"(?:like|such\s+as|e\.?g\.?|for\s+example|for\s+instance|i\.e\.?)[\s:,]*(?:[\w.-]+\s+"
    r"(?:or|and|,)\s+)?$"
)


def _url_host(url: str) -> str:
    return url.split("://", 1)[-1].split("/", 1)[0].split("?", 1)[0].split(":", 1)[0]


def _any_match(pattern: re.Pattern[str], text: str, keep: Callable[[str, int], bool]) -> bool:
    """Return whether `pattern` matches `text` somewhere that `keep` accepts."""
    return any(keep(text, match.start()) for match in pattern.finditer(text))


def _asks_for_money(text: str) -> bool:
    if _any_match(_MONEY_UPFRONT, text, _paid_by_reader):
        return True
    return any(_priced_for_reader(text, match) for match in _PRICED.finditer(text))


def _asks_for_personal_data(text: str) -> bool:
    if _any_match(_PERSONAL_DATA, text, _asked_of_reader):
        return True
    return _WORK.search(text) is None and _any_match(_PERSONAL_ASKED, text, _asked_of_reader)


def _third_party_free(text: str, start: int) -> bool:
    """Return whether the phrase at `start` is not about customers or users ("users can't leave
    5-star reviews", "customers buy a gift card")."""
    return _BY_THIRD_PARTY.search(text[max(0, start - 40) : start]) is None


def _crypto_pitch(text: str) -> bool:
    if _any_match(_CRYPTO, text, _not_negated):
        return True
    return _WORK.search(text) is None and _CRYPTO_TOPIC.search(text) is not None


def signals_for(
    text: str,
    findings: ContactFindings,
    purpose: str | None,
    *,
    new_sender: bool = False,
    campaign: bool = False,
) -> list[str]:
    """Return the marketplace signals that fire on `text`, in a stable order."""
    folded = name_messengers(skeleton(text))
    said = _without_quotes(folded)
    fired: list[str] = []

    def check(name: str, test: Callable[[], bool]) -> None:
        if test():
            fired.append(name)

    # Contact details shared for no allowed purpose are themselves a move off the platform.
    shares_contact = purpose is None and bool(
        findings.emails or findings.phones or findings.handles
    )
    check(
        "offsite_move",
        lambda: (
            purpose is None
            and (shares_contact or bool(_OFFSITE.search(said) or _EVASION.search(said)))
        ),
    )
    check("platform_evasion", lambda: bool(_EVASION.search(said)))
    described = bool(_ABOUT_SCAMS.search(said))
    check("money_upfront", lambda: not described and _asks_for_money(said))
    check("personal_data", lambda: not described and _asks_for_personal_data(said))
    check("urgency", lambda: bool(_URGENCY.search(said)))
    hosts = [_url_host(url) for url in findings.urls]
    check("shortened_link", lambda: any(host in SHORTENERS for host in hosts))
    email_hosts = [email.rsplit("@", 1)[-1] for email in findings.emails]
    spans = [span for span in findings.matches if span.kind in ("url", "email")]
    written = [_url_host(text[span.start : span.end].rsplit("@", 1)[-1]) for span in spans]
    # Domains named as examples ("look-alike domains like paypa1.com") are not links to follow.
    examples = " ".join(
        skeleton(text[span.start : span.end]).replace(" ", "")
        for span in spans
        if _EXAMPLE_BEFORE.search(skeleton(text[max(0, span.start - 40) : span.start]))
    )
    linked = [host for host in hosts + email_hosts if not (examples and host in examples)]
    check(
        "lookalike_link",
        lambda: (
            any(is_lookalike_domain(host) for host in linked)
            or any(
                _EXECUTABLE.search(url.split("://", 1)[-1].partition("/")[2])
                for url in findings.urls
            )
            or any(not host.isascii() for host in written)
            or bool(_BOOBY_TRAP.search(folded))
        ),
    )
    check("crypto", lambda: not described and _crypto_pitch(said))
    check("task_scam", lambda: not described and _any_match(_TASK_SCAM, said, _third_party_free))
    check(
        "mass_pitch",
        lambda: not described and (bool(_MASS_PITCH.search(said)) or _job_advert(said)),
    )
    check("promo", lambda: bool(_PROMO.search(said)))
    check("premium_rate", lambda: bool(_PREMIUM.search(said)))
    if new_sender:
        fired.append("new_sender")
    if campaign:
        fired.append("campaign")
    return fired
