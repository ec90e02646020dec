"""Broker tests with real servers: a 30-second Redis outage loses nothing; RabbitMQ works by URL.

The test runs its own Redis server (so stopping it disturbs nothing else), a gunicorn web server
and a worker with beat, all against the test database, and talks to the web server over HTTP.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator

import pytest

from inbox.models import Message, OutboxEvent
from inbox.services import service_token_create
from tests.factories import SenderFactory
from tests.pipeline.harness import (
    VENV_BIN,
    Managed,
    celery_worker,
    free_port,
    process_env,
    wait_until,
    worker_ready,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server"),
]

OUTAGE_SECONDS = float(os.environ.get("OUTAGE_SECONDS", "30"))
LEGIT = "Hi, I need a medical translator for patient leaflets, EN to Arabic, 9 documents."


class PrivateRedis:
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
def web_and_worker(**env_overrides: str) -> Iterator[tuple[str, str]]:
    """Run gunicorn and a worker with beat on the test database; yield the base URL and a key."""
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
    worker = celery_worker(env=env, beat=True)
    _, key = service_token_create(name="pipeline")
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: _healthy(base), timeout=30, what="the web server")
        wait_until(lambda: worker_ready(worker), timeout=60, what="the worker")
        yield base, key
    finally:
        worker.stop()
        web.stop()


@pytest.fixture
def stack(receiver) -> Iterator[tuple[PrivateRedis, str, str]]:
    redis = PrivateRedis()
    redis.start()
    try:
        with web_and_worker(
            REDIS_URL=f"redis://127.0.0.1:{redis.port}/0",
            CELERY_BROKER_URL=f"redis://127.0.0.1:{redis.port}/1",
        ) as (base, key):
            yield redis, base, key
    finally:
        if redis.server is not None:
            redis.server.stop()


def _healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:  # noqa: S310
            return response.status == 200
    except OSError:
        return False


def _check(base: str, key: str, message_id: str, sender: str, recipient: str) -> tuple[int, dict]:
    body = json.dumps(
        {
            "message_id": message_id,
            "sender_id": sender,
            "recipient_id": recipient,
            "kind": "direct",
            "body": LEGIT,
        }
    ).encode()
    request = urllib.request.Request(  # noqa: S310
        f"{base}/api/v1/messages",
        data=body,
        method="POST",
        headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.status, json.loads(response.read())


def test_checks_keep_answering_while_redis_is_down_and_the_work_is_done_when_it_returns(
    stack, receiver
):
    redis, base, key = stack
    sent: list[str] = []

    def send_next() -> None:
        n = len(sent)
        sender, recipient = f"c-{n // 5}", f"f-{n % 5}"  # five new freelancers per sender
        SenderFactory(account_id=sender)
        status, answer = _check(base, key, f"m-{n}", sender, recipient)
        assert (status, answer["decision"]) == (201, "hold"), answer
        sent.append(answer["message_id"])

    for _ in range(5):
        send_next()
    wait_until(lambda: len(receiver.accepted_events()) == 5, what="events before the outage")

    redis.stop()
    outage_ends = time.monotonic() + OUTAGE_SECONDS
    during = 0
    while time.monotonic() < outage_ends:
        send_next()
        during += 1
        time.sleep(0.25)  # paces the load across the outage; nothing is awaited here
    redis.start()

    wait_until(
        lambda: not Message.objects.filter(message_id__in=sent, scan_state="pending").exists(),
        timeout=90,
        what="every scan after Redis returned",
    )
    wait_until(
        lambda: {e["message_id"] for e in receiver.accepted_events()} == set(sent),
        timeout=90,
        what="every event after Redis returned",
    )
    assert during >= 20
    assert set(Message.objects.filter(message_id__in=sent).values_list("decision", flat=True)) == {
        "deliver"
    }
    assert OutboxEvent.objects.filter(message__message_id__in=sent).count() == len(sent)


def _rabbitmq_listening() -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", 5672), timeout=1):
        return True
    return False


@pytest.mark.skipif(not _rabbitmq_listening(), reason="needs RabbitMQ on 127.0.0.1:5672")
def test_rabbitmq_works_as_the_broker_by_url_alone(receiver):
    SenderFactory(account_id="c-1")
    with web_and_worker(CELERY_BROKER_URL="amqp://guest:guest@127.0.0.1:5672//") as (base, key):
        status, answer = _check(base, key, "m-rabbit", "c-1", "f-1")
        events = wait_until(receiver.accepted_events, timeout=30, what="the webhook")

    assert (status, answer["decision"]) == (201, "hold")
    assert [(e["message_id"], e["type"]) for e in events] == [("m-rabbit", "message.delivered")]
