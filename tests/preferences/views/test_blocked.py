"""The freelancer's settings pages: blocked senders."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from common.fields import ID_HELP
from preferences.models import Block
from tests.pages import Document, page
from tests.preferences.views.support import (
    HTMX,
    a_block,
    settings_of,
    wrote_to,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def test_blocked_page_lists_sender_scope_and_date(web: Client, alice: Any):
    a_block(alice, "c-1", scope="account")
    a_block(alice, "c-2", scope="organization", organization_id="org-9")

    response = web.get(reverse("ui:blocked"))

    document = page(response)
    assert "c-1 This account just now" in document.text
    assert "c-2 Their whole organization (org-9) just now" in document.text
    assert document.find(
        "time", datetime="2026-11-20T10:00:00+00:00", title="Nov 20, 2026, 10:00 UTC"
    )
    assert document.find("button", **{"aria-label": "Unblock c-1"})


def test_blocked_page_says_so_when_nobody_is_blocked(web: Client):
    assert "You haven't blocked anyone." in page(web.get(reverse("ui:blocked"))).text


def test_blocking_an_account_with_a_plain_post_redirects_and_confirms(web: Client):
    wrote_to("f-alice", "c-1")

    response = web.post(reverse("ui:block-add"), {"sender_id": "c-1", "scope": "account"})

    assert response.status_code == 302
    assert response["Location"] == reverse("ui:blocked")
    assert settings_of("f-alice")["blocks"] == [("c-1", "account")]
    assert "Blocked Acme Ltd (c-1): this account." in page(web.get(response["Location"])).text


def test_blocking_an_organization_with_htmx_captures_it_and_returns_the_list(web: Client):
    wrote_to("f-alice", "c-1", organization_id="org-1")

    response = web.post(
        reverse("ui:block-add"), {"sender_id": "c-1", "scope": "organization"}, headers=HTMX
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="blocked-list">')
    text = Document(html).text
    assert "Blocked Acme Ltd (c-1): their whole organization." in text
    assert "Their whole organization (org-1)" in text
    block = Block.objects.get(freelancer__account_id="f-alice")
    assert (block.sender_id, block.scope, block.organization_id) == ("c-1", "organization", "org-1")


def test_blocking_linked_accounts_captures_the_identity_key(web: Client):
    wrote_to("f-alice", "c-1", identity_key="person-7")

    response = web.post(reverse("ui:block-add"), {"sender_id": "c-1", "scope": "linked"})

    assert response.status_code == 302
    block = Block.objects.get(freelancer__account_id="f-alice")
    assert (block.scope, block.identity_key) == ("linked", "person-7")


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
@pytest.mark.parametrize(
    ("scope", "error"),
    [
        ("organization", "This sender has no known organization; block the account instead."),
        ("linked", "No accounts are known to be linked to this sender; block the account instead."),
    ],
)
def test_blocking_a_wider_scope_the_sender_lacks_shows_a_clear_error(
    web: Client, headers: dict[str, str], scope: str, error: str
):
    wrote_to("f-alice", "c-1", organization_id="", identity_key="")

    response = web.post(
        reverse("ui:block-add"), {"sender_id": "c-1", "scope": scope}, headers=headers
    )

    assert response.status_code == 400
    assert error in page(response).text
    assert not Block.objects.exists()


@pytest.mark.parametrize(
    ("sender_id", "error"),
    [
        ("c 1", ID_HELP),
        ("<script>alert(1)</script>", ID_HELP),
        ("c" * 129, "Ensure this value has at most 128 characters (it has 129)."),
        ("", "This field is required."),
    ],
    ids=["space", "markup", "too-long", "empty"],
)
def test_blocking_an_invalid_account_id_is_refused(web: Client, sender_id: str, error: str):
    response = web.post(reverse("ui:block-add"), {"sender_id": sender_id, "scope": "account"})

    assert response.status_code == 400
    assert error in page(response).text
    assert "<script>alert" not in response.content.decode()
    assert not Block.objects.exists()


def test_blocking_with_an_unknown_scope_is_refused(web: Client):
    response = web.post(reverse("ui:block-add"), {"sender_id": "c-1", "scope": "everyone"})

    assert response.status_code == 400
    assert "Select a valid choice." in page(response).text
    assert not Block.objects.exists()


def test_blocking_the_same_sender_twice_keeps_one_block(web: Client):
    wrote_to("f-alice", "c-1")
    web.post(reverse("ui:block-add"), {"sender_id": "c-1", "scope": "account"})

    response = web.post(
        reverse("ui:block-add"), {"sender_id": "c-1", "scope": "account"}, headers=HTMX
    )

    assert response.status_code == 200
    assert "Already blocked Acme Ltd (c-1): this account." in page(response).text
    assert Block.objects.filter(freelancer__account_id="f-alice").count() == 1


def test_unblocking_with_htmx_returns_the_list_with_an_undo_that_restores_the_block(
    web: Client, alice: Any
):
    wrote_to("f-alice", "c-1", organization_id="org-1")
    block = a_block(alice, "c-1", scope="organization", organization_id="org-1")

    response = web.post(reverse("ui:block-remove", args=[block.pk]), headers=HTMX)

    assert response.status_code == 200
    document = page(response)
    assert "Unblocked Acme Ltd (c-1)." in document.text
    assert not Block.objects.exists()
    undo_forms = document.find("form", action=reverse("ui:block-add"), **{"class": "inline"})
    assert len(undo_forms) == 1
    assert document.find("input", type="hidden", name="sender_id", value="c-1")
    assert document.find("input", type="hidden", name="scope", value="organization")

    undone = web.post(
        reverse("ui:block-add"), {"sender_id": "c-1", "scope": "organization"}, headers=HTMX
    )

    assert undone.status_code == 200
    restored = Block.objects.get(freelancer=alice)
    assert (restored.sender_id, restored.scope, restored.organization_id) == (
        "c-1",
        "organization",
        "org-1",
    )


def test_unblocking_with_a_plain_post_redirects_to_the_list(web: Client, alice: Any):
    block = a_block(alice, "c-1")

    response = web.post(reverse("ui:block-remove", args=[block.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("ui:blocked")
    assert not Block.objects.filter(pk=block.pk).exists()


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_unblocking_another_freelancers_block_is_404_and_changes_nothing(
    web: Client, bob: Any, headers: dict[str, str]
):
    theirs = a_block(bob, "c-1")
    before = settings_of("f-bob")

    response = web.post(reverse("ui:block-remove", args=[theirs.pk]), headers=headers)

    assert response.status_code == 404
    assert settings_of("f-bob") == before


def test_unblocking_a_block_that_does_not_exist_is_404(web: Client):
    assert web.post(reverse("ui:block-remove", args=[999_999])).status_code == 404


def test_blocking_with_htmx_does_not_leave_a_stale_notice_for_the_next_page(web: Client):
    wrote_to("f-alice", "c-1")
    web.post(reverse("ui:block-add"), {"sender_id": "c-1", "scope": "account"}, headers=HTMX)

    later = page(web.get(reverse("ui:trusted")))

    assert "Blocked c-1" not in later.text
