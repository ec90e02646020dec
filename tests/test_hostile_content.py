"""Every page renders hostile names and bodies as inert text.

Senders choose their display names and write the bodies; both reach freelancers, reviewers and
the admin. Every HTML page of the project (generated from the URLconf, as the access matrix is,
plus every admin list and change page) is rendered with hostile names and bodies in every state
a message can be in, full and as an HTMX fragment, and fails on any raw control or format
character, any link to what a sender wrote, and any markup a sender wrote.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from typing import Any

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from inbox.audit import audit_record
from inbox.models import Campaign, Message, Outcome
from inbox.outbox import event_record
from inbox.pipeline.scan import message_scan
from preferences.services import allowed_create, block_create, preferences_update
from review.forms import REVIEWABLE_CHOICES
from review.models import BulkJob
from tests.factories import FreelancerFactory, SenderFactory, UserFactory, direct_message
from tests.test_access_matrix import ACCESS, ROUTES

pytestmark = pytest.mark.django_db

EVIL = "evil.example.com"
# Markup, script, links, bidi overrides, zero-width and control characters, in one name.
HOSTILE_NAME = (
    'Acme \u202egpj.exe\u200b <script>alert("name")</script> "><img src=x onerror=alert(1)> '
    f"https://{EVIL}/pay \u0007 javascript:alert(2) \ufeff\u2066x\u2069"
)
HOSTILE_BODY = (
    f'Hello <b>bold</b> <a href="https://{EVIL}/x">click</a> <iframe src="//{EVIL}"></iframe> '
    f"\u202eexe.txt \x1b[31m red www.{EVIL}/login {EVIL}/wallet "
    "<svg onload=alert(3)> Move to t.me/scam_desk and pay in USDT via https://bit.ly/3xYz."
)
SENDER_MARKUP = ("<script>alert", "<img src=x", "<b>bold", "<iframe", "<svg onload")
# Whitespace is the only control character a page may carry.
ALLOWED_CONTROLS = {"\n", "\r", "\t"}


class _Tags(HTMLParser):
    """The page's tags, as a browser would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def problems(page: str) -> list[str]:
    """Return what on `page` lets a sender's text act: empty when all of it is inert."""
    found = []
    for char in sorted(set(page)):
        category = unicodedata.category(char)
        if category in ("Cc", "Cf") and char not in ALLOWED_CONTROLS:
            found.append(f"raw {unicodedata.name(char, hex(ord(char)))}")
    for piece in SENDER_MARKUP:
        if piece in page:
            found.append(f"markup {piece!r}")
    if re.search(rf"(?<![\w\[]){re.escape(EVIL)}", page):
        found.append("the sender's link, not defanged")
    parser = _Tags()
    parser.feed(page)
    for tag, attrs in parser.tags:
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}>")
            linked = (name in ("href", "src", "action", "formaction") and value) or ""
            if "evil" in linked or linked.strip().lower().startswith("javascript:"):
                found.append(f"<{tag} {name}={value!r}>")
        source = attrs.get("src") or ""
        if tag == "script" and not (source.startswith("/") and not source.startswith("//")):
            found.append("a script the service did not ship")
    return found


def test_the_check_itself_finds_each_kind_of_problem() -> None:
    """Each rule of `problems` catches what it is for, and a clean page passes."""
    assert problems('<p>Acme hxxps://evil[.]example[.]com</p><script src="/static/a.js">') == []
    assert problems('<script src="//evil.example.org/a.js"></script>') == [
        "<script src='//evil.example.org/a.js'>",
        "a script the service did not ship",
    ]
    assert problems("<p>a\u202eb</p>") == ["raw RIGHT-TO-LEFT OVERRIDE"]
    assert problems("<p><b>bold</b></p>") == ["markup '<b>bold'"]
    assert problems(f"<p>{EVIL}</p>") == ["the sender's link, not defanged"]
    assert problems('<a href="javascript:x">x</a>') == ["<a href='javascript:x'>"]
    assert problems("<div onclick=x>") == ["<div onclick>"]


