"""The review page: what it lists, how it explains it, every action, and hostile content."""

from __future__ import annotations

import html
import json
import re
from datetime import timedelta
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client

from inbox.detection.preview import PREVIEW_CHARS
from inbox.models import DecidedBy, DecisionRecord, Message, OutboxEvent, SpamReport
from inbox.pipeline.pull_back import block_pull_back
from inbox.services import MessageIn, message_check, message_transition, quarantine_dismiss
from preferences.models import Block
from preferences.services import block_create, preferences_update
from tests.factories import NOW, ConnectionFactory, SenderFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

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


@pytest.fixture
def web(client: Client, alice: Any) -> Client:
    """Alice's browser, signed in."""
    client.force_login(alice.user)
    return client


@pytest.fixture
def bob_web(bob: Any) -> Client:
    client = Client()
    client.force_login(bob.user)
    return client


# --- The list --------------------------------------------------------------------------------


def test_review_lists_only_this_freelancers_requests_and_quarantined_messages(
    web: Client, alice: Any, bob: Any
):
    held_back = quarantined(body="quarantined body")
    request = requested(body="request body")
    SenderFactory(account_id="c-friend")
    ConnectionFactory(client_id="c-friend", freelancer_id="f-alice")
    delivered = new_message(sender_id="c-friend", body="delivered body")
    SenderFactory(account_id="c-held")
    held = new_message(sender_id="c-held", body="held body")
    rejected = new_message(sender_id="c-unknown", body="rejected body")
    deleted = quarantined(body="deleted body")
    quarantine_dismiss(recipient_id="f-alice", message_id=deleted.message_id, by="freelancer")
    theirs = quarantined(recipient_id="f-bob", sender_id="c-spammer", body="bobs body")
    assert (delivered.decision, held.decision, rejected.decision) == ("deliver", "hold", "reject")

    response = web.get(REVIEW)

    assert response.status_code == 200
    document = page(response)
    assert document.listed("request") == [request.message_id]
    assert document.listed("quarantine") == [held_back.message_id]
    assert "Message requests 1" in document.text
    assert "Quarantine 1" in document.text
    markup = response.content.decode()
    for hidden in ("delivered body", "held body", "rejected body", "deleted body", "bobs body"):
        assert hidden not in markup
    assert theirs.message_id not in markup


def test_review_offers_each_item_its_own_buttons(web: Client):
    request = requested()
    held_back = quarantined()

    document = page(web.get(REVIEW))

    buttons = {(b.get("value"), b.get("name")) for b in document.find("button", name="one")}
    for message in (request, held_back):
        for action in ("release", "block", "report", "delete"):
            assert (f"{action}:{message.message_id}", "one") in buttons
    assert "Accept" in document.text
    assert "Let through" in document.text


def test_review_says_so_when_nothing_is_held_back(web: Client):
    text = page(web.get(REVIEW)).text

    assert "No message requests." in text
    assert "Nothing in quarantine." in text


def test_review_shows_who_sent_it_and_the_facts_about_them(web: Client):
    SenderFactory(
        account_id="c-1",
        display_name="Acme Ltd",
        billing_verified=False,
        spent_last_12_months_cents=250_000,
        joined_at=NOW - timedelta(days=30),
    )
    quarantined(sender_id="c-1", body="Hello from Acme")

    text = page(web.get(REVIEW)).text

    assert (
        "Acme Ltd c-1 Direct message Nov 20, 10:00 UTC Billing not verified "
        "$2,500 spent in 12 months "
        "30 days on the platform Hello from Acme You blocked this client."
    ) in text


def test_review_counts_a_single_day_on_the_platform_in_the_singular(web: Client):
    SenderFactory(account_id="c-1", joined_at=NOW - timedelta(days=1, hours=2))
    quarantined(sender_id="c-1")

    text = page(web.get(REVIEW)).text

    assert "Billing verified $1,500 spent in 12 months 1 day on the platform" in text


def test_review_marks_a_sender_it_knows_nothing_about(web: Client):
    block_create(account_id="f-alice", sender_id="c-ghost", scope="account")
    new_message(sender_id="c-ghost", body="boo")

    text = page(web.get(REVIEW)).text

    assert "c-ghost c-ghost" in text
    assert "Unknown account" in text


