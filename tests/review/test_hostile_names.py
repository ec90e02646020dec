"""Hostile display names are cleaned like message previews on every page that shows them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from inbox.models import Campaign, Message, Outcome
from preferences.services import block_create
from tests.factories import SenderFactory, direct_message

pytestmark = pytest.mark.django_db

HOSTILE = "Acme \u202egpj.exe\u200b Ltd https://evil.example.com/pay \u0007<b>bold</b>"
RAW = ["\u202e", "\u200b", "\u0007", "https://evil.example.com", "<b>bold</b>"]


@pytest.fixture
def hostile_message(alice: Any) -> Message:
    SenderFactory(account_id="c-hostile", display_name=HOSTILE)
    block_create(account_id=alice.account_id, sender_id="c-hostile", scope="account")
    message = direct_message("m-hostile", "c-hostile", alice.account_id, "Hello")
    assert message.decision == Outcome.QUARANTINE
    campaign = Campaign.objects.create(
        signature=[], preview="Hello", first_seen_at=message.received_at,
        last_seen_at=message.received_at,
    )  # fmt: skip
    Message.objects.filter(pk=message.pk).update(campaign=campaign)
    message.refresh_from_db()
    return message


def _pages(message: Message) -> list[str]:
    return [
        reverse("review:queue"),
        reverse("review:senders") + "?q=c-hostile",
        reverse("review:sender", args=["c-hostile"]),
        reverse("review:message", args=[message.message_id]),
        reverse("review:campaign", args=[message.campaign_id]),
    ]


def _assert_clean(page: str, where: str) -> None:
    for raw in RAW:
        assert raw not in page, where
    assert "hxxps://evil[.]example[.]com/pay" in page, where
    assert "gpj.exe" in page, where  # the name is shown, only made inert


def test_staff_pages_show_hostile_names_as_inert_text(staff_user: Any, hostile_message: Message):
    client = Client()
    client.force_login(staff_user)
    for path in _pages(hostile_message):
        response = client.get(path)
        assert response.status_code == 200, path
        _assert_clean(response.content.decode(), path)


def test_the_freelancers_quarantine_shows_the_hostile_name_as_inert_text(
    alice: Any, hostile_message: Message
):
    client = Client()
    client.force_login(alice.user)
    response = client.get(reverse("ui:review"), {"show": "quarantine"})
    assert response.status_code == 200
    _assert_clean(response.content.decode(), "quarantine")


def test_a_name_made_only_of_invisible_characters_falls_back_to_the_account_id(staff_user: Any):
    SenderFactory(account_id="c-ghost", display_name="\u202e\u200b")
    client = Client()
    client.force_login(staff_user)
    page = client.get(reverse("review:sender", args=["c-ghost"])).content.decode()
    assert '<h1 class="break">c-ghost <span' in page
