"""The decision equals a reference written from the contract, over a grid of cases."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest

from inbox.detection.scoring import CONTEXT_WEIGHTS, shipped_combiner
from inbox.policy import (
    SIGNAL_EXPLANATIONS,
    ContactCounter,
    SenderFacts,
    Verdict,
    decide,
)
from preferences.choices import BlockEntry, RecipientPrefs
from tests.inbox.policy.support import (
    ALL_ELIGIBILITY_CODES,
    CRYPTO_BODY,
    GOOD_SENDER,
    IDENTITY,
    NO_HOLD,
    NOW,
    ORGANIZATION,
    PLAIN_BODY,
    POLICY,
    SENDER_ID,
    SENDER_VISIBLE_CODES,
    codes,
    make_check,
    make_sender,
)


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
