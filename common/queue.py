"""Enqueue tasks by name, so the request path never imports the workers' code (or numpy)."""

from __future__ import annotations

import logging
import time

from celery import current_app

logger = logging.getLogger(__name__)


def enqueue(task_name: str, *args: object) -> bool:
    """Send a task; with the broker down, log and return False (a sweep enqueues it later)."""
    try:
        current_app.send_task(task_name, args=args)
    except Exception:  # the broker's errors vary by transport; none may fail the caller
        logger.warning("Could not enqueue %s%r; the sweep will retry it", task_name, args)
        return False
    return True


_last_wake: dict[str, float] = {}


def wake(task_name: str, *, at_most_every: float) -> bool:
    """Send a task that works through a table, unless this process sent it moments ago.

    For work that a row already records (a pending scan): the task claims every such row, so
    one wake covers all the rows written since the last; beat runs the task as well, so that a
    row written just after a wake was handled still waits only until the next tick. Return
    whether a task was sent.
    """
    now = time.monotonic()
    if now - _last_wake.get(task_name, -at_most_every) < at_most_every:
        return False
    _last_wake[task_name] = now
    return enqueue(task_name)


def forget_wakes() -> None:
    """Let the next `wake` of every task through (tests; a process that forked)."""
    _last_wake.clear()
