"""List cursors: a forged or garbled cursor is bad input (400), on every list, for every caller."""

from __future__ import annotations

from base64 import b64encode

import pytest

from preferences.models import AllowedSender, Block
from tests.factories import AllowedSenderFactory, BlockFactory

pytestmark = pytest.mark.django_db

LISTS = ("blocks", "allowed", "quarantine")


def encoded(querystring: str) -> str:
    return b64encode(querystring.encode("latin-1")).decode("ascii")


FORGED = [
    encoded("p=abc"),
    encoded("p=1.5"),
    encoded("p=\x00"),
    encoded("p=-3"),
    encoded(f"p={2**64}"),
    encoded("o=x"),
    encoded("r=yes"),
    "not base64 at all!",
    "%00",
    "\u00e9t\u00e9",
]


@pytest.mark.parametrize("cursor", FORGED)
@pytest.mark.parametrize("name", LISTS)
def test_forged_cursor_is_a_400_in_the_error_shape(service, alice, name, cursor):
    BlockFactory(freelancer=alice)
    before = (Block.objects.count(), AllowedSender.objects.count())

    response = service.get(f"/api/v1/freelancers/{alice.account_id}/{name}", {"cursor": cursor})

    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert set(error["fields"]) == {"cursor"}
    assert (Block.objects.count(), AllowedSender.objects.count()) == before


@pytest.mark.parametrize("name", LISTS)
def test_forged_cursor_from_the_freelancers_own_session_is_a_400(alice_client, alice, name):
    response = alice_client.get(
        f"/api/v1/freelancers/{alice.account_id}/{name}", {"cursor": encoded("p=abc")}
    )
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"cursor"}


def test_the_cursor_the_api_gave_still_pages(service, alice):
    for _ in range(3):
        AllowedSenderFactory(freelancer=alice)
    first = service.get(f"/api/v1/freelancers/{alice.account_id}/allowed", {"limit": 2})
    assert first.status_code == 200
    second = service.get(first.json()["next"])
    assert second.status_code == 200
    seen = [row["id"] for row in first.json()["results"] + second.json()["results"]]
    assert len(seen) == len(set(seen)) == 3


BAD_LIMITS = ["null", "0", "-1", "1.5", "501", "", "\u0661", "ten"]


@pytest.mark.parametrize("limit", BAD_LIMITS)
@pytest.mark.parametrize("name", LISTS)
def test_a_bad_limit_is_a_400_naming_it(service, alice, name, limit):
    response = service.get(f"/api/v1/freelancers/{alice.account_id}/{name}", {"limit": limit})

    assert response.status_code == 400, response.content
    assert set(response.json()["error"]["fields"]) == {"limit"}


def test_a_repeated_limit_is_a_400(service, alice):
    response = service.get(f"/api/v1/freelancers/{alice.account_id}/blocks?limit=2&limit=3")

    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"limit"}


@pytest.mark.parametrize("limit", ["1", "500"])
def test_a_limit_in_range_is_taken(service, alice, limit):
    BlockFactory.create_batch(2, freelancer=alice)

    response = service.get(f"/api/v1/freelancers/{alice.account_id}/blocks", {"limit": limit})

    assert response.status_code == 200
    assert len(response.json()["results"]) == min(2, int(limit))
