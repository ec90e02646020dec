"""Ids in review URLs are validated like the API's: a NUL or an overlong id is a 404, not a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import SenderFactory

pytestmark = pytest.mark.django_db

BAD_IDS = ["%00", "a%00b", "x" * 129, "%2F..%2Fadmin", "-starts-with-a-dash", "%E2%80%AE"]


@pytest.mark.parametrize("bad", BAD_IDS)
@pytest.mark.parametrize(
    "page", ["senders/{}/", "senders/{}/standing", "senders/{}/lift", "messages/{}/"]
)
def test_malformed_id_in_a_review_url_is_a_404(staff_client, page, bad):
    response = staff_client.get("/review/" + page.format(bad))
    assert response.status_code == 404


def test_a_well_formed_sender_id_still_reaches_its_page(staff_client):
    sender = SenderFactory(account_id="c-acme.ltd:7@x")
    response = staff_client.get(reverse("review:sender", args=[sender.account_id]))
    assert response.status_code == 200
    assert sender.account_id in response.content.decode()
