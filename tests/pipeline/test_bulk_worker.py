"""A reviewer's bulk action, run by a real worker process on the test database."""

from __future__ import annotations

from typing import Any

import pytest

from inbox.models import AuditEntry, Message, Outcome
from preferences.services import block_create
from review import bulk
from review.models import BulkJob
from review.selectors import queue_base
from tests.factories import SenderFactory, UserFactory, direct_message
from tests.pipeline.harness import Managed, wait_until

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_worker_runs_a_bulk_job_to_the_end(worker: Managed) -> None:
    reviewer: Any = UserFactory(username="tess", is_staff=True)
    SenderFactory(account_id="c-wave")
    for i in range(120):
        block_create(account_id=f"f-{i}", sender_id="c-wave", scope="account")
        assert direct_message(f"m-{i}", "c-wave", f"f-{i}").decision == Outcome.QUARANTINE

    job = bulk.bulk_start(
        targets=queue_base().filter(sender_id="c-wave").order_by("received_at", "id"),
        action="delete",
        reason="a review-selling wave",
        description="Delete: all 120 from c-wave",
        actor_id=reviewer.pk,
    )

    finished = wait_until(
        lambda: BulkJob.objects.filter(pk=job.pk, finished_at__isnull=False).first(),
        timeout=60,
        what="the bulk job to finish",
    )
    assert (finished.position, finished.done, finished.skipped) == (120, 120, 0)
    assert Message.objects.filter(sender_id="c-wave", dismissed_at__isnull=True).count() == 0
    assert AuditEntry.objects.filter(action="message.delete").count() == 120
