"""The freelancer's quarantine page: every POST needs the CSRF token."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from tests.inbox.views.support import (
    ACT,
    HTMX,
    REVIEW,
    everything,
    requested,
    state,
)
from tests.pages import page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


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
