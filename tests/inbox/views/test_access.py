"""The freelancer's quarantine page: only their own messages."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.factories import SenderFactory
from tests.inbox.views.support import (
    HTMX,
    REVIEW,
    quarantined,
    requested,
)
from tests.pages import Document

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def test_another_freelancer_never_sees_alices_messages(bob_web: Client, alice: Any):
    SenderFactory(account_id="c-alice-client", display_name="Alice's Client")
    first = quarantined(sender_id="c-alice-client", body="for alice only")
    second = requested(sender_id="c-alice-request", body="also for alice")

    for headers in ({}, HTMX):
        markup = bob_web.get(REVIEW, headers=headers).content.decode()
        for private in (first.message_id, second.message_id, "for alice only", "Alice's Client"):
            assert private not in markup
        assert "Nothing in quarantine." in Document(markup).text
