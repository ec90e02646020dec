"""Policy versions: drafted and activated through one audited path, by every caller."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from common.errors import Conflict, Invalid

from .. import selectors
from ..audit import audit_record, require_reason
from ..contact_rule import validate_contact_rule
from ..models import (
    Policy,
)
from ..policy import (
    validate_eligibility,
)
from ..vocabulary import AuditAction

# --- Policy versions -------------------------------------------------------------------------


def policy_draft(*, values: dict[str, Any], actor_id: int | None = None, note: str = "") -> Policy:
    """Create a new, inactive policy version from the given thresholds (audited).

    The Django admin, the review UI and the tests all create versions here.
    """
    values = {"note": note, **values} if note else dict(values)
    for field, validate in (
        ("eligibility", validate_eligibility),
        ("contact_rule", validate_contact_rule),
    ):
        if field not in values and field == "contact_rule":
            continue  # the model's default rule applies
        try:
            validate(values.get(field))
        except ValueError as error:
            raise Invalid(str(error), fields={field: [str(error)]}) from None
    with transaction.atomic():
        based_on = selectors.policy_get_active().version
        # The highest number is read under the unique constraint: a concurrent creator fails
        # with IntegrityError instead of reusing a number.
        latest = Policy.objects.aggregate(latest=Max("number"))["latest"] or 0
        draft = Policy.objects.create(number=latest + 1, created_by_id=actor_id, **values)
        audit_record(
            actor_id=actor_id,
            action=AuditAction.POLICY_DRAFT,
            target=f"policy:{draft.version}",
            reason=values.get("note", ""),
            based_on=based_on,
        )
    return draft


def policy_activate(*, policy: Policy, actor_id: int | None = None, reason: str) -> Policy:
    """Activate a version (or roll back to an earlier one), audited; the next check uses it."""
    reason = require_reason(reason)
    with transaction.atomic():
        previous = selectors.policy_get_active()
        if previous.pk == policy.pk:
            raise Conflict(f"{policy.version} is already active.")
        Policy.objects.filter(is_active=True).exclude(pk=policy.pk).update(is_active=False)
        Policy.objects.filter(pk=policy.pk).update(is_active=True, activated_at=timezone.now())
        action = (
            AuditAction.POLICY_ROLLBACK
            if policy.number < previous.number
            else AuditAction.POLICY_ACTIVATE
        )
        audit_record(
            actor_id=actor_id,
            action=action,
            target=f"policy:{policy.version}",
            reason=reason,
            previous=previous.version,
        )
    policy.refresh_from_db()
    return policy
