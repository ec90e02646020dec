"""Reads for freelancer preferences, including the hot-path view the decision needs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from .choices import BlockEntry, RecipientPrefs, mode_in_effect
from .models import AllowedSender, Block, Freelancer
from .ports import SenderIdentity, policy_facts


def freelancer_get(*, account_id: str) -> Freelancer | None:
    return Freelancer.objects.filter(account_id=account_id).first()


def recipient_prefs(
    *, recipient_id: str, sender_id: str, organization_id: str = "", identity_key: str = ""
) -> RecipientPrefs:
    """Return what the decision needs of the recipient: modes, filters, matching blocks, trust.

    Only blocks that could match this sender are loaded (indexed lookups), so the cost does not
    grow with the number of blocks.
    """
    trusted = AllowedSender.objects.filter(freelancer=OuterRef("pk"), sender_id=sender_id)
    freelancer = (
        Freelancer.objects.filter(account_id=recipient_id)
        .only("id", "direct_mode", "job_invite_mode", "keyword_filters")
        .annotate(trusts_sender=Exists(trusted))
        .first()
    )
    if freelancer is None:
        return RecipientPrefs()
    return RecipientPrefs(
        modes={"direct": freelancer.direct_mode, "job_invite": freelancer.job_invite_mode},
        keyword_filters=tuple(freelancer.keyword_filters or ()),
        blocks=_blocks_that_could_match(
            Block.objects.filter(freelancer=freelancer),
            [SenderIdentity(organization_id, identity_key, account_id=sender_id)],
        ),
        allows_sender=bool(freelancer.trusts_sender),
    )


def blocks_by_recipient(
    *, recipient_ids: Iterable[str], senders: Iterable[SenderIdentity]
) -> dict[str, tuple[BlockEntry, ...]]:
    """Return each recipient's blocks that could cover any of these senders (by account,
    organization or identity key), in one query; `inbox.policy.matching_blocks` says which one
    does."""
    found: dict[str, list[BlockEntry]] = {}
    blocks = Block.objects.filter(freelancer__account_id__in=set(recipient_ids))
    for recipient_id, *entry in _could_match(blocks, list(senders)).values_list(
        "freelancer__account_id", *_ENTRY
    ):
        found.setdefault(recipient_id, []).append(BlockEntry(*entry))
    return {recipient_id: tuple(entries) for recipient_id, entries in found.items()}


_ENTRY = ("scope", "sender_id", "organization_id", "identity_key")  # BlockEntry's fields


def _blocks_that_could_match(
    blocks: QuerySet[Block], senders: list[SenderIdentity]
) -> tuple[BlockEntry, ...]:
    return tuple(BlockEntry(*entry) for entry in _could_match(blocks, senders).values_list(*_ENTRY))


def _could_match(blocks: QuerySet[Block], senders: list[SenderIdentity]) -> QuerySet[Block]:
    if not senders:
        return blocks.none()
    # Indexed lookups only, so the cost does not grow with the number of blocks.
    could_match = Q(sender_id__in={sender.account_id for sender in senders})
    if organizations := {sender.organization_id for sender in senders} - {""}:
        could_match |= Q(scope="organization", organization_id__in=organizations)
    if identities := {sender.identity_key for sender in senders} - {""}:
        could_match |= Q(scope="linked", identity_key__in=identities)
    return blocks.filter(could_match).order_by("id")


def block_list(*, freelancer: Freelancer) -> QuerySet[Block]:
    return freelancer.blocks.order_by("-created_at", "-id")


def allowed_list(*, freelancer: Freelancer) -> QuerySet[AllowedSender]:
    return freelancer.allowed.order_by("-created_at", "-id")


def preferences_in_effect(freelancer: Freelancer | None) -> dict[str, Any]:
    """Return the effective preferences: the freelancer's choices, else the policy defaults."""
    defaults = policy_facts().default_modes
    return {
        kind: mode_in_effect(getattr(freelancer, f"{kind}_mode", None), defaults[kind])
        for kind in ("direct", "job_invite")
    } | {
        "keyword_filters": list(freelancer.keyword_filters) if freelancer else [],
        "digest_enabled": freelancer.digest_enabled if freelancer else False,
    }


def blocks_pulling_back(*, account_id: str) -> list[int]:
    """Return the freelancer's blocks whose pull-back the worker has not finished yet."""
    return list(
        Block.objects.filter(freelancer__account_id=account_id, pulled_back_at__isnull=True)
        .order_by("id")
        .values_list("id", flat=True)
    )


def pull_back_progress(*, account_id: str, block_ids: Iterable[int]) -> tuple[bool, int]:
    """Return whether the pull-back of these blocks of the freelancer is finished, and how many
    messages it moved. A block removed since counts as finished."""
    rows = Block.objects.filter(freelancer__account_id=account_id, id__in=list(block_ids))
    states = list(rows.values_list("pulled_back_at", "pulled_back_count"))
    finished = all(at is not None for at, _ in states)
    return finished, sum(count for _, count in states)
