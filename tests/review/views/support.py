"""What the tests of views share: data and helpers."""

from __future__ import annotations

import json
import re
from typing import Any

from django.test import Client
from django.urls import reverse

from inbox.models import (
    AuditEntry,
    DecidedBy,
    Message,
    Outcome,
    Policy,
    Sender,
    TrainingLabel,
)
from inbox.selectors import policy_get_active
from inbox.services import message_transition
from preferences.services import block_create, block_delete
from tests.factories import SenderFactory, direct_message

HTMX = {"HX-Request": "true"}

HOSTILE_NAME = 'Evil <b onmouseover="alert(4)">Corp</b>'

HOSTILE_BODY = (
    "Hi <script>alert(1)</script> see "
    '<a href="javascript:alert(2)">the brief</a> '
    "<img src=x onerror=alert(3)> https://evil.example/pay now"
)


def check(message_id: str, sender: str, recipient: str, body: str = "Hello, a job for you?"):
    return direct_message(message_id, sender, recipient, body)


def quarantined(
    message_id: str,
    sender: str,
    recipient: str,
    body: str = "Cheap followers!",
    *,
    still_blocked: bool = False,
):
    """A message quarantined because the recipient blocked the sender (reason blocked_sender).

    The block is lifted afterwards unless `still_blocked`: the message stays in quarantine, and
    staff may release it (a standing block is the freelancer's, and staff cannot override it).
    """
    block, _ = block_create(account_id=recipient, sender_id=sender, scope="account")
    message = check(message_id, sender, recipient, body)
    assert message.decision == Outcome.QUARANTINE
    if not still_blocked:
        block_delete(account_id=recipient, block_id=block.pk)
    return message


def moved(message: Message, to: str, code: str) -> Message:
    assert message_transition(
        message=message, to=to, reasons=[{"code": code, "detail": code}], by=DecidedBy.SCAN
    )
    message.refresh_from_db()
    return message


def decisions(*message_ids: str) -> list[str]:
    by_id = dict(Message.objects.values_list("message_id", "decision"))
    return [by_id[message_id] for message_id in message_ids]


def html(response: Any) -> str:
    return response.content.decode()


def ids_in_order(page: str, candidates: list[str]) -> list[str]:
    """Return the candidates' message ids in the order their checkboxes appear on the page."""
    found = re.findall(r'name="message_ids" value="([^"]+)"', page)
    return [message_id for message_id in found if message_id in candidates]


def routes(world: dict[str, Any]) -> tuple[list[str], list[tuple[str, dict[str, Any]]]]:
    campaign, draft = world["campaign"].pk, world["draft"].number
    pages = [
        reverse("review:queue"),
        reverse("review:queue") + "?sender=c-spam&sort=oldest",
        reverse("review:campaigns"),
        reverse("review:campaign", args=[campaign]),
        reverse("review:senders"),
        reverse("review:senders") + "?q=spam",
        reverse("review:sender", args=["c-spam"]),
        reverse("review:message", args=["m-q1"]),
        reverse("review:policies"),
        reverse("review:policy-new"),
        reverse("review:policy", args=[draft]),
        reverse("review:policy-what-if", args=[draft]) + "?days=7",
        reverse("review:audit"),
        reverse("review:metrics"),
    ]
    posts: list[tuple[str, dict[str, Any]]] = [
        (
            reverse("review:queue-act"),
            {"action": "release", "scope": "selected", "message_ids": ["m-q1"]},
        ),
        (reverse("review:campaign-act", args=[campaign]), {"action": "delete", "reason": "spam"}),
        (
            reverse("review:sender-standing", args=["c-spam"]),
            {"standing": "suspended", "reason": "x"},
        ),
        (reverse("review:sender-lift", args=["c-spam"]), {"lift-reason": "x"}),
        (reverse("review:policy-new"), policy_form_data(policy_get_active())),
        (reverse("review:policy-activate", args=[draft]), {"reason": "x"}),
    ]
    return pages, posts


def state(world: dict[str, Any]) -> dict[str, Any]:
    """Everything an action could change, to compare before and after a refused request."""
    return {
        "decisions": sorted(Message.objects.values_list("message_id", "decision", "dismissed_at")),
        "audit": AuditEntry.objects.count(),
        "labels": TrainingLabel.objects.count(),
        "standing": list(Sender.objects.values_list("account_id", "standing_override")),
        "policies": list(Policy.objects.values_list("number", "is_active")),
    }


def policy_form_data(policy: Policy, **changes: Any) -> dict[str, Any]:
    values = {"note": "from the UI", **policy.rule_values(), **changes}
    data = {}
    for name, value in values.items():
        if name == "min_spend_cents":
            data["min_spend_dollars"] = f"{value / 100:.2f}"
        elif name == "eligibility":  # as JSON; tests/review/views/test_policy_form.py: by rule
            data["eligibility_mode"] = "json"
            data["eligibility_json"] = json.dumps(value)
        elif name == "contact_rule":  # as JSON; tests/review/views/test_policy_form.py: in words
            data["contact_mode"] = "json"
            data["contact_rule_json"] = json.dumps(value)
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = str(value)
    return data


def act(web: Client, data: dict[str, Any], query: dict[str, Any] | None = None, **extra: Any):
    url = reverse("review:queue-act")
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return web.post(url, data, **extra)


def spam_wave(count: int = 6) -> list[str]:
    """A spam wave from c-wave (quarantined by blocks) next to unrelated held-back messages."""
    SenderFactory(account_id="c-wave", organization_id="org-wave")
    return [quarantined(f"m-wave-{i}", "c-wave", f"f-w{i}").message_id for i in range(count)]
