"""The decision (CONTRACT §3): the allow list skips mode, eligibility, limit and filters."""

from __future__ import annotations

import pytest

from inbox.policy import (
    ContactCounter,
    decide,
)
from preferences.choices import RecipientPrefs
from tests.inbox.policy.support import (
    CRYPTO_BODY,
    DAY,
    NO_HOLD,
    NOW,
    POLICY,
    codes,
    make_check,
    make_sender,
    over_limit,
    rules,
)

ALLOW_LIST_SKIPS = {
    "direct-mode-off": {"prefs": {"modes": {"direct": "off"}}},
    "job-invite-mode-off": {"prefs": {"modes": {"job_invite": "off"}}, "kind": "job_invite"},
    "unconnected-reply-mode-off": {"prefs": {"modes": {"direct": "off"}}, "kind": "reply"},
    "billing-not-verified": {"sender": make_sender(billing_verified=False)},
    "spend-too-low": {"sender": make_sender(spent_last_12_months_cents=0)},
    "account-too-new": {"sender": make_sender(joined_at=NOW - DAY)},
    "no-payment-history": {"sender": make_sender(first_payment_at=None)},
    "unknown-sender": {"sender": None},
    "over-daily-limit": {"counter": over_limit()},
    "keyword-match": {"prefs": {"keyword_filters": ("crypto",)}, "body": CRYPTO_BODY},
}


@pytest.mark.parametrize("case", list(ALLOW_LIST_SKIPS.values()), ids=list(ALLOW_LIST_SKIPS))
def test_allowed_sender_skips_mode_eligibility_limit_and_keyword_filters(case):
    case = dict(case)
    prefs = RecipientPrefs(allows_sender=True, **case.pop("prefs", {}))

    verdict = decide(make_check(recipient=prefs, **case), NO_HOLD)

    assert verdict.decision == "deliver"
    assert codes(verdict) == []
    assert verdict.retry_after is None
    assert verdict.counts_as_new_contact is True
    assert "mode" not in rules(verdict)
    assert "eligibility" not in rules(verdict)
    assert "daily_limit" not in rules(verdict)
    assert "keyword_filters" not in rules(verdict)


@pytest.mark.parametrize("case", list(ALLOW_LIST_SKIPS.values()), ids=list(ALLOW_LIST_SKIPS))
def test_allowed_sender_unsolicited_first_contact_is_still_held_for_scanning(case):
    case = dict(case)
    prefs = RecipientPrefs(allows_sender=True, **case.pop("prefs", {}))

    verdict = decide(make_check(recipient=prefs, **case), POLICY)

    assert verdict.decision == "hold"
    assert codes(verdict) == ["scan_pending"]
    assert verdict.pass_decision == "deliver"
    assert verdict.counts_as_new_contact is True


@pytest.mark.parametrize("kind", ["direct", "job_invite", "reply"])
def test_allowed_sender_is_delivered_to_the_inbox_even_in_requests_mode(kind):
    prefs = RecipientPrefs(
        modes={"direct": "requests", "job_invite": "requests"}, allows_sender=True
    )

    held = decide(make_check(kind=kind, recipient=prefs), POLICY)
    not_held = decide(make_check(kind=kind, recipient=prefs), NO_HOLD)

    assert (held.decision, held.pass_decision) == ("hold", "deliver")
    assert (not_held.decision, not_held.pass_decision) == ("deliver", "deliver")


def test_allowed_sender_already_contacted_is_delivered_without_counting():
    prefs = RecipientPrefs(allows_sender=True)
    counter = ContactCounter(already_contacted=True, recent_count=9, oldest_recent_at=NOW - DAY)

    verdict = decide(make_check(recipient=prefs, counter=counter), POLICY)

    assert verdict.decision == "deliver"
    assert verdict.counts_as_new_contact is False
