"""Spam and scam scoring: a learned text model combined with small marketplace signals.

Two kinds of evidence meet here. The *model* (see `training`) reads the words and character
n-grams of a message and gives the probability that it is spam; it is trained on public SMS and
YouTube spam and on the project's marketplace messages, and it catches the style of spam. The
*signals* are small, general detectors for the ways marketplace scams work — moving the
conversation off the platform and the excuses for it, money up front, personal data, crypto,
paid "tasks", look-alike and shortened links, mass recruiting pitches, advertising, urgency —
each a family of phrases, not a list of known messages; plus two facts from outside the text:
a new sender, and a message sent as part of a campaign.

They are combined in log-odds: `z = logit(p_model) + Σ weight(signal) + BIAS`, so each signal
is an explainable amount of evidence and the result is a probability again. A message scoring
0.5 or more is `scam` when a scam-type signal fired and `spam` otherwise. When no signal fired
at all, `MODEL_ONLY_PENALTY` applies: the model learned from SMS and comments, and on its own it
over-reads a client's "$600 budget" or "check out our logo"; it must then be sure (p ≳ 0.85).

Contact details alone never make a message spam or scam. The model reads them only as
placeholders ("_url_"), details shared for an allowed purpose raise no signal, and the verdict
asks the model a second time about the text without its details: when that answer is below
0.5 and the only signals are the contact-only ones (`offsite_move`, `shortened_link`, a new
sender), the score is capped below the threshold — the contact policy judges those messages.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from .contacts import SHORTENERS, ContactFindings, Span, name_messengers
from .normalize import skeleton

logger = logging.getLogger(__name__)

ARTIFACT_DIR = Path(__file__).resolve().parent / "artifacts"
MODEL_PATH = ARTIFACT_DIR / "spam-model.joblib"

Label = Literal["ok", "spam", "scam"]
THRESHOLD = 0.5

# Signals that say how a scam works; one of them makes a high score a `scam`, not `spam`.
SCAM_SIGNALS = frozenset(
    {
        "offsite_move",
        "platform_evasion",
        "money_upfront",
        "personal_data",
        "lookalike_link",
        "crypto",
        "task_scam",
    }
)
# Evidence that only says the message shares contact details or a link, or who sent it.
CONTACT_ONLY_SIGNALS = frozenset({"offsite_move", "shortened_link", "new_sender"})
# Log-odds each signal adds. Scam mechanics are strong evidence: legitimate clients rarely ask
# for fees, documents or crypto. Style and context signals are weak: real clients are urgent
# and new too. A campaign (the same text to many freelancers) is strong on its own.
WEIGHTS: dict[str, float] = {
    "money_upfront": 4.0,
    "personal_data": 4.0,
    "task_scam": 4.0,
    "crypto": 3.5,
    "lookalike_link": 3.5,
    "platform_evasion": 2.5,
    "mass_pitch": 2.0,
    "promo": 1.25,
    "offsite_move": 1.5,
    "urgency": 0.75,
    "shortened_link": 1.0,
    "new_sender": 0.5,
    "campaign": 2.5,
}
# Facts about the sender, not the text: they do not make a message "more than the model".
CONTEXT_SIGNALS = frozenset({"new_sender"})
MODEL_ONLY_PENALTY = -0.75
# A marketplace inbox is less spammy than the public corpora the model learned from. BIAS and
# MODEL_ONLY_PENALTY were chosen on the held-out split and the marketplace cross-validation
# (see the model's JSON): they trade a little SMS/YouTube recall for no false alarms on clients.
BIAS = -1.0
_LOGIT_LIMIT = 8.0


class ModelUnavailableError(RuntimeError):
    """The spam model artifact is missing and there is no data to train one."""


@dataclass(frozen=True, slots=True)
class SpamVerdict:
    """The spam/scam judgement of one message (CONTRACT §6 `spam`)."""

    label: Label
    score: float
    signals: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Return the contract's `spam` object."""
        return {"label": self.label, "score": self.score, "signals": list(self.signals)}


