"""The preferences API (CONTRACT §7): the quarantine list and its safe previews."""

from __future__ import annotations

import pytest

from tests.factories import (
    BlockFactory,
)
from tests.preferences.api.support import (
    check,
    follow,
    is_rfc3339_with_zone,
    quarantine_message,
    snapshot,
    url,
)

pytestmark = pytest.mark.django_db


def test_quarantine_lists_quarantined_and_requested_messages_only(alice_client, alice_inbox):
    response = alice_client.get(url("f-alice", "quarantine"))

    assert response.status_code == 200
    assert response.json()["next"] is None
    listed = {item["message_id"] for item in response.json()["results"]}
    assert listed == {alice_inbox["quarantine"], alice_inbox["request"]}


def test_quarantine_item_names_the_sender_reasons_and_time(alice_client, alice_inbox):
    items = alice_client.get(url("f-alice", "quarantine")).json()["results"]

    item = next(item for item in items if item["message_id"] == alice_inbox["quarantine"])
    assert item["sender"]["display_name"] == "Spammy Ltd"
    assert item["sender"]["billing_verified"] is True
    assert item["sender"]["spent_last_12_months_cents"] == 150_000
    assert item["sender"]["joined_at"] == "2025-10-16T10:00:00Z"
    assert [reason["code"] for reason in item["reasons"]] == ["blocked_sender"]
    assert all(reason["detail"] for reason in item["reasons"])
    assert is_rfc3339_with_zone(item["received_at"])
    assert item["preview"] == "Hello, are you available for a WordPress job next week?"
    requested = next(item for item in items if item["message_id"] == alice_inbox["request"])
    assert requested["sender"]["display_name"] == "Stranger Inc"
    assert [reason["code"] for reason in requested["reasons"]] == ["message_request"]


def test_quarantine_item_of_a_sender_without_facts_still_names_it(service, alice_client, alice):
    BlockFactory.create(freelancer=alice, sender_id="c-ghost")
    check(service, "m-1", "c-ghost")

    (item,) = alice_client.get(url("f-alice", "quarantine")).json()["results"]

    assert item["message_id"] == "m-1"
    assert item["sender"]["id"] == "c-ghost"


def test_quarantine_preview_defangs_links(service, alice):
    item = quarantine_message(
        service,
        alice,
        "Log in at https://evil.example/login or http://www.evil.example today",
    )

    assert "hxxps://evil[.]example/login" in item["preview"]
    assert "hxxp://www[.]evil[.]example" in item["preview"]
    assert "https://" not in item["preview"]
    assert "http://" not in item["preview"]
    assert "evil.example" not in item["preview"]


def test_quarantine_preview_defangs_bare_hosts_but_not_file_names(service, alice):
    item = quarantine_message(
        service,
        alice,
        "Pay at evil.example.com/wallet or //cdn.evil.example, see bit.ly/3xYz; main.py, e.g. v1.2",
    )

    assert "evil[.]example[.]com/wallet" in item["preview"]
    assert "//cdn[.]evil[.]example" in item["preview"]
    assert "bit[.]ly/3xYz" in item["preview"]
    assert "main.py, e.g. v1.2" in item["preview"]


def test_quarantine_preview_removes_bidi_overrides_and_controls(service, alice):
    item = quarantine_message(service, alice, "invoice\u202egpj.exe\u2066 \u200bpaid\x07 now")

    for char in ("\u202e", "\u2066", "\u200b", "\x07"):
        assert char not in item["preview"]
    assert item["preview"].startswith("invoice")


def test_quarantine_preview_is_at_most_200_characters(service, alice):
    item = quarantine_message(service, alice, "spam " * 2000)

    assert 0 < len(item["preview"]) <= 200
    assert item["preview"].startswith("spam spam")


def test_quarantine_preview_folds_whitespace_to_one_line(service, alice):
    item = quarantine_message(service, alice, "line one\n\n\tline   two\r\n")

    assert item["preview"] == "line one line two"


def test_reading_the_quarantine_changes_no_message(alice_client, alice_inbox):
    before = snapshot()

    alice_client.get(url("f-alice", "quarantine"))
    alice_client.get(url("f-alice", "quarantine") + "?limit=1")

    assert snapshot() == before


def test_quarantine_pages_follow_their_next_links(alice_client, alice_inbox):
    pages = follow(alice_client, url("f-alice", "quarantine") + "?limit=1")

    assert [len(page["results"]) for page in pages] == [1, 1]
    listed = {item["message_id"] for page in pages for item in page["results"]}
    assert listed == {alice_inbox["quarantine"], alice_inbox["request"]}


def test_quarantine_of_a_freelancer_without_messages_is_empty(service):
    assert service.get(url("f-never-seen", "quarantine")).json() == {"results": [], "next": None}
