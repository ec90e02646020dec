"""Contact details in a message — emails, phones, links, messenger handles — found through disguise.

Senders who want to move a conversation elsewhere hide their details from simple filters:
`ben[at]example[dot]org`, `d a n i e l . k @ example . net`, "five five five …", Cyrillic look-alike
letters, zero-width characters, keycap emoji, `T·e·l·e·g·r·a·m`. `find_contacts` undoes those
disguises in a few successive *views* of the text, each of which remembers, for every character,
where it came from in the original, so that every finding can be highlighted where the sender
wrote it.

The views, in order:

1. look-alikes folded (NFKC, invisibles and keycap marks removed, Cyrillic/Greek twins Latin);
2. letters spelled out one by one joined ("d a n i e l" → "daniel"; an underscore written between
   blanks is kept: "m a r c o _ d e s i g n" → "marco_design"), and a spaced-out scheme
   ("h t t p s : / /") closed up;
3. spelled-out at/dot replaced: "[at]", "(dot)", '"at"', " dot " (not after a word such as "the":
   "the dot com era"), labels joined by a dot with a space before it ("elise-writes . net") or by
   a bullet before the top-level domain ("example • com"), and " at " before a domain when the
   part before it reads as a mailbox (it has the marks of one, the domain is a webmail, a word
   like "email" is near, or the domain was disguised: "felix at example dot io");
4. for phones only: emoji and bullets between digit groups made spaces ("+63 🔹 917"), and
   spelled-out digits, alone or mixed with digits, written as digits ("plus four four …",
   "4 one 5 - 555 - oh one 6 two" → "4155550162").

Finders then read the views. Emails: an address, or a user name given for a webmail provider
("my gmail is rahul.verma1998"). Links: a host whose top-level domain is real and, when the host
is bare, not mostly a file extension (`main.py`, `logo.ai`) or a word run into the next sentence
("sambar.life") — unless a scheme, a path, a word such as "site:" or "W:", or a disguise says it
is an address; links to a public IP address with a scheme, port or path (a bare "1.2.3.4" is a
version); products named by their domain ("the Frame.io project") are not links. Phones: parsed
by `phonenumbers` (libphonenumber); a number in no country's plan counts only next to a cue ("call",
"my number", a messenger's name, 📞, a cue in another language, or a country or city written just
after it: "(Cairo)"). A national number with a trunk "0" needs no cue when it is grouped as a phone
and valid in a likely country; the UK's drama ranges (07700 900xxx) count as valid. Letters for
digits ("555-O1O1"), digits of any script, "(+44)" and "0044" are read as what they stand for;
reference numbers ("order no.", "VAT number", "ISBN"), amounts and round numbers are not phones.
Handles need a messenger named next to them — an "@name"
alone is a mention, a decorator or a CSS rule, not a contact. Names are found through
leetspeak, spacing and one typo ("telegrm"); short or common names ("signal", "line", "wa") count
only before an "@name", a "name: value" or a number, or after a phrase that offers a contact
("add me on LINE @tomo", "let's move to Signal, my number is …"); a number written after a
messenger's name is that messenger's account too.

The patterns avoid nested unbounded repetition (atomic groups, bounded windows, an "@" required
within reach), so that a long hostile message costs milliseconds; the tests time a few.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher

from .normalize import skeleton

EMAIL, PHONE, URL, HANDLE = "email", "phone", "url", "handle"
DEFAULT_REGION = "US"


def _words(text: str) -> frozenset[str]:
    """Return the whitespace-separated words of `text` as a set (long lists read better so)."""
    return frozenset(text.split())


# --- Top-level domains -----------------------------------------------------------------------

# Top-level domains people read as an address even when written bare ("example.com").
_CORE_TLDS = _words("com net org edu gov mil int info biz io co ly gl gg tv fm xyz me dev")
# Reserved for documentation and tests (RFC 2606), and used as such in examples.
_RESERVED_TLDS = _words("test example invalid localhost")
# Newer generic TLDs that are also English words: "job.Life is good" is a missing space.
_WORD_TLDS = _words(
    """
    app online site store shop tech live link click top club page blog cloud art design studio
    agency digital news today world space website pro life work works email tools team group
    company business finance money cash pay bank loans credit capital fund trade market network
    services support center help media social chat games win bet vip icu cyou buzz rest host
    press land academy one global asia mobi name jobs careers events photo photos video music
    wiki am as at be by do id im in is it my no to us
    """
)
# Country codes that are mostly file extensions (`main.py`, `logo.ai`, `notes.md`).
_FILE_TLDS = _words("ai py sh rs md pl ps cc so ml mk st rb mm sc")
# Word TLDs that are also names of members in code (`user.email`, `self.name`, `req.app`).
_CODE_WORD_TLDS = _words("email name app page link one work team group host rest")
_COUNTRY_TLDS = frozenset(
    {region.lower() for region in phonenumbers.SUPPORTED_REGIONS} | {"uk", "eu", "su", "ac"}
)
_ALL_TLDS = _CORE_TLDS | _RESERVED_TLDS | _WORD_TLDS | _COUNTRY_TLDS
# Framework names that look like domains but are, in a brief, technologies.
_TECH_NAMES = frozenset({"asp.net", "ado.net", "vb.net", "dot.net"})

SHORTENERS = _words(
    """
    bit.ly bitly.com tinyurl.com t.co goo.gl ow.ly is.gd buff.ly rebrand.ly cutt.ly shorturl.at
    tiny.cc rb.gy t.ly s.id bl.ink lnkd.in shorte.st adf.ly v.gd qr.ae x.co soo.gd clck.ru
    tiny.one short.io linktr.ee u.to shorturl.com 2no.co urlz.fr
    """
)

# --- Messengers ------------------------------------------------------------------------------

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


NETWORKS: tuple[_Network, ...] = (
    _Network("telegram", ("telegram", "telegramm", "telegra", "tlgrm"), ("tg", "tele")),
    _Network(
        "whatsapp",
        # "the green app" is what senders call WhatsApp to slip past a filter; "zap" is Brazil's.
        (
            "whatsapp",
            "whatsap",
            "watsapp",
            "watsap",
            "whatapp",
            "whtsapp",
            "whats app",
            "green app",
        ),
        ("wa", "wapp", "whats", "zap", "zapzap"),
    ),
    _Network("signal", ("signal app", "signal messenger"), ("signal",)),
    _Network("skype", ("skype",)),
    _Network("discord", ("discord",), ("dc", "disc")),
    _Network(
        "wechat", ("wechat", "weixin", "we chat", "\u5fae\u4fe1\u53f7", "\u5fae\u4fe1"), ("wx",)
    ),
    _Network("line", ("line id", "line app", "line messenger"), ("line",)),
    _Network("viber", ("viber",)),
    _Network("kik", ("kik messenger",), ("kik",)),
    _Network("snapchat", ("snapchat",), ("snap", "sc")),
    _Network("instagram", ("instagram",), ("insta", "ig")),
    _Network("messenger", ("facebook messenger", "fb messenger"), ("messenger", "fb")),
    _Network("hangouts", ("hangouts", "google chat"), ()),
    _Network("threema", ("threema",)),
    _Network("kakaotalk", ("kakaotalk", "kakao talk", "kakao")),
    _Network("zalo", ("zalo",)),
    _Network("wickr", ("wickr",)),
    _Network("icq", ("icq",)),
    _Network("imessage", ("imessage",)),
    _Network("slack", ("slack handle", "slack username", "slack id", "slack dm"), ("slack",)),
)
# Weak names too common to mean a messenger even before "@name" ("line @media", "line 12"):
# they count only after a phrase that offers a contact ("add me on LINE @tomo").
_CONTEXT_ONLY = frozenset({"line"})
# A phrase that offers a contact on what follows: "add me on", "find me on", "move this to".
_OFFER_BEFORE = re.compile(
    r"(?:\b(?:me|us)\s+(?:up\s+)?|\b(?:hmu|i'm|i\s+am)\s+|\b(?:move|moving|switch|switching|"
    r"continue|talk|chat|go|take)\s+(?:\w+\s+){0,3}?)(?:on|via|over|to|through|using)\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
_OFFER_WINDOW = 32
# Abbreviations used as a label ("tg: pixelmaya", "dc: sunny_dev"): a plain name after them and a
# colon is an account when nothing else follows in the clause.
_LABELS = frozenset(
    {"tg", "wa", "wapp", "ig", "insta", "sc", "dc", "disc", "wx", "kik", "tele", "fb", "snap"}
)
# Abbreviations that name a messenger before a plain account with the marks of one, without a
# colon: "insta davi_tattoo", "tg pixel_maya".
_BARE_LABELS = frozenset({"tg", "ig", "insta", "wx", "kik"})
# What may stand before a label: the start, a line break or punctuation, "my", "or", "on" ("ig:
# marlowe, wa: …", "my tg: x"); "burn it to disc: final_cut_v2" is no label.
_LABEL_START = re.compile(
    r"(?:^|[\n.,;:!?()\[\]|/\u2022\u00b7\u2014\u2013-]|\b(?:my|our|or|and|on|via))[ \t]*$|^[ \t]*$",
    re.IGNORECASE,
)
# Abbreviations that are also places and words ("Washington, DC 202 …"): no number is their account.
_NO_NUMBER_ACCOUNT = frozenset({"dc", "sc", "disc"})
# The end of a clause after an account ("tg: pixelmaya, thanks", "… on telegram johnny.").
_CLAUSE_END = re.compile(
    r"[ \t]*(?:$|[\n,;!?)(]|\.(?:\s|$)|[ \t]+(?:or|and|if|pls|please|thanks|thx|ty)(?![\w@]))",
    re.IGNORECASE,
)


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
_MISSPELT: dict[str, str] = {
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
_LONG_WORD = re.compile(r"(?<![a-z0-9])[a-z]{6,10}(?![a-z0-9])", re.IGNORECASE)
_ANY_NETWORK = re.compile(
    "|".join(f"(?P<{network.name}>{network.pattern.pattern})" for network in NETWORKS),
    re.IGNORECASE,
)

# Links that open a chat on a messenger; the value names the account.
_MESSENGER_LINKS: tuple[tuple[re.Pattern[str], str], ...] = (
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

# Words that follow a messenger's name but are not an account ("my telegram is down").
_NOT_HANDLES = _words(
    """
    a an the and or is me my our your his her their us you him it this that there here only
    instead now pls please thanks thank if to on in at for of with by from as group channel bot
    bots app apps account id name handle username user number no yes ok okay chat call calls video
    message messages link server community integration api too also later soon today tomorrow
    text texts voice sms mini web desktop business support team
    down up off out blocked banned broken dead slow full fine good great better best easier
    faster free same private public open closed new old active inactive verified linked
    connected disabled deleted hacked empty not still just available offline online
    later asap tonight instead anytime anyway either then first again sometime too
    easiest quickest fastest simplest safest preferred simpler quicker safer best works working
    media keyframes import supports charset namespace layer container font-face
    """
) | {network.name for network in NETWORKS}

# --- Phones ----------------------------------------------------------------------------------

_PHONE_CUE = re.compile(
    r"(?<![a-z])(?:call|calls|calling|ring|dial|text|txt|texts|sms|phone|ph|tel|telephone|cell|"
    r"cellphone|mobile|mob|landline|whatsapp|whats|wapp|watsap+|wa|signal|viber|imessage|facetime|"
    r"telegram|tg|wechat|threema|(?:my|phone|cell|mobile|contact|personal|direct|whatsapp|"
    r"telegram|signal)\s+(?:number|no\.?|#|num)|my\s+line|number\s+is|reach\s+me|area\s+code|"
    # Invitations to get in touch, and labels of a signature ("M: 07700 …", "tel.").
    r"(?:message|msg|ping|contact|buzz|hit)\s+(?:me|us)(?:\s+up)?|hmu|reach\s+us|get\s+in\s+touch|"
    r"digits|mobile\s+no|[tmc]\s*:|celular|movil|m\u00f3vil|portable|handy\s*:|"
    # Telephone receiver and mobile phone emoji.
    r"[\u260e\u2706\U0001f4de\U0001f4f1\U0001f4f2])(?![a-z])",
    re.IGNORECASE,
)
# Cue words in other languages: call me, phone, number, mobile. They are matched in the folded
# view, where look-alike letters are Latin ("звоните" is written "зbohиte" there), so they are
# folded the same way when the module loads (see `_folded_cue`).
_FOREIGN_CUES = (
    "appelle", "appelez", "appeler", "t\u00e9l\u00e9phone", "num\u00e9ro", "llama", "llamame",
    "ll\u00e1mame", "n\u00famero", "numero", "ligar", "me liga", "me chama", "zap", "whats",
    "chiama", "chiamami", "cellulare", "bel me", "bellen", "mobiel", "anrufen", "ruf mich",
    "nummer", "handynummer", "h/p", "handphone", "hp no", "no hp", "nomor", "hubungi",
    "\u0437\u0432\u043e\u043d\u0438\u0442\u0435", "\u0437\u0432\u043e\u043d\u0438",
    "\u043f\u043e\u0437\u0432\u043e\u043d\u0438", "\u043d\u043e\u043c\u0435\u0440",
    "\u0442\u0435\u043b\u0435\u0444\u043e\u043d", "\u0442\u0435\u043b",
    "\u0645\u0648\u0628\u0627\u064a\u0644", "\u0631\u0642\u0645",
    "\u0928\u0902\u092c\u0930", "\u09a8\u09ae\u09cd\u09ac\u09b0",
    "\u7535\u8bdd", "\u96fb\u8a71", "\u624b\u673a", "\u756a\u53f7",
)  # fmt: skip
_CUE_BEFORE, _CUE_AFTER = 48, 24
_MAX_DIGIT_RUNS = 40  # runs of digits read per message by the slower, country-by-country checks
_DIGIT_RUN = re.compile(r"\+?\(?\d[\d\s().\-]{5,}\d")
_NOT_A_PHONE = re.compile(r"^\d{1,4}[.\-]\d{1,2}[.\-]\d{2,4}$|^\d+\.\d+$")
_ENOUGH_DIGITS = re.compile(r"(?:\d\D{0,3}){7}")
_AREA_CODE = re.compile(r"area\s+code\W{0,3}\(?(\d{3})\)?|(?<![\d)])\((\d{3})\)(?![\s\-.]*\d)")
# Tried in order when a cue says "phone" but the number is not valid in the hinted regions.
_FALLBACK_REGIONS = (
    "GB", "AU", "CA", "IN", "IE", "NZ", "ZA", "DE", "FR", "ES", "IT", "NL",
    "PH", "NG", "PK", "SG", "AE", "BR", "MX", "KE", "GH", "EG", "SA", "MY", "ID", "TH",
    "VN", "BD", "LK", "TR", "RU", "UA", "PL", "PT", "BE", "CH", "AT", "SE", "NO", "DK",
    "FI", "GR", "RO", "IL", "JP", "KR", "CN", "HK", "TW", "AR", "CO", "CL", "PE",
)  # fmt: skip
# The UK's ranges reserved for drama (Ofcom): not "valid" for libphonenumber, yet what people
# type in examples and fiction. National significant numbers, without the trunk "0".
_DRAMA_GB = re.compile(r"7700900\d{3}|1632960\d{3}")
# A national number written without a cue: a trunk "0" and groups of two to five digits split
# the same way throughout ("07700 900123", "06 12 34 56 78", "0803-555-0172"), or unbroken.
_NATIONAL_GROUPING = re.compile(
    r"0\d{9,10}|0\d{1,4}(?P<sep>[ ]?[.\-][ ]?|[ ])\d{2,6}(?:(?P=sep)\d{2,5}){0,3}"
)
# Words that say a number is a reference, not a phone: "order no. 0803 …", "ISBN 0-306-…".
_NOT_PHONE_BEFORE = re.compile(
    r"(?<![a-z])(?:order|orders|invoice|inv|tracking|track|ref|reference|ticket|case|account|"
    r"acct|a/c|iban|booking|confirmation|isbn|issn|sku|serial|model|part|item|transaction|txn|"
    r"receipt|policy|claim|parcel|shipment|awb|pnr|batch|lot|version|build|code|pin|otp|"
    r"budget|price|cost|total|amount|salary|usd|eur|gbp|inr|ngn|rs\.?|[$\u20ac\u00a3\u20b9]|"
    r"vat|tax|gst|ein|tin|abn|acn|ssn|nin|passport|licen[cs]e|registration|company|reg|serie)"
    r"\s*(?:number|no\.?|num|nr\.?|#|id|code)?\s*(?:is|was)?\s*[:=#]?\s*(?:[a-z]{2}\s*)?$",
    re.IGNORECASE,
)
# Letters written for digits inside a number ("555-O1O1", "2l2"): a run of digits and "O", "o",
# "I", "l" with single separators; only groups holding a real digit are read as digits.
_LETTER_DIGITS = re.compile(r"(?<![\w+])[0-9OoIl](?:[ .\-]?[0-9OoIl]){6,16}(?!\w)")
_LETTER_DIGIT_GROUP = re.compile(r"[0-9OoIl]+")
# A country code written "(+44)" or dialled from abroad "0044 …", "00 44 …".
_INTL_PREFIX = re.compile(
    r"(?<![\w+])(?:\(\+(?P<bracketed>[1-9]\d{0,2})\)|00[ ]?(?P<dialled>[1-9]\d{0,2}))(?=[ \-.]?\d)"
)
_NUMBER_REST = re.compile(r"[ \-.]?\d(?:[ \-.]?\d){5,13}(?![\d\w])")
# A round number is an amount or a limit, not a phone: "10000000".
_ROUND = re.compile(r"[1-9]0{5,}$")
# Units and currencies after a number: "1500000 USD", "2000000 views".
_NOT_PHONE_AFTER = re.compile(
    r"\s*(?:usd|eur|gbp|inr|ngn|dollars?|euros?|pounds?|rupees?|naira|bucks|words|views|"
    r"followers|subscribers|people|users|downloads|units|pieces|pcs|km|kg|mb|gb|px|points|pts|"
    r"likes|votes|degrees|steps|times|rows|records|lines)(?![a-z])",
    re.IGNORECASE,
)
_REGION_WORDS = {
    "au": "AU", "australia": "AU", "uk": "GB", "gb": "GB", "united kingdom": "GB",
    "britain": "GB", "england": "GB", "london": "GB", "ca": "CA", "canada": "CA",
    "in": "IN", "india": "IN", "nz": "NZ", "new zealand": "NZ", "ie": "IE", "ireland": "IE",
    "de": "DE", "germany": "DE", "fr": "FR", "france": "FR", "us": "US", "usa": "US",
    "za": "ZA", "south africa": "ZA", "ph": "PH", "philippines": "PH", "ng": "NG",
    "nigeria": "NG", "pk": "PK", "pakistan": "PK", "sg": "SG", "singapore": "SG",
    # More countries, by code in brackets ("(MX)") or by name.
    "mx": "MX", "mexico": "MX", "br": "BR", "brazil": "BR", "brasil": "BR", "ar": "AR",
    "argentina": "AR", "eg": "EG", "egypt": "EG", "ke": "KE", "kenya": "KE", "gh": "GH",
    "ghana": "GH", "my": "MY", "malaysia": "MY", "id": "ID", "indonesia": "ID", "th": "TH",
    "thailand": "TH", "vn": "VN", "vietnam": "VN", "bd": "BD", "bangladesh": "BD",
    "lk": "LK", "sri lanka": "LK", "tr": "TR", "turkey": "TR", "ru": "RU", "russia": "RU",
    "ua": "UA", "ukraine": "UA", "pl": "PL", "poland": "PL", "pt": "PT", "portugal": "PT",
    "es": "ES", "spain": "ES", "it": "IT", "italy": "IT", "nl": "NL", "netherlands": "NL",
    "ae": "AE", "uae": "AE", "sa": "SA", "saudi": "SA", "jp": "JP", "japan": "JP",
    "kr": "KR", "korea": "KR", "cn": "CN", "china": "CN", "hk": "HK", "hong kong": "HK",
    "tw": "TW", "taiwan": "TW", "co": "CO", "colombia": "CO", "cl": "CL", "chile": "CL",
    "pe": "PE", "peru": "PE",
    # Big cities written next to a number ("(Buenos Aires)", "Sydney office").
    "sydney": "AU", "melbourne": "AU", "brisbane": "AU", "toronto": "CA", "vancouver": "CA",
    "montreal": "CA", "mumbai": "IN", "delhi": "IN", "bangalore": "IN", "bengaluru": "IN",
    "chennai": "IN", "hyderabad": "IN", "kolkata": "IN", "pune": "IN", "lagos": "NG",
    "abuja": "NG", "karachi": "PK", "lahore": "PK", "islamabad": "PK", "manila": "PH",
    "cebu": "PH", "dubai": "AE", "abu dhabi": "AE", "riyadh": "SA", "jeddah": "SA",
    "cairo": "EG", "nairobi": "KE", "accra": "GH", "kuala lumpur": "MY", "jakarta": "ID",
    "bangkok": "TH", "hanoi": "VN", "saigon": "VN", "ho chi minh city": "VN", "dhaka": "BD",
    "colombo": "LK", "istanbul": "TR", "ankara": "TR", "moscow": "RU", "kyiv": "UA",
    "kiev": "UA", "warsaw": "PL", "lisbon": "PT", "madrid": "ES", "barcelona": "ES",
    "rome": "IT", "milan": "IT", "amsterdam": "NL", "paris": "FR", "berlin": "DE",
    "munich": "DE", "sao paulo": "BR", "s\u00e3o paulo": "BR", "rio de janeiro": "BR",
    "cdmx": "MX", "mexico city": "MX", "guadalajara": "MX", "buenos aires": "AR",
    "bogota": "CO", "bogot\u00e1": "CO", "tokyo": "JP", "osaka": "JP", "seoul": "KR",
    "beijing": "CN", "shanghai": "CN", "taipei": "TW", "manchester": "GB",
    "edinburgh": "GB", "glasgow": "GB", "dublin": "IE", "auckland": "NZ",
    "johannesburg": "ZA", "cape town": "ZA",
}  # fmt: skip
# Two-letter codes count only in brackets ("(PK)"): bare, "in", "it", "my" are words.
_REGION_CODES = sorted((word for word in _REGION_WORDS if len(word) == 2), reverse=True)
_REGION_NAMES = sorted((word for word in _REGION_WORDS if len(word) > 2), key=len, reverse=True)
_CODE_ALTERNATIVES = "|".join([*_REGION_CODES, "usa"])
_NAME_ALTERNATIVES = "|".join(re.escape(name) for name in _REGION_NAMES if name != "usa")
_REGION_HINT = re.compile(
    rf"\((?P<code>{_CODE_ALTERNATIVES})\)|(?<![a-z])(?P<name>{_NAME_ALTERNATIVES})(?![a-z])",
    re.IGNORECASE,
)
# A country or city written right after a number annotates a phone: "0122 331 9045 (Cairo)".
_REGION_AFTER = re.compile(
    rf"[ \t]*(?:\((?:{_CODE_ALTERNATIVES}|{_NAME_ALTERNATIVES})\)|[,\-\u2014\u2013][ \t]*"
    rf"(?:{_NAME_ALTERNATIVES})(?![a-z]))",
    re.IGNORECASE,
)
_DIGIT_WORDS = {
    "zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
}  # fmt: skip
# Emoji and symbols used as decoration: pictographs, dingbats, arrows, geometric shapes.
_EMOJI = r"[\U0001f000-\U0001faff\u2190-\u21ff\u25a0-\u27bf\u2b00-\u2bff]"
# Number words, alone or mixed with digits ("4 one 5 - 5 5 5 - oh one 6 two"), after an
# optional spoken "plus".
_SPELLED_DIGITS = re.compile(
    r"(?<![a-z0-9+])(?:plus[\s,.\-]{1,3})?"
    r"(?:(?:zero|oh|o|one|two|three|four|five|six|seven|eight|nine|double|triple|\d{1,4})"
    # A number word may touch digits: "09one7 55two 8190".
    r"(?:[\s,.\-/]{1,3}|(?=\W|$)|(?<=\d)(?=[a-z])|(?<=[a-z])(?=\d))){4,}",
    re.IGNORECASE,
)
# Emoji and bullets written between groups of digits ("+63 🔹 917 🔹 555").
_DIGIT_SEPARATOR = re.compile(
    rf"(?<=\d)[ \t]*(?:[\u00b7\u2022\u2219\u22c5\u30fb*|]|{_EMOJI})+[ \t]*(?=[\d(+])"
)

# --- Disguises -------------------------------------------------------------------------------

_SEPARATOR = rf"(?:[ \t\u00b7\u2022\u2219\u22c5\u30fb*~|_]|{_EMOJI})"
# Three or more single letters or digits separated by one space, dot-like bullet or emoji.
_SPACED_LETTERS = re.compile(
    rf"(?<![^\W_])[a-z0-9](?:\s?{_SEPARATOR}\s?[a-z0-9](?![^\W_])){{2,}}", re.IGNORECASE
)
_SEPARATORS_ONLY = re.compile(rf"\s*{_SEPARATOR}\s*|\s+")
# "[at]", "(dot)", and the quoted '"at"', "'dot'".
_QUOTE = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"
_BRACKET_AT = re.compile(
    rf"\s*(?:[\[({{<]\s*(?:at|@)\s*[\])}}>]|[{_QUOTE}]\s*(?:at|@)\s*[{_QUOTE}])\s*", re.IGNORECASE
)
_BRACKET_DOT = re.compile(
    rf"\s*(?:[\[({{<]\s*(?:dot|\.)\s*[\])}}>]|[{_QUOTE}]\s*(?:dot|\.)\s*[{_QUOTE}])\s*",
    re.IGNORECASE,
)
_WORD_DOT = re.compile(
    r"(?<![\w-])([a-z0-9][a-z0-9-]*)\s+(?:dot|d0t)\s+(?=[a-z0-9])", re.IGNORECASE
)
# Words that are not the name of a site before " dot ": "the dot com era".
_NOT_A_LABEL = _words(
    "the a an this that these those of in on at for and or to with by from as is was are be "
    "my your our their his her its no not new old early late first big whole "
    # Placeholders in prose about addresses: "user at domain dot com".
    "domain yourdomain company yourcompany website"
)
# Words before " at " that make it a preposition ("my work at", "samples are at", "more at").
_NOT_A_LOCAL = _NOT_A_LABEL | _words(
    "am 'm i'm we're it's im me us it them him her you here there up out online work works live "
    "lives hosted based more samples site website page portfolio blog reel demo stuff everything "
    "all details user username name yourname someone somebody"
)
# Labels joined by dots with a space before them ("elise-writes . net", "kai-studio .io"), by a
# bullet ("example • com"), or by a dot and a space before a top-level domain that is no English
# word ("youtube. com"). A dot followed by a space alone ends a sentence ("the hospital. De").
_DOT_LIKE = "\u2022\u00b7\u2219\u22c5"
_SPACED_DOTS = re.compile(
    r"(?<![\w-])[a-z0-9][a-z0-9-]*"
    rf"(?:(?:[ \t]+\.[ \t]*|\.|\.[ \t]+(?=(?:com|org|io)(?![\w-]))|[ \t]*[{_DOT_LIKE}][ \t]*)"
    r"[a-z0-9][a-z0-9-]*)+(?![\w-])",
    re.IGNORECASE,
)
_LABEL_SEPARATOR = re.compile(rf"[ \t]*[.{_DOT_LIKE}][ \t]*")
_SPACED_SCHEME = re.compile(r"(?<![a-z])(https?|hxxps?|ftp)[ \t]*:[ \t]*/[ \t]*/[ \t]*", re.I)
# A messenger's link with blanks around its slash: "t . me / sofia_ux" (dots joined first).
_SPACED_LINK_PATH = re.compile(
    r"(?<![\w.])((?:t|wa|m|telegram|signal|line|viber)\.me|discord\.gg|instagram\.com|wa\.link)"
    r"[ \t]*/[ \t]*(?=\w)",
    re.IGNORECASE,
)
_HXXP = re.compile(r"\bhxxp(s?)(?=:|\[:\])", re.IGNORECASE)
_IDEOGRAPHIC_DOT = re.compile(r"[\u3002\uff61]")
_DOMAIN = r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}"
# " at " before a domain: an email when the local part looks like one (see `_plain_at`).
_WORD_AT = re.compile(
    # A domain followed by a path is a link: "password at portal.example.net/login".
    rf"(?<![\w.+-])([a-z0-9][a-z0-9._%+-]*)(?:\s*,)?\s+(?:at|@)\s+({_DOMAIN})(?![\w/-])(?!\.\w)",
    re.IGNORECASE,
)
_EMAIL_CUE = re.compile(r"(?<![a-z])(?:e-?mail|mail|gmail|contact|reach)(?![a-z])", re.IGNORECASE)
_WEBMAIL = _words(
    "gmail googlemail yahoo ymail outlook hotmail live msn icloud me mac aol proton protonmail "
    "pm gmx mail yandex zoho hey fastmail tutanota qq 163"
)
# A user name given for a webmail provider ("my gmail is rahul.verma1998") is an address there.
_WEBMAIL_DOMAINS = {
    "gmail": "gmail.com", "googlemail": "googlemail.com", "yahoo": "yahoo.com",
    "ymail": "ymail.com", "outlook": "outlook.com", "hotmail": "hotmail.com",
    "icloud": "icloud.com", "protonmail": "protonmail.com", "proton": "proton.me",
    "aol": "aol.com", "gmx": "gmx.com", "yandex": "yandex.com", "zoho": "zoho.com",
}  # fmt: skip
_PROVIDER = rf"(?P<provider>{'|'.join(sorted(_WEBMAIL_DOMAINS, key=len, reverse=True))})"
_WEBMAIL_NAME = re.compile(
    # "gmail: name", "my yahoo id is name"
    rf"(?<![\w.@]){_PROVIDER}"
    r"(?:\s+(?:address|account|acc|id|username|user\s+name|email|mail|handle))?"
    r"\s*(?:[:=\u2014\u2013]|-+>?|\bis\b)\s*"
    r"(?P<local>[a-z0-9][a-z0-9._+-]{1,62}[a-z0-9])(?![\w@+-])(?!\.[a-z0-9])"
    # "name on gmail", "name at yahoo" (with no domain after it)
    r"|(?<![\w.@+-])(?P<before>[a-z0-9][a-z0-9._+-]{1,62}[a-z0-9])\s+(?:on|at|@)\s+"
    rf"{_PROVIDER.replace('provider', 'provider_after')}(?![\w@.-])",
    re.IGNORECASE,
)

# --- Finders ---------------------------------------------------------------------------------

_EMAIL_RE = re.compile(
    r"(?<![\w.+%-])"
    # An "@" must be near: without it, the optional spaces make a long text quadratic.
    r"(?=[^@\n]{1,160}@)"
    r"(?P<local>[a-z0-9_%+-]+(?:(?:\.|\s\.\s)[a-z0-9_%+-]+)*)"
    r"\s?@\s?"
    r"(?P<domain>(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.|\s\.\s))+[a-z]{2,24})"
    r"(?![\w-])",
    re.IGNORECASE,
)
_URL_RE = re.compile(
    r"(?<![\w@.+-])"
    r"(?P<scheme>(?:https?|ftp)://)?"
    r"(?P<host>(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?P<tld>[a-z]{2,24}))"
    r"(?![\w-])(?!\.\w)(?!\()"
    r"(?P<rest>(?::\d{2,5})?[/?#][^\s<>\"'`]*)?",
    re.IGNORECASE,
)
_URL_TRAILING = ".,;:!?)]}'\"»…"
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
# A link to an IP address needs a scheme, a port or a path: "1.2.3.4" alone is a version.
_IP_URL_RE = re.compile(
    r"(?<![\w@.+/-])"
    r"(?P<scheme>(?:https?|ftp)://)?"
    rf"(?P<host>{_OCTET}(?:\.{_OCTET}){{3}})(?!\d)(?!\.\d)"
    r"(?P<port>:\d{2,5})?"
    r"(?P<path>[/?#][^\s<>\"'`]*)?",
    re.IGNORECASE,
)
# Addresses that reach no one: this machine, a home or office network, "any address".
_LOCAL_NETWORKS = tuple(
    ipaddress.ip_network(network)
    for network in ("0.0.0.0/8", "10.0.0.0/8", "127.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")
)
# Words that introduce a link, so that a bare "okafor.studio" after them is one ("W: …").
_URL_CUE = re.compile(
    r"(?<![a-z])(?:(?:w|web|www)\s*:|(?:site|website|url|link|portfolio|homepage|home\s+page|blog|"
    r"visit|domain)\s*(?:is\s+|at\s+|[:=>\u2014\u2013-]\s*)?)\s*$",
    re.IGNORECASE,
)
# Products named by their domain ("the Frame.io project", "Monday.com boards"): written bare,
# they name the product rather than give a link.
_PRODUCT_DOMAINS = frozenset({"frame.io", "monday.com", "box.com", "cal.com", "dev.to", "read.cv"})
_AT_HANDLE = re.compile(r"(?<![\w@.])@\s?([a-z0-9_](?:[a-z0-9_.]{1,30}[a-z0-9_])?)(?![\w@])", re.I)
_DISCORD_TAG = re.compile(r"(?<![\w#])([a-z0-9_.]{2,32}#\d{4})(?!\w)", re.IGNORECASE)
_SKYPE_LIVE = re.compile(r"(?<![\w:])(live:[.a-z0-9_-]{3,})", re.IGNORECASE)
# What may stand between a messenger's name and the account: "'s", words such as "id",
# "username is" (taken whole, so that the account is never one of them), a separator.
_HANDLE_AFTER = re.compile(
    r"(?P<lead>(?:'s)?(?>(?:[\s,]+(?:id|username|user\s?name|handle|name|account|acc|is|me|at|on|"
    r"here|user|as)(?![a-z0-9]))*)[\s,]*(?P<sep>[:=\-\u2014\u2013>]|(?:"
    + _EMOJI
    + r"\ufe0f?[ \t]*){1,3})?\s*(?P<open>[(\"'\u201c\u2018])?)"
    r"(?P<value>@\s?[a-z0-9_][a-z0-9_.]{1,31}|live:[.a-z0-9_-]{3,}|[a-z0-9_][a-z0-9_.#-]{2,40})",
    re.IGNORECASE,
)
_CLOSERS = {"(": ")", '"': '"', "'": "'", "\u201c": "\u201d", "\u2018": "\u2019"}
# Words in the lead that say an account follows, as a colon does.
_EXPLICIT_LEAD = re.compile(r"(?<![a-z])(?:id|username|user\s?name|handle|is)(?![a-z])", re.I)
_NETWORK_WINDOW = 60  # characters between a messenger's name and an "@name" it introduces
_PHONE_WINDOW = 40  # characters between a messenger's name and a phone number
_PHONE_BEFORE_WINDOW = 16  # characters between a phone number and a messenger's name after it
# Words between a number and the messenger it is on: "é meu zap", "on whatsapp", "(telegram)".
_BETWEEN_PHONE_AND_NAME = re.compile(
    r"[\W_]*(?:(?:is|on|via|for|in|my|meu|minha|mi|é|e|es|ist|\u2014|-)[\s(]*){0,3}[\W_]*", re.I
)


class Span(NamedTuple):
    """A finding's place in the original text: `text[start:end]` is what the sender wrote."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True)
