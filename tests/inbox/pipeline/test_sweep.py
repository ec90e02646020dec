"""The sweep sends lost work again once a lease, not on every tick while the task waits."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from celery.signals import before_task_publish
from django.utils import timezone

from inbox.pipeline.tasks import sweep
from inbox.services import message_report
from inbox.vocabulary import TaskName
from preferences.services import block_create
from tests.factories import SenderFactory, direct_message

pytestmark = pytest.mark.django_db


@pytest.fixture
def published() -> Iterator[list[tuple[str, tuple[Any, ...]]]]:
    """The tasks sent to the broker, as (name, arguments)."""
    sent: list[tuple[str, tuple[Any, ...]]] = []

    def note(*, headers: dict[str, Any], body: Any, **kwargs: Any) -> None:
        sent.append((headers["task"], tuple(body[0])))

    before_task_publish.connect(note, weak=False)
    yield sent
    before_task_publish.disconnect(note)


def test_lost_work_is_sent_once_a_lease_not_on_every_tick(
    published: list[tuple[str, tuple[Any, ...]]],
) -> None:
    # A report's crowd check and a block's pull-back whose own tasks never ran (in a test the
    # block's after-commit task is never sent): stale once the lease is over.
    for sender in ("c-spam", "c-pest"):
        SenderFactory(account_id=sender)
        message = direct_message(f"m-{sender}", sender, "f-1", "Cheap followers!")
        message_report(recipient_id="f-1", message_id=message.message_id)
    block, _ = block_create(account_id="f-2", sender_id="c-pest", scope="account")
    published.clear()

    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        for _ in range(3):  # the queue is busy: three ticks before the tasks run
            assert sweep() == {"blocks": 1, "reported_senders": 2}

    assert sorted(published) == [
        (TaskName.CROWD_CHECK, ("c-pest",)),
        (TaskName.CROWD_CHECK, ("c-spam",)),
        (TaskName.PULL_BACK_BLOCK, (block.pk,)),
    ]
