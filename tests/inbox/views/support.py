"""What the tests of views share: data and helpers."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest

from inbox.models import DecidedBy, DecisionRecord, Message, OutboxEvent, SpamReport
from inbox.services import MessageIn, message_check, message_transition
from preferences.models import Block
from preferences.services import block_create, preferences_update
from tests.factories import SenderFactory
from tests.pages import Document

HTMX = {"HX-Request": "true"}

REVIEW = "/quarantine/"

ACT = "/quarantine/act"

HTMX_DEFAULT_RESPONSE_HANDLING: list[dict[str, Any]] = [
    {"code": "204", "swap": False},
    {"code": "[23]..", "swap": True},
    {"code": "[45]..", "swap": False, "error": True},
]


def previews(markup: str) -> list[str]:
    """Return the previews as a browser shows them (the markup decoded exactly once)."""
    return [html.unescape(found) for found in re.findall(r'<p class="preview">(.*?)</p>', markup)]


def assert_inert(markup: str) -> None:
    """Assert the page runs no script but ours and links nowhere but to our own pages."""
    document = Document(markup)
    assert document.inline_scripts == []
    for tag, attrs in document.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, value)
            assert "javascript:" not in (value or "").lower(), (tag, name, value)
        if tag == "script":
            assert (attrs.get("src") or "").startswith("/static/"), attrs
        if tag in ("img", "iframe", "object", "embed", "svg", "base"):
            pytest.fail(f"unexpected <{tag}> {attrs}")
        if tag == "a":
            href = attrs.get("href") or ""
            assert href.startswith(("/", "#")), attrs
            assert not href.startswith("//"), attrs
        if tag == "form":
            action = attrs.get("action") or ""
            assert action.startswith("/") and not action.startswith("//"), attrs


_numbers = iter(range(1, 10**9))


def new_message(
    *,
    sender_id: str,
    body: str = "Hi, are you free for a WordPress job?",
    recipient_id: str = "f-alice",
    message_id: str | None = None,
) -> Message:
    message, created = message_check(
        incoming=MessageIn(
            message_id=message_id or f"m-{next(_numbers)}",
            sender_id=sender_id,
            recipient_id=recipient_id,
            kind="direct",
            body=body,
        )
    )
    assert created
    return message


def quarantined(
    *, sender_id: str = "c-scam", recipient_id: str = "f-alice", **fields: Any
) -> Message:
    """Return a message the scan quarantined (its sender not blocked: every action applies)."""
    SenderFactory(account_id=sender_id)
    message = new_message(sender_id=sender_id, recipient_id=recipient_id, **fields)
    assert message.decision in ("hold", "request", "deliver"), message.decision
    assert message_transition(
        message=message,
        to="quarantine",
        reasons=[{"code": "scam", "detail": "Looks like a scam: asks to move off the platform."}],
        by=DecidedBy.SCAN,
    )
    message.refresh_from_db()
    return message


def quarantined_by_block(
    *, sender_id: str = "c-blocked", recipient_id: str = "f-alice", **fields: Any
) -> Message:
    """Return a message quarantined because the recipient blocked its sender."""
    SenderFactory(account_id=sender_id)
    block_create(account_id=recipient_id, sender_id=sender_id, scope="account")
    message = new_message(sender_id=sender_id, recipient_id=recipient_id, **fields)
    assert message.decision == "quarantine"
    return message


def requested(*, sender_id: str = "c-new", recipient_id: str = "f-alice", **fields: Any) -> Message:
    """Return a message request: first contact held for the scan, which then let it stand."""
    SenderFactory(account_id=sender_id)
    preferences_update(account_id=recipient_id, changes={"direct": "requests"})
    message = new_message(sender_id=sender_id, recipient_id=recipient_id, **fields)
    assert message.decision == "hold"
    assert message_transition(
        message=message,
        to="request",
        reasons=[{"code": "message_request", "detail": "The freelancer receives requests."}],
        by=DecidedBy.SCAN,
    )
    return message


def state(message: Message) -> dict[str, Any]:
    """Return everything about a message that an action could change."""
    message.refresh_from_db()
    return {
        "decision": message.decision,
        "reasons": message.reasons,
        "body": message.body,
        "body_purged_at": message.body_purged_at,
        "dismissed_at": message.dismissed_at,
        "decided_at": message.decided_at,
        "history": list(message.history.values_list("decision", "by", "actor_id")),
        "events": list(message.events.values_list("type", flat=True)),
        "reported": SpamReport.objects.filter(message=message).exists(),
    }


def everything() -> dict[str, Any]:
    return {
        "messages": {message.message_id: state(message) for message in Message.objects.all()},
        "blocks": sorted(Block.objects.values_list("freelancer__account_id", "sender_id", "scope")),
        "records": DecisionRecord.objects.count(),
        "events": OutboxEvent.objects.count(),
        "reports": SpamReport.objects.count(),
    }
