"""Exhaustive tests of the pure delivery decision `inbox.policy.decide` (CONTRACT §3)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from inbox.detection.scoring import CONTEXT_WEIGHTS, shipped_combiner
from inbox.policy import (
    FORUM_ELIGIBILITY,
    HELP_CENTRE_ELIGIBILITY,
    SIGNAL_EXPLANATIONS,
    CheckInput,
    ContactCounter,
    PolicyRules,
    SenderFacts,
    Verdict,
    decide,
    effective_mode,
    eligibility_failures,
    is_unsolicited,
    validate_eligibility,
)
from preferences.choices import BlockEntry, RecipientPrefs

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
POLICY = PolicyRules(version="v-test")
NO_HOLD = PolicyRules(version="v-test-no-hold", hold_unsolicited_for_scan=False)
HELP_CENTRE = PolicyRules(
    version="v-test-help-centre",
    eligibility=HELP_CENTRE_ELIGIBILITY,
    hold_unsolicited_for_scan=False,
)

SENDER_ID = "c-42"
ORGANIZATION = "org-17"
IDENTITY = "pm-fp-9c1e"
PLAIN_BODY = "Hi, are you available for a WordPress job?"
CRYPTO_BODY = "Hi, I pay well, but only in Crypto."

# Written from the contract's tables, not imported from the code under test.
SENDER_VISIBLE_CODES = frozenset(
    {
        "recipient_not_accepting",
        "billing_not_verified",
        "spend_below_threshold",
        "account_too_new",
        "no_payment_history",
        "account_not_in_good_standing",
        "daily_new_connection_limit",
    }
)
ALL_ELIGIBILITY_CODES = [
    "account_not_in_good_standing",
    "account_too_new",
    "billing_not_verified",
    "no_payment_history",
    "spend_below_threshold",
]
DAY = timedelta(days=1)
SECOND = timedelta(seconds=1)


def make_sender(**overrides: Any) -> SenderFacts:
    """Return the facts of a sender who passes every eligibility rule, unless told otherwise."""
    facts: dict[str, Any] = {
        "account_id": SENDER_ID,
        "display_name": "Acme Ltd",
        "organization_id": ORGANIZATION,
        "identity_key": IDENTITY,
        "billing_verified": True,
        "spent_last_12_months_cents": 150_000,
        "joined_at": NOW - 400 * DAY,
        "first_payment_at": NOW - 300 * DAY,
        "standing": "good",
    }
    facts.update(overrides)
    return SenderFacts(**facts)


GOOD_SENDER = make_sender()
NO_PREFS = RecipientPrefs()
FRESH_COUNTER = ContactCounter()


def make_check(
    *,
    kind: str = "direct",
    body: str = PLAIN_BODY,
    sender: SenderFacts | None = GOOD_SENDER,
    recipient: RecipientPrefs = NO_PREFS,
    connected: bool = False,
    counter: ContactCounter = FRESH_COUNTER,
    sender_id: str = SENDER_ID,
) -> CheckInput:
    return CheckInput(
        sender_id=sender_id,
        kind=kind,
        body=body,
        sender=sender,
        recipient=recipient,
        connected=connected,
        counter=counter,
        now=NOW,
    )


def codes(verdict: Verdict) -> list[str]:
    return sorted(reason.code for reason in verdict.reasons)


def rules(verdict: Verdict) -> list[str]:
    return [step["rule"] for step in verdict.trace]


def over_limit(oldest_ago: timedelta = timedelta(hours=20), recent: int = 5) -> ContactCounter:
    return ContactCounter(recent_count=recent, oldest_recent_at=NOW - oldest_ago)


# --- Standing --------------------------------------------------------------------------------

ACCOUNT_BLOCK = BlockEntry(scope="account", sender_id=SENDER_ID)

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


# --- Blocks ----------------------------------------------------------------------------------

BLOCK_MATCHES = [
    pytest.param(
        BlockEntry(scope="account", sender_id=SENDER_ID),
        GOOD_SENDER,
        "blocked_sender",
        id="account-same-sender",
    ),
    pytest.param(
        BlockEntry(scope="account", sender_id=SENDER_ID),
        None,
        "blocked_sender",
        id="account-unknown-sender",
    ),
    pytest.param(
        BlockEntry(scope="organization", sender_id="c-sibling", organization_id=ORGANIZATION),
        GOOD_SENDER,
        "blocked_organization",
        id="organization-other-account-same-org",
    ),
    pytest.param(
        BlockEntry(scope="organization", sender_id=SENDER_ID, organization_id=ORGANIZATION),
        GOOD_SENDER,
        "blocked_organization",
        id="organization-the-blocked-account-itself",
    ),
    pytest.param(
        BlockEntry(scope="linked", sender_id="c-sibling", identity_key=IDENTITY),
        GOOD_SENDER,
        "blocked_linked_account",
        id="linked-other-account-same-identity",
    ),
    pytest.param(
        BlockEntry(scope="linked", sender_id=SENDER_ID, identity_key=IDENTITY),
        GOOD_SENDER,
        "blocked_linked_account",
        id="linked-the-blocked-account-itself",
    ),
    pytest.param(
        BlockEntry(scope="linked", sender_id="c-sibling", identity_key=IDENTITY),
        make_sender(organization_id=""),
        "blocked_linked_account",
        id="linked-sender-without-organization",
    ),
]


@pytest.mark.parametrize(("block", "sender", "expected_code"), BLOCK_MATCHES)
def test_blocked_sender_message_is_quarantined_with_the_scope_reason(block, sender, expected_code):
    check = make_check(sender=sender, recipient=RecipientPrefs(blocks=(block,)))

    verdict = decide(check, POLICY)

    assert verdict.decision == "quarantine"
    assert codes(verdict) == [expected_code]
    assert verdict.retry_after is None
    assert rules(verdict) == ["standing", "blocks"]


BLOCK_MISSES = [
    pytest.param(
        BlockEntry(scope="account", sender_id="c-other"), GOOD_SENDER, id="account-other-sender"
    ),
    pytest.param(
        BlockEntry(scope="organization", sender_id="c-other", organization_id="org-99"),
        GOOD_SENDER,
        id="organization-different-org",
    ),
    pytest.param(
        BlockEntry(scope="organization", sender_id="c-other", organization_id=ORGANIZATION),
        make_sender(organization_id=""),
        id="organization-sender-without-org",
    ),
    pytest.param(
        BlockEntry(scope="organization", sender_id="c-other", organization_id=""),
        make_sender(organization_id=""),
        id="organization-both-empty",
    ),
    pytest.param(
        BlockEntry(scope="organization", sender_id="c-other", organization_id=ORGANIZATION),
        None,
        id="organization-unknown-sender",
    ),
    pytest.param(
        BlockEntry(scope="linked", sender_id="c-other", identity_key="pm-fp-other"),
        GOOD_SENDER,
        id="linked-different-identity",
    ),
    pytest.param(
        BlockEntry(scope="linked", sender_id="c-other", identity_key=""),
        make_sender(identity_key=""),
        id="linked-both-identities-empty",
    ),
    pytest.param(
        BlockEntry(scope="linked", sender_id="c-other", identity_key=IDENTITY),
        None,
        id="linked-unknown-sender",
    ),
    pytest.param(
        BlockEntry(scope="linked", sender_id="c-other", organization_id=ORGANIZATION),
        make_sender(identity_key=""),
        id="linked-same-org-but-no-identity",
    ),
]


@pytest.mark.parametrize(("block", "sender"), BLOCK_MISSES)
def test_block_that_does_not_cover_the_sender_is_ignored(block, sender):
    check = make_check(sender=sender, recipient=RecipientPrefs(blocks=(block,)), connected=True)

    verdict = decide(check, POLICY)

    assert verdict.decision == "deliver"
    assert codes(verdict) == []


def test_linked_block_still_covers_the_blocked_account_after_its_identity_key_changes():
    block = BlockEntry(scope="linked", sender_id=SENDER_ID, identity_key=IDENTITY)
    sender = make_sender(identity_key="pm-fp-new")

    verdict = decide(make_check(sender=sender, recipient=RecipientPrefs(blocks=(block,))), POLICY)

    assert verdict.decision == "quarantine"
    assert codes(verdict) == ["blocked_linked_account"]


@pytest.mark.parametrize("new_organization", ["org-99", ""], ids=["moved", "left"])
def test_organization_block_still_covers_the_blocked_account_after_it_leaves(new_organization):
    block = BlockEntry(scope="organization", sender_id=SENDER_ID, organization_id=ORGANIZATION)
    sender = make_sender(organization_id=new_organization)

    verdict = decide(make_check(sender=sender, recipient=RecipientPrefs(blocks=(block,))), POLICY)

    assert verdict.decision == "quarantine"


@pytest.mark.parametrize(
    "situation",
    [
        pytest.param({"connected": True}, id="connected-direct"),
        pytest.param({"connected": True, "kind": "reply"}, id="connected-reply"),
        pytest.param({"connected": True, "kind": "job_invite"}, id="connected-job-invite"),
        pytest.param({"counter": ContactCounter(already_contacted=True)}, id="already-contacted"),
    ],
)
def test_blocks_apply_to_solicited_messages_too(situation):
    check = make_check(recipient=RecipientPrefs(blocks=(ACCOUNT_BLOCK,)), **situation)

    verdict = decide(check, POLICY)

    assert verdict.decision == "quarantine"
    assert codes(verdict) == ["blocked_sender"]


@pytest.mark.parametrize("connected", [False, True], ids=["unsolicited", "connected"])
def test_block_beats_the_allow_list(connected):
    prefs = RecipientPrefs(blocks=(ACCOUNT_BLOCK,), allows_sender=True)

    verdict = decide(make_check(recipient=prefs, connected=connected), POLICY)

    assert verdict.decision == "quarantine"
    assert codes(verdict) == ["blocked_sender"]


def test_every_matching_block_scope_gives_its_own_reason():
    blocks = (
        BlockEntry(scope="linked", sender_id="c-sibling", identity_key=IDENTITY),
        BlockEntry(scope="organization", sender_id="c-sibling", organization_id=ORGANIZATION),
        ACCOUNT_BLOCK,
        BlockEntry(scope="account", sender_id=SENDER_ID),
    )

    verdict = decide(make_check(recipient=RecipientPrefs(blocks=blocks)), POLICY)

    assert verdict.decision == "quarantine"
    assert codes(verdict) == ["blocked_linked_account", "blocked_organization", "blocked_sender"]


@pytest.mark.parametrize(
    "obstacle",
    [
        pytest.param({"recipient_modes": {"direct": "off"}}, id="mode-off"),
        pytest.param({"sender": make_sender(billing_verified=False)}, id="ineligible"),
        pytest.param({"sender": None}, id="unknown-sender"),
        pytest.param({"counter": over_limit()}, id="over-daily-limit"),
        pytest.param({"body": CRYPTO_BODY}, id="keyword-match"),
    ],
)
def test_blocked_message_is_quarantined_before_later_rules_can_reject_it(obstacle):
    obstacle = dict(obstacle)
    prefs = RecipientPrefs(
        modes=obstacle.pop("recipient_modes", {}),
        keyword_filters=("crypto",),
        blocks=(ACCOUNT_BLOCK,),
    )

    verdict = decide(make_check(recipient=prefs, **obstacle), POLICY)

    assert verdict.decision == "quarantine"
    assert codes(verdict) == ["blocked_sender"]
    assert verdict.retry_after is None
    assert not SENDER_VISIBLE_CODES & set(codes(verdict))


# --- Allow list ------------------------------------------------------------------------------

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


# --- Modes -----------------------------------------------------------------------------------

MODE_CASES = [
    # kind, freelancer's modes, expected decision, expected codes
    pytest.param("direct", {"direct": "allow"}, "deliver", [], id="direct-allow"),
    pytest.param("direct", {"direct": "requests"}, "request", None, id="direct-requests"),
    pytest.param(
        "direct", {"direct": "off"}, "reject", ["recipient_not_accepting"], id="direct-off"
    ),
    pytest.param("job_invite", {"job_invite": "allow"}, "deliver", [], id="invite-allow"),
    pytest.param("job_invite", {"job_invite": "requests"}, "request", None, id="invite-requests"),
    pytest.param(
        "job_invite",
        {"job_invite": "off"},
        "reject",
        ["recipient_not_accepting"],
        id="invite-off",
    ),
    pytest.param(
        "job_invite",
        {"direct": "off", "job_invite": "allow"},
        "deliver",
        [],
        id="invite-ignores-direct-off",
    ),
    pytest.param(
        "direct",
        {"direct": "allow", "job_invite": "off"},
        "deliver",
        [],
        id="direct-ignores-invite-off",
    ),
    pytest.param(
        "direct",
        {"direct": "allow", "job_invite": "requests"},
        "deliver",
        [],
        id="direct-ignores-invite-requests",
    ),
    pytest.param(
        "reply",
        {"direct": "off", "job_invite": "allow"},
        "reject",
        ["recipient_not_accepting"],
        id="unconnected-reply-uses-direct-off",
    ),
    pytest.param(
        "reply",
        {"direct": "requests", "job_invite": "off"},
        "request",
        None,
        id="unconnected-reply-uses-direct-requests",
    ),
    pytest.param(
        "reply",
        {"direct": "allow", "job_invite": "off"},
        "deliver",
        [],
        id="unconnected-reply-uses-direct-allow",
    ),
]


@pytest.mark.parametrize(("kind", "modes", "expected", "expected_codes"), MODE_CASES)
def test_unsolicited_message_follows_the_recipient_mode_for_its_kind(
    kind, modes, expected, expected_codes
):
    verdict = decide(make_check(kind=kind, recipient=RecipientPrefs(modes=modes)), NO_HOLD)

    assert verdict.decision == expected
    assert verdict.unsolicited is True
    if expected_codes is not None:
        assert codes(verdict) == expected_codes
    else:
        assert not SENDER_VISIBLE_CODES & set(codes(verdict))
    if expected == "reject":
        assert verdict.counts_as_new_contact is False
    else:
        assert verdict.pass_decision == expected
        assert verdict.counts_as_new_contact is True


@pytest.mark.parametrize("kind", ["direct", "job_invite", "reply"])
def test_requests_mode_first_contact_is_held_and_then_goes_to_requests(kind):
    prefs = RecipientPrefs(modes={"direct": "requests", "job_invite": "requests"})

    verdict = decide(make_check(kind=kind, recipient=prefs), POLICY)

    assert verdict.decision == "hold"
    assert codes(verdict) == ["scan_pending"]
    assert verdict.pass_decision == "request"
    assert verdict.counts_as_new_contact is True


def test_requests_mode_already_contacted_goes_straight_to_requests():
    prefs = RecipientPrefs(modes={"direct": "requests"})
    counter = ContactCounter(already_contacted=True)

    verdict = decide(make_check(recipient=prefs, counter=counter), POLICY)

    assert verdict.decision == "request"
    assert verdict.pass_decision == "request"
    assert verdict.counts_as_new_contact is False


@pytest.mark.parametrize(
    "obstacle",
    [
        pytest.param({"sender": make_sender(billing_verified=False)}, id="ineligible"),
        pytest.param({"counter": over_limit()}, id="over-daily-limit"),
    ],
)
def test_requests_mode_does_not_stop_later_rejections(obstacle):
    prefs = RecipientPrefs(modes={"direct": "requests"})

    verdict = decide(make_check(recipient=prefs, **obstacle), POLICY)

    assert verdict.decision == "reject"


def test_requests_mode_message_with_filtered_keyword_is_quarantined():
    prefs = RecipientPrefs(modes={"direct": "requests"}, keyword_filters=("crypto",))

    verdict = decide(make_check(recipient=prefs, body=CRYPTO_BODY), POLICY)

    assert verdict.decision == "quarantine"
    assert codes(verdict) == ["keyword_filter"]


DEFAULT_MODE_CASES = [
    # policy default modes, freelancer's modes, kind, expected decision
    pytest.param({"direct": "allow", "job_invite": "allow"}, {}, "direct", "deliver", id="stock"),
    pytest.param({"direct": "off"}, {}, "direct", "reject", id="default-off-no-prefs"),
    pytest.param({"direct": "off"}, {"direct": None}, "direct", "reject", id="default-off-none"),
    pytest.param({"direct": "off"}, {"direct": ""}, "direct", "reject", id="default-off-empty"),
    pytest.param({"direct": "off"}, {}, "reply", "reject", id="default-off-unconnected-reply"),
    pytest.param({"direct": "off"}, {}, "job_invite", "deliver", id="default-off-other-kind"),
    pytest.param(
        {"job_invite": "requests"}, {}, "job_invite", "request", id="default-requests-invite"
    ),
    pytest.param(
        {"direct": "off"}, {"direct": "allow"}, "direct", "deliver", id="explicit-allow-wins"
    ),
    pytest.param(
        {"direct": "allow"}, {"direct": "off"}, "direct", "reject", id="explicit-off-wins"
    ),
    pytest.param({}, {}, "direct", "deliver", id="policy-without-defaults-allows"),
]


@pytest.mark.parametrize(("defaults", "modes", "kind", "expected"), DEFAULT_MODE_CASES)
def test_policy_default_mode_applies_when_the_freelancer_has_none(defaults, modes, kind, expected):
    policy = PolicyRules(
        version="v-defaults", default_modes=defaults, hold_unsolicited_for_scan=False
    )

    verdict = decide(make_check(kind=kind, recipient=RecipientPrefs(modes=modes)), policy)

    assert verdict.decision == expected


SOLICITED_OBSTACLES = {
    "mode-off": {"prefs": {"modes": {"direct": "off", "job_invite": "off"}}},
    "mode-requests": {"prefs": {"modes": {"direct": "requests", "job_invite": "requests"}}},
    "billing-not-verified": {"sender": make_sender(billing_verified=False)},
    "account-too-new": {"sender": make_sender(joined_at=NOW - DAY)},
    "unknown-sender": {"sender": None},
    "over-daily-limit": {"counter": over_limit(recent=50)},
    "everything-at-once": {
        "prefs": {"modes": {"direct": "off", "job_invite": "off"}},
        "sender": None,
        "counter": over_limit(recent=50),
    },
}


@pytest.mark.parametrize("kind", ["direct", "job_invite", "reply"])
@pytest.mark.parametrize("case", list(SOLICITED_OBSTACLES.values()), ids=list(SOLICITED_OBSTACLES))
def test_connected_message_ignores_mode_eligibility_limit_and_hold(kind, case):
    case = dict(case)
    prefs = RecipientPrefs(**case.pop("prefs", {}))

    verdict = decide(make_check(kind=kind, recipient=prefs, connected=True, **case), POLICY)

    assert verdict.decision == "deliver"
    assert codes(verdict) == []
    assert verdict.unsolicited is False
    assert verdict.counts_as_new_contact is False
    assert verdict.pass_decision == "deliver"
    assert verdict.retry_after is None


@pytest.mark.parametrize(
    ("kind", "connected", "expected"),
    [
        ("direct", False, True),
        ("job_invite", False, True),
        ("reply", False, True),
        ("direct", True, False),
        ("job_invite", True, False),
        ("reply", True, False),
    ],
)
def test_is_unsolicited_without_a_connection_for_every_kind(kind, connected, expected):
    assert is_unsolicited(kind=kind, connected=connected) is expected


@pytest.mark.parametrize(
    ("kind", "expected"), [("direct", "off"), ("reply", "off"), ("job_invite", "requests")]
)
def test_effective_mode_reads_reply_as_direct(kind, expected):
    prefs = RecipientPrefs(modes={"direct": "off", "job_invite": "requests"})

    assert effective_mode(kind=kind, prefs=prefs, policy=POLICY) == expected


# --- Eligibility -----------------------------------------------------------------------------

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


# --- Daily limit -----------------------------------------------------------------------------


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


# --- Keyword filters -------------------------------------------------------------------------

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


# --- Hold for scanning -----------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["direct", "job_invite", "reply"])
def test_unsolicited_first_contact_is_held_when_the_policy_holds_first_contact(kind):
    verdict = decide(make_check(kind=kind), POLICY)

    assert verdict.decision == "hold"
    assert codes(verdict) == ["scan_pending"]
    assert verdict.pass_decision == "deliver"
    assert verdict.unsolicited is True
    assert verdict.counts_as_new_contact is True
    assert verdict.retry_after is None


@pytest.mark.parametrize("kind", ["direct", "job_invite", "reply"])
def test_unsolicited_first_contact_is_delivered_when_the_policy_does_not_hold(kind):
    verdict = decide(make_check(kind=kind), NO_HOLD)

    assert verdict.decision == "deliver"
    assert codes(verdict) == []
    assert verdict.counts_as_new_contact is True


@pytest.mark.parametrize(
    "situation",
    [
        pytest.param({"counter": ContactCounter(already_contacted=True)}, id="already-contacted"),
        pytest.param({"connected": True}, id="connected"),
        pytest.param({"connected": True, "kind": "reply"}, id="connected-reply"),
    ],
)
def test_message_that_is_not_a_first_contact_is_not_held(situation):
    verdict = decide(make_check(**situation), POLICY)

    assert verdict.decision == "deliver"
    assert verdict.counts_as_new_contact is False


# --- Verdict fields and trace ----------------------------------------------------------------


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


# --- Property: the decision equals a reference written from the contract --------------------


@dataclass(frozen=True)
class Expected:
    decision: str
    codes: list[str] | None  # None: any codes the sender may not see (a request's reason)
    pass_decision: str
    unsolicited: bool
    counts_as_new_contact: bool
    retry_after: int | None = None


SENDER_VARIANTS: dict[str, SenderFacts | None] = {
    "eligible": GOOD_SENDER,
    "ineligible": make_sender(billing_verified=False),
    "on_hold": make_sender(standing="on_hold"),
    "suspended": make_sender(standing="suspended"),
    "unknown": None,
}
BLOCK_VARIANTS: dict[str, tuple[BlockEntry, ...]] = {
    "none": (),
    "account": (BlockEntry(scope="account", sender_id=SENDER_ID),),
    "organization": (
        BlockEntry(scope="organization", sender_id="c-sibling", organization_id=ORGANIZATION),
    ),
    "linked": (BlockEntry(scope="linked", sender_id="c-sibling", identity_key=IDENTITY),),
}
OVER_LIMIT_RETRY_AFTER = 4 * 3600


def expected_outcome(
    *,
    sender: str,
    block: str,
    allowed: bool,
    connected: bool,
    kind: str,
    mode: str | None,
    over_limit: bool,
    already_contacted: bool,
    keyword: bool,
    hold_policy: bool,
) -> Expected:
    """Apply CONTRACT §3's rules in order; the first that decides ends the check."""
    # "direct or job_invite ... with no established connection; a reply where there is none
    # counts as direct" -- every kind in the grid is unsolicited exactly when unconnected.
    unsolicited = not connected
    first_message = unsolicited and not already_contacted

    def outcome(
        decision: str, reason_codes: list[str] | None, becomes: str = "deliver", retry: Any = None
    ) -> Expected:
        # "Every unsolicited first message ... that is not rejected counts toward the limit."
        counts = first_message and decision != "reject"
        return Expected(decision, reason_codes, becomes, unsolicited, counts, retry)

    known = sender != "unknown"
    # standing (reject), every message
    if sender in ("on_hold", "suspended"):
        return outcome("reject", ["account_not_in_good_standing"])
    # blocks (quarantine); organization and linked blocks need the sender's facts
    block_codes = {
        "account": "blocked_sender",
        "organization": "blocked_organization",
        "linked": "blocked_linked_account",
    }
    if block == "account" or (block in ("organization", "linked") and known):
        return outcome("quarantine", [block_codes[block]])
    # allow list skips the next four: mode, eligibility, daily limit, keyword filters
    to_requests = False
    if unsolicited and not allowed:
        chosen = mode or "allow"  # the policy's stock default is allow
        if chosen == "off":
            return outcome("reject", ["recipient_not_accepting"])
        to_requests = chosen == "requests"
        if sender == "ineligible":
            return outcome("reject", ["billing_not_verified"])
        if sender == "unknown":
            return outcome("reject", list(ALL_ELIGIBILITY_CODES))
        if first_message and over_limit:
            return outcome("reject", ["daily_new_connection_limit"], retry=OVER_LIMIT_RETRY_AFTER)
    becomes = "request" if to_requests else "deliver"
    if keyword and not allowed:
        return outcome("quarantine", ["keyword_filter"], becomes)
    if first_message and hold_policy:
        return outcome("hold", ["scan_pending"], becomes)
    return outcome(becomes, None if to_requests else [], becomes)


