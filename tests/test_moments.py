"""One way to show a moment: relative words, the exact time on hover, in the viewer's zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template

from common.templatetags.moments import exact_utc, relative_words

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("delta", "words"),
    [
        (timedelta(seconds=0), "just now"),
        (timedelta(seconds=59), "just now"),
        (timedelta(minutes=1), "1 minute ago"),
        (timedelta(minutes=5, seconds=40), "5 minutes ago"),
        (timedelta(hours=2), "2 hours ago"),
        (timedelta(days=1, hours=23), "1 day ago"),
        (timedelta(days=13), "1 week ago"),
        (timedelta(days=45), "1 month ago"),
        (timedelta(days=800), "2 years ago"),
        (-timedelta(minutes=10), "in 10 minutes"),
        (-timedelta(days=3), "in 3 days"),
    ],
)
def test_relative_words(delta: timedelta, words: str) -> None:
    assert relative_words(NOW - delta, NOW) == words


def test_the_exact_time_is_in_utc_whatever_the_zone_of_the_value() -> None:
    from zoneinfo import ZoneInfo

    value = datetime(2026, 12, 7, 0, 34, tzinfo=ZoneInfo("America/New_York"))

    assert exact_utc(value) == "Dec 7, 2026, 05:34 UTC"


def test_the_tag_renders_a_time_element_the_browser_script_rewrites(frozen_now: object) -> None:
    rendered = Template("{% moment value %}|{% moment nothing %}").render(
        Context({"value": datetime(2026, 11, 20, 9, 55, tzinfo=UTC), "nothing": None})
    )

    assert rendered == (
        '<time datetime="2026-11-20T09:55:00+00:00" data-moment '
        'title="Nov 20, 2026, 09:55 UTC">5 minutes ago</time>|—'
    )


def test_no_template_writes_a_time_of_day_by_itself() -> None:
    """Moments go through {% moment %}; a `|date` with hours or `|timesince` would be a second
    way (days of a UTC report, `|date:"D M j"`, are dates, not moments)."""
    roots = [Path(settings.BASE_DIR) / "templates", Path(settings.BASE_DIR) / "review"]
    offenders = [
        f"{path}: {line.strip()}"
        for root in roots
        for path in root.rglob("*.html")
        for line in path.read_text().splitlines()
        if "|timesince" in line
        or "|naturaltime" in line
        or any("H" in spec or "G" in spec for spec in _specs(line))
    ]
    assert offenders == []


def _specs(line: str) -> list[str]:
    return [part.split('"', 1)[0] for part in line.split('|date:"')[1:]]
