"""A PostgreSQL restart under load: checks answer 503 with Retry-After, nothing accepted is lost.

The test runs a PostgreSQL server of its own on a free port (never the machine's shared one),
migrates it, and runs gunicorn and a worker with beat against it. Two clients send delivery
checks without pause, retrying a 503 after its Retry-After as the messaging system would; the
server is stopped (a fast shutdown: open transactions are cut) and started again. Then every
message that was accepted settles and its event reaches the receiver, each `event_id` once.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest

from tests.pipeline.harness import (
    VENV_BIN,
    Managed,
    PrivateRedis,
    WebhookReceiver,
    call_api,
    free_port,
    healthy,
    process_env,
    wait_until,
    web_and_worker,
)

INITDB = shutil.which("initdb")
pytestmark = [
    pytest.mark.skipif(INITDB is None, reason="needs PostgreSQL's initdb"),
    pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server"),
]

OUTAGE_SECONDS = float(os.environ.get("DB_OUTAGE_SECONDS", "8"))
LEGIT = "Hi, I need a medical translator for patient leaflets, EN to Arabic, 9 documents."
SENDERS = 60  # five new freelancers a day each: room for 300 messages


class PrivatePostgres:
    """A PostgreSQL cluster in a temporary folder, on a free port, run as `postgres` if root."""

    def __init__(self) -> None:
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="inboxguard-pg-"))
        self.data = self.root / "data"
        self.bin = Path(os.path.realpath(INITDB or "")).parent
        self.server: Managed | None = None

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _as_owner(self) -> list[str]:
        # PostgreSQL refuses to run as root.
        if os.geteuid() != 0:
            return []
        shutil.chown(self.root, "postgres", "postgres")
        return ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups"]

    def init(self) -> None:
        initdb = [str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust"]
        subprocess.run(  # noqa: S603 (the machine's own initdb)
            [*self._as_owner(), *initdb, "-E", "UTF8", "--no-sync"],
            check=True,
            capture_output=True,
        )

    def start(self) -> None:
        argv = [*self._as_owner(), str(self.bin / "postgres"), "-D", str(self.data)]
        argv += ["-p", str(self.port), "-c", "listen_addresses=127.0.0.1"]
        argv += ["-c", "unix_socket_directories=", "-c", "fsync=off"]
        self.server = Managed(name=f"postgres-{self.port}", argv=argv, env=dict(os.environ))
        self.server.start()
        wait_until(self.ready, timeout=30, what="PostgreSQL to accept connections")

    def stop(self) -> None:
        """A fast shutdown: open transactions are rolled back and connections cut."""
        if self.server is not None and self.server.process is not None:
            self.server.process.send_signal(signal.SIGINT)
            self.server.process.wait(timeout=30)

    def ready(self) -> bool:
        try:
            with psycopg.connect(self.url, connect_timeout=2) as conn:
                conn.execute("SELECT 1")
        except psycopg.OperationalError:
            return False
        return True

    def count(self, sql: str, *params: Any) -> int:
        with psycopg.connect(self.url) as conn:
            row = conn.execute(sql, params).fetchone()
        return int(row[0]) if row else 0

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


@dataclass
class Answers:
    """What the clients saw: every status, and the 503s' bodies and Retry-After headers."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    statuses: Counter[int] = field(default_factory=Counter)
    unavailable: list[tuple[dict[str, Any], str | None]] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)

    def saw(self, status: int, body: dict[str, Any], retry_after: str | None) -> None:
        with self.lock:
            self.statuses[status] += 1
            if status == 503:
                self.unavailable.append((body, retry_after))


def send_until_accepted(base: str, key: str, path: str, body: dict[str, Any], seen: Answers) -> int:
    """Send one request as the messaging system does: a 503 is retried after its Retry-After."""
    deadline = time.monotonic() + 120
    while True:
        answer = call_api(base, key, "PUT" if "senders" in path else "POST", path, body)
        retry_after = answer.headers.get("Retry-After")
        seen.saw(answer.status, answer.body, retry_after)
        if answer.status != 503:
            assert answer.status in (200, 201), (answer.status, answer.body)
            return answer.status
        assert time.monotonic() < deadline, "still 503 two minutes on"
        time.sleep(float(retry_after or 1))


def _sender_facts() -> dict[str, Any]:
    now = datetime.now(UTC)
    return {
        "display_name": "Acme",
        "billing_verified": True,
        "spent_last_12_months_cents": 150_000,
        "joined_at": (now - timedelta(days=400)).isoformat(),
        "first_payment_at": (now - timedelta(days=300)).isoformat(),
        "standing": "good",
    }


