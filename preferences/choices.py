"""What a freelancer can choose, and the plain values the decision reads of those choices.

No database here: `inbox.policy` decides with these values, and `preferences.selectors` builds
them from the tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db import models


class ContactMode(models.TextChoices):
    ALLOW = "allow", "Anyone who meets the platform's rules"
    REQUESTS = "requests", "Message requests"
    OFF = "off", "Nobody"


class BlockScope(models.TextChoices):
    ACCOUNT = "account", "This account"
    ORGANIZATION = "organization", "Their whole organization"
    LINKED = "linked", "Their linked accounts"


@dataclass(frozen=True)
class BlockEntry:
    """One of the recipient's blocks, with what it captured when it was made."""

    scope: str
    sender_id: str
    organization_id: str = ""
    identity_key: str = ""


@dataclass(frozen=True)
class RecipientPrefs:
    """The recipient's choices; a mode of None means the policy's default."""

    modes: Mapping[str, str | None] = field(default_factory=dict)
    keyword_filters: tuple[str, ...] = ()
    blocks: tuple[BlockEntry, ...] = ()
    allows_sender: bool = False


def mode_in_effect(chosen: str | None, default: str) -> str:
    """Return the freelancer's mode: what they chose, or the policy's default if they never did."""
    return chosen or default
