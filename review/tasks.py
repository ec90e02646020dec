"""The worker's part of the review UI: bulk actions (review/bulk.py)."""

from __future__ import annotations

from django.conf import settings

from common.queue import woken
from common.tasks import periodic_task

from . import bulk


# Woken when a reviewer asks, and run by beat: like beat's other runs, skipped (not a traceback)
# while the database restarts; the job's lease runs out and the next run takes it up.
@periodic_task(bulk.BULK_TASK)
def bulk_jobs_run() -> int:
    woken(bulk.BULK_TASK)
    return bulk.bulk_jobs_run(budget_seconds=settings.WORK_BUDGET_SECONDS)