class ContactFindings:
    """Contact details in a text: canonical values and where they were written."""

    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()  # E.164 where the number parses; digits otherwise
    urls: tuple[str, ...] = ()
    handles: tuple[tuple[str, str], ...] = ()  # (network, value)
    matches: tuple[Span, ...] = ()
    networks: tuple[str, ...] = ()  # messengers named in the text, with or without a handle

    def __bool__(self) -> bool:
        return bool(self.emails or self.phones or self.urls or self.handles)

    def as_dict(self) -> dict[str, list[object]]:
        """Return the contract's `contact` object (CONTRACT §6)."""
        return {
            "emails": list(self.emails),
            "phones": list(self.phones),
            "urls": list(self.urls),
            "handles": [{"network": network, "value": value} for network, value in self.handles],
        }


# --- Views: text with a map back to the original ---------------------------------------------


@dataclass(frozen=True, slots=True)
class _View:
    """A rewritten text; character `i` came from `original[starts[i]:ends[i]]`."""

    text: str
    starts: Sequence[int]
    ends: Sequence[int]

    @classmethod
    def identity(cls, text: str) -> _View:
        return cls(text, range(len(text)), range(1, len(text) + 1))

    def origin(self, start: int, end: int) -> tuple[int, int]:
        """Return the span of the original text that `self.text[start:end]` came from."""
        return self.starts[start], self.ends[max(start, end - 1)]

    def rewrite(
        self, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str | None]
    ) -> _View:
        """Return the view with each match of `pattern` replaced (None keeps the match)."""
        pieces: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        last = 0
        for match in pattern.finditer(self.text):
            start, end = match.span()
            new = replace(match)
            if new is None or new == match.group(0) or end == start:
                continue
            pieces.append(self.text[last:start])
            starts.extend(self.starts[last:start])
            ends.extend(self.ends[last:start])
            # A replacement maps as a whole to the text it replaced.
            pieces.append(new)
            starts.extend([self.starts[start]] * len(new))
            ends.extend([self.ends[end - 1]] * len(new))
            last = end
        if not pieces:
            return self
        pieces.append(self.text[last:])
        starts.extend(self.starts[last:])
        ends.extend(self.ends[last:])
        return _View("".join(pieces), starts, ends)


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    if unicodedata.category(char) == "Me":
        return ""  # an enclosing mark: the keycap of "3️⃣" or a circle around a letter
    if unicodedata.category(char) == "Nd":
        return str(unicodedata.decimal(char))  # a digit of any script: "০১৯" is "019"
    folded = skeleton(char)
    if folded.isascii():
        return folded
    # Accented Latin letters ("whätsapp") match as their base letter.
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c)
    )
    return stripped if stripped.isascii() and stripped else folded


