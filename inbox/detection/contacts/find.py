"""Find the contact details in a message, through every disguise, where they were written."""

from __future__ import annotations

from .digits import digits_view
from .disguise import disguises_undone
from .emails import find_emails
from .findings import Collector, ContactFindings, Span
from .handles import find_handles
from .phones import find_phones
from .urls import find_urls
from .views import fold


def _trimmed(text: str, span: Span) -> Span:
    """Return `span` without the whitespace a rewrite may have carried at its ends."""
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, span.kind)


def find_contacts(text: str, *, region_hint: str | None = None) -> ContactFindings:
    """Return the contact details in `text`, disguised or not, with their places in `text`.

    `region_hint` (ISO 3166 code, e.g. "GB") is the country assumed for phone numbers written
    without a country code; the default is US, and countries named in the text are tried too.

    Senders who want to move a conversation elsewhere hide their details from simple filters:
    `ben[at]example[dot]org`, `d a n i e l . k @ example . net`, "five five five …", Cyrillic
    look-alike letters, zero-width characters, keycap emoji, `T·e·l·e·g·r·a·m`. The disguises are
    undone in a few successive *views* of the text, each of which remembers, for every character,
    where it came from in the original, so that every finding is highlighted where the sender
    wrote it: look-alikes folded (`fold`); letters spelled out one by one joined, spelled-out
    at/dot replaced (`disguises_undone`); and, for phones only, numbers in disguise written as
    digits (`digits_view`). The finders then read the views.

    The patterns avoid nested unbounded repetition (atomic groups, bounded windows, an "@"
    required within reach), so that a long hostile message costs milliseconds; the tests time a
    few.
    """
    if not text:
        return ContactFindings()
    folded = fold(text)
    plain = disguises_undone(folded, text)
    found = Collector()
    find_emails(plain, found)
    find_urls(plain, found, text)
    find_phones(digits_view(plain), found, region_hint)
    networks = find_handles(plain, found)
    spans = sorted({_trimmed(text, span) for span in found.spans})
    return ContactFindings(
        emails=tuple(found.emails),
        phones=tuple(found.phones),
        urls=tuple(found.urls),
        handles=tuple(found.handles),
        matches=tuple(spans),
        networks=tuple(networks),
    )