GRID_DIMENSIONS: dict[str, list[Any]] = {
    "sender": list(SENDER_VARIANTS),
    "block": list(BLOCK_VARIANTS),
    "allowed": [False, True],
    "connected": [False, True],
    "over_limit": [False, True],
    "already_contacted": [False, True],
    "keyword": [False, True],
    "hold_policy": [False, True],
}


def run_grid_case(*, kind: str, mode: str | None, **combination: Any) -> Verdict:
    mode_key = "job_invite" if kind == "job_invite" else "direct"
    other_key = "direct" if mode_key == "job_invite" else "job_invite"
    # The other kind's mode is set to the opposite so that reading the wrong key shows.
    other_mode = "allow" if mode == "off" else "off"
    prefs = RecipientPrefs(
        modes={mode_key: mode, other_key: other_mode},
        keyword_filters=("crypto",),
        blocks=BLOCK_VARIANTS[combination["block"]],
        allows_sender=combination["allowed"],
    )
    counter = ContactCounter(
        already_contacted=combination["already_contacted"],
        recent_count=5 if combination["over_limit"] else 4,
        oldest_recent_at=NOW - timedelta(hours=20),
    )
    check = make_check(
        kind=kind,
        body=CRYPTO_BODY if combination["keyword"] else PLAIN_BODY,
        sender=SENDER_VARIANTS[combination["sender"]],
        recipient=prefs,
        connected=combination["connected"],
        counter=counter,
    )
    policy = POLICY if combination["hold_policy"] else NO_HOLD
    return decide(check, policy)


