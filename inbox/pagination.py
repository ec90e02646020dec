"""List pagination in the contract's shape: {"results": [...], "next": <url or null>}."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response

# Positions are row ids: positive integers a bigint can hold.
_LARGEST_ID = 2**63 - 1
INVALID_CURSOR = "Not a cursor this API gave: use the `next` link of the previous page."


class ResultsPagination(CursorPagination):
    ordering = "-id"
    page_size = 50
    page_size_query_param = "limit"
    max_page_size = 500

    def decode_cursor(self, request: Request) -> Cursor | None:
        """Return the request's cursor; a forged or garbled one is bad input (400), not a 404
        or a database error."""
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            raise ValidationError({"cursor": [INVALID_CURSOR]}) from None
        if cursor is not None and cursor.position is not None:
            position = str(cursor.position)
            if not (position.isascii() and position.isdigit() and 0 < int(position) <= _LARGEST_ID):
                raise ValidationError({"cursor": [INVALID_CURSOR]})
        return cursor

    def get_paginated_response(self, data: Any) -> Response:
        return Response({"results": data, "next": self.get_next_link()})

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["results", "next"],
            "properties": {
                "results": schema,
                "next": {"type": "string", "nullable": True, "format": "uri"},
            },
        }


def page_schema(item: type[serializers.Serializer], name: str) -> dict[str, Any]:
    """Return the `extend_schema` arguments of a list: its page shape, `cursor` and `limit`.

    The list views are plain APIViews, so drf-spectacular cannot see their paginator; this says
    what they answer (`{"results": [...], "next": <url or null>}`).
    """
    page = inline_serializer(
        name=name,
        fields={
            "results": item(many=True),
            "next": serializers.URLField(
                allow_null=True, help_text="The next page, or null on the last one."
            ),
        },
    )
    return {
        "parameters": [
            OpenApiParameter(
                "cursor",
                str,
                description="Where the page starts: only a cursor taken from a `next` link "
                "(anything else answers 400).",
            ),
            OpenApiParameter(
                "limit",
                int,
                description=f"Items per page, {ResultsPagination.page_size} by default, "
                f"at most {ResultsPagination.max_page_size}.",
            ),
        ],
        # The errors every operation can answer are added in one place (`schema`).
        "responses": {200: page},
    }
