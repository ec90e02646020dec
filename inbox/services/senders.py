"""Sender facts from the messaging system, and client-freelancer connections (CONTRACT §1-2)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from common.errors import Conflict, NotFound

from ..audit import audit_record
from ..models import (
    Connection,
    Sender,
)

SENDER_FACT_FIELDS = (
    "display_name",
    "organization_id",
    "identity_key",
    "billing_verified",
    "spent_last_12_months_cents",
    "joined_at",
    "first_payment_at",
    "standing",
)

# --- Sender facts and connections ------------------------------------------------------------


def sender_upsert(*, account_id: str, facts: dict[str, Any]) -> tuple[Sender, bool]:
    """Create or replace a sender's facts (CONTRACT §1); return the sender and whether it is new."""
    defaults = {name: facts.get(name) for name in SENDER_FACT_FIELDS}
    defaults["organization_id"] = defaults["organization_id"] or ""
    defaults["identity_key"] = defaults["identity_key"] or ""
    for _attempt in range(2):
        try:
            with transaction.atomic():
                return Sender.objects.update_or_create(account_id=account_id, defaults=defaults)
        except IntegrityError:
            continue  # a concurrent first upsert won; update its row instead
    raise Conflict("The sender was being changed concurrently; try again.")


def connection_create(*, client_id: str, freelancer_id: str, kind: str) -> tuple[Connection, bool]:
    """Record an established relationship (CONTRACT §2); return it and whether it is new."""
    try:
        with transaction.atomic():
            return Connection.objects.get_or_create(
                client_id=client_id, freelancer_id=freelancer_id, kind=kind
            )
    except IntegrityError:
        connection = Connection.objects.get(
            client_id=client_id, freelancer_id=freelancer_id, kind=kind
        )
        return connection, False


# --- Trust & safety's standing override ------------------------------------------------------


def sender_standing_override(
    *,
    account_id: str,
    override: str,
    reason: str,
    actor_id: int | None,
    action: str,
    only_if_unset: bool = False,
    **details: Any,
) -> Sender | None:
    """Set (or, with "", remove) the service's standing for a sender, audited as `action`.

    The messaging system's facts never undo it. With `only_if_unset`, a standing staff (or an
    earlier run) already set is left alone and None is returned.
    """
    with transaction.atomic():
        sender = Sender.objects.select_for_update().filter(account_id=account_id).first()
        if sender is None:
            raise NotFound("No such sender.")
        if only_if_unset and sender.standing_override:
            return None
        before = sender.effective_standing
        sender.standing_override = override
        sender.standing_override_reason = reason if override else ""
        sender.standing_override_at = timezone.now() if override else None
        sender.standing_override_by_id = actor_id if override else None
        sender.save(
            update_fields=[
                "standing_override",
                "standing_override_reason",
                "standing_override_at",
                "standing_override_by",
            ]
        )
        audit_record(
            actor_id=actor_id,
            action=action,
            target=f"sender:{account_id}",
            reason=reason,
            before=before,
            after=sender.effective_standing,
            **details,
        )
    return sender
