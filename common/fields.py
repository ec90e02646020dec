"""Strict serializer fields: JSON types are not coerced, timestamps need a zone."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from django.utils.dateparse import parse_datetime
from rest_framework import serializers

# Ids from the messaging system: letters, digits and a few separators, as in "c-42" or "pm-fp-9c1e".
ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}"
ID_HELP = "Use 1-128 letters, digits and . _ : @ -, starting with a letter or digit."
# The years a timestamp may name, as written (its zone may move it a few hours either way).
FIRST_YEAR, LAST_YEAR = 1970, 2999
YEAR_PATTERN = "^(19[7-9][0-9]|2[0-9]{3})-"
# RFC 3339 date-time: full date, "T" (or space), full time with optional fraction, and a zone.
RFC3339 = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:[Zz]|[+-]\d{2}:\d{2})"
)


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class StrictCharField(serializers.CharField):
    """A string that must arrive as a JSON string and be valid UTF-8 (no lone surrogates)."""

    default_error_messages = {
        "not_string": "Must be a string.",
        "not_utf8": "Must be valid Unicode text.",
    }

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("not_string")
        if not _is_utf8(data):
            self.fail("not_utf8")
        return super().to_internal_value(data)


class IdField(serializers.RegexField, StrictCharField):
    """An account, message or thread id."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 128)
        # " m-1" is not "m-1": trimming would merge ids the messaging system keeps apart.
        kwargs.setdefault("trim_whitespace", False)
        super().__init__(
            rf"^{ID_PATTERN}\Z",
            error_messages={"invalid": ID_HELP},
            **kwargs,
        )


class StrictBooleanField(serializers.BooleanField):
    default_error_messages = {"invalid": "Must be true or false."}

    def to_internal_value(self, data: Any) -> bool:
        if not isinstance(data, bool):
            self.fail("invalid")
        return data


class StrictIntegerField(serializers.IntegerField):
    default_error_messages = {"invalid": "Must be a whole number."}

    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictChoiceField(serializers.ChoiceField):
    default_error_messages = {"not_text": "Must be one of: {choices}."}

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, str) or not _is_utf8(data):
            # Not echoed: a lone surrogate in the message would make the error unrenderable.
            self.fail("not_text", choices=", ".join(str(key) for key in self.choices))
        return super().to_internal_value(data)


class AwareDateTimeField(serializers.DateTimeField):
    """An RFC 3339 timestamp with a zone, between 1970 and 2999."""

    default_error_messages = {
        "invalid": "Must be an RFC 3339 timestamp with a zone, e.g. 2026-11-20T10:00:00Z.",
        "naive": "Must include a zone (Z or an offset such as +02:00).",
        "range": f"Must be between {FIRST_YEAR} and {LAST_YEAR}.",
    }

    def to_internal_value(self, value: Any) -> datetime:
        if not isinstance(value, str):
            self.fail("invalid")
        if not RFC3339.fullmatch(value):
            self.fail("naive" if RFC3339.fullmatch(value + "Z") else "invalid")
        try:
            parsed = parse_datetime(value)
        except ValueError:
            parsed = None
        if parsed is None:
            raise self.fail("invalid")
        if parsed.tzinfo is None:
            self.fail("naive")
        if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
            self.fail("range")
        return parsed.astimezone(UTC)


class InputSerializer(serializers.Serializer):
    """A request body: a field it does not know is refused by name, never silently dropped.

    A misspelt field ("organisation_id") would otherwise be ignored, and the change it meant
    (an organization a block should cover) silently not made.
    """

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            unknown = sorted(str(name) for name in set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError({name: ["Unknown field."] for name in unknown})
        return super().to_internal_value(data)
