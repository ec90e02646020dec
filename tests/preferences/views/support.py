"""What the tests of views share: data and helpers."""

from __future__ import annotations

import json
import re
from typing import Any, cast

from preferences.models import AllowedSender, Block, Freelancer
from tests.factories import AllowedSenderFactory, BlockFactory, SenderFactory, direct_message
from tests.pages import Document

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


_written = iter(range(1, 10**9))


def wrote_to(recipient_id: str, sender_id: str, name: str = "Acme Ltd", **facts: Any) -> None:
    """A client who has written to the freelancer: known to them by name."""
    SenderFactory(account_id=sender_id, display_name=name, **facts)
    direct_message(f"m-wrote-{next(_written)}", sender_id, recipient_id)
