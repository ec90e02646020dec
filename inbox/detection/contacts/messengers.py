"""Messenger names, found through leetspeak, spacing and typos, and their chat links."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..wordlists import table
from .views import View

# Letters that senders swap for look-alike digits and symbols ("te1egram", "wh@tsapp").
_LEET = {
    "a": "a4@",
    "e": "e3",
    "g": "g9",
    "i": "i1l!|",
    "l": "l1i|",
    "o": "o0",
    "s": "s5$",
    "t": "t7+",
}


def _keyword_pattern(word: str, *, spaced: bool) -> str:
    """Return a regex body for `word` tolerating leetspeak and, if `spaced`, separated letters."""
    letters = [f"[{re.escape(_LEET[char])}]" if char in _LEET else re.escape(char) for char in word]
    joiner = r"[\W_]{0,2}" if spaced else ""
    return joiner.join(letters)


@dataclass(frozen=True, slots=True)
class _Network:
    name: str
    strong: tuple[str, ...]  # names that mean the messenger wherever they appear
    weak: tuple[str, ...] = ()  # short or common words: a messenger only right before a contact
    pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)
    weak_pattern: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        strong = "|".join(_keyword_pattern(word, spaced=len(word) >= 5) for word in self.strong)
        object.__setattr__(
            self, "pattern", re.compile(rf"(?<![a-z0-9])(?:{strong})(?![a-z0-9])", re.IGNORECASE)
        )
        weak = "|".join(re.escape(word) for word in self.weak)
        object.__setattr__(
            self,
            "weak_pattern",
            re.compile(rf"(?<![\w.@#])(?:{weak})(?![\w@])", re.IGNORECASE) if weak else None,
        )


NETWORKS: tuple[_Network, ...] = tuple(
    _Network(network["name"], tuple(network["strong"]), tuple(network["weak"]))
    for network in table("messengers")
)

# Weak names too common to mean a messenger even before "@name" ("line @media", "line 12"):
# they count only after a phrase that offers a contact ("add me on LINE @tomo").
_CONTEXT_ONLY = frozenset({"line"})

# A phrase that offers a contact on what follows: "add me on", "find me on", "move this to".
OFFER_BEFORE = re.compile(
    r"(?:\b(?:me|us)\s+(?:up\s+)?|\b(?:hmu|i'm|i\s+am)\s+|\b(?:move|moving|switch|switching|"
    r"continue|talk|chat|go|take)\s+(?:\w+\s+){0,3}?)(?:on|via|over|to|through|using)\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)

OFFER_WINDOW = 32


def _edits(word: str) -> set[str]:
    """Return the strings one deletion, transposition, substitution or insertion from `word`."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return (
        {a + b[1:] for a, b in splits if b}
        | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        | {a + c + b[1:] for a, b in splits if b for c in letters}
        | {a + c + b for a, b in splits for c in letters}
    )


# Misspelt names ("telegrm", "whatsaap", "instgram"): one typo from a long messenger name. Short
# names are left out, since one typo from them is often a word ("discard", "signed").
_REAL_WORDS = frozenset({"telegraf", "telegrams", "instagrams", "snapchats", "whatsapps"})

MISSPELT: dict[str, str] = {
    variant: network
    for network, name in (
        ("telegram", "telegram"),
        ("whatsapp", "whatsapp"),
        ("instagram", "instagram"),
        ("snapchat", "snapchat"),
        ("threema", "threema"),
    )
    for variant in _edits(name)
    if variant != name and variant not in _REAL_WORDS
}

LONG_WORD = re.compile(r"(?<![a-z0-9])[a-z]{6,10}(?![a-z0-9])", re.IGNORECASE)

ANY_NETWORK = re.compile(
    "|".join(f"(?P<{network.name}>{network.pattern.pattern})" for network in NETWORKS),
    re.IGNORECASE,
)

