"""Pipeline benchmark: 10,000 held messages scanned and settled by two worker processes.

Phase 1 (throughput): 10,000 unsolicited first messages are checked (all held for the scan) with
no worker running; then a Celery worker with two pool processes (and beat, as production runs
it) starts, and the clock runs until every message is scanned and settled and every webhook
event is accepted by a local receiver.
Phase 2 (latency under normal load): with the worker running, checks arrive at a steady rate and
the time from each check to its settling (the scan's decision) is measured: p50 / p95 / max.

Run by `make bench` (after bench/run.sh); results go to bench/results/pipeline.md.
Settings: PIPELINE_MESSAGES (10000), PIPELINE_RATE (checks/s in phase 2, 200),
PIPELINE_SECONDS (30).
"""

from __future__ import annotations

import csv
import os
import random
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DB = "ig_bench_pipeline"
PORT = 18766
MESSAGES = int(os.environ.get("PIPELINE_MESSAGES", "10000"))
RATE = float(os.environ.get("PIPELINE_RATE", "200"))
SECONDS = float(os.environ.get("PIPELINE_SECONDS", "30"))

ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
    "REDIS_URL": "redis://127.0.0.1:6379/13",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/12",
    "WEBHOOK_URL": f"http://127.0.0.1:{PORT}/hooks",
    "WEBHOOK_SECRET": "bench",
    "DJANGO_LOG_LEVEL": "WARNING",
}
os.environ.update(ENV)
sys.path.insert(0, str(ROOT))


def say(text: str) -> None:
    print(f"[pipeline] {text}", flush=True)


def sh(*argv: str) -> None:
    subprocess.run(argv, check=True, cwd=ROOT, env={**os.environ})