@pytest.mark.parametrize(
    ("setup", "reason"),
    [
        ("account", "You blocked this client."),
        ("organization", "You blocked this client's organization."),
        ("linked", "You blocked an account linked to this client."),
        ("keyword", 'Matches your keyword filters: "crypto".'),
        ("request", "A client you haven't worked with yet (message request)."),
    ],
)
def test_review_explains_in_plain_words_why_each_message_was_held_back(
    web: Client, setup: str, reason: str
):
    SenderFactory(account_id="c-known", organization_id="org-1", identity_key="person-1")
    SenderFactory(account_id="c-1", organization_id="org-1", identity_key="person-1")
    if setup == "request":
        requested(sender_id="c-1")
    else:
        if setup == "keyword":
            preferences_update(account_id="f-alice", changes={"keyword_filters": ["crypto"]})
        else:
            blocked = "c-1" if setup == "account" else "c-known"
            block_create(account_id="f-alice", sender_id=blocked, scope=setup)
        message = new_message(sender_id="c-1", body="Pay me in crypto")
        assert message.decision == "quarantine"

    document = page(web.get(REVIEW))

    assert reason in document.text
    assert "The freelancer" not in document.text


def test_review_shows_a_placeholder_for_an_empty_message(web: Client):
    quarantined(body="")

    assert "(no text)" in page(web.get(REVIEW)).text


def test_viewing_the_review_list_changes_no_message(web: Client):
    quarantined(body="Please look at https://evil.example/")
    requested(body="Hello, can we talk?")
    before = everything()

    web.get(REVIEW)
    web.get(REVIEW, headers=HTMX)

    assert everything() == before


# --- Actions ---------------------------------------------------------------------------------


def test_letting_a_quarantined_message_through_delivers_it_and_confirms(web: Client, alice: Any):
    message = quarantined()

    response = web.post(ACT, {"action": "release", "message_ids": [message.message_id]})

    assert response.status_code == 302
    assert response["Location"] == REVIEW
    assert state(message)["decision"] == "deliver"
    last = message.history.order_by("-at", "-id")[0]
    assert (last.decision, last.by, last.actor_id) == ("deliver", "freelancer", alice.user.pk)
    after = page(web.get(REVIEW))
    assert "Let 1 message through to your inbox." in after.text
    assert after.listed("quarantine") == []


def test_accepting_a_request_with_its_button_and_htmx_delivers_it(web: Client):
    message = requested()

    response = web.post(
        ACT, {"action": "delete", "one": f"release:{message.message_id}"}, headers=HTMX
    )

    assert response.status_code == 200
    markup = response.content.decode()
    assert markup.lstrip().startswith('<div id="review">')
    assert "<html" not in markup
    document = Document(markup)
    assert "Let 1 message through to your inbox." in document.text
    assert document.listed("request") == []
    assert state(message)["decision"] == "deliver"


def test_an_item_button_works_for_a_message_id_containing_colons(web: Client):
    message = quarantined(message_id="pm:42:7")

    response = web.post(ACT, {"one": "release:pm:42:7"}, headers=HTMX)

    assert response.status_code == 200
    assert state(message)["decision"] == "deliver"


def test_letting_several_messages_through_at_once(web: Client):
    first, second = quarantined(), requested()

    response = web.post(
        ACT,
        {"action": "release", "message_ids": [first.message_id, second.message_id]},
        headers=HTMX,
    )

    assert response.status_code == 200
    assert "Let 2 messages through to your inbox." in page(response).text
    assert state(first)["decision"] == state(second)["decision"] == "deliver"


def test_deleting_a_quarantined_message_purges_its_body_and_drops_it_from_the_list(web: Client):
    message = quarantined(body="secret content")

    response = web.post(ACT, {"one": f"delete:{message.message_id}"}, headers=HTMX)

    assert response.status_code == 200
    assert "Deleted 1 message." in page(response).text
    assert "secret content" not in response.content.decode()
    after = state(message)
    assert after["decision"] == "quarantine"
    assert after["body"] == ""
    assert after["body_purged_at"] is not None
    assert after["dismissed_at"] is not None
    assert page(web.get(REVIEW)).listed("quarantine") == []


