"""Phrase families shared by the signals: amounts, you and your, negation, quotes, work."""

from __future__ import annotations

import re
from collections.abc import Callable


def family(*patterns: str) -> re.Pattern[str]:
    """Return one regex matching any of `patterns` as whole words in a skeleton text."""
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(patterns) + r")(?![a-z0-9])")


# Quoted passages of three words or more: copy to write, a slogan, a line of a script.
_QUOTED = re.compile(
    r"(?<![a-z0-9])(['\"\u2018\u201c\u00ab])(?=[^'\"\u2019\u201d\u00bb\n]{0,150}?\s\S+\s)"
    r"[^'\"\u2019\u201d\u00bb\n]{3,150}?['\"\u2019\u201d\u00bb](?![a-z0-9])"
)


def without_quotes(text: str) -> str:
    return _QUOTED.sub(" _quote_ ", text)


AMOUNT = (
    r"(?:[$£€₹]\s?\d[\d,.]*k?|\d[\d,.]*k?\s?(?:\$|£|€|usd|usdt|usdc|dollars?|bucks|eur|euros?|"
    r"gbp|pounds?|rupees|rs|inr|php|pesos|naira|ngn|cents)|(?:usd|eur|gbp|us\$|inr|rs\.?|php)\s?"
    r"\d[\d,.]*|(?:ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|(?:one|two|three|"
    r"four|five)\s+hundred)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?\s+"
    r"(?:dollars|bucks|pounds|euros))"
)

YOU = r"(?:you|u|ya)"

YOUR = r"(?:your|ur|yr)"

# "never share your code", "don't send your password", "nobody will ever ask you for the
# password": advice, not a request. "set your own password": the reader keeps it. "how to verify
# your identity", "explain why companies ask for your bank account": a description, the copy of
# the work.
_NEGATED = re.compile(
    r"(?:(?:never(?!\s+mind)|not|don'?t|do\s+not|doesn'?t|won'?t|no\s+one|nobody|shouldn'?t|"
    r"should\s+not|without|no\s+need\s+to)\s+(?:\w+\s+){0,8}|(?:set|reset|change|choose|pick|create|remember|"
    r"protect|secure|keep|forgot|forget|recover|store|save)\s+(?:up\s+)?|"
    r"(?<![a-z])(?:(?:explain\w*|describ\w*|about|"
    r"on|article|post|guide|video)\s+(?:how|why)|how\s+to)\s+(?:\w+\s+){0,3})$"
)


def not_negated(text: str, start: int) -> bool:
    return _NEGATED.search(text[max(0, start - 60) : start]) is None


# The payer in front of a purchase: the client ("we'd like to pay", "I'll cover") or a third
# party ("customers buy a gift card") — then the reader pays nothing.
THIRD_PARTY = (
    r"(?:customers?|users?|buyers?|shoppers?|visitors?|people|members?|players?|students?|guests?|"
    r"patients?|subscribers?|donors?)(?:\s+(?:can|can'?t|cannot|will|won'?t|could|may|to|who|then|"
    r"should))?"
)

# Words that describe a piece of work: crypto next to them is what the job is about.
WORK = family(
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
_ABOUT_SCAMS = family(
    r"(?:article|blog|post|guide|video|training|course|script|ebook|newsletter|copy|translat\w*|"
    r"design|chatbot|awareness|module|lesson|quiz|checklist|explainer|write|writing)\b[^\n]{0,80}?"
    r"\b(?:scams?|fraud|phishing|spam|scammers?|fraudsters?)",
    r"(?:scams?|fraud|phishing)[-\s](?:awareness|prevention|training|detection)",
)


def any_match(pattern: re.Pattern[str], text: str, keep: Callable[[str, int], bool]) -> bool:
    """Return whether `pattern` matches `text` somewhere that `keep` accepts."""
    return any(keep(text, match.start()) for match in pattern.finditer(text))


def describes_scams(text: str) -> bool:
    """Return whether `text` has scams as the subject of the work ("an article on task scams")."""
    return bool(_ABOUT_SCAMS.search(text))


# The end of a sentence: a full stop, "!" or "?" before a space or the end, or a line break (not
# the point of "$15.00" or "example.com").
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")


def sentence_around(text: str, start: int, end: int) -> str:
    """Return the sentence holding `text[start:end]` (see `_SENTENCE_END`)."""
    left = 0
    for mark in _SENTENCE_END.finditer(text, 0, start):
        left = mark.end()
    right = _SENTENCE_END.search(text, end)
    return text[left : right.start() if right else len(text)]
