"""What the tests of policy share: data and helpers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from inbox.policy import (
    HELP_CENTRE_ELIGIBILITY,
    CheckInput,
    ContactCounter,
    PolicyRules,
    SenderFacts,
    Verdict,
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


ACCOUNT_BLOCK = BlockEntry(scope="account", sender_id=SENDER_ID)
