"""POST /api/v1/messages: each decision with its reason codes, as the contract lists them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from inbox.models import Message, NewContact
from inbox.policy import SENDER_VISIBLE_CODES
from tests.factories import NOW, SenderFactory
from tests.inbox.api_messages.support import (
    ELIGIBILITY_CODES,
    block,
    check,
    codes,
    connect,
    eligible_facts,
    rfc3339,
    set_preferences,
)

pytestmark = pytest.mark.usefixtures("frozen_now")


@pytest.mark.parametrize(
    ("preferences", "kind", "expected"),
    [
        ({"direct": "off"}, "direct", "reject"),
        ({"job_invite": "off"}, "job_invite", "reject"),
        ({"direct": "off"}, "job_invite", "hold"),
        ({"job_invite": "off"}, "direct", "hold"),
    ],
    ids=["direct-off-direct", "invites-off-invite", "direct-off-invite", "invites-off-direct"],
)
def test_recipient_not_accepting_a_kind_rejects_only_that_kind(
    service, preferences, kind, expected
):
    SenderFactory(account_id="c-1")
    set_preferences(service, "f-alice", **preferences)

    answer = check(service, kind=kind)

    assert answer["decision"] == expected
    assert codes(answer) == (
        ["recipient_not_accepting"] if expected == "reject" else ["scan_pending"]
    )


@pytest.mark.parametrize(
    ("preferences", "expected"),
    [({"direct": "off"}, "reject"), ({"job_invite": "off"}, "hold")],
    ids=["direct-off", "invites-off"],
)
def test_reply_without_a_connection_is_treated_as_direct(service, preferences, expected):
    SenderFactory(account_id="c-1")
    set_preferences(service, "f-alice", **preferences)

    answer = check(service, kind="reply")

    assert answer["decision"] == expected


def test_reply_without_a_connection_must_pass_eligibility(service):
    SenderFactory(account_id="c-1", billing_verified=False)

    answer = check(service, kind="reply")

    assert (answer["decision"], codes(answer)) == ("reject", ["billing_not_verified"])


@pytest.mark.parametrize(
    ("facts", "code"),
    [
        ({"billing_verified": False}, "billing_not_verified"),
        ({"spent_last_12_months_cents": 100_000}, "spend_below_threshold"),
        ({"spent_last_12_months_cents": 0}, "spend_below_threshold"),
        ({"joined_at": rfc3339(NOW - timedelta(days=90))}, "account_too_new"),
        ({"first_payment_at": None}, "no_payment_history"),
        ({"first_payment_at": rfc3339(NOW - timedelta(days=90))}, "no_payment_history"),
    ],
    ids=[
        "billing-unverified",
        "spend-exactly-1000-dollars",
        "spend-nothing",
        "joined-exactly-90-days-ago",
        "never-paid",
        "paid-exactly-90-days-ago",
    ],
)
def test_each_failed_eligibility_rule_rejects_with_its_own_code(service, facts, code):
    response = service.send("put", "/api/v1/senders/c-1", eligible_facts(**facts))
    assert response.status_code == 200

    answer = check(service)

    assert answer["decision"] == "reject"
    assert codes(answer) == [code]
    assert answer["retry_after"] is None


def test_eligibility_thresholds_are_strict_so_one_unit_over_passes(service):
    just_over = NOW - timedelta(days=90, seconds=1)
    facts = eligible_facts(
        spent_last_12_months_cents=100_001,
        joined_at=rfc3339(just_over),
        first_payment_at=rfc3339(just_over),
    )
    service.send("put", "/api/v1/senders/c-1", facts)

    answer = check(service)

    assert answer["decision"] == "hold"


def test_sender_failing_several_rules_gets_one_reason_per_failed_rule(service):
    facts = eligible_facts(
        billing_verified=False,
        spent_last_12_months_cents=0,
        joined_at=rfc3339(NOW - timedelta(days=3)),
        first_payment_at=None,
    )
    service.send("put", "/api/v1/senders/c-1", facts)

    answer = check(service)

    assert answer["decision"] == "reject"
    assert codes(answer) == ELIGIBILITY_CODES[:4]


def test_sender_without_facts_fails_every_eligibility_rule(service):
    answer = check(service, sender_id="c-unknown")

    assert answer["decision"] == "reject"
    assert sorted(codes(answer)) == sorted(ELIGIBILITY_CODES)


@pytest.mark.parametrize("standing", ["on_hold", "suspended"])
@pytest.mark.parametrize("connected", [False, True], ids=["unsolicited", "connected"])
def test_sender_not_in_good_standing_is_rejected_for_every_message(service, standing, connected):
    SenderFactory(account_id="c-1", standing=standing)
    if connected:
        connect(service, "c-1", "f-alice")

    answer = check(service, kind="reply" if connected else "direct")

    assert answer["decision"] == "reject"
    assert codes(answer) == ["account_not_in_good_standing"]


def test_sixth_new_freelancer_within_a_day_is_rejected_until_the_oldest_leaves_the_window(
    service, frozen_now
):
    SenderFactory(account_id="c-1")
    for hour in range(5):
        frozen_now.move_to(NOW + timedelta(hours=hour))
        assert check(service, recipient_id=f"f-{hour}")["decision"] == "hold"

    frozen_now.move_to(NOW + timedelta(hours=5))
    rejected = check(service, recipient_id="f-5")

    assert rejected["decision"] == "reject"
    assert codes(rejected) == ["daily_new_connection_limit"]
    assert rejected["retry_after"] == 19 * 3600  # the first contact (at NOW) leaves at NOW + 24h

    frozen_now.move_to(NOW + timedelta(hours=24))
    assert check(service, recipient_id="f-5")["decision"] == "hold"
    again_full = check(service, recipient_id="f-6")
    assert codes(again_full) == ["daily_new_connection_limit"]
    assert again_full["retry_after"] == 3600  # the contact made at NOW + 1h is now the oldest


def test_messaging_an_already_contacted_freelancer_is_not_limited(service):
    SenderFactory(account_id="c-1")
    for n in range(5):
        check(service, recipient_id=f"f-{n}")
    assert check(service, recipient_id="f-new")["decision"] == "reject"

    answer = check(service, recipient_id="f-0")

    assert (answer["decision"], answer["reasons"], answer["retry_after"]) == ("deliver", [], None)


def test_rejected_first_messages_do_not_count_toward_the_daily_limit(service):
    SenderFactory(account_id="c-1")
    for n in range(6):
        set_preferences(service, f"f-{n}", direct="off")
        assert check(service, recipient_id=f"f-{n}")["decision"] == "reject"

    answer = check(service, recipient_id="f-open")

    assert answer["decision"] == "hold"
    assert NewContact.objects.filter(sender_id="c-1").count() == 1


def test_quarantined_first_messages_count_toward_the_daily_limit(service):
    SenderFactory(account_id="c-1")
    for n in range(5):
        set_preferences(service, f"f-{n}", keyword_filters=["crypto"])
        assert check(service, recipient_id=f"f-{n}", body="Crypto?")["decision"] == "quarantine"

    answer = check(service, recipient_id="f-open")

    assert codes(answer) == ["daily_new_connection_limit"]


@pytest.mark.parametrize(
    ("blocked_sender", "scope", "messaging_sender", "code"),
    [
        ("c-1", "account", "c-1", "blocked_sender"),
        ("c-1", "organization", "c-2", "blocked_organization"),
        ("c-1", "linked", "c-3", "blocked_linked_account"),
    ],
    ids=["account", "organization", "linked"],
)
def test_blocked_sender_is_quarantined_without_any_sender_visible_reason(
    service, blocked_sender, scope, messaging_sender, code
):
    # Ineligible senders to a freelancer who accepts nothing: blocks decide first, silently.
    SenderFactory(account_id="c-1", organization_id="org-17", identity_key="pm-fp-9c1e")
    SenderFactory(account_id="c-2", organization_id="org-17", billing_verified=False)
    SenderFactory(account_id="c-3", identity_key="pm-fp-9c1e", joined_at=NOW)
    set_preferences(service, "f-alice", direct="off", job_invite="off")
    block(service, "f-alice", blocked_sender, scope)

    answer = check(service, sender_id=messaging_sender)

    assert answer["decision"] == "quarantine"
    assert codes(answer) == [code]
    assert not set(codes(answer)) & SENDER_VISIBLE_CODES


def test_block_of_another_account_does_not_affect_an_unrelated_sender(service):
    SenderFactory(account_id="c-1", organization_id="org-17")
    SenderFactory(account_id="c-2", organization_id="org-99")
    block(service, "f-alice", "c-1", "organization")

    answer = check(service, sender_id="c-2")

    assert answer["decision"] == "hold"


@pytest.mark.parametrize("connected", [False, True], ids=["unsolicited", "connected"])
def test_message_matching_a_keyword_filter_is_quarantined(service, connected):
    SenderFactory(account_id="c-1")
    if connected:
        connect(service, "c-1", "f-alice")
    set_preferences(service, "f-alice", keyword_filters=["crypto"])

    answer = check(service, body="Great opportunity in CRYPTO trading!")

    assert answer["decision"] == "quarantine"
    assert codes(answer) == ["keyword_filter"]
    assert not set(codes(answer)) & SENDER_VISIBLE_CODES


def test_eligible_unsolicited_first_contact_is_held_for_scanning(service):
    SenderFactory(account_id="c-1")

    answer = check(service)

    assert (answer["decision"], codes(answer)) == ("hold", ["scan_pending"])
    assert not set(codes(answer)) & SENDER_VISIBLE_CODES


def test_recipient_in_requests_mode_gets_unsolicited_messages_as_requests(service):
    SenderFactory(account_id="c-1")
    set_preferences(service, "f-alice", direct="requests")

    first = check(service)
    second = check(service)

    assert first["decision"] == "hold"  # first contact is still scanned first
    assert second["decision"] == "request"
    assert Message.objects.get(message_id=first["message_id"]).pass_decision == "request"


def test_recipient_in_requests_mode_still_applies_eligibility(service):
    SenderFactory(account_id="c-1", billing_verified=False)
    set_preferences(service, "f-alice", direct="requests")

    answer = check(service)

    assert codes(answer) == ["billing_not_verified"]


@pytest.mark.parametrize("kind", ["contract", "proposal", "invite_accepted", "reply"])
@pytest.mark.parametrize("message_kind", ["direct", "job_invite", "reply"])
def test_connected_pair_is_delivered_whatever_the_mode_and_eligibility(service, kind, message_kind):
    SenderFactory(account_id="c-1", billing_verified=False, joined_at=NOW - timedelta(days=1))
    set_preferences(service, "f-alice", direct="off", job_invite="off")
    assert connect(service, "c-1", "f-alice", kind).status_code == 201

    answer = check(service, kind=message_kind)

    assert (answer["decision"], answer["reasons"]) == ("deliver", [])


def test_sender_may_answer_the_recipients_earlier_delivered_message(service):
    SenderFactory(account_id="c-1")
    SenderFactory(account_id="f-alice")
    # c-1 starts the conversation: held first, then delivered as an already-contacted pair.
    assert check(service, sender_id="c-1", recipient_id="f-alice")["decision"] == "hold"
    assert check(service, sender_id="c-1", recipient_id="f-alice")["decision"] == "deliver"
    set_preferences(service, "f-alice", direct="off")
    set_preferences(service, "c-1", direct="off")

    # c-1's own delivered messages do not let it past f-alice's opt-out …
    own = check(service, sender_id="c-1", recipient_id="f-alice")
    # … but they let f-alice answer c-1, straight to the inbox (no scan hold, no opt-out).
    answer = check(service, sender_id="f-alice", recipient_id="c-1", kind="direct")

    assert codes(own) == ["recipient_not_accepting"]
    assert (answer["decision"], answer["reasons"]) == ("deliver", [])


def test_recipients_held_message_does_not_establish_a_connection(service):
    SenderFactory(account_id="c-1")
    SenderFactory(account_id="f-alice")
    assert check(service, sender_id="f-alice", recipient_id="c-1")["decision"] == "hold"
    set_preferences(service, "f-alice", direct="off")

    answer = check(service, sender_id="c-1", recipient_id="f-alice", kind="reply")

    assert codes(answer) == ["recipient_not_accepting"]