# --- Model input -----------------------------------------------------------------------------

_DIGITS = re.compile(r"\d")


def model_input(text: str, spans: Iterable[Span] = (), *, placeholders: bool = True) -> str:
    """Return the text the model reads: look-alikes folded, digits 0, contact details replaced.

    Each contact detail becomes a placeholder ("_url_", "_phone_"), or nothing when
    `placeholders` is false: the model may learn that a link next to "claim your prize" is
    spammy, and the verdict asks it again without the details to make sure that the details
    alone never decide. Digits become 0 so that "$1,100" and "$2,650" are the same evidence.
    """
    pieces: list[str] = []
    last = 0
    for start, end, kind in sorted(spans):
        if start >= last:
            pieces.append(text[last:start])
            pieces.append(f" _{kind}_ " if placeholders else " ")
        last = max(last, end)
    pieces.append(text[last:])
    return _DIGITS.sub("0", skeleton("".join(pieces)))


# --- Signals ---------------------------------------------------------------------------------


def _family(*patterns: str) -> re.Pattern[str]:
    """Return one regex matching any of `patterns` as whole words in a skeleton text."""
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(patterns) + r")(?![a-z0-9])")


_MESSENGERS = (
    r"(?:telegram|whatsapp|signal|skype|discord|wechat|viber|kik|line|snapchat|instagram|"
    r"messenger|hangouts|google\s+chat|imessage)"
)
_CHANNELS = (
    rf"(?:{_MESSENGERS}|e-?mail|gmail|my\s+(?:number|cell|phone|mobile|email)|phone|text|sms)"
)
_RAILS = (
    r"(?:zelle|cash\s*app|venmo|western\s+union|moneygram|bitcoin\s+atm|crypto\s+atm|"
    r"gift\s*cards?|wire\s+transfer)"
)
_AMOUNT = r"(?:[$£€]\s?\d[\d,.]*|\d[\d,.]*\s?(?:\$|usd|usdt|dollars?|eur|euros?|gbp|pounds?))"

