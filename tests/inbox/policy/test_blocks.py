"""The decision (CONTRACT §3): blocks of an account, an organization, linked accounts."""

from __future__ import annotations

import pytest

from inbox.policy import (
    ContactCounter,
    decide,
)
from preferences.choices import BlockEntry, RecipientPrefs
from tests.inbox.policy.support import (
    ACCOUNT_BLOCK,
    CRYPTO_BODY,
    GOOD_SENDER,
    IDENTITY,
    ORGANIZATION,
    POLICY,
    SENDER_ID,
    SENDER_VISIBLE_CODES,
    codes,
    make_check,
    make_sender,
    over_limit,
    rules,
)

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
