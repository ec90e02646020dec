"""Where the time of one delivery check goes: replay the benchmark's request mix in-process.

    bench/profile.sh [N]     (sets up the environment; needs a database loaded by run.sh with
                              BENCH_KEEP_DB=1)
    profile_check.py replay N   only replay N checks (to run under py-spy)

Calls the production WSGI application directly (all middleware, DRF, the service), one request
at a time, N checks from bench/results/pairs.tsv and N GET /healthz, and reports:

- wall time per request, and how much of it is spent waiting for SQL (per statement shape);
- the number of SQL statements per check;
- a pyinstrument profile of the checks (bench/results/profile-checks.txt and .html).
"""

from __future__ import annotations

import io
import json
import os
import re
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

# The application measured: BENCH_SRC (a snapshot, see bench/snapshot.sh) or this repository.
sys.path.insert(0, os.environ.get("BENCH_SRC") or str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

import django

django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.db import connection  # noqa: E402

RESULTS = Path(os.environ.get("BENCH_RESULTS", Path(__file__).parent / "results"))
SQL_TIME: dict[str, list[float]] = defaultdict(list)


def shape(sql: str) -> str:
    """A statement reduced to its kind and main table, e.g. 'SELECT inbox_sender'."""
    sql = sql.strip()
    verb = sql.split(None, 1)[0].upper() if sql else "?"
    table = re.search(r'(?:FROM|INTO|UPDATE)\s+"?(\w+)"?', sql, re.IGNORECASE)
    suffix = " FOR UPDATE" if sql.endswith("FOR UPDATE") else ""
    return f"{verb} {table.group(1) if table else ''}{suffix}".strip()


def timing_wrapper(
    execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
) -> Any:
    started = time.perf_counter()
    try:
        return execute(sql, params, many, context)
    finally:
        SQL_TIME[shape(sql)].append(time.perf_counter() - started)


def environ_for(method: str, path: str, body: bytes, key: str) -> dict[str, Any]:
    return {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8765",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_AUTHORIZATION": f"Bearer {key}",
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
        "REMOTE_ADDR": "127.0.0.1",
    }


def check_bodies(count: int, nonce: str) -> list[bytes]:
    lines = (RESULTS / "pairs.tsv").read_text().splitlines()
    texts = (RESULTS / "bodies.txt").read_text().splitlines()
    out = []
    for index, line in enumerate(lines[:count]):
        _, sender, recipient, kind, body, facts = line.split("\t")
        payload: dict[str, Any] = {
            "message_id": f"p{nonce}-{index}",
            "sender_id": sender,
            "recipient_id": recipient,
            "kind": kind,
            "thread_id": f"t-{sender}-{recipient}",
            "body": texts[int(body)],
        }
        if facts != "-":
            payload["sender"] = json.loads(facts)
        out.append(json.dumps(payload).encode())
    return out


def replay(app: Any, requests: Iterable[tuple[str, str, bytes]], key: str) -> list[float]:
    statuses: dict[str, int] = defaultdict(int)
    took = []

    def start_response(status: str, headers: Any, exc_info: Any = None) -> None:
        statuses[status.split()[0]] += 1

    for method, path, body in requests:
        started = time.perf_counter()
        response = app(environ_for(method, path, body, key), start_response)
        b"".join(response)
        if hasattr(response, "close"):
            response.close()
        took.append(time.perf_counter() - started)
    print(f"  statuses: {dict(statuses)}")
    return took


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "replay":  # for py-spy: checks, nothing else
        app, key, nonce = get_wsgi_application(), os.environ["BENCH_KEY"], str(time.time_ns())
        replay(app, [("POST", "/api/v1/messages", b) for b in check_bodies(200, nonce + "w")], key)
        bodies = check_bodies(int(sys.argv[2]), nonce)
        replay(app, [("POST", "/api/v1/messages", b) for b in bodies], key)
        return 0
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    key = os.environ["BENCH_KEY"]
    app = get_wsgi_application()
    nonce = str(int(time.time()))
    bodies = check_bodies(count, nonce)
    # Warm up imports, regex caches and the connection, then measure.
    replay(app, [("GET", "/healthz", b"")] * 200, key)
    replay(app, [("POST", "/api/v1/messages", b) for b in check_bodies(200, nonce + "w")], key)

    print(f"GET /healthz x {count}")
    health = replay(app, [("GET", "/healthz", b"")] * count, key)
    print(f"  mean {1000 * sum(health) / len(health):.2f} ms per request")

    print(f"POST /api/v1/messages x {count} (SQL timed)")
    SQL_TIME.clear()
    usage0 = resource.getrusage(resource.RUSAGE_SELF)
    with connection.execute_wrapper(timing_wrapper):
        checks = replay(app, [("POST", "/api/v1/messages", b) for b in bodies], key)
    usage1 = resource.getrusage(resource.RUSAGE_SELF)
    user = usage1.ru_utime - usage0.ru_utime
    system = usage1.ru_stime - usage0.ru_stime
    cpu = user + system
    wall = sum(checks)
    sql_total = sum(sum(v) for v in SQL_TIME.values())
    statements = sum(len(v) for v in SQL_TIME.values())
    print(
        f"  mean {1000 * wall / count:.2f} ms per check: {1000 * sql_total / count:.2f} ms "
        f"waiting for {statements / count:.1f} SQL statements, "
        f"{1000 * cpu / count:.2f} ms of this process's CPU ({1000 * user / count:.2f} user, "
        f"{1000 * system / count:.2f} system)"
    )
    rows = sorted(SQL_TIME.items(), key=lambda item: -sum(item[1]))
    print(f"  {'statement':44} {'per check':>9} {'mean ms':>8} {'share of wall':>13}")
    for name, times in rows:
        print(
            f"  {name:44} {len(times) / count:9.2f} {1000 * sum(times) / len(times):8.3f} "
            f"{sum(times) / wall:13.1%}"
        )

    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    more = check_bodies(count, nonce + "p")
    profiler.start()
    replay(app, [("POST", "/api/v1/messages", b) for b in more], key)
    profiler.stop()
    text = profiler.output_text(unicode=False, color=False, show_all=False)
    (RESULTS / "profile-checks.txt").write_text(text)
    (RESULTS / "profile-checks.html").write_text(profiler.output_html())
    print(f"  pyinstrument profile: {RESULTS / 'profile-checks.txt'} (and .html)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
