"""Read phone numbers in disguise as digits: spelled out, letters for digits, emoji."""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import PhoneNumberFormat

from .disguise import EMOJI
from .views import View

# Letters written for digits inside a number ("555-O1O1", "2l2"): a run of digits and "O", "o",
# "I", "l" with single separators; only groups holding a real digit are read as digits.
_LETTER_DIGITS = re.compile(r"(?<![\w+])[0-9OoIl](?:[ .\-]?[0-9OoIl]){6,16}(?!\w)")

_LETTER_DIGIT_GROUP = re.compile(r"[0-9OoIl]+")

# A country code written "(+44)" or dialled from abroad "0044 …", "00 44 …".
_INTL_PREFIX = re.compile(
    r"(?<![\w+])(?:\(\+(?P<bracketed>[1-9]\d{0,2})\)|00[ ]?(?P<dialled>[1-9]\d{0,2}))(?=[ \-.]?\d)"
)

_NUMBER_REST = re.compile(r"[ \-.]?\d(?:[ \-.]?\d){5,13}(?![\d\w])")

_DIGIT_WORDS = {
    "zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
}  # fmt: skip

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
    rf"(?<=\d)[ \t]*(?:[\u00b7\u2022\u2219\u22c5\u30fb*|]|{EMOJI})+[ \t]*(?=[\d(+])"
)


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
    if e164_international(digits) is None:
        return None
    return f"+{match.group('dialled')}"


def e164_international(digits: str) -> str | None:
    try:
        number = phonenumbers.parse(f"+{digits}", None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def digits_view(view: View) -> View:
    """Return the view with numbers in disguise written as digits, for the phone finder.

    Emoji and bullets between digit groups become spaces ("+63 🔹 917"); spelled-out digits,
    alone or mixed with digits, become digits ("plus four four …", "4 one 5 - 555 - oh one 6
    two" → "4155550162"); letters for digits are read as digits ("555-O1O1"); and "(+44)",
    "0044" become "+44".
    """
    view = view.rewrite(_DIGIT_SEPARATOR, lambda _match: " ")
    view = view.rewrite(_SPELLED_DIGITS, _spelled_digits)
    view = view.rewrite(_LETTER_DIGITS, _letter_digits)
    return view.rewrite(_INTL_PREFIX, _international_prefix)
