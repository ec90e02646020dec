"""OpenAPI post-processing: the contract's error shape and the errors every operation can answer."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import (
    OpenApiSerializerExtension,
    OpenApiSerializerFieldExtension,
)
from rest_framework import serializers

from common.fields import FIRST_YEAR, LAST_YEAR, YEAR_PATTERN

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string", "example": "validation_error"},
                "message": {"type": "string"},
                "fields": {
                    "type": "object",
                    "additionalProperties": True,
                    "description": "For validation errors: what is wrong with each field, "
                    "unknown fields included.",
                },
            },
        }
    },
}
# What every API operation can answer, besides its own successes.
EVERY_OPERATION = {
    "400": "Bad input (a malformed body, an invalid or unknown field, a bad cursor); nothing "
    "changed.",
    "401": "No valid credentials: a service key (`Authorization: Bearer …`) or a session.",
    "403": "Credentials that may not do this.",
    "404": "Nothing at this address, or it belongs to someone else.",
    "503": "The database is briefly unavailable (a restart, a failover): retry after the "
    "`Retry-After` seconds. Nothing was changed, or a retry of the same request answers what was.",
}
RETRY_AFTER = {
    "Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait before a retry."}
}
# What an operation with a body can answer besides.
WITH_A_BODY = {
    "411": "A chunked body: send it with a Content-Length.",
    "413": "A body over 256 KiB.",
}
BLANK = {"type": "string", "maxLength": 0}


def blank_as_any_of(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Return the schema with "a value or blank" as `anyOf`, not drf-spectacular's `oneOf`.

    A string that may be blank is drawn as `oneOf: [<the string>, <blank>]`; where the string's
    own rules accept "" too (a body, a text), "" matches both and `oneOf` refuses what the server
    takes."""
    for component in result.get("components", {}).get("schemas", {}).values():
        for prop in component.get("properties", {}).values():
            if BLANK in prop.get("oneOf", []):
                prop["anyOf"] = prop.pop("oneOf")
    return result


def add_error_responses(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Return the schema with the error shape as a component and every error response each
    API operation can give, so that a client generated from it handles them all."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, operations in result.get("paths", {}).items():
        if not path.startswith("/api/v1/"):
            continue
        for method, operation in operations.items():
            codes = dict(EVERY_OPERATION)
            if method in ("post", "put", "patch"):
                codes.update(WITH_A_BODY)
            responses = operation.setdefault("responses", {})
            for code, description in codes.items():
                responses.setdefault(code, {"description": description, "content": error})
            responses["503"]["headers"] = RETRY_AFTER
    return result


class StrictCharFieldSchema(OpenApiSerializerFieldExtension):
    """A strict string refuses NUL characters (DRF's validator) and, when it trims whitespace
    and may not be blank, a string of only whitespace: say so with a pattern."""

    target_class = "common.fields.StrictCharField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> Any:
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        # An id's own pattern (IdField) already leaves NUL out, and is added after this.
        if schema.get("type") == "string" and not isinstance(self.target, serializers.RegexField):
            if self.target.trim_whitespace and not self.target.allow_blank:
                schema.setdefault("pattern", "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$")
            else:
                schema.setdefault("pattern", "^[^\\u0000]*$")
        return schema


class AwareDateTimeFieldSchema(OpenApiSerializerFieldExtension):
    """A timestamp needs a zone and lies between 1970 and 2999: say so."""

    target_class = "common.fields.AwareDateTimeField"

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> Any:
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        schema.setdefault(
            "description",
            f"RFC 3339 with a zone (Z or an offset), between {FIRST_YEAR} and {LAST_YEAR}.",
        )
        schema["pattern"] = YEAR_PATTERN
        return schema


class InputSerializerSchema(OpenApiSerializerExtension):
    """A request body refuses fields it does not know (`InputSerializer`): say so, so that a
    generated client does not send them."""

    target_class = "common.fields.InputSerializer"
    match_subclasses = True

    def map_serializer(self, auto_schema: Any, direction: Any) -> Any:
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        if direction == "request":
            schema["additionalProperties"] = False
        return schema
