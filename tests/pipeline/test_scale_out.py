"""Scaled out: two web servers and two workers on one database and one broker.

Checks arrive at both servers at once. One busy sender's first messages to new freelancers are
capped exactly (its row lock serialises them whichever server takes them); every accepted
message is scanned once, by one of the two workers, and its event reaches the receiver once.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from typing import Any

import pytest

from inbox.models import DecisionRecord, Message, OutboxEvent
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

BUSY_SENDER_TRIES = 30  # new freelancers the busy sender writes to at once; the policy allows 5
OTHERS = 12  # senders with five new freelancers each
# Genuine requests, each sent to fewer freelancers than a campaign needs (the policy's 10).
REQUESTS = [
    "Hi, I need a medical translator for patient leaflets, EN to Arabic, 9 documents.",
    "Could you migrate our WooCommerce shop to Shopify? About 400 products and their images.",
    "We are looking for a logo and a small brand guide for a bakery opening in March.",
    "Please proofread a 30-page grant proposal before Friday; track changes are fine.",
    "Our quarterly sales data sits in three spreadsheets; we want one dashboard in Looker.",
    "Looking for a bookkeeper to reconcile two years of Xero accounts for a small charity.",
    "Can you edit a 4-minute product video from raw footage? Music and captions included.",
    "We need an iOS developer to fix crashes in our booking app after the last release.",
    "I want a landing page in Webflow for a yoga retreat, with a booking form and gallery.",
    "Seeking a German voice-over artist for six short e-learning modules on safety.",
    "Help me set up Google Ads for a local plumbing business; budget is modest.",
    "We have a Django API that needs tests and a CI pipeline before we hire more people.",
    "Could you illustrate a children's picture book, 24 pages, watercolour style?",
    "Need a market research summary on electric cargo bikes in three EU countries.",
]


def body(n: int) -> str:
    return REQUESTS[n % len(REQUESTS)]


@pytest.fixture
def two_of_each(receiver: Any) -> Iterator[tuple[list[str], str]]:
    """Two web servers and two workers (one with beat) on the test database and one broker."""
    redis = PrivateRedis()
    redis.start()
    env = {
        "REDIS_URL": f"redis://127.0.0.1:{redis.port}/0",
        "CELERY_BROKER_URL": f"redis://127.0.0.1:{redis.port}/1",
    }
    try:
        with ExitStack() as servers:
            bases = [
                servers.enter_context(web_and_worker(env, beat=first))[0] for first in (True, False)
            ]
            _, key = service_token_create(name="scale-out")
            yield bases, key
    finally:
        if redis.server is not None:
            redis.server.stop()


def _check(base: str, key: str, message_id: str, sender: str, recipient: str, text: str) -> Any:
    answer = call_api(
        base, key, "POST", "/api/v1/messages", message_json(message_id, sender, recipient, text)
    )
    assert answer.status < 400, answer.body
    return answer.body


def test_two_servers_and_two_workers_keep_the_cap_exact_and_lose_nothing(two_of_each, receiver):
    bases, key = two_of_each
    SenderFactory(account_id="c-busy")
    for n in range(OTHERS):
        SenderFactory(account_id=f"c-{n}")
    busy = [
        (f"m-busy-{n}", "c-busy", f"f-busy-{n}", bases[n % 2], body(n))
        for n in range(BUSY_SENDER_TRIES)
    ]
    others = [
        (f"m-{n}-{r}", f"c-{n}", f"f-{n}-{r}", bases[(n + r) % 2], body(n * 5 + r))
        for n in range(OTHERS)
        for r in range(5)
    ]
    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = dict(
            zip(
                [m for m, *_ in busy + others],
                pool.map(lambda c: _check(c[3], key, c[0], c[1], c[2], c[4]), busy + others),
                strict=True,
            )
        )

    busy_decisions = Counter(answers[m]["decision"] for m, *_ in busy)
    assert busy_decisions == {"hold": 5, "reject": BUSY_SENDER_TRIES - 5}
    refused = [answers[m] for m, *_ in busy if answers[m]["decision"] == "reject"]
    assert {r["reasons"][0]["code"] for r in refused} == {"daily_new_connection_limit"}
    assert all(answers[m]["decision"] == "hold" for m, *_ in others)

    accepted = {m for m, answer in answers.items() if answer["decision"] == "hold"}
    wait_until(
        lambda: not Message.objects.filter(message_id__in=accepted, decision="hold").exists(),
        timeout=120,
        what="both workers to settle every accepted message",
    )
    wait_until(
        lambda: {e["message_id"] for e in receiver.accepted_events()} >= accepted,
        timeout=120,
        what="every event",
    )
    event_ids = [e["event_id"] for e in receiver.accepted_events()]
    assert len(event_ids) == len(set(event_ids))  # each event once, whichever worker sent it
    assert OutboxEvent.objects.filter(message__message_id__in=accepted).count() == len(accepted)
    assert not Message.objects.filter(message_id__in=accepted, campaign__isnull=False).exists()
    scans = DecisionRecord.objects.filter(message__message_id__in=accepted, by="scan")
    assert scans.count() == len(accepted)  # each scanned once, by one worker or the other
    assert Message.objects.filter(message_id__in=answers).count() == len(answers)