def test_deleting_a_request_moves_it_to_quarantine_and_purges_its_body(web: Client):
    message = requested(body="secret content")

    response = web.post(ACT, {"action": "delete", "message_ids": [message.message_id]})

    assert response.status_code == 302
    after = state(message)
    assert after["decision"] == "quarantine"
    assert after["reasons"][0]["code"] == "deleted"
    assert (after["body"], after["dismissed_at"] is not None) == ("", True)
    document = page(web.get(REVIEW))
    assert document.listed("request") == document.listed("quarantine") == []


@pytest.mark.parametrize("scope", ["account", "organization", "linked"])
@pytest.mark.parametrize("how", ["bulk", "button"])
def test_blocking_the_sender_of_a_held_back_message(web: Client, scope: str, how: str):
    SenderFactory(account_id="c-1", organization_id="org-1", identity_key="person-1")
    message = requested(sender_id="c-1")
    if how == "bulk":
        data = {"action": "block", "scope": scope, "message_ids": [message.message_id]}
    else:
        data = {"action": "release", "scope": scope, "one": f"block:{message.message_id}"}

    response = web.post(ACT, data, headers=HTMX)

    assert response.status_code == 200
    document = page(response)
    assert "Blocked the sender of 1 message; their messages stay out of your inbox." in (
        document.text
    )
    assert document.listed("request") == document.listed("quarantine") == []
    block = Block.objects.get(freelancer__account_id="f-alice")
    # The per-message button always blocks the account; wider scopes are a deliberate choice.
    assert (block.sender_id, block.scope) == ("c-1", scope if how == "bulk" else "account")
    assert block.organization_id == "org-1"
    assert block.identity_key == "person-1"
    after = state(message)
    assert after["decision"] == "quarantine"
    assert after["dismissed_at"] is not None


def test_blocking_two_messages_from_one_sender_makes_one_block(web: Client):
    first = requested(sender_id="c-1")
    second = new_message(sender_id="c-1")
    message_transition(message=second, to="quarantine", reasons=[], by=DecidedBy.SCAN)

    response = web.post(
        ACT, {"action": "block", "message_ids": [first.message_id, second.message_id]}
    )

    assert response.status_code == 302
    assert list(Block.objects.values_list("sender_id", "scope")) == [("c-1", "account")]
    assert state(first)["dismissed_at"] is not None
    assert state(second)["dismissed_at"] is not None


def test_blocking_an_organization_the_sender_lacks_says_what_was_not_changed(web: Client):
    SenderFactory(account_id="c-1", organization_id="")
    message = requested(sender_id="c-1")
    before = state(message)

    response = web.post(
        ACT,
        {"action": "block", "scope": "organization", "message_ids": [message.message_id]},
        headers=HTMX,
    )

    assert "1 could not be changed (This sender has no known organization" in page(response).text
    assert not Block.objects.exists()
    assert state(message) == before


def test_reporting_a_quarantined_message_records_a_spam_report(web: Client):
    message = quarantined()

    response = web.post(ACT, {"one": f"report:{message.message_id}"}, headers=HTMX)

    assert response.status_code == 200
    document = page(response)
    assert "Reported 1 message as spam. Thank you." in document.text
    report = SpamReport.objects.get(message=message)
    assert report.reporter_id == "f-alice"
    assert state(message)["decision"] == "quarantine"


def test_reporting_a_request_moves_it_to_quarantine(web: Client):
    message = requested()

    response = web.post(ACT, {"action": "report", "message_ids": [message.message_id]})

    assert response.status_code == 302
    assert SpamReport.objects.filter(message=message, reporter_id="f-alice").exists()
    assert state(message)["decision"] == "quarantine"
    document = page(web.get(REVIEW))
    assert document.listed("request") == []
    assert document.listed("quarantine") == [message.message_id]
    assert "You reported this as spam." in document.text


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_acting_on_another_freelancers_message_changes_nothing(
    bob_web: Client, alice: Any, headers: dict[str, str]
):
    message = quarantined(body="alice's private message")
    before = everything()

    for action in ("release", "delete", "block", "report"):
        response = bob_web.post(
            ACT, {"action": action, "message_ids": [message.message_id]}, headers=headers
        )
        assert response.status_code == 400
        assert "Nothing changed" in page(response).text
        assert "alice's private message" not in response.content.decode()

    assert everything() == before


