"""The review UI: bugs once found in the services it calls, kept fixed."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from inbox.models import (
    Message,
    Outcome,
)
from tests.review.views.support import act

pytestmark = pytest.mark.django_db


def test_deleting_a_held_message_keeps_the_scan_from_delivering_it(
    staff_web: Client, world: dict[str, Any]
):
    from inbox.pipeline.scan import message_scan

    act(staff_web, {"action": "delete", "scope": "selected", "message_ids": ["m-hold"]})
    message = Message.objects.get(message_id="m-hold")
    assert message.dismissed_at is not None

    message_scan(message_pk=message.pk)

    message.refresh_from_db()
    assert message.decision != Outcome.DELIVER
