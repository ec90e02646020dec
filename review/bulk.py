"""Bulk actions in the worker: a reviewer's action on many messages, with progress.

`bulk_start` fixes the messages (in order) and wakes the worker; `bulk_jobs_run` (the task)
claims an unfinished job, acts on its messages a chunk at a time through `review_act` (the same
checks, claims and audit as one message on the page) and records the progress after each chunk,
so the page can show it and a job a worker dropped resumes where it stopped.
"""

from __future__ import annotations

import time
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from common.queue import wake
from inbox.models import Message

from .forms import review_call
from .models import BulkJob
from .selectors import queue_base
from .services import review_act

BULK_TASK = "review.bulk_jobs_run"
CHUNK = 50
EXAMPLES = 20  # skipped messages whose reason the job page shows


def bulk_start(
    *, targets: QuerySet[Message], action: str, reason: str, description: str, actor_id: int
) -> BulkJob:
    """Record the job (its messages fixed now, in order) and wake the worker."""
    job = BulkJob.objects.create(
        created_by_id=actor_id,
        action=action,
        reason=reason,
        description=description,
        message_ids=list(targets.values_list("message_id", flat=True)),
    )
    transaction.on_commit(lambda: wake(BULK_TASK, at_most_every=settings.WAKE_INTERVAL_SECONDS))
    return job


def bulk_jobs_run(*, budget_seconds: float, chunk: int = CHUNK) -> int:
    """Work on unfinished jobs until the budget is spent; return how many messages were acted on.

    A job not finished in the budget is released and the worker woken again for it.
    """
    deadline = time.monotonic() + budget_seconds
    handled = 0
    while time.monotonic() < deadline:
        job = _claim()
        if job is None:
            break
        handled += _run(job, deadline, chunk)
        if job.finished_at is None:
            wake(BULK_TASK, at_most_every=0)
            break
    return handled


def _claim() -> BulkJob | None:
    now = timezone.now()
    with transaction.atomic():
        job = (
            BulkJob.objects.select_for_update(skip_locked=True)
            .filter(finished_at__isnull=True)
            .filter(Q(leased_until__isnull=True) | Q(leased_until__lt=now))
            .order_by("created_at", "id")
            .first()
        )
        if job is None:
            return None
        job.leased_until = now + timedelta(seconds=settings.WORK_LEASE_SECONDS)
        job.started_at = job.started_at or now
        job.save(update_fields=["leased_until", "started_at"])
    return job


def _run(job: BulkJob, deadline: float, chunk: int) -> int:
    action, label = review_call(job.action)
    handled = 0
    actor_id = job.created_by_id
    if actor_id is None:  # the reviewer's account is gone: nobody to act as
        BulkJob.objects.filter(pk=job.pk).update(
            skipped=job.total - job.position,
            position=job.total,
            skipped_examples=["the reviewer's account was removed; nothing more was done"],
            leased_until=None,
            finished_at=timezone.now(),
        )
        job.refresh_from_db()
        return 0
    while job.position < job.total and time.monotonic() < deadline:
        ids = job.message_ids[job.position : job.position + chunk]
        # Still waiting, and not decided since the job was asked for (by this job before a
        # restart, or by another reviewer): acting again would act twice.
        waiting = queue_base().filter(message_id__in=ids).exclude(reviewed_at__gte=job.created_at)
        by_id = {message.message_id: message for message in waiting}
        targets = [by_id[message_id] for message_id in ids if message_id in by_id]
        result = review_act(
            messages=targets,
            action=action,
            label=label,
            actor_id=actor_id,
            reason=job.reason,
        )
        gone = [
            f"{message_id}: already decided or gone"
            for message_id in ids
            if message_id not in by_id
        ]
        examples = (job.skipped_examples + result.skipped + gone)[:EXAMPLES]
        BulkJob.objects.filter(pk=job.pk).update(
            position=F("position") + len(ids),
            done=F("done") + result.done,
            skipped=F("skipped") + len(result.skipped) + len(gone),
            skipped_examples=examples,
            leased_until=timezone.now() + timedelta(seconds=settings.WORK_LEASE_SECONDS),
        )
        job.refresh_from_db()
        handled += result.done
    finished = job.position >= job.total
    BulkJob.objects.filter(pk=job.pk).update(
        leased_until=None, finished_at=timezone.now() if finished else None
    )
    job.refresh_from_db()
    return handled