class Receiver(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a production receiver would
    accepted = 0
    lock = threading.Lock()

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with Receiver.lock:
            Receiver.accepted += 1
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def bodies() -> list[str]:
    data = ROOT.parent / "shared" / "data"
    texts = [row["text"] for row in csv.DictReader((data / "dm_sample.csv").open())]
    texts += [row["text"] for row in csv.DictReader((data / "sms_spam_train.csv").open())][:2000]
    return texts


def main() -> None:
    say(f"database {DB}; {MESSAGES} messages; two worker processes")
    sh(
        "psql",
        "-h",
        "127.0.0.1",
        "-U",
        "postgres",
        "-qc",
        f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)",
    )
    sh("psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"CREATE DATABASE {DB}")
    sh(".venv/bin/python", "manage.py", "migrate", "--no-input", "-v", "0")
    sh("redis-cli", "-n", "12", "flushdb")

    import django

    django.setup()
    from datetime import timedelta

    from django.db.models import Count
    from django.utils import timezone

    from inbox.models import DecisionRecord, EventState, Message, OutboxEvent
    from inbox.services import MessageIn, message_check, sender_upsert

    server = ThreadingHTTPServer(("127.0.0.1", PORT), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    texts = bodies()
    rng = random.Random(7)
    now = timezone.now()
    facts = {
        "display_name": "Bench client",
        "billing_verified": True,
        "spent_last_12_months_cents": 250_000,
        "joined_at": now - timedelta(days=400),
        "first_payment_at": now - timedelta(days=300),
        "standing": "good",
    }
    senders = MESSAGES // 5 + 1
    say(f"creating {senders} eligible senders and checking {MESSAGES} first messages")
    for sender in range(senders):
        sender_upsert(account_id=f"c-{sender}", facts=facts)
    started = time.monotonic()
    for n in range(MESSAGES):
        message_check(
            incoming=MessageIn(
                message_id=f"m-{n}",
                sender_id=f"c-{n // 5}",
                recipient_id=f"f-{n % 5 + (n // 5) % 97 * 5}",
                kind="direct",
                body=rng.choice(texts),
            )
        )
    check_seconds = time.monotonic() - started
    held = Message.objects.filter(decision="hold").count()
    say(f"checked {MESSAGES} in {check_seconds:.1f} s; {held} held")

    (ROOT / "var").mkdir(exist_ok=True)
    worker = subprocess.Popen(
        [
            ".venv/bin/celery",
            "-A",
            "config",
            "worker",
            "-c",
            "2",
            "-l",
            "WARNING",
            "--without-mingle",
            "--without-gossip",
            "--without-heartbeat",
            # Beat as production runs it: it scans and sends every second what no wake
            # announced (an event written just after the last wake started waits for it).
            "--beat",
            "--schedule",
            str(ROOT / "var" / "bench-beat-schedule"),
        ],
        cwd=ROOT,
        env={**os.environ},
        start_new_session=True,
    )
    try:
        started = time.monotonic()
        while (
            Message.objects.filter(scan_state="pending").exists()
            or OutboxEvent.objects.filter(state=EventState.PENDING).exists()
        ):
            time.sleep(0.2)
            if time.monotonic() - started > 600:
                raise SystemExit("the pipeline did not settle within 10 minutes")
        settle_seconds = time.monotonic() - started
        events = OutboxEvent.objects.filter(state=EventState.SENT).count()
        decisions = dict(
            Message.objects.order_by().values_list("decision").annotate(count=Count("id"))
        )
        say(f"settled {held} held messages and sent {events} events in {settle_seconds:.1f} s")

        say(f"latency phase: {RATE:g} checks/s for {SECONDS:g} s with the worker running")
        first_id = MESSAGES
        count = int(RATE * SECONDS)
        started = time.monotonic()
        for n in range(count):
            target = started + n / RATE
            delay = target - time.monotonic()
            if delay > 0:
                time.sleep(delay)  # paces arrivals at the target rate
            i = first_id + n
            if i % 5 == 0:
                sender_upsert(account_id=f"c-l-{i // 5}", facts=facts)
            message_check(
                incoming=MessageIn(
                    message_id=f"m-{i}",
                    sender_id=f"c-l-{i // 5}",
                    recipient_id=f"f-{i % 5}",
                    kind="direct",
                    body=rng.choice(texts),
                )
            )
        achieved = count / (time.monotonic() - started)
        latency_ids = [f"m-{first_id + n}" for n in range(count)]
        deadline = time.monotonic() + 120
        while Message.objects.filter(message_id__in=latency_ids, scan_state="pending").exists():
            time.sleep(0.1)
            if time.monotonic() > deadline:
                raise SystemExit("latency-phase messages did not settle")
        latencies = []
        for message in Message.objects.filter(message_id__in=latency_ids, unsolicited=True):
            scan = DecisionRecord.objects.filter(message=message, by="scan").first()
            if scan is not None:
                latencies.append((scan.at - message.received_at).total_seconds())
        latencies.sort()
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=30)
        server.shutdown()

    p95 = latencies[int(len(latencies) * 0.95) - 1] if latencies else float("nan")
    report = f"""## Pipeline — {time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}

Two worker processes (`celery -A config worker -c 2`), Redis broker, PostgreSQL, production
settings, a local webhook receiver answering 200.

| measure | result | target |
|---|---|---|
| {MESSAGES:,} held messages scanned, settled, announced | **{settle_seconds:.1f} s** \
({held / settle_seconds:,.0f}/s) | ≤ 60 s |
| webhook events accepted | {events:,} | one per settled message |
| checks sent in the latency phase | {RATE:g}/s asked, {achieved:.0f}/s reached (one client) | |
| held → settled at {RATE:g} checks/s, p50 | {statistics.median(latencies):.3f} s | |
| held → settled at {RATE:g} checks/s, p95 | **{p95:.3f} s** | ≤ 2 s |
| held → settled, max | {max(latencies):.3f} s | |

Decisions after the scan: {decisions}. Checking the {MESSAGES:,} messages in-process took
{check_seconds:.1f} s (not part of the pipeline measure).
"""
    out = ROOT / "bench" / "results" / "pipeline.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report)
    print(report)
    sh(
        "psql",
        "-h",
        "127.0.0.1",
        "-U",
        "postgres",
        "-qc",
        f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)",
    )


if __name__ == "__main__":
    main()
