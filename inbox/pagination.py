"""List pagination in the contract's shape: {"results": [...], "next": <url or null>}."""

from __future__ import annotations

from typing import Any

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
