"""The decision (CONTRACT §3): the freelancer's contact modes and the policy defaults."""

from __future__ import annotations

import pytest

from inbox.policy import (
    ContactCounter,
    PolicyRules,
    decide,
    effective_mode,
    is_unsolicited,
)
from preferences.choices import RecipientPrefs
from tests.inbox.policy.support import (
    CRYPTO_BODY,
    DAY,
    NO_HOLD,
    NOW,
    POLICY,
    SENDER_VISIBLE_CODES,
    codes,
    make_check,
    make_sender,
    over_limit,
)

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
