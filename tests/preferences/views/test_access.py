"""The freelancer's settings pages: who may use them, each freelancer only their own."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse

from preferences.models import AllowedSender, Block
from preferences.services import preferences_update
from tests.pages import page
from tests.preferences.views.support import (
    FREELANCER_PAGES,
    POST_ONLY,
    a_block,
    a_trusted_sender,
    settings_of,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


@pytest.mark.parametrize("name", FREELANCER_PAGES)
def test_anonymous_visitor_is_sent_to_sign_in_from_every_page(client: Client, name: str):
    url = reverse(name)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"/login/?next={quote(url)}"


@pytest.mark.parametrize(("name", "kwargs"), POST_ONLY)
def test_anonymous_post_is_sent_to_sign_in_and_changes_nothing(
    client: Client, alice: Any, name: str, kwargs: dict[str, int]
):
    block = a_block(alice, "c-1")
    a_trusted_sender(alice, "c-2")
    before = settings_of("f-alice")
    kwargs = {key: block.pk if key == "block_id" else value for key, value in kwargs.items()}

    response = client.post(
        reverse(name, kwargs=kwargs), {"sender_id": "c-9", "scope": "account", "phrase": "x"}
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")
    assert settings_of("f-alice") == before


@pytest.mark.parametrize("name", FREELANCER_PAGES)
def test_signed_in_user_without_a_freelancer_gets_404_on_every_page(
    client: Client, staff_user: Any, name: str
):
    client.force_login(staff_user)

    assert client.get(reverse(name)).status_code == 404


@pytest.mark.parametrize(("name", "kwargs"), POST_ONLY)
def test_signed_in_user_without_a_freelancer_gets_404_on_every_action(
    client: Client, staff_user: Any, name: str, kwargs: dict[str, int]
):
    client.force_login(staff_user)

    response = client.post(reverse(name, kwargs=kwargs), {"sender_id": "c-9", "phrase": "x"})

    assert response.status_code == 404
    assert not Block.objects.exists()
    assert not AllowedSender.objects.exists()


@pytest.mark.parametrize(("name", "kwargs"), POST_ONLY)
def test_actions_refuse_get(web: Client, name: str, kwargs: dict[str, int]):
    assert web.get(reverse(name, kwargs=kwargs)).status_code == 405


def test_every_page_marks_where_the_freelancer_is_in_the_navigation(web: Client):
    for name in FREELANCER_PAGES[:-1]:
        current = page(web.get(reverse(name))).find("a", **{"aria-current": "page"})
        assert [link["href"] for link in current] == [reverse(name)]


def test_another_freelancer_never_sees_alices_settings_on_any_page(bob_web: Client, alice: Any):
    preferences_update(account_id="f-alice", changes={"keyword_filters": ["alicesecretword"]})
    a_block(alice, "c-alice-blocked")
    a_trusted_sender(alice, "c-alice-trusted")

    for name in FREELANCER_PAGES:
        body = bob_web.get(reverse(name)).content.decode()
        assert "alice" not in body, name