_OFFSITE = _family(
    # "can we talk on whatsapp", "add him on skype", "details on telegram"
    rf"(?:talk|chat|continue|contact|reach|message|msg|text|dm|ping|hit\s+me\s+up|add|call|"
    rf"calls|speak|discuss|move|switch|communicate|connect|interview(?:ed|s)?|details|info|"
    rf"more|write|find)\b[^.!?\n]{{0,30}}?\b(?:on|via|over|through|thru|using|in|at|to)\s+"
    rf"{_CHANNELS}",
    r"(?:whatsapp|telegram|text|email|e-mail|skype|signal|wechat|viber|dm|sms)\s+me",
    rf"my\s+(?:{_MESSENGERS}|number|cell|phone|mobile|personal\s+email)\s+(?:is|:)",
    # Asking for the freelancer's messenger or number (an email is what access invites need).
    rf"(?:send|give|share|drop|text)\s+(?:me\s+|us\s+)?your\s+(?:{_MESSENGERS}|(?:phone|cell|mobile|"
    rf"contact)\s+(?:number|no)|number|phone|cell)|(?:what'?s|what\s+is)\s+your\s+"
    rf"(?:{_MESSENGERS}|number|phone|cell)|do\s+you\s+(?:have|use)\s+{_MESSENGERS}",
    rf"add\s+(?:me|him|her|us|them)\s*(?:on\s+{_MESSENGERS}|:)",
)
# Reasons given for leaving the platform: its fees, or a made-up fault of the app.
_EVASION = _family(
    r"outside\s+(?:of\s+)?(?:the\s+|this\s+)?(?:platform|site|app|upwork|fiverr)",
    r"off\s+(?:the\s+|this\s+)?(?:platform|site|app)",
    r"(?:cut\s+out|avoid|skip|bypass|save\s+on|get\s+around)\s+(?:the\s+|their\s+|platform\s+)*"
    r"(?:fees?|commission|middle\s*man)",
    r"pay\s+(?:you|me)\s+directly|email\s+me\s+direct(?:ly)?",
    r"instead\s+of\s+(?:this|the|here)\s*(?:app|site|platform|chat)?|(?:talk|chat|continue|"
    r"move|switch)\b[^.!?\n]{0,40}\binstead",
    r"(?:this|the)\s+(?:app|site|platform|chat)(?:'?s)?(?:\s+(?:messaging|chat|messages|inbox))?\s+"
    r"(?:keeps|is|isn'?t|are|seems|has\s+been)\s+(?:\w+\s+)?(?:logging|glitch|bugg|crash|"
    r"not\s+working|slow|down|unreliable|broken|limited|restricted|monitored|delayed)",
    r"(?:i|we)\s+(?:don'?t|do\s+not|rarely|barely|hardly)\s+(?:use|check|log\s*in\s+to|come\s+on)\s+"
    r"(?:this|the)\s+(?:site|app|platform|chat)",
    r"(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:not|rarely|hardly)\s+(?:really\s+|very\s+)?(?:on|active\s+on)\s+"
    r"(?:here|this\s+(?:site|app|platform))",
    r"(?:site|app|platform|system|chat)\s+(?:won'?t|doesn'?t|does\s+not|will\s+not|can'?t|cannot)\s+"
    r"(?:accept|let|allow|work|load|process|send)",
    r"(?:my|this|the)\s+account\s+(?:here\s+|on\s+here\s+)?(?:is|has|keeps|got|was)\s+(?:\w+\s+)?"
    r"(?:limited|restricted|blocked|suspended|flagged|banned|locked|issues|problems)",
    r"(?:can'?t|cannot|unable\s+to)\s+(?:message|chat|talk|reply|send|share|upload|use|log\s*in)\b"
    r"[^.!?\n]{0,20}\b(?:here|this\s+(?:app|site|platform))",
    rf"(?:only|just)\s+(?:does|do|use|uses|using|communicates?|available|reachable|"
    rf"responds?)\b[^.!?\n]{{0,30}}\b(?:on|via|over|through)\s+{_MESSENGERS}",
    # Real clients interview on the platform or on a video call, not in a chat app.
    rf"(?:interview|onboard|recruit|hire|meet)\w*\b[^.!?\n]{{0,30}}\b(?:on|via|over|through|"
    rf"using)\s+{_MESSENGERS}",
)
_MONEY_UPFRONT = _family(
    r"(?:registration|setup|set-up|set\s+up|application|processing|activation|membership|"
    r"training|onboarding|verification|certification|admin|administrative|joining|entry|starter|"
    r"material|equipment|security|refundable|one[-\s]time|clearance|insurance)\s+"
    r"(?:fee|fees|deposit|charge|cost)",
    rf"(?:fee|deposit)\s+(?:of\s+)?{_AMOUNT}",
    # Who pays matters: a client paying a deposit is a good sign, a freelancer paying one is not.
    r"(?:pay|send|transfer)\s+(?:a|the|an|your)?\s*(?:small\s+|refundable\s+)?fee",
    r"(?:you|u)\s+(?:will\s+)?(?:need\s+to\s+|must\s+|have\s+to\s+|should\s+)?(?:pay|send|make)\s+"
    r"(?:a|the|an|your)?\s*(?:small\s+|refundable\s+)?deposit",
    r"(?:hold|holds|require|requires|need|needs)\s+(?:a\s+)?(?:\$?\d+\s+)?(?:security\s+)?deposit",
    r"(?:buy|buys|purchase|purchases|order|pay\s+for)\s+(?:the\s+|a\s+|our\s+|your\s+)?"
    r"(?:\w+\s+){0,3}(?:kit|manual|software|licen[cs]e|equipment|course|test\s+access|"
    r"membership|subscription|items?|supplies|starter\s+pack|materials?)",
    r"membership\s+is",
    r"send\s+(?:me\s+|us\s+)?(?:the\s+|a\s+)?(?:receipt|screenshot\s+of\s+(?:the\s+)?payment)",
    r"(?:business|certified|cashier'?s?|company|personal)\s+(?:check|cheque)",
    r"(?:a|the|your|this|our)\s+(?:\w+\s+)?(?:check|cheque)\b[^.!?\n]{0,60}\bdeposit|"
    r"deposit\s+(?:it|the\s+(?:check|cheque|funds))",
    rf"keep\s+(?:the\s+)?(?:{_AMOUNT}|rest|remaining|difference|balance)",
    r"(?:buy|purchase|get|send|pay)\b[^.!?\n]{0,30}\b(?:gift\s*cards?|(?:apple|itunes|google\s+play|"
    r"steam|amazon|ebay|visa)\s+cards?)|(?:send|scratch)\s+(?:me\s+)?(?:the\s+)?(?:card\s+)?codes",
    # Irreversible payment rails, when someone is to send money through them.
    rf"(?:pay|send|transfer|settle|wire)\s+(?:it|them|him|her|us|me|you|the\s+\w+|our\s+\w+|"
    rf"their\s+\w+|{_AMOUNT})\s+(?:\w+\s+){{0,4}}(?:via|through|by|with|on|using)\s+(?:a\s+)?{_RAILS}",
    rf"(?:takes?|accepts?)\s+(?:only\s+)?(?:payment\s+)?(?:only\s+)?(?:through|via|by|in|with)?\s*"
    rf"(?:a\s+)?{_RAILS}|{_RAILS}\s+only|pay\s*pal\s+(?:f&f|friends)|friends\s+(?:and|&)\s+family",
    r"reship|re-ship|prepaid\s+(?:shipping\s+)?labels?|forward\s+the\s+packages?",
    r"settle\s+the\s+invoice|pay\s+(?:our|the|their)\s+(?:\w+\s+)?(?:partner|vendor|supplier)",
    r"release\s+the\s+(?:contract|job|funds|payment)\s+(?:after|once|when)",
    # Clients pay freelancers; a freelancer asked to pay for something is the scam.
    r"(?:you|u)\s+(?:will\s+|'ll\s+)?(?:need\s+to\s+|must\s+|have\s+to\s+|should\s+)?pay\b"
    rf"[^.!?\n]{{0,30}}?(?:fee|deposit|insurance|shipping|delivery\s+charge|charge|{_AMOUNT})",
    # Money mules: the freelancer's account receives and forwards someone else's money.
    r"keep\s+(?:\d+\s?%|a\s+(?:cut|percentage|commission))\s+(?:of|from)\s+(?:every|each|the)",
    r"cash\s+(?:them|the\s+(?:checks|cheques))|wire\s+the\s+(?:proceeds|funds|money|rest)",
    r"(?:receive|accept)\s+(?:\w+\s+){0,2}payments?\s+(?:to|into|in|on|through)\s+your\s+"
    r"(?:\w+\s+)?account|forward\s+(?:them|the\s+(?:money|funds|payments?))|"
    r"(?:payment|financial|money)\s+(?:processor|agent|representative|transfer\s+agent)",
)
_PERSONAL_TERMS = (
    r"(?:passport|driver'?s?\s+licen[cs]e|driving\s+licen[cs]e|(?:national|government(?:[-\s]issued)?|"
    r"photo|state)\s+id\b|id\s+(?:card|photo|scan|copy|front|document)|identity\s+(?:card|document)|"
    r"copy\s+of\s+your\s+(?:\w+\s+){0,2}id\b|ssn|social\s+security(?:\s+number)?|"
    r"tax\s+id|utility\s+bill|bank\s+statements?|selfie|date\s+of\s+birth|mother'?s\s+maiden|"
    r"routing\s+number|account\s+number|card\s+number|cvv|cvc|pin\s+(?:code|number)|"
    r"one[-\s]time\s+(?:code|password|passcode)|otp|verification\s+code|2fa\s+code|"
    r"security\s+code|password|passcode|login\s+(?:details|credentials|info)|credentials|"
    r"bank\s+login|online\s+banking|seed\s+phrase|recovery\s+phrase|private\s+key)"
)
_PERSONAL_DATA = _family(
    rf"(?:your|send|upload|provide|share|need|attach|submit|give|enter|confirm|verify|what'?s)"
    rf"\b[^.!?\n]{{0,40}}?\b{_PERSONAL_TERMS}",
    r"(?:confirm|verify|update|validate)\s+your\s+(?:details|identity|account|information|"
    r"info|payment\s+details|billing)",
    r"log\s*in\s+with\s+(?:your\s+)?(?:google|gmail|microsoft|apple|facebook|freelancer|"
    r"email|e-mail|account)",
)
_CRYPTO = _family(
    r"\d+(?:\.\d+)?\s?%\s?(?:daily|a\s+day|per\s+day|each\s+day|weekly|a\s+week|per\s+week|"
    r"monthly|a\s+month|per\s+month|returns?|profit|roi|apy|apr|interest)",
    r"(?:in|via|with|through|by)\s+(?:usdt|usdc|tether|btc|bitcoin|eth|ethereum|crypto|"
    r"cryptocurrency|bnb|trx|sol)",
    r"(?:usdt|usdc|btc|bitcoin|eth|crypto)\s+(?:wallet|address|balance|deposit|payment)s?"
    r"(?!\s+(?:app|company|startup|product|extension|integration|feature|project|provider))",
    r"\d+\s?(?:usdt|usdc|btc|eth)",
    r"wallet\s+(?:address|qr|browser|app)|connect\s+(?:your\s+)?wallet|seed\s+phrase",
    r"smart\s+contract|defi|dapp|yield\s+(?:vault|farm|farming)|liquidity\s+pool|staking|"
    r"airdrop|presale|tokeni[sz]\w*|copy[-\s]?trad\w*|forex|binary\s+options|mining\s+pool",
    r"pool\s+(?:funds|money|our\s+money)|fractional\s+shares|passive\s+income|"
    r"guaranteed\s+(?:profit|returns?|income)|doubles?\s+your\s+(?:money|investment|deposit)|"
    r"investment\s+(?:pool|plan|club|opportunity|platform)|arbitrage",
    r"send\s+(?:your\s+|the\s+|some\s+)?(?:btc|bitcoin|eth|ethereum|usdt|usdc|crypto)\s+to",
    rf"grew\s+from\s+{_AMOUNT}\s+to",
)
_TASK_SCAM = _family(
    rf"{_AMOUNT}\s*(?:per|each|for\s+each|/|a)\s*(?:google\s+|5[-\s]star\s+)?(?:review|rating|like|"
    r"follow|follower|comment|pin|repin|click|task|vote|subscriber|subscription|view|share|"
    r"retweet|download|survey|order|product)s?",
    r"(?:review|rating|like|comment|pin|task|click|vote|follow)s?\s*,?\s*" + _AMOUNT + r"\s*each",
    rf"{_AMOUNT}\s*each\b[^.!?\n]{{0,20}}\b(?:review|rating|like|comment|pin|task|click)",
    r"(?:save|like|rate|review|comment|follow|subscribe|vote)\s*(?:&|and)\s*(?:comment|like|"
    r"rate|review|follow|subscribe|share)\s+on",
    r"submit\s+(?:\d+\s+)?(?:ratings|reviews)|rate\s+(?:movies|films|products|hotels|apps)|"
    r"(?:ratings|reviews|tasks|orders)\s+per\s+(?:round|set|day)",
    r"screenshot\s+it|get\s+paid\s+(?:by|every|daily|instantly|per)",
    r"tasks?\s+(?:account|balance|platform|set|round)|working\s+balance|"
    r"recharge\s+(?:your\s+|the\s+)?(?:account|balance|wallet)|"
    r"negative\s+balance|unlock\s+(?:the\s+)?(?:next\s+)?(?:tasks|set|orders)",
    r"(?:trial|daily|task|order)\s+commission|commission\s+(?:per|of|on)\s+(?:each\s+)?"
    r"(?:task|order)",
    r"optimi[sz]e\s+(?:products|apps|orders|data)|boost\s+(?:ratings|rankings)|"
    r"merchant\s+(?:feedback|rating)|demo\s+round|trial\s+(?:task|round)",
    r"part[-\s]time\s+job\b[^.!?\n]{0,80}\b(?:like|comment|review|rate|pin|task|follow)",
    r"paid\s+to\s+your\s+wallet",
)
_MASS_PITCH = _family(
    r"selected\s+your\s+profile|(?:you(?:'ve|\s+have)\s+been|you\s+are|you're)\s+"
    r"(?:shortlisted|selected)|shortlisted",
    r"reaching\s+out\s+to\s+(?:a\s+few|several|some|multiple|many|selected)\s+freelancers",
    r"(?:remote|online|part[-\s]time|home[-\s]based)\s+(?:job|work|position|role)\s+"
    r"(?:opening|opportunity|available)|job\s+opening|we\s+are\s+hiring|now\s+hiring",
    r"part[-\s]time\s+job|work\s+from\s+(?:home|your\s+phone)|from\s+your\s+phone",
    r"no\s+(?:interview|experience|skills?)\s*(?:needed|required|necessary)?",
    r"training\s+(?:is\s+)?(?:included|provided)",
    rf"{_AMOUNT}\s*(?:weekly|per\s+week|a\s+week|/\s*week|daily|per\s+day|a\s+day|/\s*day)",
    r"apply\s+now|reply\s+now|spots?\s+(?:fill|are\s+limited|left)|limited\s+(?:spots|slots|"
    r"positions|openings)",
    r"kindly\s+(?:revert|reply|respond|add|message|contact)",
    r"compensation\s+package|above\s+market\s+rate|(?:tasks\s+are|simple|easy)\s+"
    r"(?:simple|tasks|easy|work)",
    r"all\s+candidates|dear\s+(?:candidate|applicant)|our\s+recruiter",
    r"earn\s+(?:up\s+to\s+)?" + _AMOUNT,
    r"ongoing\s+contract\s+for",
)
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
}
# Words that phishing domains string together ("contracts-freelance-center", "secure-login").
_BAIT_WORDS = frozenset(
    {
        "login", "signin", "secure", "verify", "verification", "account", "accounts", "payment",
        "payments", "payout", "payouts", "billing", "wallet", "support", "update", "confirm",
        "contract", "contracts", "freelance", "freelancer", "center", "centre", "portal", "auth",
        "dapp", "claim", "bonus", "reward", "gift", "files", "share", "intranet", "payroll",
        "helpdesk", "recovery", "unlock", "invoice", "invoices", "docs", "document", "review",
        "client", "clients", "desk", "service", "safe", "security", "official",
    }
)  # fmt: skip
_LEET_DIGITS = str.maketrans("013457", "oleast")


