"""Text plumbing: normalisation that defeats look-alike characters (every text matcher uses
it), and the removal of control and format characters from what a sender wrote."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from confusable_homoglyphs import confusables

_WORD = re.compile(r"\w+", re.UNICODE)


def _is_invisible(char: str) -> bool:
    # Format characters (Cf: zero-width, bidi marks and overrides, soft hyphen), the combining
    # grapheme joiner and variation selectors change nothing a reader sees.
    code = ord(char)
    return (
        unicodedata.category(char) == "Cf"
        or code == 0x034F
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
    )


@lru_cache(maxsize=4096)
def _latin_twin(char: str) -> str:
    """Return the ASCII letter or digit a non-ASCII character is confusable with, or the char."""
    if char.isupper() and unicodedata.name(char, "").endswith(
        ("LETTER IOTA", "LETTER BYELORUSSIAN-UKRAINIAN I", "LETTER I")
    ):
        return "i"  # the confusables table maps capital I look-alikes to "l"
    for candidate in dict.fromkeys((char, char.upper(), char.lower())):
        if len(candidate) != 1:
            continue
        found = confusables.is_confusable(candidate, preferred_aliases=["latin"], greedy=False)
        for homoglyph in found[0]["homoglyphs"] if found else ():
            twin: str = homoglyph["c"]
            if twin.isascii() and twin.isalnum():
                return twin.lower()
    return char


def skeleton(text: str) -> str:
    """Return `text` folded for matching: NFKC, no invisibles, look-alikes Latin, casefolded.

    `skeleton` folds a text so that strings a reader would take for the same look the same: Unicode
    compatibility forms (NFKC: full-width letters, ligatures), case, invisible characters, and
    confusable characters from other scripts (Cyrillic U+0430 "a", Greek U+03BF "o") mapped to their
    Latin twin using the Unicode confusables data shipped with `confusable_homoglyphs`.
    """

    folded = unicodedata.normalize("NFKC", text)
    if not folded.isascii():
        folded = "".join(
            char if char.isascii() else _latin_twin(char)
            for char in folded
            if not _is_invisible(char)
        )
    return folded.casefold()


def phrase_pattern(phrase: str) -> re.Pattern[str] | None:
    """Return a regex that finds `phrase` as whole words in a skeleton, or None if it is empty."""
    words = _WORD.findall(skeleton(phrase))
    if not words:
        return None
    body = r"\W+".join(re.escape(word) for word in words)
    return re.compile(rf"(?<!\w){body}(?!\w)")


def find_phrases(text: str, phrases: tuple[str, ...]) -> list[str]:
    """Return the phrases (as given) that occur in `text` as whole words, ignoring look-alikes."""
    if not phrases:
        return []
    folded = skeleton(text)
    matched = []
    for phrase in phrases:
        pattern = phrase_pattern(phrase)
        if pattern is not None and pattern.search(folded):
            matched.append(phrase)
    return matched


def _is_unsafe(char: str) -> bool:
    # Cc: control characters; Cf: format characters (bidi overrides, zero-width joiners).
    return unicodedata.category(char) in ("Cc", "Cf") and char not in "\n\t"


def strip_unsafe(text: str) -> str:
    """Return text without control and format characters (bidi overrides, zero-width)."""
    return "".join(char for char in text if not _is_unsafe(char))
