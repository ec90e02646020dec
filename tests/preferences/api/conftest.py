"""Fixtures the tests of api share."""

from __future__ import annotations

from typing import Any

import pytest

from preferences.models import Freelancer
from tests.conftest import JsonClient
from tests.factories import (
    BlockFactory,
    ConnectionFactory,
    SenderFactory,
)
from tests.preferences.api.support import check


@pytest.fixture(autouse=True)
def _frozen(frozen_now: Any) -> None:
    """Sender eligibility is measured against tests.factories.NOW."""


@pytest.fixture
def alice_inbox(service: JsonClient, alice: Freelancer) -> dict[str, str]:
    """One message to alice in each decision; return their ids by decision."""
    alice.direct_mode = "requests"
    alice.save()
    SenderFactory(account_id="c-known", display_name="Known Client")
    ConnectionFactory(client_id="c-known", freelancer_id="f-alice")
    SenderFactory(account_id="c-spammer", display_name="Spammy Ltd")
    BlockFactory.create(freelancer=alice, sender_id="c-spammer")
    SenderFactory(account_id="c-stranger", display_name="Stranger Inc")
    SenderFactory(account_id="c-suspended", standing="suspended")
    answers = {
        "deliver": check(service, "m-delivered", "c-known"),
        "quarantine": check(service, "m-quarantined", "c-spammer"),
        # First contact waits for the scan; the second message goes to requests.
        "hold": check(service, "m-held", "c-stranger"),
        "request": check(service, "m-requested", "c-stranger"),
        "reject": check(service, "m-rejected", "c-suspended"),
    }
    assert {want: answer["decision"] for want, answer in answers.items()} == {
        want: want for want in answers
    }
    return {want: answer["message_id"] for want, answer in answers.items()}
