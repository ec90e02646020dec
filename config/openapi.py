"""The API's OpenAPI schema as a whole: what crosses the apps' operations.

Added by drf-spectacular's post-processing hooks (settings), after `common.openapi` has given
every operation its errors.
"""

from __future__ import annotations

from typing import Any

# Conflicts the services raise, by operation: documented as 409 with the error shape.
CONFLICTS = {
    ("/api/v1/messages", "post"): "The message_id was used for a different message.",
    ("/api/v1/senders/{account_id}", "put"): "The sender was being changed concurrently; retry.",
    (
        "/api/v1/freelancers/{account_id}/quarantine/{message_id}/release",
        "post",
    ): (
        "Only a quarantined message or a request can be released (read it again); a message"
        " held for trust & safety only by staff."
    ),
    (
        "/api/v1/messages/{message_id}/appeal",
        "post",
    ): "The message was delivered: there is nothing to appeal.",
}


# How one operation's answer feeds the next (OpenAPI links): what a client, and the stateful
# fuzz, can do with what it was just given.
FREELANCER = "/api/v1/freelancers/{account_id}"
_SAME_FREELANCER = {"account_id": "$request.path.account_id"}
LINKS: dict[tuple[str, str], dict[str, dict[str, Any]]] = {
    (f"{FREELANCER}/blocks", "post"): {
        "ListBlocks": {"operationId": "v1_freelancers_blocks_retrieve"},
        "DeleteBlock": {
            "operationId": "v1_freelancers_blocks_destroy",
            "parameters": {"block_id": "$response.body#/id"},
        },
    },
    (f"{FREELANCER}/allowed", "post"): {
        "ListAllowed": {"operationId": "v1_freelancers_allowed_retrieve"},
        "DeleteAllowed": {
            "operationId": "v1_freelancers_allowed_destroy",
            "parameters": {"allowed_id": "$response.body#/id"},
        },
    },
    ("/api/v1/messages", "post"): {
        "GetMessage": {
            "operationId": "v1_messages_retrieve",
            "parameters": {"message_id": "$response.body#/message_id"},
        },
        "ReleaseMessage": {
            "operationId": "v1_freelancers_quarantine_release_create",
            "parameters": {
                "account_id": "$request.body#/recipient_id",
                "message_id": "$response.body#/message_id",
            },
        },
        "RecipientQuarantine": {
            "operationId": "v1_freelancers_quarantine_retrieve",
            "parameters": {"account_id": "$request.body#/recipient_id"},
        },
    },
}


def add_conflicts(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Return the schema with a 409 on each operation that can answer one."""
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for (path, method), description in CONFLICTS.items():
        responses = result["paths"][path][method]["responses"]
        responses["409"] = {"description": description, "content": error}
    return result


def add_links(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Return the schema with `LINKS` on every success of the operations they start from."""
    for (path, method), links in LINKS.items():
        for code, response in result["paths"][path][method]["responses"].items():
            if code.startswith("2"):
                response["links"] = {
                    name: {"parameters": {**_freelancer_of(path), **link.get("parameters", {})}}
                    | {"operationId": link["operationId"]}
                    for name, link in links.items()
                }
    return result


def _freelancer_of(path: str) -> dict[str, str]:
    return dict(_SAME_FREELANCER) if path.startswith(FREELANCER) else {}
