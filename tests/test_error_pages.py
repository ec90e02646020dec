"""Friendly error pages with the site's header and a way on, and quiet logs for them."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client, RequestFactory

from config.urls import handler500
from tests.pages import page

pytestmark = pytest.mark.django_db


def test_a_freelancer_on_a_staff_page_gets_a_friendly_403_and_no_traceback(
    alice: Any, caplog: pytest.LogCaptureFixture
):
    web = Client()
    web.force_login(alice.user)

    with caplog.at_level(logging.INFO):
        response = web.get("/review/")

    assert response.status_code == 403
    document = page(response)
    assert "This page is not for your account" in document.text
    assert "trust & safety team" in document.text
    assert document.find("a", href="/quarantine/")
    assert not [record for record in caplog.records if record.exc_info]


def test_an_unknown_page_is_a_friendly_404(alice: Any):
    web = Client()
    web.force_login(alice.user)

    response = web.get("/settings/nowhere/")

    assert response.status_code == 404
    document = page(response)
    assert "There is nothing here" in document.text
    assert document.find("a", href="/quarantine/")
    assert document.find("link", rel="icon")


def test_an_unknown_api_address_still_answers_json(client: Client):
    response = client.get("/api/v1/nowhere")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_the_500_page_needs_no_database(django_assert_num_queries: Any):
    request = RequestFactory().get("/quarantine/")

    with django_assert_num_queries(0):
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            response = handler500(request)

    assert response.status_code == 500
    document = page(response)
    assert "Something went wrong on our side" in document.text
    assert document.find("a", href="/login/")


def test_the_favicon_is_a_static_file():
    icon = Path(settings.BASE_DIR) / "inbox" / "static" / "inboxguard" / "favicon.svg"

    assert icon.read_text().startswith("<svg")
