"""The decision (CONTRACT §3): unsolicited first contacts wait for the scan."""

from __future__ import annotations

import pytest

from inbox.policy import (
    ContactCounter,
    decide,
)
from tests.inbox.policy.support import NO_HOLD, POLICY, codes, make_check


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
