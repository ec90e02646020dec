"""The decision (CONTRACT §3): the sender rules, each failure with its reason."""

from __future__ import annotations

import pytest

from inbox.policy import (
    FORUM_ELIGIBILITY,
    HELP_CENTRE_ELIGIBILITY,
    PolicyRules,
    decide,
    eligibility_failures,
    validate_eligibility,
)
from tests.inbox.policy.support import (
    ALL_ELIGIBILITY_CODES,
    DAY,
    HELP_CENTRE,
    NO_HOLD,
    NOW,
    POLICY,
    SECOND,
    codes,
    make_check,
    make_sender,
)

SINGLE_FAILURES = [
    pytest.param({"billing_verified": False}, "billing_not_verified", id="billing"),
    pytest.param({"spent_last_12_months_cents": 100_000}, "spend_below_threshold", id="spend"),
    pytest.param({"joined_at": NOW - 90 * DAY}, "account_too_new", id="account-age"),
    pytest.param({"first_payment_at": NOW - 90 * DAY}, "no_payment_history", id="payment-age"),
    pytest.param({"first_payment_at": None}, "no_payment_history", id="never-paid"),
]


@pytest.mark.parametrize("kind", ["direct", "job_invite", "reply"])
@pytest.mark.parametrize(("facts", "expected_code"), SINGLE_FAILURES)
def test_sender_failing_one_eligibility_rule_is_rejected_with_its_reason(
    kind, facts, expected_code
):
    verdict = decide(make_check(kind=kind, sender=make_sender(**facts)), POLICY)

    assert verdict.decision == "reject"
    assert codes(verdict) == [expected_code]
    assert all(reason.detail for reason in verdict.reasons)
    assert verdict.retry_after is None
    assert verdict.counts_as_new_contact is False


def test_sender_in_bad_standing_fails_only_the_good_standing_rule():
    sender = make_sender(standing="on_hold")

    assert eligibility_failures(sender, POLICY, NOW) == ["good_standing"]


SEVERAL_FAILURES = [
    pytest.param(
        {"billing_verified": False, "spent_last_12_months_cents": 0},
        ["billing_not_verified", "spend_below_threshold"],
        id="billing-and-spend",
    ),
    pytest.param(
        {"joined_at": NOW - DAY, "first_payment_at": NOW - DAY},
        ["account_too_new", "no_payment_history"],
        id="age-and-payment",
    ),
    pytest.param(
        {
            "billing_verified": False,
            "spent_last_12_months_cents": 0,
            "joined_at": NOW,
            "first_payment_at": None,
        },
        ["account_too_new", "billing_not_verified", "no_payment_history", "spend_below_threshold"],
        id="every-rule-but-standing",
    ),
]


@pytest.mark.parametrize(("facts", "expected_codes"), SEVERAL_FAILURES)
def test_sender_failing_several_rules_gets_one_reason_per_failed_rule(facts, expected_codes):
    verdict = decide(make_check(sender=make_sender(**facts)), POLICY)

    assert verdict.decision == "reject"
    assert codes(verdict) == expected_codes


@pytest.mark.parametrize("kind", ["direct", "job_invite", "reply"])
def test_unknown_sender_fails_every_eligibility_rule(kind):
    verdict = decide(make_check(kind=kind, sender=None), POLICY)

    assert verdict.decision == "reject"
    assert codes(verdict) == ALL_ELIGIBILITY_CODES
    assert all(reason.detail for reason in verdict.reasons)


BOUNDARIES = [
    pytest.param({"spent_last_12_months_cents": 100_000}, False, id="spend-exactly-1000"),
    pytest.param({"spent_last_12_months_cents": 100_001}, True, id="spend-one-cent-over"),
    pytest.param({"spent_last_12_months_cents": 99_999}, False, id="spend-one-cent-under"),
    pytest.param({"spent_last_12_months_cents": 0}, False, id="spend-nothing"),
    pytest.param({"joined_at": NOW - 90 * DAY}, False, id="joined-exactly-90-days"),
    pytest.param({"joined_at": NOW - 90 * DAY - SECOND}, True, id="joined-90-days-plus-1s"),
    pytest.param({"joined_at": NOW - 90 * DAY + SECOND}, False, id="joined-90-days-minus-1s"),
    pytest.param({"joined_at": NOW}, False, id="joined-now"),
    pytest.param({"first_payment_at": NOW - 90 * DAY}, False, id="paid-exactly-90-days"),
    pytest.param({"first_payment_at": NOW - 90 * DAY - SECOND}, True, id="paid-90-days-plus-1s"),
    pytest.param({"first_payment_at": NOW - 90 * DAY + SECOND}, False, id="paid-90-days-minus-1s"),
    pytest.param({"first_payment_at": None}, False, id="never-paid"),
]