def _registrable(host: str) -> str:
    labels = host.split(".")
    # "example.co.uk" is registered under "co.uk": keep three labels for such suffixes.
    if len(labels) >= 3 and labels[-2] in ("co", "com", "org", "net", "ac", "gov"):
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
    tokens = [token for token in re.split(r"[.-]", host.removesuffix("." + suffix)) if token]
    if any(_imitates(token, brand) for token in tokens for brand in _BRANDS):
        return True
    name = registrable.split(".", 1)[0]
    words = name.translate(_LEET_DIGITS).split("-")
    return sum(word in _BAIT_WORDS for word in words) >= 2


# Files that run when opened: nobody shares a brief as a program.
_EXECUTABLE = re.compile(r"\.(?:exe|scr|bat|cmd|msi|apk|jar|vbs|ps1|dmg|pkg|com)(?:[?#]|$)")


def _url_host(url: str) -> str:
    return url.split("://", 1)[-1].split("/", 1)[0].split("?", 1)[0].split(":", 1)[0]


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
            and (shares_contact or bool(_OFFSITE.search(folded) or _EVASION.search(folded)))
        ),
    )
    check("platform_evasion", lambda: bool(_EVASION.search(folded)))
    check("money_upfront", lambda: bool(_MONEY_UPFRONT.search(folded)))
    check("personal_data", lambda: bool(_PERSONAL_DATA.search(folded)))
    check("urgency", lambda: bool(_URGENCY.search(folded)))
    hosts = [_url_host(url) for url in findings.urls]
    check("shortened_link", lambda: any(host in SHORTENERS for host in hosts))
    email_hosts = [email.rsplit("@", 1)[-1] for email in findings.emails]
    written = [
        _url_host(text[span.start : span.end].rsplit("@", 1)[-1])
        for span in findings.matches
        if span.kind in ("url", "email")
    ]
    check(
        "lookalike_link",
        lambda: (
            any(is_lookalike_domain(host) for host in hosts + email_hosts)
            or any(
                _EXECUTABLE.search(url.split("://", 1)[-1].partition("/")[2])
                for url in findings.urls
            )
            or any(not host.isascii() for host in written)
        ),
    )
    check("crypto", lambda: bool(_CRYPTO.search(folded)))
    check("task_scam", lambda: bool(_TASK_SCAM.search(folded)))
    check("mass_pitch", lambda: bool(_MASS_PITCH.search(folded)))
    check("promo", lambda: bool(_PROMO.search(folded)))
    if new_sender:
        fired.append("new_sender")
    if campaign:
        fired.append("campaign")
    return fired


