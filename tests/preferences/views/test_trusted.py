"""The freelancer's settings pages: trusted senders."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from common.fields import ID_HELP
from preferences.models import AllowedSender
from tests.pages import Document, page
from tests.preferences.views.support import (
    HTMX,
    a_trusted_sender,
    settings_of,
    wrote_to,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def test_trusted_page_lists_trusted_senders(web: Client, alice: Any):
    a_trusted_sender(alice, "c-1")

    document = page(web.get(reverse("ui:trusted")))

    assert "c-1" in document.text
    assert document.find("button", **{"aria-label": "Stop trusting c-1"})


def test_trusted_page_says_so_when_nobody_is_trusted(web: Client):
    assert "No trusted senders yet." in page(web.get(reverse("ui:trusted"))).text


def test_trusting_a_sender_with_a_plain_post_redirects_and_saves(web: Client):
    wrote_to("f-alice", "c-1")

    response = web.post(reverse("ui:trusted-add"), {"sender_id": "c-1"})

    assert response.status_code == 302
    assert response["Location"] == reverse("ui:trusted")
    assert settings_of("f-alice")["trusted"] == ["c-1"]


def test_trusting_a_sender_with_htmx_returns_the_list(web: Client):
    wrote_to("f-alice", "c-1")

    response = web.post(reverse("ui:trusted-add"), {"sender_id": "c-1"}, headers=HTMX)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="trusted-list">')
    assert "Acme Ltd (c-1) is now trusted." in Document(html).text
    assert settings_of("f-alice")["trusted"] == ["c-1"]


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
@pytest.mark.parametrize(
    ("sender_id", "error"),
    [
        ("c 1", ID_HELP),
        ("-c1", ID_HELP),
        ("c-1/../admin", ID_HELP),
        ("c" * 129, "Ensure this value has at most 128 characters (it has 129)."),
        ("", "This field is required."),
    ],
    ids=["space", "leading-dash", "slash", "too-long", "empty"],
)
def test_trusting_an_invalid_account_id_is_refused(
    web: Client, headers: dict[str, str], sender_id: str, error: str
):
    response = web.post(reverse("ui:trusted-add"), {"sender_id": sender_id}, headers=headers)

    assert response.status_code == 400
    assert error in page(response).text
    assert not AllowedSender.objects.exists()


def test_trusting_the_same_sender_twice_keeps_one_entry(web: Client):
    wrote_to("f-alice", "c-1")
    web.post(reverse("ui:trusted-add"), {"sender_id": "c-1"})

    response = web.post(reverse("ui:trusted-add"), {"sender_id": "c-1"}, headers=HTMX)

    assert response.status_code == 200
    assert AllowedSender.objects.filter(freelancer__account_id="f-alice").count() == 1


def test_removing_a_trusted_sender_with_htmx_returns_the_list(web: Client, alice: Any):
    entry = a_trusted_sender(alice, "c-1")

    response = web.post(reverse("ui:trusted-remove", args=[entry.pk]), headers=HTMX)

    assert response.status_code == 200
    text = page(response).text
    assert "Removed." in text
    assert "No trusted senders yet." in text
    assert not AllowedSender.objects.exists()


def test_removing_a_trusted_sender_with_a_plain_post_redirects(web: Client, alice: Any):
    entry = a_trusted_sender(alice, "c-1")

    response = web.post(reverse("ui:trusted-remove", args=[entry.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("ui:trusted")
    assert not AllowedSender.objects.exists()


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_removing_another_freelancers_trusted_sender_is_404_and_changes_nothing(
    web: Client, bob: Any, headers: dict[str, str]
):
    theirs = a_trusted_sender(bob, "c-1")

    response = web.post(reverse("ui:trusted-remove", args=[theirs.pk]), headers=headers)

    assert response.status_code == 404
    assert settings_of("f-bob")["trusted"] == ["c-1"]
