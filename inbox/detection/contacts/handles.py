"""Find messenger handles: an account written next to a messenger's name."""

from __future__ import annotations

import re
from bisect import bisect_left

from ..wordlists import word_set
from .disguise import EMOJI
from .findings import HANDLE, Collector, overlaps
from .messengers import NETWORKS, OFFER_BEFORE, OFFER_WINDOW, network_mentions
from .views import View

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

# Words that follow a messenger's name but are not an account ("my telegram is down").
_NOT_HANDLES = word_set("not_handles") | {network.name for network in NETWORKS}

_AT_HANDLE = re.compile(r"(?<![\w@.])@\s?([a-z0-9_](?:[a-z0-9_.]{1,30}[a-z0-9_])?)(?![\w@])", re.I)

_DISCORD_TAG = re.compile(r"(?<![\w#])([a-z0-9_.]{2,32}#\d{4})(?!\w)", re.IGNORECASE)

_SKYPE_LIVE = re.compile(r"(?<![\w:])(live:[.a-z0-9_-]{3,})", re.IGNORECASE)

# What may stand between a messenger's name and the account: "'s", words such as "id",
# "username is" (taken whole, so that the account is never one of them), a separator.
_HANDLE_AFTER = re.compile(
    r"(?P<lead>(?:'s)?(?>(?:[\s,]+(?:id|username|user\s?name|handle|name|account|acc|is|me|at|on|"
    r"here|user|as)(?![a-z0-9]))*)[\s,]*(?P<sep>[:=\-\u2014\u2013>]|(?:"
    + EMOJI
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


def find_handles(view: View, found: Collector) -> list[str]:
    """Find messenger handles; return the messengers named in the text.

    A handle needs a messenger named next to it — an "@name" alone is a mention, a decorator or
    a CSS rule, not a contact. Short or common names ("signal", "line", "wa") count only before
    an "@name", a "name: value" or a number, or after a phrase that offers a contact ("add me on
    LINE @tomo", "let's move to Signal, my number is …"); a number written after a messenger's
    name is that messenger's account too.
    """
    text = view.text
    mentions = network_mentions(view)
    claimed: list[tuple[int, int]] = []

    def accept(network: str, value: str, start: int, end: int) -> None:
        span = view.origin(start, end)
        if overlaps(span, found.taken) or overlaps((start, end), claimed):
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
                        and OFFER_BEFORE.search(text, max(0, start - OFFER_WINDOW), start)
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


def _phone_after(found: Collector, view: View, start: int, end: int, window: int) -> str | None:
    """Return the phone number written within `window` characters after a messenger's name."""
    if end >= len(view.starts):
        return None
    origin_end = view.starts[end]
    for phone_start, phone_end, value in found.phone_spans:
        if 0 <= phone_start - origin_end <= window:
            found.add(HANDLE, (view.starts[start], phone_end))
            return value
    return None


def _phone_before(found: Collector, view: View, start: int, end: int) -> str | None:
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
