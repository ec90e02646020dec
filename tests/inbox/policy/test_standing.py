"""The decision (CONTRACT §3): standing comes first."""

from __future__ import annotations

import pytest

from inbox.policy import (
    ContactCounter,
    decide,
)
from preferences.choices import RecipientPrefs
from tests.inbox.policy.support import (
    ACCOUNT_BLOCK,
    CRYPTO_BODY,
    POLICY,
    codes,
    make_check,
    make_sender,
    rules,
)

STANDING_SITUATIONS = {
    "unsolicited-direct": {},
    "unsolicited-job-invite": {"kind": "job_invite"},
    "unconnected-reply": {"kind": "reply"},
    "connected-direct": {"connected": True},
    "connected-reply": {"kind": "reply", "connected": True},
    "connected-job-invite": {"kind": "job_invite", "connected": True},
    "allowed-sender": {"recipient": RecipientPrefs(allows_sender=True)},
    "allowed-connected-sender": {
        "recipient": RecipientPrefs(allows_sender=True),
        "connected": True,
    },
    "blocked-sender": {"recipient": RecipientPrefs(blocks=(ACCOUNT_BLOCK,))},
    "blocked-and-allowed-sender": {
        "recipient": RecipientPrefs(blocks=(ACCOUNT_BLOCK,), allows_sender=True)
    },
    "keyword-match": {
        "body": CRYPTO_BODY,
        "recipient": RecipientPrefs(keyword_filters=("crypto",)),
    },
    "recipient-mode-off": {"recipient": RecipientPrefs(modes={"direct": "off"})},
    "already-contacted": {"counter": ContactCounter(already_contacted=True)},
}


@pytest.mark.parametrize("standing", ["on_hold", "suspended"])
@pytest.mark.parametrize(
    "situation", list(STANDING_SITUATIONS.values()), ids=list(STANDING_SITUATIONS)
)
def test_sender_not_in_good_standing_is_rejected_for_every_message(standing, situation):
    check = make_check(sender=make_sender(standing=standing), **situation)

    verdict = decide(check, POLICY)

    assert verdict.decision == "reject"
    assert codes(verdict) == ["account_not_in_good_standing"]
    assert verdict.retry_after is None
    assert verdict.counts_as_new_contact is False
    assert rules(verdict) == ["standing"]


@pytest.mark.parametrize(
    ("situation", "expected"),
    [
        pytest.param({"connected": True}, "deliver", id="connected"),
        pytest.param({"recipient": RecipientPrefs(allows_sender=True)}, "hold", id="allowed"),
        pytest.param(
            {"recipient": RecipientPrefs(blocks=(ACCOUNT_BLOCK,))}, "quarantine", id="blocked"
        ),
    ],
)
def test_unknown_sender_is_not_rejected_by_the_standing_rule(situation, expected):
    verdict = decide(make_check(sender=None, **situation), POLICY)

    assert verdict.decision == expected
    assert "account_not_in_good_standing" not in codes(verdict)
    assert verdict.trace[0] == {"rule": "standing", "standing": None, "passed": True}


def test_good_standing_sender_passes_the_standing_rule():
    verdict = decide(make_check(connected=True), POLICY)

    assert verdict.decision == "deliver"
    assert verdict.trace[0]["passed"] is True
