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
DEFAULT_LIMIT = 50
MAX_LIMIT = 500
INVALID_LIMIT = f"One whole number from 1 to {MAX_LIMIT} items per page, or leave it out."


class ResultsPagination(CursorPagination):
    ordering = "-id"
    page_size = DEFAULT_LIMIT
    page_size_query_param = "limit"
    max_page_size = MAX_LIMIT

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

    def get_page_size(self, request: Request) -> int:
        """Return the `limit` asked for, or the default; anything but one whole number from 1 to
        the maximum is bad input (400), not silently replaced."""
        values = request.query_params.getlist(self.page_size_query_param)
        if not values:
            return self.page_size
        value = values[-1]
        if len(values) > 1 or not (value.isascii() and value.isdigit()):
            raise ValidationError({"limit": [INVALID_LIMIT]})
        if not 1 <= int(value) <= self.max_page_size:
            raise ValidationError({"limit": [INVALID_LIMIT]})
        return int(value)

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
                {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
                description=f"Items per page, {DEFAULT_LIMIT} by default, at most {MAX_LIMIT} "
                "(anything else answers 400).",
            ),
        ],
        # The errors every operation can answer are added in one place (`schema`).
        "responses": {200: page},
    }