# Links that open a chat on a messenger; the value names the account.
MESSENGER_LINKS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?:t|telegram)\.(?:me|dog)/((?:joinchat/|\+)?[\w-]{3,})", re.I), "telegram"),
    (re.compile(r"^wa\.me/\+?(\d{7,15})", re.I), "whatsapp"),
    (re.compile(r"^api\.whatsapp\.com/send/?\?phone=\+?(\d{7,15})", re.I), "whatsapp"),
    (re.compile(r"^chat\.whatsapp\.com/([\w-]{6,})", re.I), "whatsapp"),
    (re.compile(r"^(?:discord\.gg|discord(?:app)?\.com/invite)/([\w-]{2,})", re.I), "discord"),
    (re.compile(r"^join\.skype\.com/(?:invite/)?([\w-]{4,})", re.I), "skype"),
    (re.compile(r"^m\.me/([\w.-]{3,})", re.I), "messenger"),
    (re.compile(r"^line\.me/(?:ti/p/|r/)?([~\w.-]{3,})", re.I), "line"),
    (re.compile(r"^signal\.me/#?p?/?([\w+.-]{3,})", re.I), "signal"),
    (re.compile(r"^u\.wechat\.com/([\w-]{3,})", re.I), "wechat"),
    (
        re.compile(
            r"^instagram\.com/(?!(?:p|reel|reels|explore|stories|accounts|tv)(?:/|$))([\w.]{2,30})",
            re.I,
        ),
        "instagram",
    ),
    (re.compile(r"^snapchat\.com/add/([\w.-]{3,})", re.I), "snapchat"),
    (re.compile(r"^wa\.link/([\w-]{3,})", re.I), "whatsapp"),
    (re.compile(r"^viber\.me/([\w.+-]{3,})", re.I), "viber"),
)


def network_mentions(view: View) -> list[tuple[int, int, str, bool]]:
    """Return (start, end, network, strong) for each messenger named in the view.

    A weak name ("signal", "line", "wa") or a misspelt one ("telegrm") is strong after a phrase
    that offers a contact ("add me on LINE", "let's move to Signal").
    """
    text = view.text
    mentions: list[tuple[int, int, str, bool]] = []
    for network in NETWORKS:
        for match in network.pattern.finditer(text):
            mentions.append((match.start(), match.end(), network.name, True))
        if network.weak_pattern is not None:
            for match in network.weak_pattern.finditer(text):
                mentions.append((match.start(), match.end(), network.name, False))
    for match in LONG_WORD.finditer(text):
        misspelt = MISSPELT.get(match.group(0).lower())
        if misspelt is not None:
            mentions.append((match.start(), match.end(), misspelt, False))
    promoted: list[tuple[int, int, str, bool]] = []
    for start, end, name, strong in mentions:
        if not strong and OFFER_BEFORE.search(text, max(0, start - OFFER_WINDOW), start):
            strong = True
        elif not strong and name in _CONTEXT_ONLY and not _brand_capitals(text, start, end):
            # "LINE @somchai88": the brand is written in capitals, the word is not.
            continue
        promoted.append((start, end, name, strong))
    # A name found twice (strong and weak, "whats app" and "whats") counts once, the longest.
    promoted.sort(key=lambda mention: (mention[0], -mention[1], not mention[3]))
    kept: list[tuple[int, int, str, bool]] = []
    for mention in promoted:
        if kept and mention[0] < kept[-1][1]:
            continue
        kept.append(mention)
    return kept


def _brand_capitals(text: str, start: int, end: int) -> bool:
    """Return whether a name is in capitals in text that is not: "LINE @tomo", not "MEDIA LINE"."""
    if not text[start:end].isupper():
        return False
    before = re.findall(r"[a-z]+", text[max(0, start - 24) : start], re.IGNORECASE)
    return not (before and before[-1].isupper())


def name_messengers(text: str) -> str:
    """Return `text` with disguised messenger names written plainly ("T·e·l·e·g·r·a·m")."""
    return ANY_NETWORK.sub(lambda match: match.lastgroup or match.group(0), text)