@pytest.fixture
def stack(receiver: WebhookReceiver) -> Iterator[tuple[PrivatePostgres, str, str, Managed]]:
    postgres, redis = PrivatePostgres(), PrivateRedis()
    try:
        postgres.init()
        postgres.start()
        redis.start()
        env = {
            "DATABASE_URL": postgres.url,
            "REDIS_URL": f"redis://127.0.0.1:{redis.port}/0",
            "CELERY_BROKER_URL": f"redis://127.0.0.1:{redis.port}/1",
            "DATABASE_RETRY_AFTER_SECONDS": "1",
        }
        manage = [str(VENV_BIN / "python"), "manage.py"]
        subprocess.run([*manage, "migrate", "--no-input"], env=process_env(**env), check=True)  # noqa: S603
        made = subprocess.run(  # noqa: S603
            [*manage, "create_service_token", "restart-test"],
            env=process_env(**env),
            check=True,
            capture_output=True,
            text=True,
        )
        key = made.stdout.strip().splitlines()[-1]
        with web_and_worker(env) as (base, worker):
            yield postgres, base, key, worker
    finally:
        if redis.server is not None:
            redis.server.stop()
        postgres.remove()


def test_a_database_restart_under_load_loses_nothing_and_says_so_plainly(stack, receiver):
    postgres, base, key, worker = stack
    seen = Answers()
    for n in range(SENDERS):
        send_until_accepted(base, key, f"/api/v1/senders/c-{n}", _sender_facts(), seen)
    counter = iter(range(SENDERS * 5))
    counter_lock = threading.Lock()
    stop = threading.Event()

    def send_messages() -> None:
        while not stop.is_set():
            with counter_lock:
                n = next(counter)
            body = {
                "message_id": f"m-{n}",
                "sender_id": f"c-{n // 5}",
                "recipient_id": f"f-{n % 5}",
                "kind": "direct",
                "body": LEGIT,
            }
            send_until_accepted(base, key, "/api/v1/messages", body, seen)
            with seen.lock:
                seen.accepted.append(body["message_id"])

    clients = [threading.Thread(target=send_messages, daemon=True) for _ in range(2)]
    for client in clients:
        client.start()
    wait_until(lambda: len(seen.accepted) >= 20, timeout=60, what="load before the restart")

    postgres.stop()
    down_until = time.monotonic() + OUTAGE_SECONDS
    health_while_down = []
    while time.monotonic() < down_until:
        health_while_down.append(healthy(base))
        time.sleep(0.5)  # paces the probe across the outage; nothing is awaited here
    during = len(seen.accepted)
    postgres.start()
    wait_until(lambda: len(seen.accepted) >= during + 20, timeout=60, what="load after it")
    stop.set()
    for client in clients:
        client.join(timeout=150)

    accepted = set(seen.accepted)
    pending = "SELECT count(*) FROM inbox_message WHERE scan_state = 'pending'"
    wait_until(lambda: postgres.count(pending) == 0, timeout=120, what="every scan")
    wait_until(
        lambda: {e["message_id"] for e in receiver.accepted_events()} >= accepted,
        timeout=120,
        what="every event",
    )
    events = receiver.accepted_events()
    event_ids = [event["event_id"] for event in events]

    assert seen.unavailable, "no check met the restart"
    assert 500 not in seen.statuses, seen.statuses
    assert set(seen.statuses) <= {200, 201, 503}, seen.statuses
    for body, retry_after in seen.unavailable:
        assert body["error"]["code"] == "unavailable"
        assert retry_after == "1"
    assert all(health_while_down) and len(health_while_down) >= OUTAGE_SECONDS
    assert worker.process is not None and worker.process.poll() is None  # reconnected, alive
    log = worker.log_path.read_text(errors="replace")
    assert "inbox.sweep skipped, the database is unavailable" in log  # said plainly, once a run
    assert "raised unexpected" not in log
    assert postgres.count("SELECT count(*) FROM inbox_message") == len(accepted)
    assert postgres.count("SELECT count(*) FROM inbox_message WHERE decision = 'deliver'") == len(
        accepted
    )
    assert len(event_ids) == len(set(event_ids)), Counter(event_ids).most_common(3)
    assert {e["message_id"] for e in events} == accepted
    assert postgres.count("SELECT count(*) FROM inbox_outboxevent WHERE state = 'sent'") == len(
        accepted
    )
