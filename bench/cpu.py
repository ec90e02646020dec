"""Where the machine's CPU went during a measurement, from /proc (Linux only).

    cpu.py snapshot GUNICORN_MASTER_PID > before.json
    cpu.py diff before.json after.json [WRK_CPU]  -> JSON: cores used per group during the run
    cpu.py wait-idle MAX_SECONDS BUSY_FRACTION    -> wait until the machine is nearly idle

Groups: the application server (gunicorn master and workers), the load generator (wrk),
PostgreSQL backends of the benchmark database, PostgreSQL's own background processes, Redis, and
everything else. "other" is the machine's total busy time minus the groups, so it also holds the
CPU of processes that came and went during the run: on a shared machine, other tenants' load.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")
BENCH_DB = os.environ.get("BENCH_DB_NAME", "ig_bench")
PG_BACKGROUND = re.compile(
    r"^postgres: [^:]+: (checkpointer|background writer|walwriter|autovacuum launcher|"
    r"logical replication launcher|archiver|stats collector)"
)
GROUPS = ("app", "wrk", "postgres", "postgres_bg", "redis", "other")


def machine_ticks() -> tuple[int, int]:
    """Return (busy, total) jiffies of all CPUs since boot."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    total = sum(fields[:8])  # user nice system idle iowait irq softirq steal
    return total - idle, total


def steal_ticks() -> int:
    """Return the jiffies the hypervisor gave to someone else while this VM wanted to run."""
    return int(Path("/proc/stat").read_text().splitlines()[0].split()[8])


def classify(pid: int, ppid: int, comm: str, cmdline: str, master: int) -> str:
    if master and (pid == master or ppid == master):
        return "app"
    if comm == "wrk":
        return "wrk"
    if cmdline.startswith("postgres:"):
        if f" {BENCH_DB} " in cmdline or cmdline.endswith(f" {BENCH_DB}"):
            return "postgres"
        if PG_BACKGROUND.match(cmdline):
            return "postgres_bg"
        return "other"
    if comm.startswith("redis-server"):
        return "redis"
    return "other"


def snapshot(master: int) -> dict[str, object]:
    busy, total = machine_ticks()
    procs: dict[str, list[object]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
        except OSError:
            continue  # it exited meanwhile
        comm = stat[stat.index("(") + 1 : stat.rindex(")")]
        rest = stat[stat.rindex(")") + 2 :].split()
        ppid, utime, stime = int(rest[1]), int(rest[11]), int(rest[12])
        group = classify(int(entry.name), ppid, comm, cmdline, master)
        procs[entry.name] = [group, utime + stime]
    return {
        "time": time.time(),
        "busy": busy,
        "total": total,
        "steal": steal_ticks(),
        "procs": procs,
    }


def diff(before: dict, after: dict, wrk_seconds: float = 0.0) -> dict[str, object]:
    """Return the cores each group used between the snapshots; `wrk_seconds` is the CPU time of
    a wrk that ran (and exited) in between."""
    seconds = after["time"] - before["time"]
    cores = os.cpu_count() or 1
    used: dict[str, float] = dict.fromkeys(GROUPS, 0.0)
    for pid, (group, ticks) in after["procs"].items():
        if group == "other":
            continue  # computed as the remainder below
        start = before["procs"].get(pid)
        used[group] += (ticks - (start[1] if start else 0)) / TICK
    used["wrk"] += wrk_seconds
    busy = (after["busy"] - before["busy"]) / TICK
    used["other"] = max(0.0, busy - sum(used.values()))
    return {
        "seconds": round(seconds, 2),
        "cores": cores,
        "busy_cores": round(busy / seconds, 2),
        "cores_by_group": {group: round(value / seconds, 2) for group, value in used.items()},
        # Part of "other": time the hypervisor ran another guest instead of this machine.
        "steal_cores": round((after.get("steal", 0) - before.get("steal", 0)) / TICK / seconds, 2),
        "loadavg_after": Path("/proc/loadavg").read_text().split()[:3],
    }


def wait_idle(limit: float, threshold: float) -> str:
    """Sample 2-second windows until at most `threshold` of all cores is busy, or `limit` ends.

    Return what was seen, e.g. "6% of 2 cores busy (waited 4 s)".
    """
    started = time.monotonic()
    while True:
        busy0, total0 = machine_ticks()
        time.sleep(2)
        busy1, total1 = machine_ticks()
        fraction = (busy1 - busy0) / max(1, total1 - total0)
        waited = time.monotonic() - started
        seen = f"{fraction:.0%} of {os.cpu_count()} cores busy"
        if fraction <= threshold:
            return f"{seen} (waited {waited:.0f} s)"
        if waited >= limit:
            return f"{seen} (gave up waiting after {waited:.0f} s)"


def main() -> int:
    if len(sys.argv) >= 2 and sys.argv[1] == "snapshot":
        master = int(sys.argv[2]) if len(sys.argv) > 2 else 0
        json.dump(snapshot(master), sys.stdout)
        return 0
    if len(sys.argv) == 4 and sys.argv[1] == "wait-idle":
        print(wait_idle(float(sys.argv[2]), float(sys.argv[3])))
        return 0
    if len(sys.argv) in (4, 5) and sys.argv[1] == "diff":
        before = json.loads(Path(sys.argv[2]).read_text())
        after = json.loads(Path(sys.argv[3]).read_text())
        wrk = float(sys.argv[4]) if len(sys.argv) == 5 else 0.0
        json.dump(diff(before, after, wrk), sys.stdout)
        print()
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
