"""Real processes for pipeline tests: a webhook receiver, Celery workers, a web server, Redis."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = ROOT / ".venv" / "bin"
LOGS = ROOT / "var" / "test-logs"


def wait_until(predicate: Callable[[], Any], *, timeout: float = 20.0, what: str = "") -> Any:
    """Poll `predicate` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what or predicate}")
        time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# --- Webhook receiver ------------------------------------------------------------------------


@dataclass
class Received:
    body: bytes
    headers: dict[str, str]
    peer: tuple[str, int] = ("", 0)  # the client's address: one per connection

    @property
    def event(self) -> dict[str, Any]:
        return json.loads(self.body)

    def signature_valid(self, secret: str) -> bool:
        expected = "sha256=" + hmac.new(secret.encode(), self.body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, self.headers.get("X-Signature", ""))


@dataclass
class WebhookReceiver:
    """A local HTTP server standing in for the messaging system's webhook endpoint.

    `script` holds the answers to give next ("ok", "error" for a 500, "hang" to outlast the
    client's timeout); when it is empty the receiver answers 200.
    """

    port: int = field(default_factory=free_port)
    received: list[Received] = field(default_factory=list)
    accepted: list[Received] = field(default_factory=list)
    script: list[str] = field(default_factory=list)
    hang_seconds: float = 3.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks"

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keeps the connection open between requests

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                item = Received(
                    body=body, headers=dict(self.headers.items()), peer=self.client_address
                )
                with receiver.lock:
                    receiver.received.append(item)
                    action = receiver.script.pop(0) if receiver.script else "ok"
                if action == "hang":
                    time.sleep(receiver.hang_seconds)
                    self.close_connection = True
                    return
                status = 500 if action == "error" else 200
                if status == 200:
                    with receiver.lock:
                        receiver.accepted.append(item)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def reset(self) -> None:
        with self.lock:
            self.received.clear()
            self.accepted.clear()
            self.script.clear()

    def accepted_events(self) -> list[dict[str, Any]]:
        with self.lock:
            return [item.event for item in self.accepted]


# --- Processes -------------------------------------------------------------------------------


def test_database_url() -> str:
    """Return a DATABASE_URL for the test database pytest-django created."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or "postgres"
    return (
        f"postgres://{user}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"
    )


def process_env(**overrides: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": test_database_url(),
            "WEBHOOK_URL": settings.WEBHOOK_URL,
            "WEBHOOK_SECRET": settings.WEBHOOK_SECRET,
            "WEBHOOK_TIMEOUT_SECONDS": str(settings.WEBHOOK_TIMEOUT_SECONDS),
            "WEBHOOK_BACKOFF_BASE_SECONDS": str(settings.WEBHOOK_BACKOFF_BASE_SECONDS),
            "WORK_LEASE_SECONDS": str(settings.WORK_LEASE_SECONDS),
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(overrides)
    return env


@dataclass
class Managed:
    """A child process in its own process group, with its output in a log file."""

    name: str
    argv: list[str]
    env: dict[str, str]
    process: subprocess.Popen[bytes] | None = None

    @property
    def log_path(self) -> Path:
        return LOGS / f"{self.name}.log"

    def start(self) -> Managed:
        LOGS.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(  # noqa: S603 (our own executables)
            self.argv,
            env=self.env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Signal the whole process group (a Celery worker and its pool children)."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.kill()

    def log_tail(self, lines: int = 40) -> str:
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def celery_worker(*, env: dict[str, str], concurrency: int = 2, beat: bool = False) -> Managed:
    node = f"test-{uuid.uuid4().hex[:8]}@%h"
    argv = [
        str(VENV_BIN / "celery"),
        "-A",
        "config",
        "worker",
        "-Q",
        "inbox,webhooks",
        "-c",
        str(concurrency),
        "-n",
        node,
        "-l",
        "INFO",
        "--without-mingle",
        "--without-gossip",
        "--without-heartbeat",
    ]
    if beat:
        argv += ["--beat", "--schedule", str(LOGS / f"beat-{uuid.uuid4().hex[:8]}")]
    return Managed(name=f"worker-{node.split('@')[0]}", argv=argv, env=env).start()


def purge_queues() -> None:
    """Drop tasks left in the test broker by earlier runs."""
    from celery import current_app

    with current_app.connection_for_write() as conn:
        channel: Any = conn.default_channel
        for queue in ("inbox", "webhooks"):
            # A queue that was never declared has nothing to purge.
            with contextlib.suppress(Exception):
                channel.queue_purge(queue)


def worker_ready(worker: Managed) -> bool:
    """Return whether the worker has connected and is consuming."""
    if worker.process is not None and worker.process.poll() is not None:
        raise AssertionError(f"worker exited early:\n{worker.log_tail()}")
    return "ready." in worker.log_tail(200)


# --- Servers a test starts and stops itself -------------------------------------------------


class PrivateRedis:
    """A Redis server of the test's own, so that stopping it disturbs nothing else."""

    def __init__(self) -> None:
        self.port = free_port()
        self.server: Managed | None = None

    def start(self) -> None:
        argv = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        argv += ["--save", "", "--appendonly", "no"]
        self.server = Managed(name=f"redis-{self.port}", argv=argv, env=dict(os.environ)).start()
        wait_until(self.ping, timeout=10, what="redis to start")

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            wait_until(lambda: not self.ping(), timeout=10, what="redis to stop")

    def ping(self) -> bool:
        probe = subprocess.run(  # noqa: S603
            ["redis-cli", "-p", str(self.port), "ping"],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        )
        return probe.stdout.strip() == "PONG"


@contextlib.contextmanager
def web_and_worker(
    env_overrides: dict[str, str], *, beat: bool = True
) -> Iterator[tuple[str, Managed]]:
    """Run gunicorn and a worker with beat (on the test database unless `DATABASE_URL` says
    otherwise); yield the web server's base URL and the worker."""
    env = process_env(SWEEP_INTERVAL_SECONDS="0.5", **env_overrides)
    port = free_port()
    web = Managed(
        name=f"web-{port}",
        argv=[
            str(VENV_BIN / "gunicorn"),
            "config.wsgi:application",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "--timeout",
            "30",
        ],
        env=env,
    ).start()
    worker = celery_worker(env=env, beat=beat)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: healthy(base), timeout=30, what="the web server")
        wait_until(lambda: worker_ready(worker), timeout=60, what="the worker")
        yield base, worker
    finally:
        worker.stop()
        web.stop()


def healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:  # noqa: S310
            return response.status == 200
    except OSError:
        return False


# --- Talking to a running web server, as the messaging system does ----------------------------


@dataclass(frozen=True)
class Answer:
    status: int
    body: dict[str, Any]
    headers: dict[str, str]


def call_api(base: str, key: str, method: str, path: str, body: dict[str, Any]) -> Answer:
    """Send one JSON request with the service key; an error status is an answer, not a raise."""
    request = urllib.request.Request(  # noqa: S310 (the test's own server)
        f"{base}{path}",
        data=json.dumps(body).encode(),
        method=method,
        headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            status, raw, headers = response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as refusal:
        status, raw, headers = refusal.code, refusal.read(), dict(refusal.headers)
    return Answer(status, json.loads(raw) if raw else {}, headers)


def message_json(message_id: str, sender: str, recipient: str, text: str) -> dict[str, Any]:
    """The body of a first direct message (POST /api/v1/messages)."""
    return {
        "message_id": message_id,
        "sender_id": sender,
        "recipient_id": recipient,
        "kind": "direct",
        "body": text,
    }
