"""What preferences needs of the service it serves, named in settings as Django names backends.

A freelancer's pages and API show the policy's defaults and its sender rules, and a block
captures the sender's organization and identity key. Those belong to `inbox`; preferences reads
them through the functions that the `PREFERENCES_*` settings name (`inbox` provides them), so it
imports nothing of inbox (decision 020).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class PolicyFacts:
    """What the active policy says to freelancers: default modes and the sender rules."""

    default_modes: Mapping[str, str] = field(default_factory=dict)
    sender_rules: tuple[str, ...] = ()


@dataclass(frozen=True)
class SenderIdentity:
    """What a block captures of its sender when it is made (and what a block is matched by)."""

    organization_id: str = ""
    identity_key: str = ""
    account_id: str = ""
    display_name: str = ""


def policy_facts() -> PolicyFacts:
    """Return the active policy's facts for freelancers."""
    return import_string(settings.PREFERENCES_POLICY_FACTS)()


def sender_identity(sender_id: str) -> SenderIdentity:
    """Return what is known of a sender (empty when nothing is)."""
    return import_string(settings.PREFERENCES_SENDER_IDENTITY)(sender_id)


def senders_known_to(
    recipient_id: str, *, ids: Iterable[str] = (), query: str = "", limit: int = 20
) -> list[SenderIdentity]:
    """Return senders who have written to this freelancer: those of `ids`, or up to `limit`
    whose name or account id matches `query`. Others are not shown to the freelancer. Display
    names come as inert text (control characters removed, links defanged, length capped)."""
    return import_string(settings.PREFERENCES_SENDERS_KNOWN_TO)(
        recipient_id, ids=ids, query=query, limit=limit
    )


def block_made(block_id: int) -> None:
    """Tell the inbox a block was made (after commit): it pulls the sender's messages back."""
    import_string(settings.PREFERENCES_BLOCK_MADE)(block_id)