def _fold(text: str) -> _View:
    """Return `text` with look-alikes folded to ASCII, invisibles removed, ASCII case kept."""
    if text.isascii():
        return _View.identity(text)
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for index, char in enumerate(text):
        folded = char if char.isascii() else _fold_char(char)
        pieces.append(folded)
        starts.extend([index] * len(folded))
        ends.extend([index + 1] * len(folded))
    return _View("".join(pieces), starts, ends)


def _folded_cue(word: str) -> str:
    return re.escape(_fold(word).text).replace(r"\ ", r"\s+")


_FOREIGN_CUE = re.compile(
    rf"(?<![^\W\d_])(?:{'|'.join(_folded_cue(word) for word in _FOREIGN_CUES)})(?![^\W\d_])",
    re.IGNORECASE,
)


def _join_spaced(match: re.Match[str]) -> str:
    """Return "marco_design" for "m a r c o _ d e s i g n" and "john" for "j_o_h_n"."""
    text = match.group(0)
    separators = _SEPARATORS_ONLY.findall(text)
    # Between letters spaced out with blanks, an underscore with blanks around it is a letter.
    spaced = any(not separator.strip() for separator in separators)
    return _SEPARATORS_ONLY.sub(
        lambda sep: "_" if spaced and sep.group(0) != "_" and sep.group(0).strip() == "_" else "",
        text,
    )


