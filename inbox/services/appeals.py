"""A sender's appeal, submitted by the messaging system (an optional part of the contract)."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from common.errors import Conflict, NotFound

from ..audit import audit_record
from ..models import Appeal, Message, Outcome
from ..vocabulary import AuditAction

# A sender can see a rejection; a quarantine only if the messaging system told them of it.
APPEALABLE = (Outcome.REJECT, Outcome.QUARANTINE)


def appeal_submit(*, message_id: str, note: str) -> tuple[Appeal, bool]:
    """Record the sender's appeal of this message; return it and whether it is new.

    Idempotent: the message's appeal, once made, is the answer to every later submission. The
    answer is the same whatever quarantined the message, so it never reveals a block.
    """
    message = Message.objects.filter(message_id=message_id).first()
    if message is None:
        raise NotFound("No message with this id.")
    existing = Appeal.objects.filter(message=message).first()
    if existing is not None:
        return existing, False
    if message.decision not in APPEALABLE:
        raise Conflict(
            "Only a rejected or quarantined message can be appealed; "
            f"this one is {message.decision}."
        )
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(message=message, note=note.strip())
            audit_record(
                actor_id=None,
                action=AuditAction.APPEAL_SUBMIT,
                target=f"message:{message.message_id}",
                reason=appeal.note,
            )
    except IntegrityError:  # a concurrent retry got there first
        return Appeal.objects.get(message=message), False
    return appeal, True
