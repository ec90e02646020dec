"""Broker tests with real servers: a 30-second Redis outage loses nothing; RabbitMQ works by URL.

The test runs its own Redis server (so stopping it disturbs nothing else), a gunicorn web server
and a worker with beat, all against the test database, and talks to the web server over HTTP.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import time
from collections.abc import Iterator

import pytest

from inbox.models import Message, OutboxEvent
from inbox.services import service_token_create
from tests.factories import SenderFactory
from tests.pipeline.harness import (
    PrivateRedis,
    call_api,
    message_json,
    wait_until,
    web_and_worker,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server"),
]

OUTAGE_SECONDS = float(os.environ.get("OUTAGE_SECONDS", "30"))
LEGIT = "Hi, I need a medical translator for patient leaflets, EN to Arabic, 9 documents."


@pytest.fixture
def stack(receiver) -> Iterator[tuple[PrivateRedis, str, str]]:
    redis = PrivateRedis()
    redis.start()
    try:
        with web_and_worker(
            {
                "REDIS_URL": f"redis://127.0.0.1:{redis.port}/0",
                "CELERY_BROKER_URL": f"redis://127.0.0.1:{redis.port}/1",
            }
        ) as (base, _):
            _, key = service_token_create(name="pipeline")
            yield redis, base, key
    finally:
        if redis.server is not None:
            redis.server.stop()


def test_checks_keep_answering_while_redis_is_down_and_the_work_is_done_when_it_returns(
    stack, receiver
):
    redis, base, key = stack
    sent: list[str] = []

    def send_next() -> None:
        n = len(sent)
        sender, recipient = f"c-{n // 5}", f"f-{n % 5}"  # five new freelancers per sender
        SenderFactory(account_id=sender)
        answer = call_api(
            base,
            key,
            "POST",
            "/api/v1/messages",
            message_json(f"m-{n}", sender, recipient, LEGIT),
        )
        assert (answer.status, answer.body["decision"]) == (201, "hold"), answer.body
        sent.append(answer.body["message_id"])

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
    _, key = service_token_create(name="pipeline")
    with web_and_worker({"CELERY_BROKER_URL": "amqp://guest:guest@127.0.0.1:5672//"}) as (base, _):
        answer = call_api(
            base, key, "POST", "/api/v1/messages", message_json("m-rabbit", "c-1", "f-1", LEGIT)
        )
        events = wait_until(receiver.accepted_events, timeout=30, what="the webhook")

    assert (answer.status, answer.body["decision"]) == (201, "hold")
    assert [(e["message_id"], e["type"]) for e in events] == [("m-rabbit", "message.delivered")]
