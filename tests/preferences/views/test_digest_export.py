"""The freelancer's settings pages: the digest and the export of their data."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from preferences.services import preferences_update
from tests.pages import Document, page
from tests.preferences.views.support import (
    HTMX,
    a_block,
    a_trusted_sender,
    settings_of,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def test_digest_is_off_by_default(web: Client):
    document = page(web.get(reverse("ui:digest")))

    assert document.find("input", name="digest_enabled")
    assert document.checked("digest_enabled") == []
    assert settings_of("f-alice")["digest_enabled"] is False


def test_digest_can_be_turned_on_and_off_again(web: Client):
    on = web.post(reverse("ui:digest"), {"digest_enabled": "on"})

    assert on.status_code == 302
    assert on["Location"] == reverse("ui:digest")
    assert settings_of("f-alice")["digest_enabled"] is True
    shown = page(web.get(reverse("ui:digest")))
    assert shown.checked("digest_enabled") == [None]
    assert "Saved." in shown.text

    off = web.post(reverse("ui:digest"), {})

    assert off.status_code == 302
    assert settings_of("f-alice")["digest_enabled"] is False
    assert page(web.get(reverse("ui:digest"))).checked("digest_enabled") == []


def test_digest_toggle_with_htmx_returns_the_form_saying_saved(web: Client):
    response = web.post(reverse("ui:digest"), {"digest_enabled": "on"}, headers=HTMX)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<form id="digest-form"')
    document = Document(html)
    assert "Saved." in document.text
    assert document.checked("digest_enabled") == [None]
    assert settings_of("f-alice")["digest_enabled"] is True


def test_digest_page_offers_the_export_download(web: Client):
    links = page(web.get(reverse("ui:digest"))).find("a", href=reverse("ui:export"))

    assert len(links) == 1
    assert "download" in links[0]


def test_export_downloads_the_freelancers_own_settings_as_json(web: Client, alice: Any, bob: Any):
    preferences_update(
        account_id="f-alice",
        changes={"direct": "requests", "keyword_filters": ["crypto"], "digest_enabled": True},
    )
    a_block(alice, "c-1", scope="organization", organization_id="org-1")
    a_trusted_sender(alice, "c-2")
    preferences_update(account_id="f-bob", changes={"keyword_filters": ["bobs-secret-word"]})
    a_block(bob, "c-bob-blocked")
    a_trusted_sender(bob, "c-bob-trusted")

    response = web.get(reverse("ui:export"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="inbox-guard-f-alice.json"'
    data = json.loads(response.content)
    assert data["account_id"] == "f-alice"
    assert data["preferences"] == {
        "direct": "requests",
        "job_invite": "allow",
        "keyword_filters": ["crypto"],
        "digest_enabled": True,
    }
    assert data["blocks"] == [
        {
            "sender_id": "c-1",
            "scope": "organization",
            "organization_id": "org-1",
            "created_at": "2026-11-20T10:00:00+00:00",
        }
    ]
    assert data["trusted_senders"] == [
        {"sender_id": "c-2", "created_at": "2026-11-20T10:00:00+00:00"}
    ]
    body = response.content.decode()
    assert "f-bob" not in body
    assert "bob" not in body
