"""Tests of look-alike-proof text matching: `skeleton`, `phrase_pattern` and `find_phrases`."""

from __future__ import annotations

import pytest

from common.text import find_phrases, phrase_pattern, skeleton

# --- skeleton --------------------------------------------------------------------------------

SKELETONS = [
    pytest.param("crypto", "crypto", id="ascii-unchanged"),
    pytest.param("CRYPTO", "crypto", id="upper-case"),
    pytest.param("CrYpTo", "crypto", id="mixed-case"),
    pytest.param("Stra\u00dfe", "strasse", id="sharp-s-casefolded"),
    pytest.param("\uff43\uff52\uff59\uff50\uff54\uff4f", "crypto", id="nfkc-fullwidth-lower"),
    pytest.param("\uff23\uff32\uff39\uff30\uff34\uff2f", "crypto", id="nfkc-fullwidth-upper"),
    pytest.param("\uff41\uff42\uff43\uff11\uff12\uff13", "abc123", id="nfkc-fullwidth-digits"),
    pytest.param("\ufb01le", "file", id="nfkc-ligature"),
    pytest.param(
        "\U0001d41c\U0001d42b\U0001d432\U0001d429\U0001d42d\U0001d428", "crypto", id="math-bold"
    ),
    pytest.param("\u2102rypto", "crypto", id="double-struck-capital"),
    pytest.param("\u0441r\u0443\u0440t\u043e", "crypto", id="cyrillic-lower-look-alikes"),
    pytest.param("\u0420\u0410\u0423\u0420\u0410L", "paypal", id="cyrillic-capital-look-alikes"),
    pytest.param("\u0405\u041aY\u0420\u0415", "skype", id="cyrillic-capitals-mixed-latin"),
    pytest.param("crypt\u03bf", "crypto", id="greek-small-omicron"),
    pytest.param("\u03a1\u0391\u03a5\u03a1\u0391L", "paypal", id="greek-capital-look-alikes"),
    pytest.param("\u039a\u0395\u03a5", "key", id="greek-capitals"),
    pytest.param("b\u0456tcoin", "bitcoin", id="cyrillic-small-i"),
]


@pytest.mark.parametrize(("text", "expected"), SKELETONS)
def test_skeleton_folds_case_compatibility_forms_and_look_alikes(text, expected):
    assert skeleton(text) == expected


INVISIBLES = [
    pytest.param("\u200b", id="zero-width-space"),
    pytest.param("\u200c", id="zero-width-non-joiner"),
    pytest.param("\u200d", id="zero-width-joiner"),
    pytest.param("\u2060", id="word-joiner"),
    pytest.param("\ufeff", id="byte-order-mark"),
    pytest.param("\u00ad", id="soft-hyphen"),
    pytest.param("\u180e", id="mongolian-vowel-separator"),
    pytest.param("\u202a", id="left-to-right-embedding"),
    pytest.param("\u202e", id="right-to-left-override"),
    pytest.param("\u2066", id="left-to-right-isolate"),
    pytest.param("\u2069", id="pop-directional-isolate"),
]


@pytest.mark.parametrize("invisible", INVISIBLES)
def test_skeleton_drops_invisible_characters(invisible):
    assert skeleton(f"cry{invisible}pto") == "crypto"
    assert skeleton(f"{invisible}crypto{invisible}{invisible}") == "crypto"


# The module promises to drop "zero-width and bidi-control characters"; these are such
# characters (Unicode Default_Ignorable_Code_Point) that survive and split the word.
MISSED_INVISIBLES = [
    pytest.param("\u200e", id="left-to-right-mark"),
    pytest.param("\u200f", id="right-to-left-mark"),
    pytest.param("\u061c", id="arabic-letter-mark"),
    pytest.param("\u2062", id="invisible-times"),
    pytest.param("\u2063", id="invisible-separator"),
    pytest.param("\u034f", id="combining-grapheme-joiner"),
    pytest.param("\ufe0f", id="variation-selector-16"),
]


@pytest.mark.parametrize("invisible", MISSED_INVISIBLES)
def test_skeleton_drops_every_invisible_bidi_mark_and_default_ignorable(invisible):
    assert find_phrases(f"I pay in cry{invisible}pto", ("crypto",)) == ["crypto"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("B\u0399TCOIN", id="greek-capital-iota"),
        pytest.param("B\u0406TCOIN", id="cyrillic-capital-i"),
        pytest.param("\u0412\u0406\u0422\u0421\u041e\u0406N", id="all-cyrillic-capitals"),
    ],
)
def test_capital_i_look_alikes_fold_like_a_latin_capital_i(text):
    assert skeleton(text) == skeleton("BITCOIN") == "bitcoin"
    assert find_phrases(f"Pay me in {text}", ("bitcoin",)) == ["bitcoin"]


@pytest.mark.parametrize(
    "text",
    [
        "Hello World",
        "\u0441r\u0443\u0440t\u043e",
        "\uff23\uff32\uff39\uff30\uff34\uff2f",
        "Stra\u00dfe \ufb01le",
        "cry\u200bpto \u03a1\u0391\u03a5\u03a1\u0391L",
        "caf\u00e9 na\u00efve",
    ],
)
def test_skeleton_is_idempotent(text):
    assert skeleton(skeleton(text)) == skeleton(text)


# --- phrase_pattern --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase",
    [
        pytest.param("", id="empty"),
        pytest.param("   ", id="spaces"),
        pytest.param("!!!", id="exclamation-marks"),
        pytest.param("?!-...", id="mixed-punctuation"),
        pytest.param("$ %", id="symbols"),
        pytest.param("\u200b\u200d", id="only-invisibles"),
    ],
)
def test_phrase_pattern_is_none_for_a_phrase_without_words(phrase):
    assert phrase_pattern(phrase) is None


