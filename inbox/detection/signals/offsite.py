"""Moving the conversation off the platform, and the excuses given for it."""

from __future__ import annotations

import re

from .phrases import YOUR, family, sentence_around

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

# Where a conversation moves to leave the platform: a messenger or the sender's own number. An
# email address or a phone line is how businesses take applications, not a move off the platform.
_CHANNELS = rf"(?:{_MESSENGERS}|gmail|my\s+(?:number|cell|mobile|personal\s+email))"

_OFFSITE = family(
    # "can we talk on whatsapp", "add him on skype", "details on telegram"
    rf"(?:talk|chat|continue|contact|reach|message|msg|text|dm|ping|hit\s+me\s+up|add|call|"
    rf"calls|speak|discuss|move|switch|communicate|connect|interview(?:ed|s)?|details|info|"
    rf"more|write|find)\b[^.!?\n]{{0,30}}?\b(?:on|via|over|through|thru|using|in|at|to)\s+"
    rf"{_CHANNELS}",
    r"(?:whatsapp|telegram|skype|signal|wechat|viber)\s+me",
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
    rf"(?:send|give|share|drop)\s+(?:me\s+|us\s+)?{YOUR}\s+(?:personal|private|own)\s+(?:email|"
    rf"e-mail|number|phone|contact)|(?:can|could|may)\s+i\s+(?:get|have|grab)\s+{YOUR}\s+"
    r"(?:phone\s+|cell\s+|mobile\s+)?(?:number|digits)\b",
)

# Reasons given for leaving the platform: its fees, or a made-up fault of the app.
_EVASION = family(
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


# "Do not contact me outside of Upwork", "never move off the platform": the rule, not a move.
# ("Why not continue on Telegram?" and "don't hesitate to message me on WhatsApp" are moves.)
_FORBIDS = re.compile(
    r"(?:(?<!why\s)not|never|don'?t|do\s+not|won'?t|will\s+not|shouldn'?t|should\s+not|"
    r"mustn'?t|must\s+not|can'?t|cannot)\s+(?!hesitate)(?:\w+\s+){0,2}$"
)

# A sentence that states the platform's rule: "... will be reported", "is not allowed".
_RULE = family(
    r"(?:will|would|shall)\s+be\s+(?:reported|banned|flagged)",
    r"(?:is|are|isn'?t|aren'?t)\s+(?:not\s+)?(?:allowed|permitted|prohibited|forbidden)",
    r"against\s+(?:the\s+)?(?:\w+'?s?\s+)?(?:rules|terms|tos|policy|policies)",
    r"violat\w*\s+(?:the\s+)?(?:\w+'?s?\s+)?(?:rules|terms|tos|policy|policies)",
)


def _moves(pattern: re.Pattern[str], text: str) -> bool:
    """Return whether `pattern` matches `text` somewhere that is not a rule against the move."""
    for match in pattern.finditer(text):
        if _FORBIDS.search(text[max(0, match.start() - 30) : match.start()]):
            continue
        if _RULE.search(sentence_around(text, match.start(), match.end())):
            continue
        return True
    return False


def offsite_move(text: str) -> bool:
    """Return whether `text` asks to move the conversation off the platform, or says why."""
    return _moves(_OFFSITE, text) or _moves(_EVASION, text)


def platform_evasion(text: str) -> bool:
    """Return whether `text` gives a reason for leaving the platform (its fees, a made-up fault)."""
    return _moves(_EVASION, text)
