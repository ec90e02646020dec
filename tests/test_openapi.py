"""The OpenAPI schema describes the API as it answers: list pages, cursors, every error."""

from __future__ import annotations

import re
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


def test_every_api_operation_documents_the_errors_it_can_answer(schema):
    error = {"$ref": "#/components/schemas/Error"}
    for path, operations in schema["paths"].items():
        if not path.startswith("/api/v1/"):
            continue
        for method, operation in operations.items():
            expected = {"400", "401", "403", "404"}
            if method in ("post", "put", "patch"):
                expected |= {"411", "413"}
            assert expected <= set(operation["responses"]), (method, path)
            for code in expected:
                body = operation["responses"][code]["content"]["application/json"]["schema"]
                assert body == error, (method, path, code)


def test_conflicts_are_documented_where_they_happen(schema):
    assert "409" in schema["paths"]["/api/v1/messages"]["post"]["responses"]
    release = "/api/v1/freelancers/{account_id}/quarantine/{message_id}/release"
    assert "409" in schema["paths"][release]["post"]["responses"]
    assert "409" in schema["paths"]["/api/v1/messages/{message_id}/appeal"]["post"]["responses"]


def test_the_documented_error_shape_is_the_one_answered(schema, service):
    documented = schema["components"]["schemas"]["Error"]
    answer = service.send("post", "/api/v1/messages", {"kind": "direct"}).json()
    assert set(answer) == set(documented["required"])
    assert set(documented["properties"]["error"]["required"]) <= set(answer["error"])
    assert set(answer["error"]) <= set(documented["properties"]["error"]["properties"])


def test_constraints_the_server_enforces_are_in_the_schema(schema):
    schemas = schema["components"]["schemas"]
    message = schemas["MessageCheckInputRequest"]["properties"]
    assert "differ from sender_id" in message["recipient_id"]["description"]
    assert message["recipient_id"]["pattern"].startswith("^[A-Za-z0-9]")
    assert "2999" in message["sent_at"]["description"]
    text = schemas["AnalyzeInputRequest"]["properties"]["text"]
    patterns = [text.get("pattern")] + [option.get("pattern") for option in text.get("anyOf", [])]
    assert "^[^\\u0000]*$" in patterns
    # A name that trims to nothing is refused: the pattern says a non-space character is needed.
    name = re.compile(schemas["SenderFactsRequest"]["properties"]["display_name"]["pattern"])
    assert name.match("Ann") and name.match(" Ann ")
    assert not name.match(" \u001d\t") and not name.match("A\u0000")
    filters = schemas["PatchedPreferencesRequest"]["properties"]["keyword_filters"]
    assert "letter or digit" in filters["items"]["description"]
    block = schemas["BlockInputRequest"]["properties"]["scope"]
    assert "linked accounts" in block["description"]


def test_request_bodies_refuse_unknown_fields_in_the_schema_too(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if "requestBody" not in operation:
                continue
            body = _resolve(
                schema, operation["requestBody"]["content"]["application/json"]["schema"]
            )
            assert body["additionalProperties"] is False, (method, path)


def test_limits_and_years_are_bounded_in_the_schema(schema):
    get = schema["paths"]["/api/v1/freelancers/{account_id}/blocks"]["get"]
    limit = next(p for p in get["parameters"] if p["name"] == "limit")["schema"]
    assert (limit["minimum"], limit["maximum"]) == (1, 500)
    sent_at = schema["components"]["schemas"]["MessageCheckInputRequest"]["properties"]["sent_at"]
    pattern = re.compile(sent_at["pattern"])
    assert pattern.match("1970-01-01T00:00:00Z")
    assert pattern.match("2999-12-31T23:59:59Z")
    assert not pattern.match("1969-12-31T23:59:59Z")
    assert not pattern.match("3000-01-01T00:00:00Z")


def test_what_a_block_answers_links_to_deleting_it(schema):
    created = schema["paths"]["/api/v1/freelancers/{account_id}/blocks"]["post"]["responses"]["201"]
    delete = created["links"]["DeleteBlock"]
    assert delete["operationId"] == "v1_freelancers_blocks_destroy"
    assert delete["parameters"] == {
        "account_id": "$request.path.account_id",
        "block_id": "$response.body#/id",
    }


def test_a_blank_body_is_valid_by_the_schema_as_by_the_server(schema, service):
    """ "" is a body and a blank; "one of" the two would refuse it, "any of" takes it."""
    body = schema["components"]["schemas"]["MessageCheckInputRequest"]["properties"]["body"]
    assert "oneOf" not in body
    assert {"type": "string", "maxLength": 0} in body["anyOf"]
