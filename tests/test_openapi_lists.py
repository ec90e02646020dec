"""The OpenAPI schema describes the list endpoints as they answer: a page, a cursor, a limit."""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import BlockFactory

pytestmark = pytest.mark.django_db

LISTS = {"blocks": "Block", "allowed": "Allowed", "quarantine": "QuarantineItem"}


@pytest.fixture
def schema(service: Any) -> dict[str, Any]:
    response = service.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


@pytest.mark.parametrize(("name", "item"), LISTS.items())
def test_each_list_is_documented_as_a_page_with_cursor_and_limit(schema, name, item):
    get = schema["paths"][f"/api/v1/freelancers/{{account_id}}/{name}"]["get"]
    assert {"cursor", "limit"} <= {parameter["name"] for parameter in get["parameters"]}
    assert {"200", "400", "401", "403", "404"} <= set(get["responses"])
    page = _resolve(schema, get["responses"]["200"]["content"]["application/json"]["schema"])
    assert set(page["required"]) == {"results", "next"}
    assert page["properties"]["next"]["nullable"] is True
    assert page["properties"]["results"]["items"]["$ref"].endswith(f"/{item}")


def test_a_list_answers_the_documented_shape(service, alice):
    BlockFactory(freelancer=alice)
    body = service.get(f"/api/v1/freelancers/{alice.account_id}/blocks").json()
    assert set(body) == {"results", "next"}
    assert body["next"] is None
    assert len(body["results"]) == 1
