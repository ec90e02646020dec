"""Template filters for hostile text."""

from django import template

from common.text import strip_unsafe
from inbox.detection.preview import NAME_CHARS, inert_text, safe_preview

register = template.Library()


@register.filter
def plain(value: object) -> str:
    """Drop control and format characters (bidi overrides, zero-width) from untrusted text."""
    return strip_unsafe(str(value)) if value is not None else ""


@register.filter
def safe_name(value: object, limit: int = NAME_CHARS) -> str:
    """Return a sender's display name (or another fact a sender gave) as inert text.

    Names are as hostile as message bodies and get a preview's treatment: control and bidi
    characters go (an U+202E override turning "exe.gpj" into "jpg.exe"), links are defanged,
    whitespace is folded and the length capped (`|safe_name:1000` for a longer fact). Chain
    `|default:` after it, so a name made only of such characters falls back to the account id.
    """
    return safe_preview(str(value), limit) if value is not None else ""


@register.filter
def inert(value: object) -> str:
    """Return a whole document (a webhook body) as inert text: links defanged, lines kept."""
    return inert_text(str(value)) if value is not None else ""
