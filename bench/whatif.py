"""What would a change to the check save? Measure it before writing it.

    bench/whatif.sh [N [ROUNDS]]   (needs the database a `BENCH_KEEP_DB=1 make bench` left behind)

Each variant runs in a fresh process that replays N checks of the benchmark's request mix through
the production WSGI application, one at a time, after changing one thing *in that process only*
(a setting, or a function swapped for a stand-in that does what the proposed change would do).
The application's code is not modified. Reported per check: the Python process's CPU time, the
CPU time of its PostgreSQL backend, the wall time and the round trips to PostgreSQL.
Serial replay measures cost, not capacity: capacity on this machine is about
(2 cores) / (CPU per check of server + PostgreSQL + load generator).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

VARIANTS = {
    "baseline": "the code as it is",
    "no_health_check": "CONN_HEALTH_CHECKS off (no `SELECT 1` before each request's first query)",
    "prepared": "OPTIONS server_side_binding=True, prepare_threshold=2: prepared statements",
    "token_cached": "service key held in process memory instead of one SELECT per request",
    "all": "all of the above together",
}


def pg_backend_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def apply(variant: str) -> None:
    from django.db import connection

    wanted = set(VARIANTS) - {"baseline", "all"} if variant == "all" else {variant}
    if "no_health_check" in wanted:
        connection.settings_dict["CONN_HEALTH_CHECKS"] = False
    if "prepared" in wanted:
        options = connection.settings_dict.setdefault("OPTIONS", {})
        options["server_side_binding"] = True
        options["prepare_threshold"] = 2
    connection.close()
    if "token_cached" in wanted:
        from inbox.authentication import ServiceTokenAuthentication

        authenticate = ServiceTokenAuthentication.authenticate
        tokens: dict[bytes, Any] = {}

        def cached_authenticate(self: Any, request: Any) -> Any:
            header = request.META.get("HTTP_AUTHORIZATION", "").encode()
            if header not in tokens:
                tokens[header] = authenticate(self, request)
            return tokens[header]

        ServiceTokenAuthentication.authenticate = cached_authenticate  # type: ignore[method-assign]


def measure(variant: str, count: int) -> dict[str, Any]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import profile_check  # sets Django up
    from django.db import connection

    with connection.cursor() as cursor:  # every variant starts from the same state
        cursor.execute("TRUNCATE inbox_message, inbox_newcontact RESTART IDENTITY CASCADE")
    apply(variant)
    app = profile_check.get_wsgi_application()
    key = os.environ["BENCH_KEY"]
    nonce = f"{variant[:6]}{int(time.time() * 1000)}"
    warm = [("POST", "/api/v1/messages", b) for b in profile_check.check_bodies(150, nonce + "w")]
    profile_check.replay(app, warm, key)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    statements = [0]

    def count_statements(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        statements[0] += 1
        return execute(sql, params, many, context)

    checks = [
        ("POST", "/api/v1/messages", b) for b in profile_check.check_bodies(count, nonce + "m")
    ]
    usage0, pg0, wall0 = resource.getrusage(resource.RUSAGE_SELF), pg_backend_cpu(backend), 0.0
    with connection.execute_wrapper(count_statements):
        wall0 = time.perf_counter()
        profile_check.replay(app, checks, key)
        wall = time.perf_counter() - wall0
    usage1, pg1 = resource.getrusage(resource.RUSAGE_SELF), pg_backend_cpu(backend)
    with connection.cursor() as cursor:
        cursor.execute("SELECT decision, count(*) FROM inbox_message GROUP BY 1 ORDER BY 1")
        decisions = dict(cursor.fetchall())
    app_cpu = (usage1.ru_utime - usage0.ru_utime) + (usage1.ru_stime - usage0.ru_stime)
    return {
        "variant": variant,
        "app_cpu_ms": round(1000 * app_cpu / count, 2),
        "pg_cpu_ms": round(1000 * (pg1 - pg0) / count, 2),
        "wall_ms": round(1000 * wall / count, 2),
        # ORM statements; BEGIN, COMMIT and the health check's SELECT 1 come on top.
        "orm_statements": round(statements[0] / count, 2),
        "decisions": decisions,
    }


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] in VARIANTS:
        print(json.dumps(measure(sys.argv[1], int(sys.argv[2]))))
        return 0
    count = sys.argv[1] if len(sys.argv) > 1 else "600"
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    # Variants take turns, several rounds; the least CPU a variant needed is its cost (other
    # load on the machine only ever adds to it).
    best: dict[str, dict[str, Any]] = {}
    for round_number in range(1, rounds + 1):
        for variant in VARIANTS:
            done = subprocess.run(
                [sys.executable, __file__, variant, count],
                capture_output=True,
                text=True,
                check=True,
            )
            row = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"  round {round_number}: {row}", file=sys.stderr, flush=True)
            if variant in best:
                row = {
                    k: min(v, best[variant][k]) if isinstance(v, float) else v
                    for k, v in row.items()
                }
            best[variant] = row
    base = best["baseline"]
    base_total = base["app_cpu_ms"] + base["pg_cpu_ms"]
    print(f"\nPer check: least of {rounds} rounds of {count} checks replayed one at a time.\n")
    print(
        "| variant | what changes | SQL statements via Django | server CPU ms | PostgreSQL CPU ms "
        "| both | saved | wall ms | decisions (same requests in every variant) |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---|")
    for row in best.values():
        total = row["app_cpu_ms"] + row["pg_cpu_ms"]
        print(
            f"| {row['variant']} | {VARIANTS[row['variant']]} | {row['orm_statements']:.1f} "
            f"| {row['app_cpu_ms']:.2f} | {row['pg_cpu_ms']:.2f} | {total:.2f} "
            f"| {1 - total / base_total:.0%} | {row['wall_ms']:.2f} "
            f"| {' '.join(f'{k} {v}' for k, v in row['decisions'].items())} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