# --- Model -----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def load_model() -> Any:
    """Return the trained spam model, loading it once per process (training it if missing)."""
    import joblib  # deferred: only a process that scores pays for the import
    import sklearn

    if not MODEL_PATH.exists():
        from .training import default_data_dir, train_and_save

        data_dir = default_data_dir()
        if not (data_dir / "sms_spam_train.csv").exists():
            raise ModelUnavailableError(
                f"No spam model at {MODEL_PATH} and no training data in {data_dir}; "
                "run `python manage.py train_detector --data <folder>`."
            )
        logger.warning("No spam model at %s; training one from %s", MODEL_PATH, data_dir)
        train_and_save(data_dir, out_dir=MODEL_PATH.parent, evaluate=False)
    trained_with = model_metadata().get("sklearn")
    if trained_with and trained_with != sklearn.__version__:
        logger.warning(
            "Spam model trained with scikit-learn %s, running %s; retrain with train_detector",
            trained_with,
            sklearn.__version__,
        )
    # The artifact is built by this project (train_detector) and shipped with the code.
    return joblib.load(MODEL_PATH)


def model_metadata() -> dict[str, Any]:
    """Return the metrics and version saved next to the model, or {} if there are none."""
    path = MODEL_PATH.with_suffix(".json")
    if not path.exists():
        return {}
    metadata: dict[str, Any] = json.loads(path.read_text())
    return metadata


