"""Find phone numbers: parsed by libphonenumber, with cues, regions and groupings."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher

from ..wordlists import table, word_list
from .findings import PHONE, Collector, overlaps
from .messengers import ANY_NETWORK, LONG_WORD, MISSPELT
from .views import View, fold

DEFAULT_REGION = "US"

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
_FOREIGN_CUES = word_list("phone_cues_foreign")

_CUE_BEFORE, _CUE_AFTER = 48, 24

_MAX_DIGIT_RUNS = 40  # runs of digits read per message by the slower, country-by-country checks

_DIGIT_RUN = re.compile(r"\+?\(?\d[\d\s().\-]{5,}\d")

_NOT_A_PHONE = re.compile(r"^\d{1,4}[.\-]\d{1,2}[.\-]\d{2,4}$|^\d+\.\d+$")

_ENOUGH_DIGITS = re.compile(r"(?:\d\D{0,3}){7}")

_AREA_CODE = re.compile(r"area\s+code\W{0,3}\(?(\d{3})\)?|(?<![\d)])\((\d{3})\)(?![\s\-.]*\d)")

# Tried in order when a cue says "phone" but the number is not valid in the hinted regions.
_REGION_TABLES = table("phone_regions")
_FALLBACK_REGIONS: tuple[str, ...] = tuple(_REGION_TABLES["fallback"])

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

# A round number is an amount or a limit, not a phone: "10000000".
_ROUND = re.compile(r"[1-9]0{5,}$")

# Units and currencies after a number: "1500000 USD", "2000000 views".
_NOT_PHONE_AFTER = re.compile(
    r"\s*(?:usd|eur|gbp|inr|ngn|dollars?|euros?|pounds?|rupees?|naira|bucks|words|views|"
    r"followers|subscribers|people|users|downloads|units|pieces|pcs|km|kg|mb|gb|px|points|pts|"
    r"likes|votes|degrees|steps|times|rows|records|lines)(?![a-z])",
    re.IGNORECASE,
)

# Countries by code or name, and big cities, written next to a number ("(MX)", "Sydney office").
_REGION_WORDS: dict[str, str] = _REGION_TABLES["words"]

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


def _folded_cue(word: str) -> str:
    return re.escape(fold(word).text).replace(r"\ ", r"\s+")


_FOREIGN_CUE = re.compile(
    rf"(?<![^\W\d_])(?:{'|'.join(_folded_cue(word) for word in _FOREIGN_CUES)})(?![^\W\d_])",
    re.IGNORECASE,
)


def _has_cue(text: str, start: int, end: int) -> bool:
    """Return whether a word near a number says it is a phone, or names a messenger."""
    before = text[max(0, start - _CUE_BEFORE) : start]
    after = text[end : end + _CUE_AFTER]
    return _cue_in(before) or _cue_in(after)


def _cue_in(text: str) -> bool:
    return bool(
        _PHONE_CUE.search(text)
        or _FOREIGN_CUE.search(text)
        or ANY_NETWORK.search(text)
        or any(match.group(0).lower() in MISSPELT for match in LONG_WORD.finditer(text))
    )


def _regions(text: str, region_hint: str | None) -> list[str]:
    regions = [region_hint.upper()] if region_hint else []
    for match in _REGION_HINT.finditer(text):
        word = (match.group("code") or match.group("name")).lower()
        regions.append(_REGION_WORDS.get(word, "US"))
    regions.append(DEFAULT_REGION)
    return list(dict.fromkeys(regions))


def find_phones(view: View, found: Collector, region_hint: str | None) -> None:
    """Find phone numbers in the digits view.

    Numbers are parsed by `phonenumbers` (libphonenumber); a number in no country's plan counts
    only next to a cue ("call", "my number", a messenger's name, 📞, a cue in another language,
    or a country or city written just after it: "(Cairo)"). A national number with a trunk "0"
    needs no cue when it is grouped as a phone and valid in a likely country; the UK's drama
    ranges (07700 900xxx) count as valid. Reference numbers ("order no.", "VAT number", "ISBN"),
    amounts and round numbers are not phones.
    """
    text = view.text
    if not _ENOUGH_DIGITS.search(text):
        return
    regions = _regions(text, region_hint)
    claimed: list[tuple[int, int]] = []  # view spans already read as phones

    def accept(start: int, end: int, e164: str) -> None:
        span = view.origin(start, end)
        if overlaps(span, found.taken):
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
            if overlaps((hit.start, hit.end), claimed):
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
            or overlaps((start, end), claimed)
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
