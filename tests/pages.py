"""A rendered page as the tests read it: its tags with their attributes, its visible text."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any


class Document(HTMLParser):
    """A parsed page: its start tags with their attributes, its visible text, inline scripts."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inline_scripts: list[str] = []
        self._text: list[str] = []
        self._in_script = False
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag in ("script", "style")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            if data.strip():
                self.inline_scripts.append(data)
        else:
            self._text.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self._text).split())

    def find(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [
            found
            for name, found in self.tags
            if name == tag and all(found.get(key) == value for key, value in attrs.items())
        ]

    def listed(self, decision: str) -> list[str | None]:
        """Return the message ids offered for selection in one section (request, quarantine)."""
        return [
            attrs.get("value")
            for attrs in self.find("input", name="message_ids")
            if (attrs.get("id") or "").startswith(f"select-{decision}-")
        ]

    def checked(self, name: str) -> list[str | None]:
        return [attrs.get("value") for attrs in self.find("input", name=name) if "checked" in attrs]


def page(response: Any) -> Document:
    return Document(response.content.decode())