def test_a_selection_with_anothers_message_changes_none_of_the_freelancers_own(
    web: Client, bob: Any
):
    own = quarantined()
    theirs = quarantined(recipient_id="f-bob", sender_id="c-other")
    before = everything()

    response = web.post(
        ACT, {"action": "release", "message_ids": [own.message_id, theirs.message_id]}
    )

    assert response.status_code == 400
    assert "Nothing changed" in page(response).text
    assert everything() == before


def test_acting_on_a_message_no_longer_in_the_list_changes_nothing(web: Client):
    deleted = quarantined()
    quarantine_dismiss(recipient_id="f-alice", message_id=deleted.message_id, by="freelancer")
    SenderFactory(account_id="c-friend")
    ConnectionFactory(client_id="c-friend", freelancer_id="f-alice")
    delivered = new_message(sender_id="c-friend")
    before = everything()

    for message in (deleted, delivered):
        response = web.post(ACT, {"action": "release", "message_ids": [message.message_id]})
        assert response.status_code == 400

    assert everything() == before


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"action": "release"}, "Nothing changed: Select at least one message."),
        ({"action": "archive", "message_ids": ["SELF"]}, "Nothing changed: Select a valid choice."),
        ({"action": "", "message_ids": ["SELF"]}, "Nothing changed: This field is required."),
        ({"one": "release"}, "Nothing changed: Select a valid choice."),
        ({"one": "explode:SELF"}, "Nothing changed: Select a valid choice."),
        (
            {"action": "block", "scope": "planet", "message_ids": ["SELF"]},
            "Nothing changed: Select a valid choice.",
        ),
    ],
    ids=[
        "no-selection",
        "unknown-action",
        "no-action",
        "malformed-button",
        "unknown-button",
        "bad-scope",
    ],
)
def test_a_bad_request_is_refused_and_changes_nothing(
    web: Client, headers: dict[str, str], data: dict[str, Any], error: str
):
    message = quarantined()
    data = {
        key: (
            [message.message_id]
            if value == ["SELF"]
            else value.replace("SELF", message.message_id)
            if isinstance(value, str)
            else value
        )
        for key, value in data.items()
    }
    before = everything()

    response = web.post(ACT, data, headers=headers)

    assert response.status_code == 400
    assert error in page(response).text
    assert everything() == before
    assert page(response).listed("quarantine") == [message.message_id]


def test_htmx_users_see_why_nothing_changed(web: Client):
    shell = web.get(REVIEW).content.decode()

    response = web.post(ACT, {"action": "release"}, headers=HTMX)

    handling = HTMX_DEFAULT_RESPONSE_HANDLING
    for meta in Document(shell).find("meta", name="htmx-config"):
        handling = json.loads(meta.get("content") or "{}").get("responseHandling", handling)
    swaps = next(
        bool(rule.get("swap"))
        for rule in handling
        if re.search(rule["code"], str(response.status_code))
    )
    assert swaps


# --- CSRF ------------------------------------------------------------------------------------


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
@pytest.mark.parametrize("action", ["release", "delete", "block", "report"])
def test_actions_without_a_csrf_token_are_refused_and_change_nothing(
    alice: Any, headers: dict[str, str], action: str
):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice.user)
    message = requested()
    browser.get(REVIEW)  # the CSRF cookie is set; the token is still not sent
    before = everything()

    response = browser.post(
        ACT, {"action": action, "message_ids": [message.message_id]}, headers=headers
    )

    assert response.status_code == 403
    assert everything() == before


def test_actions_with_the_pages_csrf_token_are_accepted(alice: Any):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice.user)
    message = requested()
    shell = page(browser.get(REVIEW))
    token = shell.find("input", name="csrfmiddlewaretoken")[0]["value"]

    response = browser.post(
        ACT,
        {"action": "release", "message_ids": [message.message_id], "csrfmiddlewaretoken": token},
    )

    assert response.status_code == 302
    assert state(message)["decision"] == "deliver"


