"""The decision (CONTRACT §3): the verdict's fields and its trace."""

from __future__ import annotations

import pytest

from inbox.policy import (
    decide,
)
from preferences.choices import RecipientPrefs
from tests.inbox.policy.support import (
    ACCOUNT_BLOCK,
    CRYPTO_BODY,
    NO_HOLD,
    POLICY,
    make_check,
    make_sender,
    over_limit,
    rules,
)


def test_trace_of_a_delivered_unsolicited_message_names_every_rule_in_order():
    verdict = decide(make_check(), NO_HOLD)

    assert rules(verdict) == [
        "standing",
        "blocks",
        "allow_list",
        "mode",
        "eligibility",
        "daily_limit",
        "keyword_filters",
        "hold_for_scan",
    ]


@pytest.mark.parametrize(
    ("case", "expected_rules"),
    [
        pytest.param(
            {"sender": make_sender(standing="on_hold")}, ["standing"], id="standing-reject"
        ),
        pytest.param(
            {"recipient": RecipientPrefs(blocks=(ACCOUNT_BLOCK,))},
            ["standing", "blocks"],
            id="block-quarantine",
        ),
        pytest.param(
            {"recipient": RecipientPrefs(modes={"direct": "off"})},
            ["standing", "blocks", "allow_list", "mode"],
            id="mode-reject",
        ),
        pytest.param(
            {"sender": None},
            ["standing", "blocks", "allow_list", "mode", "eligibility"],
            id="eligibility-reject",
        ),
        pytest.param(
            {"counter": over_limit()},
            ["standing", "blocks", "allow_list", "mode", "eligibility", "daily_limit"],
            id="limit-reject",
        ),
        pytest.param(
            {"recipient": RecipientPrefs(allows_sender=True)},
            ["standing", "blocks", "allow_list", "hold_for_scan"],
            id="allowed",
        ),
        pytest.param(
            {"connected": True},
            ["standing", "blocks", "allow_list", "keyword_filters", "hold_for_scan"],
            id="connected",
        ),
    ],
)
def test_trace_stops_at_the_rule_that_decided(case, expected_rules):
    verdict = decide(make_check(**case), POLICY)

    assert rules(verdict) == expected_rules


def test_trace_records_what_each_rule_saw():
    prefs = RecipientPrefs(modes={"direct": "requests"}, keyword_filters=("crypto",))

    verdict = decide(make_check(recipient=prefs, body=CRYPTO_BODY), POLICY)

    steps = {step["rule"]: step for step in verdict.trace}
    assert steps["mode"]["mode"] == "requests"
    assert steps["eligibility"]["failed"] == []
    assert steps["keyword_filters"]["matched"] == ["crypto"]
