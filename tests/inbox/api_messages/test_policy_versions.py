"""POST /api/v1/messages: every decision names the policy version that made it."""

from __future__ import annotations

from typing import Any

import pytest

from inbox import services
from inbox.policy import FORUM_ELIGIBILITY, HELP_CENTRE_ELIGIBILITY
from tests.factories import SenderFactory
from tests.inbox.api_messages.support import MESSAGES, check, codes, set_preferences

pytestmark = pytest.mark.usefixtures("frozen_now")


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
