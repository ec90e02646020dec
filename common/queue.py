"""Enqueue tasks by name, so the request path never imports the workers' code (or numpy)."""

from __future__ import annotations

import logging

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
