"""What the tests of views share: data and helpers."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any, cast

from preferences.models import AllowedSender, Block, Freelancer
from tests.factories import AllowedSenderFactory, BlockFactory

HTMX = {"HX-Request": "true"}

PASSWORD = "s3cret-Passphrase"

# htmx 2's default `htmx.config.responseHandling` (django-htmx serves htmx 2.0.x).
HTMX_DEFAULT_RESPONSE_HANDLING: list[dict[str, Any]] = [
    {"code": "204", "swap": False},
    {"code": "[23]..", "swap": True},
    {"code": "[45]..", "swap": False, "error": True},
]

FREELANCER_PAGES = [
    "ui:review",
    "ui:contact",
    "ui:blocked",
    "ui:trusted",
    "ui:filters",
    "ui:digest",
    "ui:export",
]

POST_ONLY = [
    ("ui:review-act", {}),
    ("ui:block-add", {}),
    ("ui:block-remove", {"block_id": 1}),
    ("ui:trusted-add", {}),
    ("ui:trusted-remove", {"allowed_id": 1}),
    ("ui:filter-add", {}),
    ("ui:filter-remove", {}),
]


class Document(HTMLParser):
    """A parsed page: its start tags with their attributes, and its visible text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._text: list[str] = []
        self._hidden = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._hidden += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
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

    def checked(self, name: str) -> list[str | None]:
        return [attrs.get("value") for attrs in self.find("input", name=name) if "checked" in attrs]


def page(response: Any) -> Document:
    return Document(response.content.decode())


def settings_of(account_id: str) -> dict[str, Any]:
    """Return everything a freelancer can change on these pages, to compare before and after."""
    freelancer = Freelancer.objects.get(account_id=account_id)
    return {
        "direct": freelancer.direct_mode,
        "job_invite": freelancer.job_invite_mode,
        "keyword_filters": list(freelancer.keyword_filters),
        "digest_enabled": freelancer.digest_enabled,
        "blocks": sorted(freelancer.blocks.values_list("sender_id", "scope")),
        "trusted": sorted(freelancer.allowed.values_list("sender_id", flat=True)),
    }


def a_block(freelancer: Any, sender_id: str, **fields: Any) -> Block:
    return cast(Block, BlockFactory(freelancer=freelancer, sender_id=sender_id, **fields))


def a_trusted_sender(freelancer: Any, sender_id: str) -> AllowedSender:
    return cast(AllowedSender, AllowedSenderFactory(freelancer=freelancer, sender_id=sender_id))


def htmx_swaps(page_html: str, status: int) -> bool:
    """Return whether htmx, configured as this page configures it, swaps a `status` response in."""
    handling = HTMX_DEFAULT_RESPONSE_HANDLING
    for meta in Document(page_html).find("meta", name="htmx-config"):
        handling = json.loads(meta.get("content") or "{}").get("responseHandling", handling)
    for rule in handling:
        if re.search(rule["code"], str(status)):  # htmx tests `new RegExp(code)` the same way
            return bool(rule.get("swap"))
    return False