@pytest.fixture
def world() -> dict[str, Any]:
    """Hostile names and bodies in every state a message reaches, and a page for each."""
    alice = FreelancerFactory(account_id="f-alice")
    for account in ("c-blocked", "c-plain", "c-trusted", "c-held"):
        SenderFactory(account_id=account, display_name=HOSTILE_NAME, organization_id="o-evil")
    preferences_update(
        account_id="f-alice", changes={"keyword_filters": ["<b>crypto</b> \u202egift"]}
    )
    block, _ = block_create(account_id="f-alice", sender_id="c-blocked", scope="account")
    allowed, _ = allowed_create(account_id="f-alice", sender_id="c-trusted")
    blocked = direct_message("m-blocked", "c-blocked", "f-alice", HOSTILE_BODY)
    assert blocked.decision == Outcome.QUARANTINE
    scanned = direct_message("m-plain", "c-plain", "f-alice", HOSTILE_BODY)
    message_scan(message_pk=scanned.pk)
    trusted = direct_message("m-trusted", "c-trusted", "f-alice", HOSTILE_BODY)
    message_scan(message_pk=trusted.pk)
    direct_message("m-held", "c-held", "f-alice", HOSTILE_BODY)  # scan pending
    campaign = Campaign.objects.create(
        signature=[], preview=HOSTILE_BODY, first_seen_at=blocked.received_at,
        last_seen_at=blocked.received_at,
    )  # fmt: skip
    Message.objects.filter(pk=blocked.pk).update(campaign=campaign)
    staff: Any = UserFactory(username="staff", is_staff=True, is_superuser=True)
    audit_record(
        actor_id=staff.pk, action="note", target=HOSTILE_NAME, reason=HOSTILE_BODY,
        name=HOSTILE_NAME,
    )  # fmt: skip
    job = BulkJob.objects.create(
        created_by=staff,
        action="delete",
        reason=HOSTILE_BODY,
        description=f"Delete: all matching sender {HOSTILE_NAME}",
        message_ids=["m-blocked"],
        skipped_examples=[f"m-blocked: {HOSTILE_BODY}"],
    )
    event = event_record(
        type="message.quarantined",
        message=blocked,
        payload={"message_id": "m-blocked", "reasons": [{"code": "x", "detail": HOSTILE_BODY}]},
    )
    return {
        "alice": alice,
        "staff": staff,
        "kwargs": {
            "job_id": job.pk,
            "event_id": str(event.event_id),
            "account_id": "f-alice",
            "message_id": "m-blocked",
            "block_id": block.pk,
            "allowed_id": allowed.pk,
            "campaign_id": campaign.pk,
            "number": 1,
        },
    }


def _pages(world: dict[str, Any]) -> list[tuple[str, str]]:
    """(who, path) for every page a person looks at, with the hostile rows in it."""
    pages = []
    for name, kind in ACCESS.items():
        who = {"freelancer_ui": "alice", "freelancer_ui_row": "alice", "review": "staff"}.get(kind)
        if who is None and kind == "public":
            who = "anonymous"
        if who is None:
            continue  # the API answers JSON, never HTML
        params = re.findall(r"<(?:\w+:)?(\w+)>", ROUTES[name])
        kwargs = {param: world["kwargs"][param] for param in params}
        if "sender" in name and "account_id" in kwargs:
            kwargs["account_id"] = "c-plain"
        pages.append((who, reverse(name, kwargs=kwargs)))
    for path in (reverse("review:message", args=[m]) for m in ("m-plain", "m-trusted", "m-held")):
        pages.append(("staff", path))
    queue = reverse("review:queue")
    pages += [("staff", f"{queue}?decision={value}") for value, _ in REVIEWABLE_CHOICES if value]
    pages += [("staff", reverse("review:senders") + "?q=c-")]
    pages += [("alice", reverse("ui:sender-search") + "?sender_id=c-")]  # names who wrote
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        pages.append(("staff", reverse("admin:{}_{}_changelist".format(*info))))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            pages.append(("staff", reverse("admin:{}_{}_change".format(*info), args=[first.pk])))
    return pages


def test_every_page_shows_hostile_names_and_bodies_as_inert_text(world: dict[str, Any]) -> None:
    clients = {"anonymous": Client(), "alice": Client(), "staff": Client()}
    clients["alice"].force_login(world["alice"].user)
    clients["staff"].force_login(world["staff"])
    pages = _pages(world)
    shown = 0
    failures = {}
    for who, path in pages:
        for headers in ({}, {"HX-Request": "true"}):
            response = clients[who].get(path, headers=headers)
            assert response.status_code < 500, (path, response.status_code)
            if "text/html" not in response.get("Content-Type", ""):
                continue
            page = response.content.decode()
            shown += "gpj.exe" in page or "Move to" in page
            found = problems(page)
            if found:
                failures[(who, path, bool(headers))] = found
    assert not failures, "\n".join(f"{k}: {v}" for k, v in failures.items())
    assert len(pages) > 40
    assert shown > 20  # the hostile text did reach the pages
