"""Names, not ids: the freelancer's lists name the clients who wrote to them, the client field
suggests them as you type, and an id nobody by that id has written from is confirmed first."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from preferences.models import AllowedSender, Block
from tests.factories import SenderFactory
from tests.pages import page
from tests.preferences.views.support import HTMX, a_block, a_trusted_sender, wrote_to

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

SEARCH = reverse("ui:sender-search")


def options(response: Any) -> list[tuple[str | None, str]]:
    document = page(response)
    values = [attrs.get("value") for attrs in document.find("option")]
    labels = [label.strip() for label in document.text.split("\n") if label.strip()]
    return list(zip(values, labels, strict=False))


def test_the_blocked_list_names_a_client_who_wrote_and_shows_the_id_of_one_who_did_not(
    web: Client, alice: Any
):
    wrote_to("f-alice", "c-northwind", "Northwind Traders", organization_id="org-nw")
    a_block(alice, "c-northwind")
    a_block(alice, "c-stranger")

    document = page(web.get(reverse("ui:blocked")))

    assert "Northwind Traders c-northwind org-nw This account" in document.text
    assert "c-stranger This account" in document.text
    assert document.find("button", **{"aria-label": "Unblock Northwind Traders"})
    assert document.find("button", **{"aria-label": "Unblock c-stranger"})


def test_the_trusted_list_names_the_client(web: Client, alice: Any):
    wrote_to("f-alice", "c-northwind", "Northwind Traders")
    a_trusted_sender(alice, "c-northwind")

    document = page(web.get(reverse("ui:trusted")))

    assert "Northwind Traders c-northwind" in document.text
    assert document.find("button", **{"aria-label": "Stop trusting Northwind Traders"})


def test_a_name_never_seen_by_this_freelancer_is_not_shown(web: Client, alice: Any):
    """A client who wrote only to someone else stays an id: names are not a directory."""
    wrote_to("f-bob", "c-northwind", "Northwind Traders")
    a_block(alice, "c-northwind")

    text = page(web.get(reverse("ui:blocked"))).text

    assert "Northwind Traders" not in text
    assert "c-northwind This account" in text


@pytest.mark.parametrize("typed", ["north", "NORTH", "Traders", "c-nor"])
def test_the_client_field_suggests_clients_who_wrote_by_name_or_id(web: Client, typed: str):
    wrote_to("f-alice", "c-northwind", "Northwind Traders", organization_id="org-nw")
    wrote_to("f-alice", "c-globex", "Globex")
    wrote_to("f-bob", "c-northwest", "Northwest Partners")  # wrote to bob only

    response = web.get(SEARCH, {"sender_id": typed}, headers=HTMX)

    assert response.status_code == 200
    assert options(response) == [("c-northwind", "Northwind Traders · org-nw")]


def test_the_client_field_suggests_nothing_for_an_empty_field(web: Client):
    wrote_to("f-alice", "c-northwind", "Northwind Traders")

    response = web.get(SEARCH, {"sender_id": "  "}, headers=HTMX)

    assert options(response) == []


def test_a_hostile_name_is_suggested_as_inert_text(web: Client):
    wrote_to("f-alice", "c-evil", "Evil\u202e <script>alert(1)</script> https://evil.example/x")

    response = web.get(SEARCH, {"sender_id": "c-evil"}, headers=HTMX)

    markup = response.content.decode()
    assert "<script>" not in markup
    assert "\u202e" not in markup
    assert "https://evil.example" not in markup
    assert "hxxps://evil[.]example" in markup


def test_blocking_an_id_nobody_wrote_from_asks_first_then_blocks(web: Client):
    first = web.post(
        reverse("ui:block-add"), {"sender_id": "c-typo", "scope": "account"}, headers=HTMX
    )

    assert first.status_code == 400
    assert "No client with the id c-typo has written to you." in page(first).text
    assert page(first).find("input", type="hidden", name="confirmed_id", value="c-typo")
    assert not Block.objects.exists()

    again = web.post(
        reverse("ui:block-add"),
        {"sender_id": "c-typo", "scope": "account", "confirmed_id": "c-typo"},
        headers=HTMX,
    )

    assert again.status_code == 200
    assert "Blocked c-typo: this account." in page(again).text
    assert Block.objects.filter(sender_id="c-typo").exists()


def test_a_confirmation_covers_only_the_id_it_was_given_for(web: Client):
    response = web.post(
        reverse("ui:block-add"),
        {"sender_id": "c-other", "scope": "account", "confirmed_id": "c-typo"},
        headers=HTMX,
    )

    assert response.status_code == 400
    assert "No client with the id c-other has written to you." in page(response).text
    assert not Block.objects.exists()


def test_trusting_an_id_nobody_wrote_from_asks_first(web: Client):
    SenderFactory(account_id="c-quiet")  # known to the platform, never wrote to alice

    first = web.post(reverse("ui:trusted-add"), {"sender_id": "c-quiet"}, headers=HTMX)
    again = web.post(
        reverse("ui:trusted-add"), {"sender_id": "c-quiet", "confirmed_id": "c-quiet"}, headers=HTMX
    )

    assert first.status_code == 400
    assert "No client with the id c-quiet has written to you." in page(first).text
    assert again.status_code == 200
    assert list(AllowedSender.objects.values_list("sender_id", flat=True)) == ["c-quiet"]
