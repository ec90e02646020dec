"""What the tests of views share: data and helpers."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Any

import pytest

from inbox.models import DecidedBy, DecisionRecord, Message, OutboxEvent, SpamReport
from inbox.services import MessageIn, message_check, message_transition
from preferences.models import Block
from preferences.services import block_create, preferences_update
from tests.factories import SenderFactory

HTMX = {"HX-Request": "true"}

REVIEW = "/quarantine/"

ACT = "/quarantine/act"

HTMX_DEFAULT_RESPONSE_HANDLING: list[dict[str, Any]] = [
    {"code": "204", "swap": False},
    {"code": "[23]..", "swap": True},
    {"code": "[45]..", "swap": False, "error": True},
]


class Document(HTMLParser):
    """A parsed page: its start tags with their attributes, and its visible text."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inline_scripts: list[str] = []
        self._text: list[str] = []
        self._in_script = False
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag in ("script", "style")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            if data.strip():
                self.inline_scripts.append(data)
        else:
            self._text.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self._text).split())

    def find(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [
            found
            for name, found in self.tags
            if name == tag and all(found.get(key) == value for key, value in attrs.items())
        ]

    def listed(self, decision: str) -> list[str | None]:
        """Return the message ids offered for selection in one section (request, quarantine)."""
        return [
            attrs.get("value")
            for attrs in self.find("input", name="message_ids")
            if (attrs.get("id") or "").startswith(f"select-{decision}-")
        ]


def page(response: Any) -> Document:
    return Document(response.content.decode())


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
