"""The freelancer's settings pages: HTMX answers, and errors."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.preferences.views.support import HTMX, htmx_swaps

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("ui:contact", {"direct": "everyone", "job_invite": "allow"}),
        ("ui:block-add", {"sender_id": "c 1", "scope": "account"}),
        ("ui:trusted-add", {"sender_id": "c 1"}),
        ("ui:filter-add", {"phrase": "!!!"}),
    ],
)
def test_htmx_users_see_validation_errors(web: Client, name: str, data: dict[str, str]):
    shell = web.get(reverse("ui:contact")).content.decode()

    response = web.post(reverse(name), data, headers=HTMX)

    assert response.status_code == 400
    assert htmx_swaps(shell, response.status_code)