def test_htmx_actions_with_the_header_token_are_accepted(alice: Any):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice.user)
    message = requested()
    body = page(browser.get(REVIEW)).find("body")[0]
    token = json.loads(body["hx-headers"] or "{}")["X-CSRFToken"]

    response = browser.post(
        ACT,
        {"action": "release", "message_ids": [message.message_id]},
        headers={**HTMX, "X-CSRFToken": token},
    )

    assert response.status_code == 200
    assert state(message)["decision"] == "deliver"


# --- Hostile content -------------------------------------------------------------------------

HOSTILE_NAME = '<script>alert("name")</script>'


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ("<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"),
        ('<a href="javascript:alert(1)">x</a>', '<a href="javascript:alert(1)">x</a>'),
        ("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ('"><svg onload=alert(1)>', '"><svg onload=alert(1)>'),
        ("Invoice\u202egpj.exe attached", "Invoicegpj.exe attached"),
        ("zero\u200bwidth and\u0007bell", "zerowidth andbell"),
        (
            "Pay at https://pay.evil.example/login or www.evil.example now",
            "Pay at hxxps://pay[.]evil[.]example/login or www[.]evil[.]example now",
        ),
        ("HTTP://EVIL.EXAMPLE/x", "hxxp://EVIL[.]EXAMPLE/x"),
    ],
    ids=[
        "script",
        "img-onerror",
        "javascript-link",
        "entities",
        "attribute-break",
        "rtl-override",
        "invisible",
        "links",
        "upper-case-link",
    ],
)
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx-partial"])
def test_hostile_bodies_and_names_are_shown_as_inert_text(
    web: Client, body: str, shown: str, headers: dict[str, str]
):
    SenderFactory(account_id="c-evil", display_name=HOSTILE_NAME)
    message = quarantined(sender_id="c-evil", body=body)
    victim = requested(sender_id="c-other", body="plain")

    if headers:
        response = web.post(ACT, {"one": f"report:{victim.message_id}"}, headers=HTMX)
    else:
        response = web.get(REVIEW)

    assert response.status_code == 200
    markup = response.content.decode()
    assert shown in previews(markup)
    assert "<script>alert" not in markup
    assert "<img" not in markup
    assert "<svg" not in markup
    assert 'href="javascript:' not in markup
    assert "\u202e" not in markup
    assert_inert(markup)
    document = Document(markup)
    assert HOSTILE_NAME in document.text
    assert document.find("label", **{"for": "select-quarantine-1"})
    assert message.message_id in document.listed("quarantine")


def test_html_entities_in_a_body_are_not_decoded_into_markup(web: Client):
    quarantined(body="&lt;script&gt;alert(1)&lt;/script&gt;")

    markup = web.get(REVIEW).content.decode()

    assert "&amp;lt;script&amp;gt;" in markup
    assert "&lt;script&gt;" not in markup.replace("&amp;lt;script&amp;gt;", "")


def test_a_ten_thousand_character_line_renders_with_a_capped_preview(web: Client):
    quarantined(body="A" * 10_000)

    response = web.get(REVIEW)

    assert response.status_code == 200
    (preview,) = previews(response.content.decode())
    assert len(preview) == PREVIEW_CHARS
    assert preview == "A" * (PREVIEW_CHARS - 1) + "…"
    assert "A" * PREVIEW_CHARS not in response.content.decode()


def test_a_long_link_is_defanged_and_capped(web: Client):
    quarantined(body="https://" + "a" * 5_000 + ".example/")

    (preview,) = previews(web.get(REVIEW).content.decode())

    assert preview.startswith("hxxps://aaaa")
    assert len(preview) == PREVIEW_CHARS
    assert "https://" not in preview


def test_a_message_is_never_opened_by_the_review_page(web: Client):
    message = quarantined(body="Visit https://tracker.example/pixel.png?id=7 to see")

    markup = web.get(REVIEW).content.decode()

    assert "https://tracker.example" not in markup
    assert_inert(markup)
    assert state(message)["history"] == [("quarantine", "policy", None)]