@pytest.mark.parametrize(("facts", "eligible"), BOUNDARIES)
def test_eligibility_thresholds_are_strictly_more_than(facts, eligible):
    verdict = decide(make_check(sender=make_sender(**facts)), NO_HOLD)

    assert (verdict.decision == "deliver") is eligible
    assert (verdict.decision == "reject") is not eligible


@pytest.mark.parametrize(
    ("policy_changes", "facts", "eligible"),
    [
        pytest.param(
            {"min_spend_cents": 0}, {"spent_last_12_months_cents": 0}, False, id="spend-0"
        ),
        pytest.param({"min_spend_cents": 0}, {"spent_last_12_months_cents": 1}, True, id="spend-1"),
        pytest.param(
            {"min_spend_cents": 500_000},
            {"spent_last_12_months_cents": 150_000},
            False,
            id="spend-raised",
        ),
        pytest.param(
            {"min_account_age": 30 * DAY}, {"joined_at": NOW - 31 * DAY}, True, id="age-lowered"
        ),
        pytest.param(
            {"min_account_age": 30 * DAY}, {"joined_at": NOW - 30 * DAY}, False, id="age-boundary"
        ),
        pytest.param(
            {"min_payment_age": 7 * DAY},
            {"first_payment_at": NOW - 7 * DAY - SECOND},
            True,
            id="payment-age-lowered",
        ),
        pytest.param(
            {"min_account_age": 500 * DAY}, {"joined_at": NOW - 400 * DAY}, False, id="age-raised"
        ),
    ],
)
def test_eligibility_uses_the_policy_thresholds(policy_changes, facts, eligible):
    policy = PolicyRules(version="v-custom", hold_unsolicited_for_scan=False, **policy_changes)

    verdict = decide(make_check(sender=make_sender(**facts)), policy)

    assert (verdict.decision == "deliver") is eligible


HELP_CENTRE_CASES = [
    pytest.param({}, [], id="everything"),
    pytest.param({"first_payment_at": None}, [], id="spend-only"),
    pytest.param({"spent_last_12_months_cents": 0}, [], id="payment-only"),
    pytest.param({"joined_at": NOW - DAY}, [], id="new-account-is-not-a-rule"),
    pytest.param(
        {"spent_last_12_months_cents": 100_000, "first_payment_at": NOW - 90 * DAY},
        ["no_payment_history", "spend_below_threshold"],
        id="neither-spend-nor-payment",
    ),
    pytest.param(
        {"billing_verified": False, "first_payment_at": None},
        ["billing_not_verified"],
        id="billing-with-spend",
    ),
    pytest.param(
        {"billing_verified": False, "spent_last_12_months_cents": 0, "first_payment_at": None},
        ["billing_not_verified", "no_payment_history", "spend_below_threshold"],
        id="billing-and-neither",
    ),
]


@pytest.mark.parametrize(("facts", "expected_codes"), HELP_CENTRE_CASES)
def test_help_centre_expression_needs_billing_standing_and_spend_or_payment(facts, expected_codes):
    verdict = decide(make_check(sender=make_sender(**facts)), HELP_CENTRE)

    assert verdict.decision == ("reject" if expected_codes else "deliver")
    assert codes(verdict) == expected_codes


def test_help_centre_expression_fails_an_unknown_sender_on_its_four_rules():
    verdict = decide(make_check(sender=None), HELP_CENTRE)

    assert verdict.decision == "reject"
    assert codes(verdict) == [
        "account_not_in_good_standing",
        "billing_not_verified",
        "no_payment_history",
        "spend_below_threshold",
    ]


