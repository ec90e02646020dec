"""How long one analysis takes, on one core (make eval's speed target)."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from ..analyzer import analyze


@dataclass(frozen=True, slots=True)
class Timing:
    """Milliseconds per message of the whole analysis: CPU time, and wall-clock time.

    CPU time is what one message costs one core; wall-clock time also counts the moments other
    processes had the core, so on a busy machine it says more about the machine.
    """

    messages: int
    cpu_ms: list[float]  # sorted
    wall_ms: list[float]  # sorted
    one_core: bool
    model_version: str

    @staticmethod
    def _summary(timings: Sequence[float]) -> dict[str, float]:
        return {
            "mean": round(statistics.fmean(timings), 3),
            "median": round(statistics.median(timings), 3),
            "p95": round(timings[min(len(timings) - 1, int(0.95 * len(timings)))], 3),
            "max": round(timings[-1], 3),
        }

    @property
    def cpu(self) -> dict[str, float]:
        return self._summary(self.cpu_ms)

    @property
    def wall(self) -> dict[str, float]:
        return self._summary(self.wall_ms)

    def as_dict(self) -> dict[str, Any]:
        return {
            "messages": self.messages,
            "cpu_ms": self.cpu,
            "wall_ms": self.wall,
            "one_core": self.one_core,
            "model_version": self.model_version,
        }


@contextmanager
def one_core() -> Iterator[bool]:
    """Pin this process to one CPU while the block runs; yield whether that was possible."""
    if not hasattr(os, "sched_setaffinity"):
        yield False
        return
    allowed = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(allowed)})
    try:
        yield True
    finally:
        os.sched_setaffinity(0, allowed)


def time_analysis(texts: Sequence[str], *, warm_up: Sequence[str] = (), rounds: int = 2) -> Timing:
    """Return the time `analyze` takes per message of `texts`, after analysing `warm_up`."""
    with one_core() as pinned:
        # The first call loads the model; the look-alike table fills its cache as it goes.
        version = analyze("warm up").model_version
        for text in warm_up:
            analyze(text)
        cpu, wall = [], []
        for _ in range(rounds):
            for text in texts:
                cpu_started, wall_started = time.process_time(), time.perf_counter()
                analyze(text)
                wall.append((time.perf_counter() - wall_started) * 1000)
                cpu.append((time.process_time() - cpu_started) * 1000)
    return Timing(len(texts), sorted(cpu), sorted(wall), pinned, version)