def _word_dot(match: re.Match[str]) -> str | None:
    """Return "mike." for "mike dot ", unless the word before is not a name ("the dot com")."""
    label = match.group(1)
    return None if label.lower() in _NOT_A_LABEL else f"{label}."


def _spaced_domain(match: re.Match[str]) -> str | None:
    """Return "elise-writes.net" for "elise-writes . net" or "example • com", else None."""
    text = match.group(0)
    separators = _LABEL_SEPARATOR.findall(text)
    if all(separator == "." for separator in separators):
        return None  # written plainly
    labels = _LABEL_SEPARATOR.split(text)
    if labels[-1].lower() not in _ALL_TLDS or labels[0].lower() in _NOT_A_LABEL:
        return None
    # A bullet is a dot only before the top-level domain of an address that has an "@" or
    # another dot: "ivy@example.org · ivychen.test" and "Team · Design · Dev" are lists.
    bullets = [i for i, separator in enumerate(separators) if separator.strip() != "."]
    if bullets:
        after_at = match.string[: match.start()].rstrip().endswith("@")
        dotted = len(bullets) < len(separators) or labels[0].lower() == "www"
        if bullets != [len(separators) - 1] or not (after_at or dotted):
            return None
    return ".".join(labels)


def _plain_at(match: re.Match[str], view: _View, original: str) -> str | None:
    """Return "local@domain" for "local at domain" when it reads as an email, else None."""
    local, domain = match.group(1), match.group(2)
    tld = domain.rsplit(".", 1)[-1].lower()
    if tld not in _ALL_TLDS:
        return None
    # "I work at google.com" names a site; "olga.p at example.com" or "john at gmail.com" is mail,
    # and so is "felix at example dot io": nobody disguises the name of their employer.
    start, end = view.origin(*match.span(2))
    looks_like_mail = (
        any(char in local for char in "._%+0123456789")
        or domain.split(".", 1)[0].lower() in _WEBMAIL
        or _EMAIL_CUE.search(match.string, max(0, match.start() - 40), match.start()) is not None
        or (original[start:end].lower() != domain.lower() and local.lower() not in _NOT_A_LOCAL)
    )
    return f"{local}@{domain}" if looks_like_mail else None


