"""Turn a benchmark run's result files (bench/results/) into a markdown report on stdout.

    report.py [RESULTS_DIR]

Reads meta.json and, per block-table size and measured round, blocks-N/R/{healthz,messages}.json
(wrk), *.cpu.json (cpu.py) and mix.json (load.py mix). Each size is summarised by the median of
its rounds, with the range next to it.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path
from typing import Any

TARGET_RPS = 1_000
TARGET_RATIO = 0.40
TARGET_P99_MS = 30.0
TARGET_SPREAD = 0.10
BASE_BLOCKS = 1_000_000
DECISIONS = ("deliver", "request", "hold", "quarantine", "reject")


def read(path: Path) -> Any:
    return json.loads(path.read_text()) if path.exists() else None


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def span(values: list[float], digits: int = 0) -> str:
    """'median (min..max)' of the rounds, or the single value."""
    middle = f"{median(values):,.{digits}f}"
    if len(values) < 2:
        return middle
    return f"{middle} ({min(values):,.{digits}f}..{max(values):,.{digits}f})"


def load_rounds(directory: Path) -> list[dict[str, Any]]:
    rounds = []
    for round_dir in sorted(p for p in directory.iterdir() if p.is_dir()):
        messages, healthz = read(round_dir / "messages.json"), read(round_dir / "healthz.json")
        if messages is None or healthz is None:
            continue
        quiet = round_dir / "messages.quiet.txt"
        rounds.append(
            {
                "messages": messages,
                "healthz": healthz,
                "messages_cpu": read(round_dir / "messages.cpu.json"),
                "healthz_cpu": read(round_dir / "healthz.cpu.json"),
                "mix": read(round_dir / "mix.json") or {"decisions": {}, "reasons": {}},
                "quiet": quiet.read_text().strip().removeprefix("machine busy before the run: ")
                if quiet.exists()
                else "",
            }
        )
    return rounds


def lookup_ms(directory: Path) -> str:
    """The block lookup's average latency alone (pgbench, one client), as run.sh recorded it."""
    path = directory / "lookup.txt"
    if not path.exists():
        return "-"
    for line in path.read_text().splitlines():
        if line.startswith("latency average"):
            return line.split("=")[1].strip().removesuffix(" ms")
    return "-"