@pytest.mark.parametrize("mode", ["allow", "requests", "off", None])
@pytest.mark.parametrize("kind", ["direct", "job_invite", "reply"])
def test_decision_matches_the_contract_reference_for_every_combination(kind, mode):
    mismatches = []
    names = list(GRID_DIMENSIONS)
    for values in itertools.product(*GRID_DIMENSIONS.values()):
        combination = dict(zip(names, values, strict=True))
        expected = expected_outcome(kind=kind, mode=mode, **combination)

        verdict = run_grid_case(kind=kind, mode=mode, **combination)

        actual_codes = codes(verdict)
        problems = []
        if verdict.decision != expected.decision:
            problems.append(f"decision {verdict.decision} != {expected.decision}")
        if expected.codes is None:
            if SENDER_VISIBLE_CODES & set(actual_codes):
                problems.append(f"request shows sender-visible codes {actual_codes}")
        elif actual_codes != sorted(expected.codes):
            problems.append(f"codes {actual_codes} != {sorted(expected.codes)}")
        if expected.decision in ("quarantine", "hold") and SENDER_VISIBLE_CODES & set(actual_codes):
            problems.append(f"silent decision shows sender-visible codes {actual_codes}")
        if expected.decision in ("hold", "request", "deliver") and (
            verdict.pass_decision != expected.pass_decision
        ):
            problems.append(f"pass_decision {verdict.pass_decision} != {expected.pass_decision}")
        if verdict.unsolicited is not expected.unsolicited:
            problems.append(f"unsolicited {verdict.unsolicited}")
        if verdict.counts_as_new_contact is not expected.counts_as_new_contact:
            problems.append(f"counts_as_new_contact {verdict.counts_as_new_contact}")
        if verdict.retry_after != expected.retry_after:
            problems.append(f"retry_after {verdict.retry_after} != {expected.retry_after}")
        if problems:
            mismatches.append((combination, problems))

    assert mismatches == []


def test_every_spam_signal_has_an_explanation_for_the_quarantine_reason():
    weighed = {
        name.removeprefix("signal:")
        for name in shipped_combiner().weights
        if name.startswith("signal:")
    }
    assert weighed | set(CONTEXT_WEIGHTS) <= set(SIGNAL_EXPLANATIONS)
