"""Quiet logs by default, JSON with one setting, the message id on lines about a message."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from common.logging import BeatSendFailuresBrief, RoutineWorkAtDebug, formatter


def record(name: str, message: str, *args: Any, level: int = logging.INFO) -> logging.LogRecord:
    return logging.LogRecord(name, level, __file__, 1, message, args, None)


@pytest.fixture
def root_at(request: pytest.FixtureRequest) -> Any:
    root = logging.getLogger()
    before = root.level

    def set_level(level: int) -> None:
        root.setLevel(level)

    yield set_level
    root.setLevel(before)


def test_routine_task_lines_are_dropped_at_info(root_at: Any) -> None:
    root_at(logging.INFO)
    routine = RoutineWorkAtDebug()

    assert not routine.filter(
        record("celery.app.trace", "Task %s[%s] succeeded in %ss: %r", "inbox.sweep", "x", 0.01, 0)
    )
    assert not routine.filter(
        record("celery.beat", "Scheduler: Sending due task %s (%s)", "scan", "inbox.scan_pending")
    )
    # Other tasks, warnings and our own lines stay.
    assert routine.filter(
        record("celery.app.trace", "Task %s[%s] succeeded", "inbox.retrain_detector", "x")
    )
    assert routine.filter(
        record("celery.app.trace", "Task %s failed", "inbox.sweep", level=logging.ERROR)
    )
    assert routine.filter(record("inbox.outbox", "inbox.webhooks_send gave up"))


def test_routine_task_lines_show_at_debug(root_at: Any) -> None:
    root_at(logging.DEBUG)
    line = record("celery.app.trace", "Task %s succeeded", "inbox.webhooks_send")

    assert RoutineWorkAtDebug().filter(line)
    assert line.levelname == "DEBUG"


def test_the_json_format_is_one_setting_away(settings: Any) -> None:
    settings.LOG_FORMAT = "json"
    line = record("inbox.pipeline.scan", "Scan of message %s failed", "m-7", level=logging.ERROR)
    line.message_id = "m-7"

    data = json.loads(formatter().format(line))

    assert data["message"] == "Scan of message m-7 failed"
    assert (data["level"], data["logger"], data["message_id"]) == (
        "ERROR",
        "inbox.pipeline.scan",
        "m-7",
    )
    assert "time" in data


def test_the_plain_format_is_the_default(settings: Any) -> None:
    line = record("inbox", "hello %s", "there")

    assert formatter().format(line).endswith("INFO inbox hello there")


def test_beats_failures_to_send_during_a_broker_outage_are_one_line_each() -> None:
    try:
        raise ConnectionRefusedError(111, "Connection refused")
    except ConnectionRefusedError as error:
        line = logging.LogRecord(
            "celery.beat",
            logging.ERROR,
            __file__,
            1,
            "Message Error: %s\n%s",
            (error, ["  File a\n", "  File b\n"]),
            (type(error), error, error.__traceback__),
        )

    assert BeatSendFailuresBrief().filter(line)
    text = logging.Formatter().format(line)
    assert (
        text
        == "Beat could not send a due task (is the broker down?): [Errno 111] Connection refused"
    )
    assert line.levelname == "WARNING"
    # Beat's other lines are left as they are.
    other = record("celery.beat", "beat: Starting...")
    assert BeatSendFailuresBrief().filter(other) and other.getMessage() == "beat: Starting..."
