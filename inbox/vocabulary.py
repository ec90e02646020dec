"""The inbox's vocabulary, each word spelled once: outcomes, message kinds, who decided, sender
standing, scan and event states, the event types, and which move between outcomes is allowed
and which event it raises.

Everything else imports these; nothing spells the strings again.
"""

from __future__ import annotations

from django.db import models


class Outcome(models.TextChoices):
    DELIVER = "deliver", "Deliver"
    REQUEST = "request", "Message request"
    HOLD = "hold", "Hold for scan"
    QUARANTINE = "quarantine", "Quarantine"
    REJECT = "reject", "Reject"


class MessageKind(models.TextChoices):
    DIRECT = "direct", "Direct message"
    JOB_INVITE = "job_invite", "Job invite"
    REPLY = "reply", "Reply"


class ConnectionKind(models.TextChoices):
    CONTRACT = "contract", "Contract"
    PROPOSAL = "proposal", "Proposal"
    INVITE_ACCEPTED = "invite_accepted", "Invite accepted"
    REPLY = "reply", "Reply"


class DecidedBy(models.TextChoices):
    POLICY = "policy", "Policy"
    SCAN = "scan", "Scan"
    FREELANCER = "freelancer", "Freelancer"
    ADMIN = "admin", "Admin"


class Standing(models.TextChoices):
    GOOD = "good", "Good"
    ON_HOLD = "on_hold", "On hold"
    SUSPENDED = "suspended", "Suspended"


class ScanState(models.TextChoices):
    PENDING = "pending", "Pending"
    DONE = "done", "Done"
    SKIPPED = "skipped", "Not scanned (rejected)"


class EventType(models.TextChoices):
    DELIVERED = "message.delivered", "Message delivered"
    QUARANTINED = "message.quarantined", "Message quarantined"
    RELEASED = "message.released", "Message released"
    DIGEST = "freelancer.digest", "Freelancer digest"


class EventState(models.TextChoices):
    PENDING = "pending", "Pending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Gave up"
    RECORDED = "recorded", "Recorded (no WEBHOOK_URL)"


# Which decisions a message may move to from each decision; everything else is refused.
TRANSITIONS: dict[str, frozenset[str]] = {
    Outcome.HOLD: frozenset({Outcome.DELIVER, Outcome.REQUEST, Outcome.QUARANTINE}),
    Outcome.REQUEST: frozenset({Outcome.DELIVER, Outcome.QUARANTINE}),
    Outcome.DELIVER: frozenset({Outcome.QUARANTINE}),
    Outcome.QUARANTINE: frozenset({Outcome.DELIVER}),
    Outcome.REJECT: frozenset(),
}


def event_for_transition(origin: str, target: str) -> str | None:
    """Return the event type a move raises, or None (answers to §3 raise no event)."""
    if target == Outcome.QUARANTINE:
        return EventType.QUARANTINED
    if origin in (Outcome.QUARANTINE, Outcome.REQUEST) and target == Outcome.DELIVER:
        return EventType.RELEASED
    if origin == Outcome.HOLD and target in (Outcome.DELIVER, Outcome.REQUEST):
        return EventType.DELIVERED
    return None
