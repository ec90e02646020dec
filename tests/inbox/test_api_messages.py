"""The delivery check through HTTP (CONTRACT §1-§4): every reason code, idempotency, policies."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest

from inbox import services
from inbox.models import Connection, DecisionRecord, Message, NewContact, Sender
from inbox.policy import FORUM_ELIGIBILITY, HELP_CENTRE_ELIGIBILITY, SENDER_VISIBLE_CODES
from tests.factories import NOW, SenderFactory

pytestmark = pytest.mark.usefixtures("frozen_now")

MESSAGES = "/api/v1/messages"
CONNECTIONS = "/api/v1/connections"
ANSWER_KEYS = {"message_id", "decision", "reasons", "policy_version", "retry_after"}
ELIGIBILITY_CODES = [
    "billing_not_verified",
    "spend_below_threshold",
    "account_too_new",
    "no_payment_history",
    "account_not_in_good_standing",
]


def rfc3339(moment: Any) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def eligible_facts(**overrides: Any) -> dict[str, Any]:
    """Return §1 facts of a sender who passes every eligibility rule at NOW."""
    facts = {
        "display_name": "Acme Ltd",
        "organization_id": None,
        "identity_key": None,
        "billing_verified": True,
        "spent_last_12_months_cents": 150_000,
        "joined_at": rfc3339(NOW - timedelta(days=400)),
        "first_payment_at": rfc3339(NOW - timedelta(days=300)),
        "standing": "good",
    }
    facts.update(overrides)
    return facts


_message_numbers = iter(range(1, 10**9))


def check(
    service: Any, *, expect_status: int = 201, message_id: str | None = None, **fields: Any
) -> dict[str, Any]:
    """POST a delivery check and return the answer, asserting its contract shape."""
    body = {
        "message_id": message_id or f"m-{next(_message_numbers)}",
        "sender_id": "c-1",
        "recipient_id": "f-alice",
        "kind": "direct",
        "body": "Hi, are you available for a WordPress job?",
        **fields,
    }
    response = service.send("post", MESSAGES, body)
    assert response.status_code == expect_status, response.content
    answer = response.json()
    assert set(answer) == ANSWER_KEYS
    assert answer["message_id"] == body["message_id"]
    assert re.fullmatch(r"v\d+", answer["policy_version"])
    if not any(reason["code"] == "daily_new_connection_limit" for reason in answer["reasons"]):
        assert answer["retry_after"] is None
    for reason in answer["reasons"]:
        assert set(reason) == {"code", "detail"}
        assert reason["detail"]
    return answer


def codes(answer: dict[str, Any]) -> list[str]:
    return [reason["code"] for reason in answer["reasons"]]


def set_preferences(service: Any, freelancer_id: str, **changes: Any) -> None:
    response = service.send("patch", f"/api/v1/freelancers/{freelancer_id}/preferences", changes)
    assert response.status_code == 200, response.content


def block(service: Any, freelancer_id: str, sender_id: str, scope: str) -> None:
    response = service.send(
        "post",
        f"/api/v1/freelancers/{freelancer_id}/blocks",
        {"sender_id": sender_id, "scope": scope},
    )
    assert response.status_code == 201, response.content


def connect(service: Any, client_id: str, freelancer_id: str, kind: str = "contract") -> Any:
    return service.send(
        "post", CONNECTIONS, {"client_id": client_id, "freelancer_id": freelancer_id, "kind": kind}
    )


# --- Reason codes ----------------------------------------------------------------------------


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


# --- The answer and the optional fields ------------------------------------------------------


def test_every_answer_names_the_policy_version_and_retry_after(service):
    SenderFactory(account_id="c-1")
    SenderFactory(account_id="c-bad", billing_verified=False)

    answers = [
        check(service),
        check(service),
        check(service, sender_id="c-bad"),
    ]

    assert [a["decision"] for a in answers] == ["hold", "deliver", "reject"]
    assert {a["policy_version"] for a in answers} == {"v1"}
    assert {a["retry_after"] for a in answers} == {None}


def test_sender_object_upserts_facts_first_so_an_unknown_sender_is_eligible_at_once(service):
    answer = check(service, sender_id="c-new", sender=eligible_facts(organization_id="org-17"))

    assert answer["decision"] == "hold"
    sender = Sender.objects.get(account_id="c-new")
    assert (sender.display_name, sender.organization_id) == ("Acme Ltd", "org-17")


def test_sender_object_replaces_older_facts_before_the_decision(service):
    SenderFactory(account_id="c-1")

    answer = check(service, sender=eligible_facts(standing="suspended"))

    assert codes(answer) == ["account_not_in_good_standing"]
    assert Sender.objects.get(account_id="c-1").standing == "suspended"


def test_sent_at_defaults_to_now(service):
    SenderFactory(account_id="c-1")

    answer = check(service)

    assert Message.objects.get(message_id=answer["message_id"]).sent_at == NOW


def test_sent_at_is_stored_as_given(service):
    SenderFactory(account_id="c-1")

    answer = check(service, sent_at="2026-11-20T11:59:00+02:00", thread_id="t-9")

    message = Message.objects.get(message_id=answer["message_id"])
    assert message.sent_at == NOW - timedelta(minutes=1)
    assert message.thread_id == "t-9"


@pytest.mark.parametrize(
    ("client", "status"),
    [("anonymous", 401), ("alice_client", 403)],
    ids=["no-key", "freelancer-session"],
)
def test_delivery_check_needs_the_service_key(request, db, client, status):
    caller = request.getfixturevalue(client)
    body = {
        "message_id": "m-1",
        "sender_id": "c-1",
        "recipient_id": "f-alice",
        "kind": "direct",
        "body": "Hi",
    }

    response = caller.send("post", MESSAGES, body)

    assert response.status_code == status
    assert response.json()["error"]["code"]
    assert not Message.objects.exists()


# --- Idempotency and message state -----------------------------------------------------------


def test_retry_of_the_same_message_answers_200_with_the_decision_unchanged_by_new_facts(service):
    SenderFactory(account_id="c-1")
    first = check(service, message_id="m-1001")
    service.send("put", "/api/v1/senders/c-1", eligible_facts(standing="suspended"))
    set_preferences(service, "f-alice", direct="off")

    retry = check(
        service,
        expect_status=200,
        message_id="m-1001",
        sender=eligible_facts(billing_verified=False),
    )

    assert retry == first
    assert Message.objects.count() == 1
    assert DecisionRecord.objects.count() == 1


def test_retry_answers_the_current_decision_after_a_later_one(service):
    SenderFactory(account_id="c-1")
    assert check(service, message_id="m-1001")["decision"] == "hold"
    services.message_transition(
        message=Message.objects.get(message_id="m-1001"),
        to="deliver",
        reasons=[],
        by="scan",
    )

    retry = check(service, expect_status=200, message_id="m-1001")

    assert (retry["decision"], retry["reasons"]) == ("deliver", [])


def test_retry_with_another_thread_or_sent_at_is_still_the_same_message(service):
    SenderFactory(account_id="c-1")
    first = check(service, message_id="m-1001", thread_id="t-1")

    retry = check(
        service,
        expect_status=200,
        message_id="m-1001",
        thread_id="t-2",
        sent_at="2026-11-19T00:00:00Z",
    )

    assert retry == first


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("sender_id", "c-other"),
        ("recipient_id", "f-bob"),
        ("kind", "job_invite"),
        ("body", "Hi, are you available for a WordPress job? "),
    ],
    ids=["sender", "recipient", "kind", "body"],
)
def test_reused_message_id_for_a_different_message_conflicts_and_changes_nothing(
    service, field, value
):
    SenderFactory(account_id="c-1")
    first = check(service, message_id="m-1001")
    before = (
        list(Message.objects.values()),
        list(Sender.objects.values()),
        DecisionRecord.objects.count(),
        NewContact.objects.count(),
    )

    response = service.send(
        "post",
        MESSAGES,
        {
            "message_id": "m-1001",
            "sender_id": "c-1",
            "recipient_id": "f-alice",
            "kind": "direct",
            "body": "Hi, are you available for a WordPress job?",
            "sender": eligible_facts(standing="suspended"),
            field: value,
        },
    )

    assert response.status_code == 409
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == "conflict"
    assert error["message"]
    assert list(error["fields"]) == [field]
    after = (
        list(Message.objects.values()),
        list(Sender.objects.values()),
        DecisionRecord.objects.count(),
        NewContact.objects.count(),
    )
    assert after == before
    assert service.get(f"{MESSAGES}/m-1001").json()["decision"] == first["decision"]


def test_message_state_returns_the_decision_and_its_history(service, frozen_now):
    SenderFactory(account_id="c-1")
    answer = check(service, message_id="m-1001")
    frozen_now.shift(timedelta(seconds=5))
    services.message_transition(
        message=Message.objects.get(message_id="m-1001"),
        to="quarantine",
        reasons=[{"code": "scam", "detail": "Looks like a scam."}],
        by="scan",
    )

    response = service.get(f"{MESSAGES}/m-1001")

    assert response.status_code == 200
    state = response.json()
    assert {k: state[k] for k in ANSWER_KEYS} == {
        **answer,
        "decision": "quarantine",
        "reasons": [{"code": "scam", "detail": "Looks like a scam."}],
    }
    history = [
        {"decision": entry["decision"], "by": entry["by"], "at": entry["at"]}
        for entry in state["history"]
    ]
    assert history == [
        {"decision": "hold", "by": "policy", "at": "2026-11-20T10:00:00Z"},
        {"decision": "quarantine", "by": "scan", "at": "2026-11-20T10:00:05Z"},
    ]
    assert state["history"][0]["reasons"] == answer["reasons"]


def test_message_state_of_a_decision_by_policy_has_one_history_entry(service):
    answer = check(service, message_id="m-1001", sender_id="c-unknown")

    state = service.get(f"{MESSAGES}/m-1001").json()

    assert state["decision"] == "reject"
    assert [(e["decision"], e["by"], e["reasons"]) for e in state["history"]] == [
        ("reject", "policy", answer["reasons"])
    ]


def test_unknown_message_answers_404_json(service):
    response = service.get(f"{MESSAGES}/m-never-seen")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]["code"] == "not_found"


# --- Sender facts and connections ------------------------------------------------------------


def test_sender_put_stores_the_facts_and_answers_200(service):
    response = service.send("put", "/api/v1/senders/c-1", eligible_facts(organization_id="org-17"))

    assert response.status_code == 200
    body = response.json()
    assert body["account_id"] == "c-1"
    assert body["organization_id"] == "org-17"
    assert body["spent_last_12_months_cents"] == 150_000
    sender = Sender.objects.get(account_id="c-1")
    assert sender.joined_at == NOW - timedelta(days=400)


def test_sender_put_is_idempotent(service):
    facts = eligible_facts(organization_id="org-17", identity_key="pm-fp-9c1e")

    first = service.send("put", "/api/v1/senders/c-1", facts)
    second = service.send("put", "/api/v1/senders/c-1", facts)

    assert (first.status_code, second.status_code) == (200, 200)
    assert first.json() == second.json()
    assert Sender.objects.count() == 1


@pytest.mark.parametrize("absent", ["omitted", "null"])
def test_sender_put_accepts_optional_fields_omitted_or_null(service, absent):
    facts = eligible_facts()
    for name in ("organization_id", "identity_key", "first_payment_at"):
        if absent == "omitted":
            del facts[name]
        else:
            facts[name] = None

    response = service.send("put", "/api/v1/senders/c-1", facts)

    assert response.status_code == 200
    sender = Sender.objects.get(account_id="c-1")
    assert (sender.organization_id, sender.identity_key, sender.first_payment_at) == ("", "", None)


def test_sender_put_replaces_older_facts(service):
    service.send(
        "put",
        "/api/v1/senders/c-1",
        eligible_facts(organization_id="org-17", identity_key="pm-fp-9c1e"),
    )
    assert check(service, recipient_id="f-1")["decision"] == "hold"

    newer = {
        "display_name": "Acme Renamed",
        "billing_verified": False,
        "spent_last_12_months_cents": 5,
        "joined_at": "2020-01-01T00:00:00Z",
        "standing": "good",
    }
    response = service.send("put", "/api/v1/senders/c-1", newer)

    assert response.status_code == 200
    sender = Sender.objects.get(account_id="c-1")
    assert (sender.display_name, sender.organization_id, sender.identity_key) == (
        "Acme Renamed",
        "",
        "",
    )
    assert sender.first_payment_at is None
    assert Sender.objects.count() == 1
    assert codes(check(service, recipient_id="f-2")) == [
        "billing_not_verified",
        "spend_below_threshold",
        "no_payment_history",
    ]


def test_connection_post_answers_201_the_first_time_and_200_after(service):
    first = connect(service, "c-1", "f-alice", "proposal")
    again = connect(service, "c-1", "f-alice", "proposal")
    other_kind = connect(service, "c-1", "f-alice", "contract")

    assert (first.status_code, again.status_code, other_kind.status_code) == (201, 200, 201)
    assert first.json()["created_at"] == again.json()["created_at"]
    assert {k: first.json()[k] for k in ("client_id", "freelancer_id", "kind")} == {
        "client_id": "c-1",
        "freelancer_id": "f-alice",
        "kind": "proposal",
    }
    assert Connection.objects.count() == 2


# --- Policy versions -------------------------------------------------------------------------


def _activate(django_capture_on_commit_callbacks: Any, **values: Any) -> None:
    policy = services.policy_draft(values=values)
    # The active policy's cache is invalidated after commit; run that callback here.
    with django_capture_on_commit_callbacks(execute=True):
        services.policy_activate(policy=policy, reason="For this test.")


def test_activated_policy_decides_the_very_next_check_and_names_its_version(
    service, django_capture_on_commit_callbacks
):
    SenderFactory(account_id="c-1", spent_last_12_months_cents=0)
    before = check(service, recipient_id="f-1")
    assert (before["policy_version"], codes(before)) == ("v1", ["spend_below_threshold"])

    _activate(django_capture_on_commit_callbacks, eligibility=HELP_CENTRE_ELIGIBILITY)
    after = check(service, recipient_id="f-2")

    assert (after["policy_version"], after["decision"]) == ("v2", "hold")
    # An earlier message keeps the version that decided it.
    assert (
        check(service, expect_status=200, message_id=before["message_id"], recipient_id="f-1")[
            "policy_version"
        ]
        == "v1"
    )


def test_activated_policy_with_a_lower_daily_limit_applies_at_once(
    service, django_capture_on_commit_callbacks
):
    SenderFactory(account_id="c-1")
    for n in range(2):
        assert check(service, recipient_id=f"f-{n}")["policy_version"] == "v1"

    _activate(
        django_capture_on_commit_callbacks,
        eligibility=FORUM_ELIGIBILITY,
        daily_new_contact_limit=2,
    )
    answer = check(service, recipient_id="f-2")

    assert answer["policy_version"] == "v2"
    assert codes(answer) == ["daily_new_connection_limit"]
    assert "at most 2 new freelancers" in answer["reasons"][0]["detail"]


def test_policy_without_scan_hold_delivers_first_contact_or_requests_it(
    service, django_capture_on_commit_callbacks
):
    SenderFactory(account_id="c-1")
    check(service, recipient_id="f-warmup")  # the default v1 exists before v2 is made
    _activate(
        django_capture_on_commit_callbacks,
        eligibility=FORUM_ELIGIBILITY,
        hold_unsolicited_for_scan=False,
    )
    set_preferences(service, "f-bob", direct="requests")

    delivered = check(service, recipient_id="f-alice")
    requested = check(service, recipient_id="f-bob")

    assert (delivered["decision"], delivered["policy_version"]) == ("deliver", "v2")
    assert (requested["decision"], codes(requested)) == ("request", ["message_request"])


def test_first_check_works_when_a_policy_was_created_before_any_check(service):
    SenderFactory(account_id="c-1")
    services.policy_draft(values={"eligibility": HELP_CENTRE_ELIGIBILITY})

    response = service.send(
        "post",
        MESSAGES,
        {
            "message_id": "m-1",
            "sender_id": "c-1",
            "recipient_id": "f-alice",
            "kind": "direct",
            "body": "Hi",
        },
    )

    assert response.status_code == 201
