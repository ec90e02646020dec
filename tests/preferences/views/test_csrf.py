"""The freelancer's settings pages: every POST needs the CSRF token."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from preferences.services import preferences_update
from tests.pages import page
from tests.preferences.views.support import (
    HTMX,
    a_block,
    a_trusted_sender,
    settings_of,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def csrf_cases(alice: Any) -> list[tuple[str, dict[str, str]]]:
    block = a_block(alice, "c-1")
    entry = a_trusted_sender(alice, "c-2")
    preferences_update(account_id="f-alice", changes={"keyword_filters": ["crypto"]})
    return [
        (reverse("ui:contact"), {"direct": "off", "job_invite": "off"}),
        (reverse("ui:block-add"), {"sender_id": "c-9", "scope": "account", "confirmed_id": "c-9"}),
        (reverse("ui:block-remove", args=[block.pk]), {}),
        (reverse("ui:trusted-add"), {"sender_id": "c-9", "confirmed_id": "c-9"}),
        (reverse("ui:trusted-remove", args=[entry.pk]), {}),
        (reverse("ui:filter-add"), {"phrase": "telegram"}),
        (reverse("ui:filter-remove"), {"phrase": "crypto"}),
        (reverse("ui:digest"), {"digest_enabled": "on"}),
    ]


@pytest.mark.parametrize("case", range(8))
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_posts_without_a_csrf_token_are_refused_and_change_nothing(
    alice: Any, case: int, headers: dict[str, str]
):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice.user)
    url, data = csrf_cases(alice)[case]
    browser.get(reverse("ui:contact"))  # the CSRF cookie is set; the token is still not sent
    before = settings_of("f-alice")

    response = browser.post(url, data, headers=headers)

    assert response.status_code == 403
    assert settings_of("f-alice") == before


@pytest.mark.parametrize("case", range(8))
def test_posts_with_the_pages_csrf_token_are_accepted(alice: Any, case: int):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice.user)
    url, data = csrf_cases(alice)[case]
    shell = page(browser.get(reverse("ui:contact")))
    token = shell.find("input", name="csrfmiddlewaretoken")[0]["value"]
    before = settings_of("f-alice")

    response = browser.post(url, {**data, "csrfmiddlewaretoken": token})

    assert response.status_code == 302
    assert settings_of("f-alice") != before