class LinearScorer:
    """The fitted TF-IDF + logistic regression pipeline as plain dictionaries, for one text.

    `Pipeline.predict_proba` spends about 2 ms on one short text building sparse matrices;
    scoring one text needs only its n-grams, their idf and coefficient, and two norms. The
    n-grams come from the vectorizers' own analyzers, so the result is the pipeline's, to
    rounding (a test checks it).
    """

    def __init__(self, pipeline: Any) -> None:
        classifier = pipeline.named_steps["classifier"]
        coefficients = classifier.coef_[0]
        self.intercept = float(classifier.intercept_[0])
        self.blocks: list[tuple[Callable[[str], list[str]], dict[str, tuple[float, float]], bool]]
        self.blocks = []
        offset = 0
        for _name, vectorizer in pipeline.named_steps["features"].transformer_list:
            if vectorizer.norm != "l2" or not vectorizer.use_idf:
                raise ValueError("LinearScorer needs l2-normalised TF-IDF features")
            weights = {
                term: (float(vectorizer.idf_[index]), float(coefficients[offset + index]))
                for term, index in vectorizer.vocabulary_.items()
            }
            self.blocks.append((vectorizer.build_analyzer(), weights, vectorizer.sublinear_tf))
            offset += len(vectorizer.vocabulary_)

    def probability(self, text: str) -> float:
        """Return the probability that `text` (already `model_input`) is spam."""
        z = self.intercept
        for analyze, weights, sublinear in self.blocks:
            lookup = weights.get
            dot = norm = 0.0
            for term, count in Counter(analyze(text)).items():
                known = lookup(term)
                if known is None:
                    continue
                idf, coefficient = known
                value = (1.0 + math.log(count) if sublinear else count) * idf
                dot += value * coefficient
                norm += value * value
            if norm:
                z += dot / math.sqrt(norm)
        return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=1)