@pytest.mark.parametrize(
    ("phrase", "text", "found"),
    [
        pytest.param("crypto", "buy crypto now", True, id="word"),
        pytest.param("wire transfer", "wire - transfer", True, id="phrase"),
        pytest.param("crypto", "cryptocurrency", False, id="prefix"),
        pytest.param("e-mail", "e mail", True, id="punctuation-inside-filter"),
    ],
)
def test_phrase_pattern_searches_a_skeleton_for_whole_words(phrase, text, found):
    pattern = phrase_pattern(phrase)

    assert pattern is not None
    assert (pattern.search(skeleton(text)) is not None) is found


# --- find_phrases ----------------------------------------------------------------------------

MATCHES = [
    pytest.param("crypto", "I pay in crypto", id="word-at-end"),
    pytest.param("crypto", "crypto is fine", id="word-at-start"),
    pytest.param("crypto", "crypto", id="whole-text"),
    pytest.param("crypto", "I pay in CRYPTO.", id="upper-case-text"),
    pytest.param("CRYPTO", "i pay in crypto", id="upper-case-filter"),
    pytest.param("crypto", "(crypto)", id="parentheses"),
    pytest.param("crypto", "#crypto!", id="hashtag"),
    pytest.param("crypto", "crypto's value", id="apostrophe-after"),
    pytest.param("crypto", "pay in \u0441r\u0443\u0440t\u043e", id="cyrillic-text"),
    pytest.param("\u0441r\u0443\u0440t\u043e", "pay in crypto", id="cyrillic-filter"),
    pytest.param("crypto", "pay in crypt\u03bf", id="greek-omicron"),
    pytest.param("crypto", "pay in \uff43\uff52\uff59\uff50\uff54\uff4f", id="fullwidth"),
    pytest.param("crypto", "pay in cr\u200by\u200dpto", id="zero-width-inside"),
    pytest.param("crypto", "pay in c\u00adrypto", id="soft-hyphen-inside"),
    pytest.param("paypal", "use \u0420\u0410\u0423\u0420\u0410L", id="cyrillic-capitals"),
    pytest.param("wire transfer", "pay by wire transfer", id="phrase"),
    pytest.param("wire transfer", "pay by wire      transfer", id="phrase-many-spaces"),
    pytest.param("wire transfer", "pay by wire\n\ttransfer", id="phrase-newline-tab"),
    pytest.param("wire transfer", "pay by wire-transfer", id="phrase-hyphen"),
    pytest.param("wire transfer", "pay by wire... transfer", id="phrase-punctuation"),
    pytest.param("wire transfer", "pay by WIRE TRANSFER", id="phrase-upper-case"),
    pytest.param("wire transfer", "pay by w\u0456re tr\u0430nsfer", id="phrase-look-alikes"),
    pytest.param("  wire   transfer  ", "pay by wire transfer", id="filter-extra-spaces"),
    pytest.param("wire, transfer!", "pay by wire transfer", id="filter-punctuation"),
    pytest.param("western union", "via Western\u00a0Union", id="no-break-space"),
]


@pytest.mark.parametrize(("phrase", "text"), MATCHES)
def test_find_phrases_matches_whole_words_ignoring_case_and_look_alikes(phrase, text):
    assert find_phrases(text, (phrase,)) == [phrase]


MISSES = [
    pytest.param("crypto", "cryptocurrency", id="prefix-of-word"),
    pytest.param("crypto", "bitcrypto", id="suffix-of-word"),
    pytest.param("crypto", "a cryptography course", id="inside-word"),
    pytest.param("crypto", "crypto_wallet", id="joined-by-underscore"),
    pytest.param("crypto", "crypto2", id="followed-by-digit"),
    pytest.param("crypto", "cryp to", id="split-by-space"),
    pytest.param("crypto", "c r y p t o", id="spaced-letters"),
    pytest.param("wire transfer", "wiretransfer", id="phrase-without-gap"),
    pytest.param("wire transfer", "wire the transfer", id="phrase-word-between"),
    pytest.param("wire transfer", "wire transfers", id="phrase-plural"),
    pytest.param("wire transfer", "rewire transfer", id="phrase-prefixed"),
    pytest.param("wire transfer", "transfer wire", id="phrase-reversed"),
    pytest.param("cat", "concatenate", id="short-word-inside-long"),
]


@pytest.mark.parametrize(("phrase", "text"), MISSES)
def test_find_phrases_does_not_match_part_of_a_word(phrase, text):
    assert find_phrases(text, (phrase,)) == []


@pytest.mark.parametrize(
    "phrase",
    [
        pytest.param("!!!", id="exclamation-marks"),
        pytest.param("...", id="dots"),
        pytest.param("", id="empty"),
        pytest.param("   ", id="spaces"),
    ],
)
def test_find_phrases_never_matches_a_phrase_without_words(phrase):
    assert find_phrases("Great!!! Call me... now   ", (phrase,)) == []


def test_find_phrases_returns_matched_phrases_as_given_in_filter_order():
    phrases = ("Wire Transfer", "paypal", "CRYPTO", "crypto", "bitcoin")

    matched = find_phrases("Pay in crypto by wire transfer", phrases)

    assert matched == ["Wire Transfer", "CRYPTO", "crypto"]


def test_find_phrases_with_no_phrases_finds_nothing():
    assert find_phrases("crypto", ()) == []


def test_find_phrases_in_empty_text_finds_nothing():
    assert find_phrases("", ("crypto", "wire transfer")) == []
