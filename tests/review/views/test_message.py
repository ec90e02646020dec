"""The review UI: one message's audit."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from inbox.detection.preview import safe_preview
from inbox.models import (
    Campaign,
    Message,
    Sender,
)
from review import services as staff
from tests.review.views.support import HOSTILE_BODY, HOSTILE_NAME, html

pytestmark = pytest.mark.django_db


def test_message_page_shows_every_decision_with_rules_inputs_and_version(
    staff_web: Client, staff_user: Any, world: dict[str, Any]
):
    staff.review_act(
        messages=Message.objects.filter(message_id="m-q1"),
        action="release",
        actor_id=staff_user.pk,
        reason="Looks legit",
    )

    page = html(staff_web.get(reverse("review:message", args=["m-q1"])))

    assert page.count('<li class="card">') == 2  # the check, then the release
    assert "under policy <strong>v1</strong>" in page
    assert "<dt>blocks</dt>" in page and "matched: <strong" in page
    assert "blocked_sender" in page
    assert "<dt>sender.billing_verified</dt>" in page  # the inputs the decision saw
    assert "by admin (reviewer)" in page
    assert "message.release" in page and "Looks legit" in page


def test_message_page_marks_the_contact_details_the_scan_found_and_escapes_the_rest(
    staff_web: Client, world: dict[str, Any]
):
    body = "Write to bob@example.com <script>alert(1)</script> or see https://evil.example/x"
    start = body.index("bob@")
    Message.objects.filter(message_id="m-q1").update(
        body=body,
        analysis={"matches": [{"start": start, "end": start + 15, "kind": "email"}]},
    )

    page = html(staff_web.get(reverse("review:message", args=["m-q1"])))

    assert '<mark title="email">bob@example.com</mark>' in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert" not in page
    assert "hxxps://evil[.]example/x" in page and "https://evil.example" not in page


def test_unknown_messages_are_404(staff_web: Client, world: dict[str, Any]):
    assert staff_web.get(reverse("review:message", args=["m-nope"])).status_code == 404


def test_hostile_bodies_and_names_are_inert_on_the_queue_campaign_and_message_pages(
    staff_web: Client, world: dict[str, Any]
):
    Sender.objects.filter(account_id="c-spam").update(display_name=HOSTILE_NAME)
    Message.objects.filter(message_id="m-q1").update(body=HOSTILE_BODY)
    Campaign.objects.filter(pk=world["campaign"].pk).update(preview=safe_preview(HOSTILE_BODY, 300))
    pages = [
        reverse("review:queue"),
        reverse("review:campaigns"),
        reverse("review:campaign", args=[world["campaign"].pk]),
        reverse("review:message", args=["m-q1"]),
        reverse("review:sender", args=["c-spam"]),
    ]

    for url in pages:
        page = html(staff_web.get(url))
        assert "<script>alert" not in page, url
        assert not re.search(r"<a\b[^>]*javascript:", page), url
        assert not re.search(r"<img\b", page), url
        assert not re.search(r"<[a-z]+\b[^>]*\bon(error|mouseover)\s*=", page), url
        assert "https://evil.example" not in page, url
    queue = html(staff_web.get(reverse("review:queue")))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in queue
    assert "hxxps://evil[.]example/pay" in queue
