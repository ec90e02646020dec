"""Path converters: every id in a URL is validated like the API's ids (`<id:…>`)."""

from __future__ import annotations

from django.urls import register_converter

from .fields import ID_PATTERN


class IdConverter:
    """An account or message id: 1-128 letters, digits and `. _ : @ -` (no NUL, no slash)."""

    regex = ID_PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(IdConverter, "id")