def _disguises_undone(view: _View, original: str) -> _View:
    """Return the view with spelled-out letters joined and spelled-out "at"/"dot" replaced."""
    view = view.rewrite(_IDEOGRAPHIC_DOT, lambda _match: ".")
    view = view.rewrite(_SPACED_LETTERS, _join_spaced)
    view = view.rewrite(_SPACED_SCHEME, lambda match: f"{match.group(1)}://")
    view = view.rewrite(_HXXP, lambda match: f"http{match.group(1)}")
    view = view.rewrite(_BRACKET_DOT, lambda _match: ".")
    view = view.rewrite(_WORD_DOT, _word_dot)
    view = view.rewrite(_BRACKET_AT, lambda _match: "@")
    dotted = view.rewrite(_SPACED_DOTS, _spaced_domain)
    dotted = dotted.rewrite(_SPACED_LINK_PATH, lambda match: f"{match.group(1)}/")
    return dotted.rewrite(_WORD_AT, lambda match: _plain_at(match, dotted, original))


def _spelled_digits(match: re.Match[str]) -> str | None:
    """Return "212 555 0131" for "two one two, five five five, zero one three one"."""
    tokens = re.findall(r"[a-z]+|\d|[,/]", match.group(0).lower())
    plus = tokens[0] == "plus"
    tokens = tokens[1:] if plus else tokens
    groups: list[str] = [""]
    repeat = 1
    for word in tokens:
        if word in (",", "/"):
            groups.append("")
        elif word in ("double", "triple"):
            repeat = 2 if word == "double" else 3
        else:
            groups[-1] += _DIGIT_WORDS.get(word, word) * repeat
            repeat = 1
    digits = "".join(groups)
    # "o" and "oh" alone are words; a run needs real number words to be a number: three, or two
    # among digits ("7 one 8 - 555 - oh 1 two 9").
    words = sum(word in _DIGIT_WORDS and len(word) > 2 for word in tokens)
    mixed = any(word.isdigit() for word in tokens)
    if len(digits) < 7 or words < (2 if mixed else 3):
        return None
    trailing = match.group(0)[len(match.group(0).rstrip()) :]
    return ("+" if plus else "") + " ".join(group for group in groups if group) + trailing


