"""The decision (CONTRACT §3): the freelancer's keyword filters."""

from __future__ import annotations

import pytest

from inbox.policy import (
    ContactCounter,
    decide,
)
from preferences.choices import RecipientPrefs
from tests.inbox.policy.support import CRYPTO_BODY, NO_HOLD, POLICY, codes, make_check

KEYWORD_CASES = [
    pytest.param(("crypto",), "I pay in crypto.", True, id="word"),
    pytest.param(("crypto",), "I pay in CRYPTO", True, id="upper-case-text"),
    pytest.param(("CrYpTo",), "i pay in crypto", True, id="mixed-case-filter"),
    pytest.param(("crypto",), "I pay in \u0441r\u0443\u0440t\u043e", True, id="cyrillic-text"),
    pytest.param(("\u0441r\u0443\u0440t\u043e",), "I pay in crypto", True, id="cyrillic-filter"),
    pytest.param(("crypto",), "I pay in cr\u200bypto", True, id="zero-width-inside"),
    pytest.param(
        ("crypto",), "I pay in \uff43\uff52\uff59\uff50\uff54\uff4f", True, id="fullwidth"
    ),
    pytest.param(("crypto",), "(crypto)", True, id="punctuation-around"),
    pytest.param(("crypto",), "crypto", True, id="whole-body"),
    pytest.param(("wire transfer",), "Pay by wire transfer", True, id="phrase"),
    pytest.param(("wire transfer",), "Pay by wire    transfer", True, id="phrase-many-spaces"),
    pytest.param(("wire transfer",), "Pay by Wire-Transfer!", True, id="phrase-hyphen"),
    pytest.param(("wire transfer",), "Pay by wire,\n transfer", True, id="phrase-punct-newline"),
    pytest.param(("wire   transfer",), "Pay by wire transfer", True, id="filter-many-spaces"),
    pytest.param(("crypto",), "cryptocurrency only", False, id="prefix-of-longer-word"),
    pytest.param(("crypto",), "I like bitcrypto", False, id="suffix-of-longer-word"),
    pytest.param(("crypto",), "cryp to", False, id="split-word"),
    pytest.param(("wire transfer",), "wiretransfer", False, id="phrase-without-gap"),
    pytest.param(("wire transfer",), "wire the transfer", False, id="phrase-with-word-between"),
    pytest.param(("wire transfer",), "wire transfers", False, id="phrase-longer-last-word"),
    pytest.param(("wire transfer",), "transfer wire", False, id="phrase-reversed"),
    pytest.param(("!!!",), "Great!!! Call me!!!", False, id="punctuation-only-filter"),
    pytest.param((), "crypto", False, id="no-filters"),
    pytest.param(("paypal", "crypto"), "No PayPal please", True, id="second-of-several"),
]


@pytest.mark.parametrize(("filters", "body", "matched"), KEYWORD_CASES)
def test_keyword_filter_matches_whole_words_ignoring_case_and_look_alikes(filters, body, matched):
    prefs = RecipientPrefs(keyword_filters=filters)

    verdict = decide(make_check(body=body, recipient=prefs), NO_HOLD)

    if matched:
        assert verdict.decision == "quarantine"
        assert codes(verdict) == ["keyword_filter"]
    else:
        assert verdict.decision == "deliver"
        assert codes(verdict) == []


@pytest.mark.parametrize(
    "situation",
    [
        pytest.param({"connected": True}, id="connected-direct"),
        pytest.param({"connected": True, "kind": "reply"}, id="connected-reply"),
        pytest.param({"connected": True, "kind": "job_invite"}, id="connected-job-invite"),
        pytest.param({"counter": ContactCounter(already_contacted=True)}, id="already-contacted"),
    ],
)
def test_keyword_filters_apply_to_solicited_messages_too(situation):
    prefs = RecipientPrefs(keyword_filters=("crypto",))

    verdict = decide(make_check(body=CRYPTO_BODY, recipient=prefs, **situation), POLICY)

    assert verdict.decision == "quarantine"
    assert codes(verdict) == ["keyword_filter"]
    assert verdict.counts_as_new_contact is False


def test_keyword_filter_reason_names_the_matched_filters_only():
    prefs = RecipientPrefs(keyword_filters=("paypal", "Crypto", "wire transfer"))

    verdict = decide(make_check(body="crypto or wire transfer?", recipient=prefs), POLICY)

    (reason,) = verdict.reasons
    assert '"Crypto"' in reason.detail
    assert '"wire transfer"' in reason.detail
    assert "paypal" not in reason.detail
