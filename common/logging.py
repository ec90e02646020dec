"""Logs that stay quiet by default and turn to JSON with one setting (`LOG_FORMAT=json`).

Routine work (beat's every-second and every-five-seconds runs, the worker's wakes) is logged at
DEBUG: the records Celery writes about those tasks are dropped unless the log level is DEBUG.
While the broker is down, beat's failures to send are one line each, not a stack and a
traceback every second. Lines about a message carry its id in the `message_id` field
(`extra={"message_id": …}`), which the JSON format writes as a field of its own.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings


class RoutineWorkAtDebug(logging.Filter):
    """Demote Celery's INFO lines about routine tasks to DEBUG (and drop them below DEBUG)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno != logging.INFO or not record.name.startswith("celery"):
            return True
        text = record.getMessage()
        if not any(name in text for name in settings.LOG_ROUTINE_TASKS):
            return True
        if not logging.getLogger().isEnabledFor(logging.DEBUG):
            return False
        record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return True


class BeatSendFailuresBrief(logging.Filter):
    """While the broker is down, beat logs every due entry it cannot send, every tick, with the
    call stack and the traceback: keep one warning line each, which says what happened."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == "celery.beat" and str(record.msg).startswith("Message Error"):
            problem = record.args[0] if isinstance(record.args, tuple) and record.args else "?"
            record.msg = "Beat could not send a due task (is the broker down?): %s"
            record.args = (problem,)
            record.exc_info = record.exc_text = record.stack_info = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


PLAIN = "%(asctime)s %(levelname)s %(name)s %(message)s"


def formatter() -> logging.Formatter:
    """The formatter `LOG_FORMAT` names: "plain" (default) or "json"."""
    if settings.LOG_FORMAT == "json":
        from pythonjsonlogger.json import JsonFormatter

        return JsonFormatter(
            PLAIN,
            rename_fields={"levelname": "level", "name": "logger", "asctime": "time"},
        )
    return logging.Formatter(PLAIN)


def celery_logging(logger: logging.Logger, **_: Any) -> None:
    """Give the worker's handlers (set up by Celery) the same filter and format as the web."""
    for handler in logger.handlers:
        handler.addFilter(RoutineWorkAtDebug())
        handler.addFilter(BeatSendFailuresBrief())
        handler.setFormatter(formatter())
