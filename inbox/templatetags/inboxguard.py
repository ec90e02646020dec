"""Template filters for hostile text."""

from django import template

from inbox.detection.preview import strip_unsafe

register = template.Library()


@register.filter
def plain(value: object) -> str:
    """Drop control and format characters (bidi overrides, zero-width) from untrusted text."""
    return strip_unsafe(str(value)) if value is not None else ""
