"""What the contact finders report: kinds, spans in the original text, findings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

EMAIL, PHONE, URL, HANDLE = "email", "phone", "url", "handle"


class Span(NamedTuple):
    """A finding's place in the original text: `text[start:end]` is what the sender wrote."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True)
class ContactFindings:
    """Contact details in a text: canonical values and where they were written."""

    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()  # E.164 where the number parses; digits otherwise
    urls: tuple[str, ...] = ()
    handles: tuple[tuple[str, str], ...] = ()  # (network, value)
    matches: tuple[Span, ...] = ()
    networks: tuple[str, ...] = ()  # messengers named in the text, with or without a handle

    def __bool__(self) -> bool:
        return bool(self.emails or self.phones or self.urls or self.handles)

    def as_dict(self) -> dict[str, list[object]]:
        """Return the contract's `contact` object (CONTRACT §6)."""
        return {
            "emails": list(self.emails),
            "phones": list(self.phones),
            "urls": list(self.urls),
            "handles": [{"network": network, "value": value} for network, value in self.handles],
        }


def overlaps(span: tuple[int, int], taken: Iterable[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


@dataclass
class Collector:
    """Findings gathered so far, deduplicated in order of appearance."""

    emails: dict[str, None] = field(default_factory=dict)
    phones: dict[str, None] = field(default_factory=dict)
    urls: dict[str, None] = field(default_factory=dict)
    handles: dict[tuple[str, str], None] = field(default_factory=dict)
    spans: list[Span] = field(default_factory=list)
    taken: list[tuple[int, int]] = field(default_factory=list)  # original spans of emails/URLs
    phone_spans: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, value

    def add(self, kind: str, span: tuple[int, int]) -> None:
        self.spans.append(Span(span[0], span[1], kind))
