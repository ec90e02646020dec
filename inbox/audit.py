"""The audit log: every staff action and every change to policy or standing, appended once."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from common.errors import Invalid

from .models import AuditEntry


def audit_record(
    *, actor_id: int | None, action: str, target: str, reason: str = "", **details: Any
) -> AuditEntry:
    """Append one entry to the audit log; call inside the action's transaction."""
    return AuditEntry.objects.create(
        actor_id=actor_id,
        action=action,
        target=target,
        reason=reason,
        details=details,
        at=timezone.now(),
    )


def require_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise Invalid("Say why: a reason is required.", fields={"reason": ["Required."]})
    return reason


# --- Senders ---------------------------------------------------------------------------------
