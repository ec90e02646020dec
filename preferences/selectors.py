"""Reads for freelancer preferences, including the hot-path view the decision needs."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from .choices import BlockEntry, RecipientPrefs, mode_in_effect
from .models import AllowedSender, Block, Freelancer
from .ports import policy_facts


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
    could_match = Q(sender_id=sender_id)
    if organization_id:
        could_match |= Q(scope="organization", organization_id=organization_id)
    if identity_key:
        could_match |= Q(scope="linked", identity_key=identity_key)
    blocks = tuple(
        BlockEntry(scope=scope, sender_id=blocked, organization_id=org, identity_key=key)
        for scope, blocked, org, key in Block.objects.filter(could_match, freelancer=freelancer)
        .order_by("id")
        .values_list("scope", "sender_id", "organization_id", "identity_key")
    )
    return RecipientPrefs(
        modes={"direct": freelancer.direct_mode, "job_invite": freelancer.job_invite_mode},
        keyword_filters=tuple(freelancer.keyword_filters or ()),
        blocks=blocks,
        allows_sender=bool(freelancer.trusts_sender),
    )


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