def summarise(blocks: int, rounds: list[dict[str, Any]]) -> dict[str, Any]:
    def series(kind: str, key: str) -> list[float]:
        if key == "rps":
            return [r[kind]["rps"] for r in rounds]
        return [r[kind]["latency_us"][key] / 1000 for r in rounds]

    def cpu_series(kind: str, group: str, per_request: bool) -> list[float]:
        values = []
        for r in rounds:
            cpu = r[f"{kind}_cpu"]
            if not cpu:
                continue
            groups = cpu["cores_by_group"]
            cores = groups["postgres"] + groups["postgres_bg"] if group == "pg" else groups[group]
            values.append(1000 * cores / r[kind]["rps"] if per_request else cores)
        return values

    decisions: dict[str, int] = {}
    reasons: dict[str, int] = {}
    for r in rounds:
        for key, count in r["mix"]["decisions"].items():
            decisions[key] = decisions.get(key, 0) + count
        for key, count in r["mix"]["reasons"].items():
            reasons[key] = reasons.get(key, 0) + count
    return {
        "blocks": blocks,
        "rounds": len(rounds),
        "rps": series("messages", "rps"),
        "p50": series("messages", "p50"),
        "p99": series("messages", "p99"),
        "h_rps": series("healthz", "rps"),
        "h_p50": series("healthz", "p50"),
        "h_p99": series("healthz", "p99"),
        "ratios": [r["messages"]["rps"] / r["healthz"]["rps"] for r in rounds],
        "errors": sum(int(sum(r["messages"]["errors"].values())) for r in rounds),
        "h_errors": sum(int(sum(r["healthz"]["errors"].values())) for r in rounds),
        "cpu": {
            group: median(cpu_series("messages", group, False))
            for group in ("app", "pg", "redis", "wrk", "other")
        },
        "app_ms": cpu_series("messages", "app", True),
        "pg_ms": cpu_series("messages", "pg", True),
        "h_app_ms": cpu_series("healthz", "app", True),
        "steal": median(
            [r["messages_cpu"].get("steal_cores", 0) for r in rounds if r["messages_cpu"]]
        ),
        "quiet": "; ".join(r["quiet"] for r in rounds),
        "decisions": decisions,
        "reasons": reasons,
    }


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def main() -> int:
    results = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "results"
    meta = read(results / "meta.json") or {}
    sizes = []
    for directory in sorted(results.glob("blocks-*"), key=lambda p: int(p.name.split("-")[1])):
        rounds = load_rounds(directory)
        if rounds:
            sizes.append(summarise(int(directory.name.split("-")[1]), rounds))
            sizes[-1]["lookup_ms"] = lookup_ms(directory)
    out: list[str] = []
    add = out.append
    add(f"# Benchmark results: {meta.get('date', '?')}")
    add("")
    add(
        f"Machine: {meta.get('cpus', '?')} cores ({meta.get('cpu_model', '?')}), "
        f"{meta.get('memory', '?')} RAM; {meta.get('postgres', '?')}; Python "
        f"{meta.get('python', '?')}; commit {meta.get('commit', '?')}."
    )
    add(f"Server: `{meta.get('server', '?')}` (production settings, DEBUG off).")
    add(
        f"Load: wrk, {meta.get('connections', '?')} connections, {meta.get('wrk_threads', '?')} "
        f"threads; per size {meta.get('warmup', '?')} s of warm-up, then "
        f"{meta.get('rounds', '?')} rounds of {meta.get('duration', '?')} s of GET /healthz and "
        f"{meta.get('duration', '?')} s of POST /api/v1/messages; "
        f"{meta.get('freelancers', '?')} freelancers, {meta.get('senders', '?')} senders."
    )
    add("")
    add("Median of the rounds, (lowest..highest) after it:")
    add("")
    add(
        "| blocks | checks/s | p50 ms | p99 ms | /healthz req/s | p50 ms | p99 ms "
        "| checks / healthz | errors |"
    )
    add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for s in sizes:
        add(
            f"| {s['blocks']:,} | {span(s['rps'])} | {span(s['p50'], 1)} | {span(s['p99'], 1)} "
            f"| {span(s['h_rps'])} | {median(s['h_p50']):.1f} | {span(s['h_p99'], 1)} "
            f"| {median(s['ratios']):.3f} | {s['errors']} / {s['h_errors']} |"
        )
    add("")
    add(
        f"CPU during the checks runs (median, in cores of {meta.get('cpus', '?')}) and CPU time "
        "per request:"
    )
    add("")
    add(
        "| blocks | server | PostgreSQL | Redis | wrk | other (of it: steal) "
        "| server ms per check | PostgreSQL ms per check | server ms per /healthz "
        "| block lookup alone, ms |"
    )
    add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for s in sizes:
        c = s["cpu"]
        add(
            f"| {s['blocks']:,} | {c['app']:.2f} | {c['pg']:.2f} | {c['redis']:.2f} "
            f"| {c['wrk']:.2f} | {c['other']:.2f} ({s['steal']:.2f}) | {span(s['app_ms'], 1)} "
            f"| {span(s['pg_ms'], 1)} | {span(s['h_app_ms'], 2)} | {s['lookup_ms']} |"
        )
    add("")
    add("Machine before each checks run (busy share of all cores, sampled for 2 s):")
    add("")
    for s in sizes:
        add(f"- {s['blocks']:,} blocks: {s['quiet']}")
    add("")
    add("Decisions stored by the measured checks runs (all rounds):")
    add("")
    add("| blocks | checks stored | " + " | ".join(DECISIONS) + " |")
    add("|---:|---:|" + "---:|" * len(DECISIONS))
    for s in sizes:
        total = sum(s["decisions"].values()) or 1
        cells = " | ".join(f"{100 * s['decisions'].get(d, 0) / total:.1f} %" for d in DECISIONS)
        add(f"| {s['blocks']:,} | {sum(s['decisions'].values()):,} | {cells} |")
    for s in sizes:
        add("")
        add(
            f"Reason codes at {s['blocks']:,} blocks: "
            + ", ".join(
                f"{code} {count:,}"
                for code, count in sorted(s["reasons"].items(), key=lambda kv: -kv[1])
            )
        )
    if sizes:
        base = next((s for s in sizes if s["blocks"] == BASE_BLOCKS), sizes[0])
        lowest_rps = min(median(s["rps"]) for s in sizes)
        highest_p99 = max(median(s["p99"]) for s in sizes)
        lowest_ratio = min(median(s["ratios"]) for s in sizes)
        spread_rps = max(abs(median(s["rps"]) / median(base["rps"]) - 1) for s in sizes)
        spread_p99 = max(abs(median(s["p99"]) / median(base["p99"]) - 1) for s in sizes)
        noise = max((max(s["rps"]) - min(s["rps"])) / median(s["rps"]) for s in sizes if s["rps"])
        add("")
        add("Against the targets (medians):")
        add("")
        add(
            f"- >= {TARGET_RPS:,} checks/s: lowest {lowest_rps:,.0f} - "
            f"{verdict(lowest_rps >= TARGET_RPS)}"
        )
        add(
            f"- >= {TARGET_RATIO:.2f} x the /healthz rate: lowest {lowest_ratio:.3f} - "
            f"{verdict(lowest_ratio >= TARGET_RATIO)}"
        )
        add(
            f"- p99 <= {TARGET_P99_MS:.0f} ms at {meta.get('connections', 16)} connections: "
            f"highest {highest_p99:.1f} ms - {verdict(highest_p99 <= TARGET_P99_MS)}"
        )
        add(
            f"- within +-{TARGET_SPREAD:.0%} across block-table sizes (against "
            f"{base['blocks']:,} blocks): checks/s {spread_rps:.1%}, p99 {spread_p99:.1%} - "
            f"{verdict(max(spread_rps, spread_p99) <= TARGET_SPREAD)}; for scale, the rounds "
            f"of one size differed by up to {noise:.0%} in checks/s"
        )
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