def test_bidi_controls_in_a_senders_name_are_not_rendered(web: Client):
    SenderFactory(account_id="c-evil", display_name="Support \u202etnuocca")
    quarantined(sender_id="c-evil")

    markup = web.get(REVIEW).content.decode()

    assert "\u202e" not in markup


# --- Owner isolation -------------------------------------------------------------------------


def test_another_freelancer_never_sees_alices_messages(bob_web: Client, alice: Any):
    SenderFactory(account_id="c-alice-client", display_name="Alice's Client")
    first = quarantined(sender_id="c-alice-client", body="for alice only")
    second = requested(sender_id="c-alice-request", body="also for alice")

    for headers in ({}, HTMX):
        markup = bob_web.get(REVIEW, headers=headers).content.decode()
        for private in (first.message_id, second.message_id, "for alice only", "Alice's Client"):
            assert private not in markup
        assert "Nothing in quarantine." in Document(markup).text


# --- Why a message the freelancer had seen moved to quarantine -------------------------------


def delivered_then_moved(reason: dict[str, str], *, by: str = DecidedBy.SCAN) -> Message:
    SenderFactory(account_id="c-1")
    ConnectionFactory(client_id="c-1", freelancer_id="f-alice")
    message = new_message(sender_id="c-1")
    assert message.decision == "deliver"
    assert message_transition(message=message, to="quarantine", reasons=[reason], by=by)
    return message


@pytest.mark.parametrize(
    ("reason", "by", "text"),
    [
        (
            {
                "code": "campaign",
                "detail": "The same text was sent to 12 freelancers within 24 hours.",
            },
            DecidedBy.SCAN,
            "Moved here from your inbox because the same text was sent to 12 freelancers within "
            "24 hours.",
        ),
        (
            {"code": "scam", "detail": "Looks like a scam: asks for personal or financial data."},
            DecidedBy.SCAN,
            "Moved here from your inbox because a scan found it looks like a scam: asks for "
            "personal or financial data.",
        ),
        (
            {"code": "scam", "detail": "Confirmed as scam by a reviewer."},
            DecidedBy.ADMIN,
            "Moved here from your inbox because our trust & safety team confirmed it as a scam.",
        ),
        (
            {"code": "contact_details", "detail": "Shares contact details for no allowed purpose."},
            DecidedBy.SCAN,
            "Moved here from your inbox because it shares contact details, which clients may do "
            "only to invite you to scope a job or once you have a contract.",
        ),
    ],
)
def test_a_delivered_message_pulled_back_says_where_it_was_and_why(
    web: Client, reason: dict[str, str], by: str, text: str
):
    delivered_then_moved(reason, by=by)

    assert text in page(web.get(REVIEW)).text


def test_a_delivered_message_pulled_back_by_a_block_says_the_freelancer_blocked_the_sender(
    web: Client,
):
    SenderFactory(account_id="c-1")
    ConnectionFactory(client_id="c-1", freelancer_id="f-alice")
    message = new_message(sender_id="c-1")
    block, _ = block_create(account_id="f-alice", sender_id="c-1", scope="account")
    assert block_pull_back(block_id=block.pk) == 1

    document = page(web.get(REVIEW))

    assert document.listed("quarantine") == [message.message_id]
    assert "Moved here from your inbox because you blocked this client." in document.text


def test_a_request_pulled_back_says_it_was_in_the_message_requests(web: Client):
    message = requested(sender_id="c-1")
    assert message_transition(
        message=message,
        to="quarantine",
        reasons=[{"code": "blocked_sender", "detail": "Moved because of a block."}],
        by=DecidedBy.FREELANCER,
    )

    text = page(web.get(REVIEW)).text

    assert "Moved here from your message requests because you blocked this client." in text


def test_a_message_quarantined_before_the_freelancer_saw_it_does_not_say_it_moved(web: Client):
    quarantined(sender_id="c-1")

    text = page(web.get(REVIEW)).text

    assert "You blocked this client." in text
    assert "Moved here" not in text
