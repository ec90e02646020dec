"""Crypto pitches: returns, coins aimed at the reader, wallets, trading groups."""

from __future__ import annotations

import re

from ..wordlists import word_list
from .phrases import AMOUNT, WORK, YOU, YOUR, any_match, family, not_negated

_COINS = rf"(?:{'|'.join(re.escape(coin) for coin in word_list('coins'))})"

# Crypto aimed at the reader: returns, gains, their wallet, a signals group.
_CRYPTO = family(
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
    # Being paid in coins is a way of paying outside the platform (`payment`), not a scam.
    rf"{YOUR}\s+(?:\w+\s+)?(?:{_COINS}|metamask|trust|crypto)\s+(?:wallet|address)",
    r"(?:send|transfer|deposit|move)\s+(?:it|them)?\s*(?:\w+\s+){0,4}?(?:to|into)\s+(?:the|our|my|"
    r"this|a|their)\s+(?:\w+\s+){0,2}wallet",
    r"connect\s+(?:your\s+|ur\s+)?wallet|wallet\s+(?:qr|browser)|verify\s+(?:your\s+)?wallet",
    rf"send\s+(?:your\s+|the\s+|some\s+)?{_COINS}\s+to",
    rf"grew\s+from\s+{AMOUNT}\s+to|turned\s+{AMOUNT}\s+into|made\s+\d+x|"
    r"\d+x\s+(?:my|your|their|his|her)\s+(?:salary|money|investment|income|savings)|"
    r"(?:projected|expect\w*|potential|easy|guaranteed)\s+\d+x|"
    r"(?:i'?m|i\s+am|we'?re|we\s+are|he'?s|she'?s|i\s+was)\s+up\s+\d+\s?%",
    r"(?:signals?|pump|trading|crypto|forex|copy[-\s]?trad\w*)\s+(?:group|channel|"
    r"community|room)",
    r"win\s*rate|\d+\s?%\s+(?:win|success|accuracy)\s+rate|next\s+(?:coin|token|gem|\d+x)|"
    r"(?:about\s+to|going\s+to|gonna|will)\s+moon|to\s+the\s+moon|pump\s+and\s+dump",
    r"(?:trad\w*|forex|crypto|investment|gold|stock)\s+(?:mentor|coach|guru|account\s+manager)",
    r"(?:my|our|his|her|a\s+personal)\s+(?:\w+\s+)?(?:trad\w*|forex|crypto|investment)\s+"
    r"(?:signals|expert)",
    r"(?:trade|trades|trading|invest|investing)\b[^.!?\n]{0,60}?\b(?:teach|show|mentor|guide|"
    rf"coach)\s+{YOU}|(?:teach|show)\s+{YOU}\s+(?:how\s+to\s+)?(?:trade|invest)|"
    rf"trades?\s+(?:for|on\s+behalf\s+of)\s+{YOU}",
    r"(?:starting|minimum|min\.?|initial)\s+(?:investment|deposit|ticket|stake)|"
    r"start\s+with\s+(?:just\s+|only\s+)?a\s+small\s+amount|"
    rf"manage\s+{YOUR}\s+(?:\w+\s+)?(?:portfolio|funds|money|investment|savings)|"
    r"(?:keep|get|earn)\s+\d+\s?%\s+of\s+(?:the\s+)?profits?|doubles?\s+your\s+(?:money|investment|"
    r"deposit)",
    # Offers to invest, and the wallet drainer: a "pre-funded" wallet from a phrase we send.
    rf"(?:you|u)(?:'d|\s+would|\s+can|\s+could)?\s+(?:\w+\s+){{0,3}}?(?:invest\s+(?:\$?\d[\d,.]*k?|"
    r"in\s+"
    r"(?:our|the|this|a|my)\s+(?:\w+\s+)?(?:token|fund|pool|coin|platform|presale))|buy\s+in\b|"
    r"join\s+as\s+(?:\w+\s+){0,3}investor)|offer\s+(?:you|u)\s+(?:\w+\s+){0,3}(?:allocation|"
    rf"tokens?)|buying\s+in\s+at\s+{AMOUNT}|projected\s+(?:listing|price)|"
    r"import\s+(?:the|this|my|our|a)\s+(?:\w+\s+)?(?:recovery|seed|secret)\s+phrase|"
    rf"pre-?funded\s+(?:wallet|balance|account)|{YOU}\b[^.!?\n]{{0,30}}\b(?:eth|bnb|trx|sol|"
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
    rf"(?:btc|crypto|forex|gold|options)\s+trading|(?:do|did)\s+{YOU}\s+(?:trade|invest)\b",
    r"turned\s+\$?\d[\d,.]*k?\s+into\s+\$?\d|(?:mentor|trader)'?s?\s+(?:group|channel|signals)",
    rf"(?:pay|paid|pays|compensate|compensated)\s+(?:{YOU}\s+)?(?:\w+\s+){{0,2}}?in\s+(?:our|an|a|"
    r"the)\s+"
    r"(?:[\w']+\s+){0,2}?(?:token|coin|yield\s+product)\b",
    rf"connect\s+{YOUR}\s+(?:\w+\s+)?(?:metamask|wallet|phantom)|connect\s+(?:metamask|"
    rf"trust\s+wallet|phantom|wallet)\s+(?:at|on|to)\b|approve\s+(?:the\s+)?spending|"
    rf"minimum\s+subscription\s+(?:of\s+)?{AMOUNT}",
)

# Crypto vocabulary: a scam pitch or the subject of a job (an audit, a translation, a tax report).
_CRYPTO_TOPIC = family(
    r"\d[\d,.]*\s?(?:usdt|usdc|btc|eth|bnb|trx)",
    rf"{_COINS}\s+(?:wallet|address|balance|deposit)s?",
    r"wallet\s+address|seed\s+phrase",
    r"smart\s+contract|defi|dapp|yield\s+(?:vault|farm|farming)|liquidity\s+pool|staking|"
    r"airdrop|presale|tokeni[sz]\w*|copy[-\s]?trad\w*|forex|binary\s+options|"
    r"passive\s+income|arbitrage|crypto\s+(?:fund|options|futures)|(?:btc|bitcoin)\s+futures|"
    r"(?:ai|automated|auto)\s+trading\s+(?:program|bot|platform|app|system)|(?:into|"
    r"interested\s+in)\s+"
    r"crypto\b",
    # "a crypto trading expert to review our bot", "generate trading signals": hiring and
    # building; "trading signals" pitched to the reader are the patterns above.
    r"(?:trad\w*|forex|crypto|investment)\s+(?:signals|expert)",
    r"pool\s+(?:funds|money|our\s+money)|fractional\s+shares|investment\s+(?:pool|plan|club|"
    r"opportunity|platform)|cloud\s+mining|mining\s+(?:contract|pool)|hash\s?rate\s+package",
)


def crypto_pitch(text: str) -> bool:
    if any_match(_CRYPTO, text, not_negated):
        return True
    return WORK.search(text) is None and _CRYPTO_TOPIC.search(text) is not None
