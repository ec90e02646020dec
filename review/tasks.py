"""The worker's part of the review UI: bulk actions (review/bulk.py)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from common.queue import woken

from . import bulk


@shared_task(name=bulk.BULK_TASK, acks_late=True)
def bulk_jobs_run() -> int:
    woken(bulk.BULK_TASK)
    return bulk.bulk_jobs_run(budget_seconds=settings.WORK_BUDGET_SECONDS)