@pytest.mark.parametrize(
    ("expression", "facts", "expected_failures"),
    [
        pytest.param(
            "billing_verified", {"billing_verified": False}, ["billing_verified"], id="rule"
        ),
        pytest.param("billing_verified", {"first_payment_at": None}, [], id="rule-passes"),
        pytest.param(
            {"any": ["billing_verified", "spend"]},
            {"billing_verified": False},
            [],
            id="any-one-passes",
        ),
        pytest.param(
            {"any": ["billing_verified", "spend"]},
            {"billing_verified": False, "spent_last_12_months_cents": 0},
            ["billing_verified", "spend"],
            id="any-none-passes",
        ),
        pytest.param(
            {"all": ["spend", {"any": ["spend", "billing_verified"]}]},
            {"billing_verified": False, "spent_last_12_months_cents": 0},
            ["spend", "billing_verified"],
            id="repeated-rule-once",
        ),
        pytest.param(
            {"any": [{"all": ["billing_verified", "spend"]}, "payment_history"]},
            {"spent_last_12_months_cents": 0, "first_payment_at": None},
            ["spend", "payment_history"],
            id="nested-all-in-any",
        ),
        pytest.param(
            {"all": [{"any": [{"all": ["account_age"]}, "spend"]}, "good_standing"]},
            {"joined_at": NOW},
            [],
            id="deep-nesting-passes",
        ),
    ],
)
def test_eligibility_expression_reports_the_rules_that_made_it_fail(
    expression, facts, expected_failures
):
    policy = PolicyRules(version="v-expr", eligibility=expression)

    failures = eligibility_failures(make_sender(**facts), policy, NOW)

    assert sorted(failures) == sorted(expected_failures)
    assert len(failures) == len(set(failures))


def test_repeated_rule_in_the_expression_gives_one_reason():
    policy = PolicyRules(
        version="v-repeat",
        eligibility={"all": ["spend", {"any": ["spend", "billing_verified"]}, "spend"]},
    )
    sender = make_sender(billing_verified=False, spent_last_12_months_cents=0)

    verdict = decide(make_check(sender=sender), policy)

    assert codes(verdict) == ["billing_not_verified", "spend_below_threshold"]


@pytest.mark.parametrize(
    "expression",
    [
        pytest.param("billing_verified", id="rule"),
        pytest.param(FORUM_ELIGIBILITY, id="forum"),
        pytest.param(HELP_CENTRE_ELIGIBILITY, id="help-centre"),
        pytest.param({"any": ["spend"]}, id="any-single"),
        pytest.param(
            {"all": [{"any": [{"all": ["spend", "account_age"]}, "payment_history"]}]},
            id="deeply-nested",
        ),
    ],
)
def test_validate_eligibility_accepts_rules_and_nested_all_any(expression):
    validate_eligibility(expression)


@pytest.mark.parametrize(
    ("expression", "says"),
    [
        pytest.param("spending", "Unknown rule 'spending'", id="unknown-rule"),
        pytest.param("", "Unknown rule ''", id="empty-rule"),
        pytest.param({"all": []}, "non-empty list", id="empty-all"),
        pytest.param({"any": []}, "non-empty list", id="empty-any"),
        pytest.param({"xor": ["spend"]}, "Unknown operator 'xor'", id="unknown-operator"),
        pytest.param({"all": "spend"}, "non-empty list", id="operands-not-a-list"),
        pytest.param({"all": ["spend"], "any": ["spend"]}, "An expression is", id="two-operators"),
        pytest.param({}, "An expression is", id="empty-object"),
        pytest.param(["spend"], "An expression is", id="bare-list"),
        pytest.param(None, "An expression is", id="none"),
        pytest.param(42, "An expression is", id="number"),
        pytest.param(
            {"all": [{"any": ["bogus"]}]}, "Unknown rule 'bogus'", id="nested-unknown-rule"
        ),
        pytest.param({"all": [{"any": []}]}, "non-empty list", id="nested-empty-list"),
    ],
)
def test_validate_eligibility_rejects_malformed_expressions(expression, says):
    with pytest.raises(ValueError) as refused:
        validate_eligibility(expression)

    assert says in str(refused.value)
