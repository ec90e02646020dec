"""One way to show a moment everywhere: `{% moment value %}`.

It renders `<time datetime="…" data-moment title="…">5 minutes ago</time>`: relative words, and
the exact time on hover. The server writes both in UTC (what a page without JavaScript shows);
`app.js` rewrites them in the browser's time zone and keeps the words current.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()

# Largest first; a month is 30 days and a year 365, as Intl.RelativeTimeFormat's callers count.
_UNITS = (
    ("year", 365 * 86400),
    ("month", 30 * 86400),
    ("week", 7 * 86400),
    ("day", 86400),
    ("hour", 3600),
    ("minute", 60),
)


def relative_words(value: datetime, now: datetime) -> str:
    """Return "just now", "5 minutes ago", "in 2 days": the same words app.js writes."""
    seconds = (now - value).total_seconds()
    if abs(seconds) < 60:
        return "just now"
    for unit, size in _UNITS:
        count = int(abs(seconds) // size)
        if count:
            words = f"{count} {unit}{'' if count == 1 else 's'}"
            return f"{words} ago" if seconds > 0 else f"in {words}"
    return "just now"  # pragma: no cover (a minute or more always has a unit)


def exact_utc(value: datetime) -> str:
    """Return e.g. "Dec 7, 2026, 05:34 UTC"."""
    moment = value.astimezone(UTC)
    return f"{moment:%b} {moment.day}, {moment:%Y, %H:%M} UTC"


@register.simple_tag
def moment(value: datetime | None, empty: str = "—") -> SafeString | str:
    """A moment as relative words with the exact time on hover (`empty` if there is none: None,
    or a missing attribute, which a template resolves to "")."""
    if not isinstance(value, datetime):
        return empty
    return format_html(
        '<time datetime="{}" data-moment title="{}">{}</time>',
        value.astimezone(UTC).isoformat(timespec="seconds"),
        exact_utc(value),
        relative_words(value, timezone.now()),
    )
