"""Enqueue tasks by name, so the request path never imports the workers' code (or numpy)."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import time

from celery import current_app
from django.core.cache import cache

logger = logging.getLogger(__name__)


def enqueue(task_name: str, *args: object) -> bool:
    """Send a task; with the broker down, log and return False (a sweep enqueues it later)."""
    try:
        current_app.send_task(task_name, args=args)
    except Exception:  # the broker's errors vary by transport; none may fail the caller
        logger.warning("Could not enqueue %s%r; the sweep will retry it", task_name, args)
        return False
    return True


def enqueue_once(task_name: str, *args: object, within: float) -> bool:
    """Send a task unless the same one (same arguments) was sent by any process in the last
    `within` seconds; return whether it was sent.

    For a sweep, which finds the same lost work on every tick until the task it sent has run: a
    busy queue would otherwise fill with copies. After `within` (the work's lease) it is sent
    again, in case that one was lost too.
    """
    named = hashlib.sha256(repr((task_name, args)).encode()).hexdigest()
    return _send_unless_flagged(f"sent:{named}", within, task_name, *args)


def _send_unless_flagged(flag: str, seconds: float, task_name: str, *args: object) -> bool:
    """Send the task unless `flag` is set in the shared cache; set it for `seconds` if sent.

    With the cache down, send anyway (a spare task redoes idempotent work); if the broker
    refuses, clear the flag so that the next try sends it."""
    try:
        if not cache.add(flag, 1, timeout=seconds):
            return False  # sent a moment ago: it waits in the queue or runs
    except Exception:
        logger.warning("Could not read the flag %s; sending %s anyway", flag, task_name)
    if enqueue(task_name, *args):
        return True
    with contextlib.suppress(Exception):
        cache.delete(flag)  # not sent after all
    return False


_last_wake: dict[str, float] = {}
# While a wake waits in the queue, no process sends another: a flag in the shared cache, cleared
# by the task when it starts (`woken`), and expiring by itself if the task is lost.
_WAKE_FLAG_SECONDS = 30


def wake(task_name: str, *, at_most_every: float) -> bool:
    """Send a task that works through a table, unless one is already waiting to start.

    For work that a row already records (a pending scan): the task claims every such row, so one
    wake covers all the rows written before it starts. A process asks the shared cache at most
    once per `at_most_every` seconds whether a wake is waiting; beat runs the task as well, so a
    row written just after a wake started waits at most until the next tick. Return whether a
    task was sent.
    """
    now = time.monotonic()
    if now - _last_wake.get(task_name, -at_most_every) < at_most_every:
        return False
    _last_wake[task_name] = now
    # A spare wake (the cache down) costs one empty claim.
    return _send_unless_flagged(f"wake:{task_name}", _WAKE_FLAG_SECONDS, task_name)


def woken(task_name: str) -> None:
    """Say that a woken task has started: the next wake may be sent."""
    try:
        cache.delete(f"wake:{task_name}")
    except Exception:  # the flag expires by itself
        logger.warning("Could not clear the wake flag of %s", task_name)


def forget_wakes(*task_names: str) -> None:
    """Let the next `wake` of these tasks through at once (tests)."""
    for name in task_names:
        _last_wake.pop(name, None)
        woken(name)
