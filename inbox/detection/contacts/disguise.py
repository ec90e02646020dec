"""Undo the disguises of addresses: spaced letters, spelled-out at and dot, bullets."""

from __future__ import annotations

import re

from ..wordlists import table
from .domains import ALL_TLDS
from .views import View

# Emoji and symbols used as decoration: pictographs, dingbats, arrows, geometric shapes.
EMOJI = r"[\U0001f000-\U0001faff\u2190-\u21ff\u25a0-\u27bf\u2b00-\u2bff]"

_SEPARATOR = rf"(?:[ \t\u00b7\u2022\u2219\u22c5\u30fb*~|_]|{EMOJI})"

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
_STOPWORDS = table("address_stopwords")
NOT_A_LABEL = frozenset(_STOPWORDS["not_a_label"])

# Words before " at " that make it a preposition ("my work at", "samples are at", "more at").
_NOT_A_LOCAL = NOT_A_LABEL | frozenset(_STOPWORDS["not_a_local"])

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

_WEBMAIL = frozenset(table("webmail")["names"])


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
    return None if label.lower() in NOT_A_LABEL else f"{label}."


def _spaced_domain(match: re.Match[str]) -> str | None:
    """Return "elise-writes.net" for "elise-writes . net" or "example • com", else None."""
    text = match.group(0)
    separators = _LABEL_SEPARATOR.findall(text)
    if all(separator == "." for separator in separators):
        return None  # written plainly
    labels = _LABEL_SEPARATOR.split(text)
    if labels[-1].lower() not in ALL_TLDS or labels[0].lower() in NOT_A_LABEL:
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


def _plain_at(match: re.Match[str], view: View, original: str) -> str | None:
    """Return "local@domain" for "local at domain" when it reads as an email, else None."""
    local, domain = match.group(1), match.group(2)
    tld = domain.rsplit(".", 1)[-1].lower()
    if tld not in ALL_TLDS:
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


def disguises_undone(view: View, original: str) -> View:
    """Return the view with spelled-out letters joined and spelled-out "at"/"dot" replaced.

    Letters spelled out one by one are joined ("d a n i e l" → "daniel"; an underscore written
    between blanks is kept: "m a r c o _ d e s i g n" → "marco_design"), and a spaced-out scheme
    ("h t t p s : / /") closed up. Then "[at]", "(dot)", '"at"', " dot " (not after a word such as
    "the": "the dot com era") are replaced; labels joined by a dot with a space before it
    ("elise-writes . net") or by a bullet before the top-level domain ("example • com") are
    joined; and " at " before a domain becomes "@" when the part before it reads as a mailbox (it
    has the marks of one, the domain is a webmail, a word like "email" is near, or the domain was
    disguised: "felix at example dot io").
    """
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
