"""The decision (CONTRACT §3): at most N new freelancers per window, with retry_after."""

from __future__ import annotations

from datetime import timedelta

import pytest

from inbox.policy import (
    ContactCounter,
    PolicyRules,
    decide,
)
from preferences.choices import RecipientPrefs
from tests.inbox.policy.support import (
    ACCOUNT_BLOCK,
    CRYPTO_BODY,
    DAY,
    NO_HOLD,
    NOW,
    POLICY,
    SECOND,
    codes,
    make_check,
    make_sender,
    over_limit,
)


@pytest.mark.parametrize("recent", [0, 1, 4])
def test_first_contact_under_the_daily_limit_is_allowed_and_counted(recent):
    counter = ContactCounter(recent_count=recent, oldest_recent_at=NOW - DAY + SECOND)

    verdict = decide(make_check(counter=counter), NO_HOLD)

    assert verdict.decision == "deliver"
    assert verdict.counts_as_new_contact is True
    assert verdict.retry_after is None


@pytest.mark.parametrize("recent", [5, 6, 50])
@pytest.mark.parametrize("kind", ["direct", "job_invite", "reply"])
def test_first_contact_over_the_daily_limit_is_rejected_with_retry_after(kind, recent):
    counter = over_limit(timedelta(hours=20), recent=recent)

    verdict = decide(make_check(kind=kind, counter=counter), POLICY)

    assert verdict.decision == "reject"
    assert codes(verdict) == ["daily_new_connection_limit"]
    assert verdict.retry_after == 4 * 3600
    assert verdict.counts_as_new_contact is False
    assert verdict.reasons[0].detail


@pytest.mark.parametrize(
    ("oldest_ago", "expected_seconds"),
    [
        pytest.param(timedelta(hours=20), 14_400, id="20h-ago"),
        pytest.param(timedelta(minutes=1), 86_340, id="1min-ago"),
        pytest.param(timedelta(0), 86_400, id="just-now"),
        pytest.param(timedelta(hours=23, minutes=30, microseconds=500_000), 1_800, id="rounds-up"),
        pytest.param(timedelta(hours=23, minutes=59, seconds=59), 1, id="1s-left"),
        pytest.param(timedelta(hours=24) - timedelta(milliseconds=1), 1, id="1ms-left"),
        pytest.param(timedelta(hours=24), 1, id="exactly-24h-minimum-1"),
        pytest.param(timedelta(hours=30), 1, id="stale-minimum-1"),
    ],
)
def test_retry_after_is_the_seconds_until_the_oldest_contact_leaves_the_window(
    oldest_ago, expected_seconds
):
    verdict = decide(make_check(counter=over_limit(oldest_ago)), POLICY)

    assert verdict.retry_after == expected_seconds


def test_retry_after_uses_the_policy_window():
    policy = PolicyRules(version="v-window", daily_limit_window=timedelta(hours=12))

    verdict = decide(make_check(counter=over_limit(timedelta(hours=2))), policy)

    assert verdict.retry_after == 10 * 3600


def test_retry_after_without_a_known_oldest_contact_is_the_whole_window():
    counter = ContactCounter(recent_count=5, oldest_recent_at=None)

    verdict = decide(make_check(counter=counter), POLICY)

    assert verdict.decision == "reject"
    assert verdict.retry_after == 86_400


@pytest.mark.parametrize("recent", [5, 50])
@pytest.mark.parametrize("hold", [True, False], ids=["hold-policy", "no-hold-policy"])
def test_already_contacted_recipient_is_not_limited_counted_or_held(recent, hold):
    counter = ContactCounter(
        already_contacted=True, recent_count=recent, oldest_recent_at=NOW - timedelta(hours=1)
    )
    policy = POLICY if hold else NO_HOLD

    verdict = decide(make_check(counter=counter), policy)

    assert verdict.decision == "deliver"
    assert verdict.unsolicited is True
    assert verdict.counts_as_new_contact is False
    assert verdict.retry_after is None


@pytest.mark.parametrize(
    ("limit", "recent", "rejected"),
    [
        pytest.param(10, 9, False, id="10-at-9"),
        pytest.param(10, 10, True, id="10-at-10"),
        pytest.param(1, 0, False, id="1-at-0"),
        pytest.param(1, 1, True, id="1-at-1"),
        pytest.param(0, 0, True, id="0-at-0"),
        pytest.param(5, 4, False, id="default-at-4"),
        pytest.param(5, 5, True, id="default-at-5"),
    ],
)
def test_daily_limit_uses_the_policy_limit(limit, recent, rejected):
    policy = PolicyRules(
        version="v-limit", daily_new_contact_limit=limit, hold_unsolicited_for_scan=False
    )
    counter = ContactCounter(recent_count=recent, oldest_recent_at=NOW - timedelta(hours=1))

    verdict = decide(make_check(counter=counter), policy)

    assert verdict.decision == ("reject" if rejected else "deliver")
    assert verdict.counts_as_new_contact is not rejected


def test_eligibility_is_checked_before_the_daily_limit():
    sender = make_sender(billing_verified=False)

    verdict = decide(make_check(sender=sender, counter=over_limit()), POLICY)

    assert codes(verdict) == ["billing_not_verified"]
    assert verdict.retry_after is None


def test_daily_limit_is_checked_before_keyword_filters():
    prefs = RecipientPrefs(keyword_filters=("crypto",))

    verdict = decide(make_check(recipient=prefs, body=CRYPTO_BODY, counter=over_limit()), POLICY)

    assert verdict.decision == "reject"
    assert codes(verdict) == ["daily_new_connection_limit"]


REJECTIONS = {
    "standing": {"sender": make_sender(standing="suspended")},
    "mode-off": {"recipient": RecipientPrefs(modes={"direct": "off"})},
    "eligibility": {"sender": make_sender(first_payment_at=None)},
    "unknown-sender": {"sender": None},
    "daily-limit": {"counter": over_limit()},
}


@pytest.mark.parametrize("case", list(REJECTIONS.values()), ids=list(REJECTIONS))
def test_rejected_first_contact_never_counts_as_a_new_contact(case):
    verdict = decide(make_check(**case), POLICY)

    assert verdict.decision == "reject"
    assert verdict.counts_as_new_contact is False


COUNTED = {
    "held": ({}, POLICY, "hold"),
    "delivered": ({}, NO_HOLD, "deliver"),
    "requested": ({"recipient": RecipientPrefs(modes={"direct": "requests"})}, NO_HOLD, "request"),
    "keyword-quarantined": (
        {"recipient": RecipientPrefs(keyword_filters=("crypto",)), "body": CRYPTO_BODY},
        POLICY,
        "quarantine",
    ),
    "block-quarantined": (
        {"recipient": RecipientPrefs(blocks=(ACCOUNT_BLOCK,))},
        POLICY,
        "quarantine",
    ),
}


@pytest.mark.parametrize(("case", "policy", "expected"), list(COUNTED.values()), ids=list(COUNTED))
def test_unsolicited_first_contact_that_is_not_rejected_counts(case, policy, expected):
    verdict = decide(make_check(**case), policy)

    assert verdict.decision == expected
    assert verdict.counts_as_new_contact is True
