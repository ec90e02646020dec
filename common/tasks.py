"""How the workers' tasks are declared: idempotent work over rows, and beat's periodic runs.

Both survive a database restart: work waits it out with back-off, a periodic run is skipped with
one warning (the next run does the work).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from celery import Task, shared_task
from django.db import DatabaseError

from .errors import DATABASE_UNAVAILABLE

logger = logging.getLogger(__name__)


# While the database is unavailable (a restart), a task waits 1, 2, 4 … 30 s between tries,
# about three minutes in all; then it leaves the work to the sweep, which finds it pending.
UNAVAILABLE_RETRIES = 10
UNAVAILABLE_BACKOFF_MAX_SECONDS = 30


def work_task(name: str) -> Callable[[Callable[..., Any]], Any]:
    """Declare an idempotent task over row ids: it waits out an unavailable database, and
    retries other transient database errors with back-off."""

    def declare(run: Callable[..., Any]) -> Any:
        def attempt(task: Task, *ids: int) -> Any:
            try:
                return run(*ids)
            except DATABASE_UNAVAILABLE as error:
                if task.request.retries >= UNAVAILABLE_RETRIES:
                    logger.warning("%s%s left to the sweep: %s", name, ids, error)
                    return None
                wait = min(2**task.request.retries, UNAVAILABLE_BACKOFF_MAX_SECONDS)
                retry = task.retry(exc=error, countdown=wait, max_retries=UNAVAILABLE_RETRIES)
                raise retry from error

        attempt.__name__, attempt.__doc__ = run.__name__, run.__doc__
        return shared_task(
            name=name,
            bind=True,
            autoretry_for=(DatabaseError,),
            dont_autoretry_for=DATABASE_UNAVAILABLE,
            retry_backoff=2,
            retry_backoff_max=60,
            max_retries=5,
            retry_jitter=True,
        )(attempt)

    return declare


def periodic_task(name: str) -> Callable[[Callable[[], Any]], Any]:
    """Declare a task that beat runs on a schedule. While the database is unavailable (a
    restart) a run is skipped with one warning, not a traceback: the next run does the work."""

    def declare(run: Callable[[], Any]) -> Any:
        @functools.wraps(run)
        def run_unless_the_database_is_away() -> Any:
            try:
                return run()
            except DATABASE_UNAVAILABLE as error:
                logger.warning("%s skipped, the database is unavailable: %s", name, error)
                return None

        return shared_task(name=name)(run_unless_the_database_is_away)

    return declare
