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
    "no_enqueue": "no Celery publish after commit (the pending-scan sweep would pick messages up)",
    "policy_cached": "active policy held in process memory instead of one SELECT per check",
    "token_cached": "service key held in process memory instead of one SELECT per request",
    "no_idempotency_read": "no SELECT of message_id before the insert (only after a conflict)",
    "raw_reads": "pair_is_connected, recipient_prefs and contact_counter as 3 raw SQL statements "
    "(instead of 5-6 ORM queries)",
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
    if "no_enqueue" in wanted:
        import inbox.pipeline.tasks

        inbox.pipeline.tasks.enqueue = lambda task, *args: True
    if "policy_cached" in wanted:
        from inbox import selectors

        original = selectors.policy_get_active
        held: list[Any] = []

        def cached_policy() -> Any:
            if not held:
                held.append(original())
            return held[0]

        selectors.policy_get_active = cached_policy
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
    if "no_idempotency_read" in wanted:
        from inbox import selectors

        selectors.message_get = lambda *, message_id: None
    if "raw_reads" in wanted:
        install_raw_reads()


CONNECTED_SQL = """
SELECT EXISTS (SELECT 1 FROM inbox_connection
               WHERE (client_id = %(s)s AND freelancer_id = %(r)s)
                  OR (client_id = %(r)s AND freelancer_id = %(s)s))
    OR EXISTS (SELECT 1 FROM inbox_message
               WHERE sender_id = %(r)s AND recipient_id = %(s)s AND decision = 'deliver')
"""
PREFS_SQL = """
SELECT f.direct_mode, f.job_invite_mode, f.keyword_filters,
       (SELECT json_agg(json_build_array(b.scope, b.sender_id, b.organization_id, b.identity_key))
          FROM preferences_block b
         WHERE b.freelancer_id = f.id
           AND (b.sender_id = %(s)s
                OR (b.scope = 'organization' AND %(org)s <> '' AND b.organization_id = %(org)s)
                OR (b.scope = 'linked' AND %(key)s <> '' AND b.identity_key = %(key)s))),
       EXISTS (SELECT 1 FROM preferences_allowedsender a
                WHERE a.freelancer_id = f.id AND a.sender_id = %(s)s)
  FROM preferences_freelancer f
 WHERE f.account_id = %(r)s
"""
COUNTER_SQL = """
SELECT count(*) FILTER (WHERE contacted_at > %(since)s),
       min(contacted_at) FILTER (WHERE contacted_at > %(since)s),
       count(*) FILTER (WHERE recipient_id = %(r)s)
  FROM inbox_newcontact
 WHERE sender_id = %(s)s
"""


def install_raw_reads() -> None:
    """Swap three read selectors for raw-SQL stand-ins that return the same values."""
    from django.db import connection

    import inbox.services
    from inbox import selectors
    from inbox.policy import BlockEntry, ContactCounter, RecipientPrefs

    def one(sql: str, params: dict[str, Any]) -> Any:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()

    def pair_is_connected(*, sender_id: str, recipient_id: str) -> bool:
        return bool(one(CONNECTED_SQL, {"s": sender_id, "r": recipient_id})[0])

    def recipient_prefs(
        *, recipient_id: str, sender_id: str, organization_id: str = "", identity_key: str = ""
    ) -> Any:
        row = one(
            PREFS_SQL,
            {"s": sender_id, "r": recipient_id, "org": organization_id, "key": identity_key},
        )
        if row is None:
            return RecipientPrefs()
        direct, invite, filters, blocks, allowed = row
        entries = tuple(
            BlockEntry(scope=a, sender_id=b, organization_id=c, identity_key=d)
            for a, b, c, d in (json.loads(blocks) if isinstance(blocks, str) else blocks or [])
        )
        filters = json.loads(filters) if isinstance(filters, str) else filters
        return RecipientPrefs(
            modes={"direct": direct, "job_invite": invite},
            keyword_filters=tuple(filters or ()),
            blocks=entries,
            allows_sender=bool(allowed) and not entries,
        )

    def contact_counter(*, sender_id: str, recipient_id: str, now: Any, window: Any) -> Any:
        recent, oldest, with_recipient = one(
            COUNTER_SQL, {"s": sender_id, "r": recipient_id, "since": now - window}
        )
        return ContactCounter(
            already_contacted=with_recipient > 0, recent_count=recent, oldest_recent_at=oldest
        )

    selectors.pair_is_connected = pair_is_connected
    selectors.contact_counter = contact_counter
    inbox.services.messages.recipient_prefs = recipient_prefs


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