def _letter_digits(match: re.Match[str]) -> str | None:
    """Return "555-0101" for "555-O1O1": letters read as digits in groups that hold a digit."""
    text = match.group(0)
    if text.isdigit() or sum(char.isdigit() for char in text) < 5:
        return None

    def group(piece: re.Match[str]) -> str:
        value = piece.group(0)
        if not any(char.isdigit() for char in value):
            return value
        return value.translate(_LETTER_TO_DIGIT)

    fixed = _LETTER_DIGIT_GROUP.sub(group, text)
    return fixed if sum(char.isdigit() for char in fixed) >= 7 else None


_LETTER_TO_DIGIT = str.maketrans("OoIl", "0011")


def _international_prefix(match: re.Match[str]) -> str | None:
    """Return "+44" for "(+44)" and for "0044" or "00 44" when a whole number follows."""
    if match.group("bracketed"):
        return f"+{match.group('bracketed')}"
    rest = _NUMBER_REST.match(match.string, match.end())
    if rest is None:
        return None
    digits = match.group("dialled") + re.sub(r"\D", "", rest.group(0))
    if _e164_international(digits) is None:
        return None
    return f"+{match.group('dialled')}"


# --- Finders ---------------------------------------------------------------------------------


def _tld_allowed(host: str, tld: str, *, explicit: bool) -> bool:
    """Return whether `host` reads as a web address rather than a file name, code or a typo.

    `explicit` is a scheme or a path after the host: "main.py/" is rare, "main.py" is a file.
    """
    if tld not in _ALL_TLDS or host in _TECH_NAMES:
        return False
    if explicit or host.startswith("www."):
        return True
    labels = host.split(".")
    if tld in _CODE_WORD_TLDS or not any(char.isalpha() for char in labels[-2]):
        # "1.it is about Africa" is a numbered list.
        return False
    if tld in _FILE_TLDS:
        return len(labels) >= 3
    if tld in _WORD_TLDS:
        # "payout-center.online" is an address; "sambar.life" is two sentences run together.
        return len(labels) >= 3 or any(char in labels[-2] for char in "-0123456789")
    return True


