"""Webhooks seen locally: the events recorded (or sent), their bodies and every try."""

from __future__ import annotations

import http.client
import json
import socket
import threading
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inbox.models import EventState, OutboxEvent, WebhookAttempt
from inbox.outbox import event_record, signature
from tests.pages import page

pytestmark = pytest.mark.django_db

WEBHOOKS = reverse("review:webhooks")


def test_recorded_events_are_listed_when_no_url_is_set(staff_web: Client, world: dict[str, Any]):
    event = event_record(
        type="message.quarantined", message=world["messages"]["q1"], payload={"message_id": "m-q1"}
    )

    document = page(staff_web.get(WEBHOOKS))

    assert event.state == EventState.RECORDED
    assert "No WEBHOOK_URL is set, so events are only recorded" in document.text
    assert "manage.py webhook_receiver --port 9000" in document.text
    assert document.find("a", href=reverse("review:webhook", args=[event.event_id]))
    assert "message.quarantined m-q1 Recorded (no WEBHOOK_URL)" in document.text


def test_an_event_page_shows_the_body_and_every_try(staff_web: Client, world: dict[str, Any]):
    event = event_record(type="message.released", payload={"message_id": "m-q1"})
    OutboxEvent.objects.filter(pk=event.pk).update(state=EventState.PENDING, attempts=2)
    for status, error in ((None, "ConnectionRefusedError: refused"), (503, "")):
        WebhookAttempt.objects.create(
            event=event,
            attempted_at=timezone.now(),
            status_code=status,
            error=error,
            duration_ms=12,
        )

    document = page(staff_web.get(reverse("review:webhook", args=[event.event_id])))

    assert f'"event_id": "{event.event_id}"' in document.text
    assert '"type": "message.released"' in document.text
    assert "ConnectionRefusedError: refused" in document.text
    assert "HTTP 503" in document.text


@pytest.mark.parametrize("event_id", ["not-a-uuid", "3f1c1810-0000-0000-0000-000000000000"])
def test_an_unknown_event_is_a_404(staff_web: Client, event_id: str):
    assert staff_web.get(reverse("review:webhook", args=[event_id])).status_code == 404


def test_the_state_filter_narrows_the_list(staff_web: Client, world: dict[str, Any]):
    kept = event_record(type="message.released", payload={"message_id": "m-kept"})
    event_record(type="message.released", payload={"message_id": "m-other"})
    OutboxEvent.objects.filter(pk=kept.pk).update(state=EventState.FAILED)

    text = page(staff_web.get(WEBHOOKS, {"state": "failed"})).text

    assert "Gave up" in text and "m-other" not in text


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Output(StringIO):
    """The command's output; `listening` is set once it says it receives (its socket is bound)."""

    def __init__(self) -> None:
        super().__init__()
        self.listening = threading.Event()

    def write(self, text: str) -> int:
        written = super().write(text)
        if "Receiving webhooks at" in text:
            self.listening.set()
        return written


def test_the_local_receiver_prints_events_and_checks_signatures(settings: Any) -> None:
    port, out = _free_port(), Output()
    threading.Thread(
        target=call_command,
        args=("webhook_receiver", "--port", str(port)),
        kwargs={"stdout": out},
        daemon=True,
    ).start()
    assert out.listening.wait(timeout=10), out.getvalue()
    body = json.dumps({"type": "message.quarantined", "message_id": "m-7"}).encode()
    answers = []
    for signed in (signature(body, settings.WEBHOOK_SECRET), "sha256=forged"):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        connection.request("POST", "/hooks", body=body, headers={"X-Signature": signed})
        answers.append(connection.getresponse().status)
        connection.close()

    assert answers == [200, 401]
    assert "signed  message.quarantined m-7" in out.getvalue()
    assert "BAD SIGNATURE  message.quarantined m-7" in out.getvalue()
