"""The review UI: staff only."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.review.views.support import html, routes, state

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_sign_in_from_every_page_and_action(
    client: Client, world: dict[str, Any]
):
    pages, posts = routes(world)
    before = state(world)

    for url in pages:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/login/?next=/review/"), url
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/login/?next=/review/"), url

    assert state(world) == before


def test_signed_in_freelancers_get_403_on_every_page_and_action(
    freelancer_web: Client, world: dict[str, Any]
):
    pages, posts = routes(world)
    before = state(world)

    for url in pages:
        assert freelancer_web.get(url).status_code == 403, url
    for url, data in posts:
        assert freelancer_web.post(url, data).status_code == 403, url

    assert state(world) == before


def test_staff_open_every_page_with_the_review_navigation(staff_web: Client, world: dict[str, Any]):
    pages, _ = routes(world)

    for url in pages:
        response = staff_web.get(url)
        assert response.status_code == 200, url
        page = html(response)
        assert 'aria-label="Trust &amp; safety"' in page, url
        assert page.count('aria-current="page"') == 1, url


def test_actions_refuse_get(staff_web: Client, world: dict[str, Any]):
    _, posts = routes(world)

    for url, _data in posts:
        if url == reverse("review:policy-new"):
            continue  # the draft form itself is a page
        assert staff_web.get(url).status_code == 405, url