def _overlaps(span: tuple[int, int], taken: Iterable[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


@dataclass
class _Collector:
    """Findings gathered so far, deduplicated in order of appearance."""

    emails: dict[str, None] = field(default_factory=dict)
    phones: dict[str, None] = field(default_factory=dict)
    urls: dict[str, None] = field(default_factory=dict)
    handles: dict[tuple[str, str], None] = field(default_factory=dict)
    spans: list[Span] = field(default_factory=list)
    taken: list[tuple[int, int]] = field(default_factory=list)  # original spans of emails/URLs
    phone_spans: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, value

    def add(self, kind: str, span: tuple[int, int]) -> None:
        self.spans.append(Span(span[0], span[1], kind))


def _find_emails(view: _View, found: _Collector) -> None:
    for match in _EMAIL_RE.finditer(view.text):
        local = re.sub(r"\s", "", match.group("local")).lower()
        domain = re.sub(r"\s", "", match.group("domain")).lower()
        if (
            domain.rsplit(".", 1)[-1] not in _ALL_TLDS
            or ".." in local
            # "Use 'at' and 'dot' in the guide" is prose, not use@and.in.
            or domain.split(".", 1)[0] in _NOT_A_LABEL
        ):
            continue
        span = view.origin(*match.span())
        found.emails[f"{local}@{domain}"] = None
        found.taken.append(span)
        found.add(EMAIL, span)
    for match in _WEBMAIL_NAME.finditer(view.text):
        group = "local" if match.group("local") else "before"
        local = match.group(group).lower()
        provider = (match.group("provider") or match.group("provider_after")).lower()
        # A user name has letters and the marks of one ("rahul.verma1998", "kev_builds"):
        # "my outlook is good" and "gmail: 2.5 GB" are not addresses.
        if sum(char.isalpha() for char in local) < 2 or not any(
            char in "._+-0123456789" for char in local
        ):
            continue
        span = view.origin(*match.span(group))
        if _overlaps(span, found.taken):
            continue
        found.emails[f"{local}@{_WEBMAIL_DOMAINS[provider]}"] = None
        found.taken.append(span)
        found.add(EMAIL, span)


def _find_urls(view: _View, found: _Collector, original: str) -> None:
    _find_ip_urls(view, found)
    for match in _URL_RE.finditer(view.text):
        host = match.group("host").lower()
        tld = match.group("tld").lower()
        rest = (match.group("rest") or "").rstrip(_URL_TRAILING)
        explicit = bool(match.group("scheme")) or bool(rest)
        if not explicit and host in _PRODUCT_DOMAINS:
            continue
        # A word such as "site:" before it, or a disguise ("quirkypots . shop", "fernwood dot
        # studio"), says that a bare name is an address, whatever its top-level domain.
        cued = _URL_CUE.search(view.text, max(0, match.start() - 24), match.start()) is not None
        host_start, host_end = view.origin(*match.span("host"))
        disguised = original[host_start:host_end].lower() != host
        if not _tld_allowed(host, tld, explicit=explicit or cued or disguised):
            continue
        end = match.start("rest") + len(rest) if rest else match.end("host")
        span = view.origin(match.start(), end)
        if _overlaps(span, found.taken):
            continue
        scheme = (match.group("scheme") or "").lower()
        url = f"{scheme}{host}{rest}"
        found.urls[url] = None
        found.taken.append(span)
        found.add(URL, span)
        bare = f"{host}{rest}"
        for pattern, network in _MESSENGER_LINKS:
            link = pattern.match(bare.removeprefix("www."))
            if link is None:
                continue
            value = link.group(1)
            if network == "whatsapp" and value.isdigit():
                e164 = _e164_international(value)
                value = e164 or value
                if e164:
                    found.phones[e164] = None
                    found.add(PHONE, span)
            elif network == "telegram":
                # An invite link ("t.me/+AbC", "t.me/joinchat/…") names a group, not an account.
                invite = value.startswith(("+", "joinchat/"))
                value = f"t.me/{value}" if invite else f"@{value.lower()}"
            found.handles[(network, value)] = None
            found.add(HANDLE, span)
            break


def _find_ip_urls(view: _View, found: _Collector) -> None:
    """Find links to an IP address ("http://203.0.113.45:8080/demo", "198.51.100.7/work")."""
    for match in _IP_URL_RE.finditer(view.text):
        path = (match.group("path") or "").rstrip(_URL_TRAILING)
        # "10.0.0.0/16" is a network, not a page: a path names something.
        if not (match.group("scheme") or match.group("port") or re.search(r"[a-z]", path, re.I)):
            continue
        address = ipaddress.ip_address(match.group("host"))
        if any(address in network for network in _LOCAL_NETWORKS):
            continue
        end = match.start("path") + len(path) if path else match.end()
        span = view.origin(match.start(), end)
        if _overlaps(span, found.taken):
            continue
        url = f"{(match.group('scheme') or '').lower()}{match.group('host')}"
        found.urls[url + (match.group("port") or "") + path] = None
        found.taken.append(span)
        found.add(URL, span)


def _e164_international(digits: str) -> str | None:
    try:
        number = phonenumbers.parse(f"+{digits}", None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def _has_cue(text: str, start: int, end: int) -> bool:
    """Return whether a word near a number says it is a phone, or names a messenger."""
    before = text[max(0, start - _CUE_BEFORE) : start]
    after = text[end : end + _CUE_AFTER]
    return _cue_in(before) or _cue_in(after)


def _cue_in(text: str) -> bool:
    return bool(
        _PHONE_CUE.search(text)
        or _FOREIGN_CUE.search(text)
        or _ANY_NETWORK.search(text)
        or any(match.group(0).lower() in _MISSPELT for match in _LONG_WORD.finditer(text))
    )


def _regions(text: str, region_hint: str | None) -> list[str]:
    regions = [region_hint.upper()] if region_hint else []
    for match in _REGION_HINT.finditer(text):
        word = (match.group("code") or match.group("name")).lower()
        regions.append(_REGION_WORDS.get(word, "US"))
    regions.append(DEFAULT_REGION)
    return list(dict.fromkeys(regions))


def _find_phones(view: _View, found: _Collector, region_hint: str | None) -> None:
    text = view.text
    if not _ENOUGH_DIGITS.search(text):
        return
    regions = _regions(text, region_hint)
    claimed: list[tuple[int, int]] = []  # view spans already read as phones

    def accept(start: int, end: int, e164: str) -> None:
        span = view.origin(start, end)
        if _overlaps(span, found.taken):
            return
        claimed.append((start, end))
        found.phones[e164] = None
        found.phone_spans.append((span[0], span[1], e164))
        found.add(PHONE, span)

    # International numbers carry their country; "possible" is enough, since test and drama
    # ranges (+44 7700 900xxx) are not "valid" yet are exactly what people type.
    for hit in PhoneNumberMatcher(text, regions[0], leniency=Leniency.POSSIBLE):
        if hit.raw_string.startswith("+"):
            accept(hit.start, hit.end, _format(hit.number))
    for region in regions:
        for hit in PhoneNumberMatcher(text, region, leniency=Leniency.VALID):
            if _overlaps((hit.start, hit.end), claimed):
                continue
            # Without a word like "call" or "my number", only a number grouped the way that
            # country writes numbers counts: "3318-2290-45" is an order number.
            if _NOT_PHONE_BEFORE.search(text, max(0, hit.start - 32), hit.start):
                continue
            if (
                _has_cue(text, hit.start, hit.end)
                or _REGION_AFTER.match(text, hit.end)
                or _strictly_grouped(hit.raw_string, region)
            ):
                accept(hit.start, hit.end, _format(hit.number))
    cued_text = _cue_in(text)
    for index, match in enumerate(_DIGIT_RUN.finditer(text)):
        if index >= _MAX_DIGIT_RUNS:
            break  # a list of hundreds of numbers is a table, not a sender's details
        start, end = match.span()
        candidate = match.group(0).strip("() ")
        digits = re.sub(r"\D", "", candidate)
        if (
            len(digits) < 7
            or _NOT_A_PHONE.match(candidate)
            or _overlaps((start, end), claimed)
            or _NOT_PHONE_BEFORE.search(text, max(0, start - 32), start)
            or _NOT_PHONE_AFTER.match(text, end)
        ):
            continue
        if (
            candidate.startswith("+")
            and 9 <= len(digits) <= 15
            and _country_code(digits)
            and not _NOT_PHONE_AFTER.match(text, end)
        ):
            # "+52 1 33 1845 7720": a country code and enough digits is a phone, even in a form
            # the numbering plan no longer knows.
            accept(start, end, f"+{digits}")
            continue
        # A country or city after it ("0122 331 9045 (Cairo)") is a cue for a number with a
        # trunk "0" or one valid somewhere; "12345678 (UK)" is still an order number.
        region_cue = _REGION_AFTER.match(text, end) is not None and (
            candidate.startswith("0") or _national(candidate, regions) is not None
        )
        if not (cued_text and _has_cue(text, start, end)) and not region_cue:
            # No word says "phone": a national number grouped as one, valid in some country.
            national = _uncued_national(match.group(0).strip(), regions)
            if national:
                accept(start, end, national)
            continue
        e164: str | None = None
        # A leading trunk "0" says the number is not North American: try other countries.
        if candidate.startswith("0"):
            e164 = _valid_elsewhere(candidate, regions)
        if e164 is None and len(digits) == 7:
            e164, area = _with_area_code(text, match, regions[0])
            if e164 and area:
                claimed.append(area)
                found.add(PHONE, view.origin(*area))
        if e164 is None and len(digits) <= 15 and not _ROUND.search(digits):
            # A number introduced as a phone that no country accepts is still a phone.
            e164 = ("+" if candidate.startswith("+") else "") + digits
        if e164:
            accept(start, end, e164)


def _format(number: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def _strictly_grouped(raw: str, region: str) -> bool:
    return any(True for _ in PhoneNumberMatcher(raw, region, leniency=Leniency.STRICT_GROUPING))


def _valid_elsewhere(candidate: str, regions: Sequence[str]) -> str | None:
    found = _national(candidate, regions)
    return found[0] if found else None


def _national(candidate: str, regions: Sequence[str]) -> tuple[str, str | None] | None:
    return _national_cached(candidate, tuple(regions))


@lru_cache(maxsize=4096)
def _national_cached(candidate: str, regions: tuple[str, ...]) -> tuple[str, str | None] | None:
    """Return (E.164, region) for a national number valid in a likely country.

    The region is None for a UK drama number (07700 900xxx), which no grouping rule knows.
    """
    digits = re.sub(r"\D", "", candidate)
    if digits.startswith("0") and _DRAMA_GB.fullmatch(digits[1:]):
        return f"+44{digits[1:]}", None
    first: tuple[str, str | None] | None = None
    grouped = not candidate.isdigit()
    for region in (*regions, *_FALLBACK_REGIONS):
        try:
            number = phonenumbers.parse(candidate, region)
        except phonenumbers.NumberParseException:
            continue
        if not phonenumbers.is_valid_number(number):
            continue
        # Of the countries where the number is valid, the one whose grouping it follows
        # ("06 12 48 73 90" is French, "0532 418 2290" Turkish) names it.
        if not grouped or _strictly_grouped(candidate, region):
            return _format(number), region
        first = first or (_format(number), region)
    return first


def _country_code(digits: str) -> bool:
    return any(
        phonenumbers.region_code_for_country_code(int(digits[:size])) != "ZZ" for size in (1, 2, 3)
    )


def _uncued_national(candidate: str, regions: Sequence[str]) -> str | None:
    """Return a number with a trunk "0" written as a phone without a cue ("07911 123456").

    The area code may be in brackets: "(02) 5550 3341".
    """
    if len(re.sub(r"\D", "", candidate)) < 10 or not _NATIONAL_GROUPING.fullmatch(
        re.sub(r"^\((0\d{1,4})\)", r"\1", candidate)
    ):
        return None
    found = _national(candidate, regions)
    if found is None:
        return None
    e164, region = found
    # Grouped the way that country writes numbers, or unbroken: "0123-4567-89" is a code.
    if region is None or candidate.isdigit() or _strictly_grouped(candidate, region):
        return e164
    return None


def _with_area_code(
    text: str, local: re.Match[str], region: str
) -> tuple[str | None, tuple[int, int] | None]:
    """Return a number written as "555-0126 (area code 503)", and where the area code is."""
    window_start = max(0, local.start() - 60)
    for area in _AREA_CODE.finditer(text, window_start, min(len(text), local.end() + 60)):
        if area.start() < local.end() and local.start() < area.end():
            continue
        code = area.group(1) or area.group(2)
        try:
            number = phonenumbers.parse(code + re.sub(r"\D", "", local.group(0)), region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return _format(number), area.span(1 if area.group(1) else 2)
    return None, None


def _network_mentions(view: _View) -> list[tuple[int, int, str, bool]]:
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
    for match in _LONG_WORD.finditer(text):
        misspelt = _MISSPELT.get(match.group(0).lower())
        if misspelt is not None:
            mentions.append((match.start(), match.end(), misspelt, False))
    promoted: list[tuple[int, int, str, bool]] = []
    for start, end, name, strong in mentions:
        if not strong and _OFFER_BEFORE.search(text, max(0, start - _OFFER_WINDOW), start):
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


def _handle_value(raw: str) -> str | None:
    value = raw.rstrip(".-#:").lower()
    value = re.sub(r"^@\s", "@", value)
    bare = value.lstrip("@")
    # An account name has a letter: "signal @ 2.4 GHz" is a measurement.
    if len(bare) < 3 or bare in _NOT_HANDLES or not any(char.isalpha() for char in bare):
        return None
    # A count ("ig: 12k followers") is no account.
    if re.fullmatch(r"\d+(?:[.,]\d+)?[km]", bare):
        return None
    return value


def _find_handles(view: _View, found: _Collector) -> list[str]:
    """Find messenger handles; return the messengers named in the text."""
    text = view.text
    mentions = _network_mentions(view)
    claimed: list[tuple[int, int]] = []

    def accept(network: str, value: str, start: int, end: int) -> None:
        span = view.origin(start, end)
        if _overlaps(span, found.taken) or _overlaps((start, end), claimed):
            return
        claimed.append((start, end))
        found.handles[(network, value)] = None
        found.add(HANDLE, span)

    for match in _SKYPE_LIVE.finditer(text):
        accept("skype", match.group(1).lower().rstrip("."), *match.span())

    named: list[str] = []
    for start, end, network, strong in mentions:
        after = _HANDLE_AFTER.match(text, end, min(len(text), end + 48))
        if after is not None:
            raw = after.group("value")
            value = _handle_value(raw)
            stripped = raw.rstrip(".-#:")
            sep = after.group("sep") or ""
            # "telegram (jennyart)", 'telegram "jennyart"': a name in brackets or quotes.
            opener = after.group("open")
            closed = bool(opener) and text[after.end("value") : after.end("value") + 1] in (
                _CLOSERS.get(opener or "", "")
            )
            explicit = (
                sep in (":", "=", "\u2014", "\u2013", ">")
                or not sep.isascii()  # an arrow or a pointing hand: "telegram 👉 jennyart"
                or closed
                or _EXPLICIT_LEAD.search(after.group("lead")) is not None
            )
            handle_like = stripped.startswith(("@", "live:")) or any(
                char in stripped for char in "_.#0123456789"
            )
            # A weak name ("tg", "wa", "ig") counts only with "@name" or "tg: name".
            readable = raw.startswith("@") or (explicit and (strong or handle_like))
            if value and not readable and _CLAUSE_END.match(text, after.end("value")):
                word = text[start:end].lower()
                lead_blank = not after.group("lead").strip(" \t")
                # "tg: pixelmaya", "add me on telegram johnny": a plain name ending the clause.
                # A capitalised word after a label is a name or a place: "DC: Washington".
                titled = raw[:1].isupper() and raw[1:].islower()
                readable = (
                    (
                        (sep in (":", "=", "-", "\u2014", "\u2013") or not sep.isascii())
                        and word in _LABELS
                        and not titled
                        and _LABEL_START.search(text, max(0, start - 16), start) is not None
                    )
                    or (not sep and word in _BARE_LABELS and handle_like and lead_blank)
                    or (
                        lead_blank
                        and strong
                        and _OFFER_BEFORE.search(text, max(0, start - _OFFER_WINDOW), start)
                        is not None
                    )
                )
            if value and (readable or (strong and handle_like)):
                if network == "telegram" and not value.startswith("@"):
                    value = f"@{value}"
                trailing = len(raw) - len(stripped)
                accept(network, value, start, after.end("value") - trailing)
                named.append(network)
                continue
        # "WA: +44 …", "signal +1 (415) …": the number is the account.
        if text[start:end].lower() in _NO_NUMBER_ACCOUNT:
            continue
        phone = _phone_after(found, view, start, end, _PHONE_WINDOW if strong else 8)
        if phone is None:
            # "(11) 97316-5082 é meu zap", "07700 900123 on whatsapp": the number said first.
            phone = _phone_before(found, view, start, end)
        if phone is not None:
            found.handles[(network, phone)] = None
            named.append(network)
            continue
        if strong:
            named.append(network)

    strong_mentions = [m for m in mentions if m[3]]
    for match in _DISCORD_TAG.finditer(text):
        if any(network == "discord" for _, _, network, _ in strong_mentions):
            accept("discord", match.group(1).lower(), *match.span())
    for match in _AT_HANDLE.finditer(text):
        near = _nearest_network(strong_mentions, match.start(), match.end())
        if near is None:
            continue
        mention = _handle_value("@" + match.group(1))
        if mention:
            accept(near, mention, *match.span())
    return list(dict.fromkeys(named))


def _phone_after(found: _Collector, view: _View, start: int, end: int, window: int) -> str | None:
    """Return the phone number written within `window` characters after a messenger's name."""
    if end >= len(view.starts):
        return None
    origin_end = view.starts[end]
    for phone_start, phone_end, value in found.phone_spans:
        if 0 <= phone_start - origin_end <= window:
            found.add(HANDLE, (view.starts[start], phone_end))
            return value
    return None


def _phone_before(found: _Collector, view: _View, start: int, end: int) -> str | None:
    """Return the phone number written just before a messenger's name ("… on WhatsApp")."""
    origin_start = view.starts[start]
    for phone_start, phone_end, value in found.phone_spans:
        if not 0 <= origin_start - phone_end <= _PHONE_BEFORE_WINDOW:
            continue
        gap = view.text[bisect_left(view.starts, phone_end) : start]
        if _BETWEEN_PHONE_AND_NAME.fullmatch(gap):
            found.add(HANDLE, (phone_start, view.ends[end - 1]))
            return value
    return None


def _nearest_network(
    mentions: list[tuple[int, int, str, bool]], start: int, end: int
) -> str | None:
    best: tuple[int, str] | None = None
    for m_start, m_end, network, _strong in mentions:
        distance = start - m_end if m_end <= start else m_start - end
        if distance < 0 or distance > _NETWORK_WINDOW:
            continue
        if best is None or distance < best[0]:
            best = (distance, network)
    return best[1] if best else None


def name_messengers(text: str) -> str:
    """Return `text` with disguised messenger names written plainly ("T·e·l·e·g·r·a·m")."""
    return _ANY_NETWORK.sub(lambda match: match.lastgroup or match.group(0), text)


def _trimmed(text: str, span: Span) -> Span:
    """Return `span` without the whitespace a rewrite may have carried at its ends."""
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, span.kind)


def find_contacts(text: str, *, region_hint: str | None = None) -> ContactFindings:
    """Return the contact details in `text`, disguised or not, with their places in `text`.

    `region_hint` (ISO 3166 code, e.g. "GB") is the country assumed for phone numbers written
    without a country code; the default is US, and countries named in the text are tried too.
    """
    if not text:
        return ContactFindings()
    folded = _fold(text)
    plain = _disguises_undone(folded, text)
    found = _Collector()
    _find_emails(plain, found)
    _find_urls(plain, found, text)
    digits = plain.rewrite(_DIGIT_SEPARATOR, lambda _match: " ")
    digits = digits.rewrite(_SPELLED_DIGITS, _spelled_digits)
    digits = digits.rewrite(_LETTER_DIGITS, _letter_digits)
    digits = digits.rewrite(_INTL_PREFIX, _international_prefix)
    _find_phones(digits, found, region_hint)
    networks = _find_handles(plain, found)
    spans = sorted({_trimmed(text, span) for span in found.spans})
    return ContactFindings(
        emails=tuple(found.emails),
        phones=tuple(found.phones),
        urls=tuple(found.urls),
        handles=tuple(found.handles),
        matches=tuple(spans),
        networks=tuple(networks),
    )