def load_scorer() -> LinearScorer:
    """Return the fast scorer of the trained model, built once per process."""
    return LinearScorer(load_model())


def spam_probabilities(texts: list[str], model: Any = None) -> list[float]:
    """Return the probability that each text (already `model_input`) is spam.

    `model` is a `LinearScorer` or a fitted pipeline to use instead of the model in use: the
    active `DetectorVersion`'s, or the shipped artifact (see `versions.model_in_use`).
    """
    if model is None:
        from .versions import model_in_use  # deferred: versions reads the database

        model = model_in_use().scorer
    if isinstance(model, LinearScorer):
        return [model.probability(text) for text in texts]
    return [float(row[1]) for row in model.predict_proba(texts)]


# --- Verdict ---------------------------------------------------------------------------------


def _logit(probability: float) -> float:
    probability = min(max(probability, 1e-6), 1 - 1e-6)
    return max(-_LOGIT_LIMIT, min(_LOGIT_LIMIT, math.log(probability / (1 - probability))))


def combine(
    probability: float, signals: list[str], *, bare_probability: float | None = None
) -> SpamVerdict:
    """Return the verdict for the model's probabilities and the signals that fired.

    `bare_probability` is the model's answer for the text without its contact details (the
    same as `probability` when it has none). When neither it nor any signal other than
    contact-only ones says spam, the contact details alone would decide: the score is capped.
    """
    bare = probability if bare_probability is None else bare_probability
    z = _logit(probability) + BIAS + sum(WEIGHTS.get(signal, 0.0) for signal in signals)
    if not set(signals) - CONTEXT_SIGNALS:
        # Nothing in the text but the model's impression: the model learned spam from SMS and
        # comments, where "$" and "check out" mean more than in a client's brief.
        z += MODEL_ONLY_PENALTY
    score = 1 / (1 + math.exp(-z))
    evidence = set(signals) - CONTACT_ONLY_SIGNALS
    if score >= THRESHOLD and bare < THRESHOLD and not evidence:
        # Sharing contact details is for the contact policy to judge, not a spam verdict.
        score = THRESHOLD - 0.01
    label: Label = "ok"
    if score >= THRESHOLD:
        label = "scam" if SCAM_SIGNALS.intersection(signals) else "spam"
    return SpamVerdict(label=label, score=round(score, 4), signals=signals)


def score_message(
    text: str,
    findings: ContactFindings,
    purpose: str | None,
    *,
    new_sender: bool = False,
    campaign: bool = False,
    model: Any = None,
) -> SpamVerdict:
    """Return the spam/scam verdict for `text`, given its contact details and their purpose."""
    signals = signals_for(text, findings, purpose, new_sender=new_sender, campaign=campaign)
    inputs = [model_input(text, findings.matches)]
    if findings.matches:
        inputs.append(model_input(text, findings.matches, placeholders=False))
    probabilities = spam_probabilities(inputs, model)
    return combine(probabilities[0], signals, bare_probability=probabilities[-1])
