"""Paid tasks: money per like, rating or click, and the balance traps that follow."""

from __future__ import annotations

import re

from .phrases import AMOUNT, THIRD_PARTY, YOU, YOUR, any_match, family

_BY_THIRD_PARTY = re.compile(rf"{THIRD_PARTY}\s+$")

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

_TASK_SCAM = family(
    rf"{AMOUNT}\s*(?:per|each|for\s+each|/|a)\s*(?:google\s+|5[-\s]star\s+|youtube\s+|spotify\s+|"
    rf"instagram\s+|tiktok\s+)?{_TASK_NOUNS}s?",
    rf"(?:review|rating|like|comment|pin|task|click|vote|follow)s?\s*,?\s*{AMOUNT}\s*each",
    rf"{AMOUNT}\s*each\b[^.!?\n]{{0,20}}\b(?:review|rating|like|comment|pin|task|click)",
    r"(?:save|like|rate|review|comment|follow|subscribe|vote)\s*(?:&|and|\+)\s*(?:comment|like|"
    r"rate|review|follow|subscribe|share)\b",
    rf"per\s+(?:\w+\s+){{0,2}}(?:video|post|song|page|channel|track)\s+{YOU}\s+(?:like|follow|"
    r"subscribe|watch|stream|rate|share)",
    rf"\d+\s+(?:songs|tracks|tasks|reviews|ratings|likes|videos|apps|orders|hotels|tickets|"
    rf"products|posts)\s*=\s*{AMOUNT}",
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
    rf"combination\s+(?:order|task|product)s?|top[-\s]?up\s+(?:to|of)\s+{YOUR}\s+account|"
    r"top\s+up\s+"
    rf"{YOUR}\s+(?:account|balance|wallet)|"
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
    rf"songs|accounts|channels|apps|products),?\s+(?:and\s+)?(?:get|earn|receive|make)\s+{AMOUNT}",
    r"(?:like|subscribe|follow|upvote)\b[^.!?\n]{0,40}?(?:\+|\band\b|\bthen\b)\s+"
    r"(?:send\s+(?:a\s+|the\s+|us\s+a\s+)?)?screenshots?\b",
    rf"(?:rating|like|follow|upvote|vote)s?\b[^.!?\n]{{0,60}}?{AMOUNT}\s*each|(?:trustpilot|"
    r"google|"
    rf"amazon|yelp|tripadvisor|g2|app\s+store|play\s+store)\s+reviews?\b[^.!?\n]{{0,60}}?{AMOUNT}",
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


def _third_party_free(text: str, start: int) -> bool:
    """Return whether the phrase at `start` is not about customers or users ("users can't leave
    5-star reviews", "customers buy a gift card")."""
    return _BY_THIRD_PARTY.search(text[max(0, start - 40) : start]) is None


def task_scam(text: str) -> bool:
    """Return whether `text` offers pay per like, rating or click, not said of customers."""
    return any_match(_TASK_SCAM, text, _third_party_free)
