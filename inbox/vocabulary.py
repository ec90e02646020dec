"""The inbox's vocabulary, each word spelled once: outcomes, message kinds, who decided, sender
standing, scan and event states, reason codes with their words for freelancers, audit actions,
the event types, and which move between outcomes is allowed and which event it raises.

Everything else imports these; nothing spells the strings again.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from django.db import models


class Outcome(models.TextChoices):
    DELIVER = "deliver", "Deliver"
    REQUEST = "request", "Message request"
    HOLD = "hold", "Hold for scan"
    QUARANTINE = "quarantine", "Quarantine"
    REJECT = "reject", "Reject"


# What became of messages, as a count reads ("12 delivered"): charts and summaries.
OUTCOME_COUNTED: Mapping[str, str] = {
    Outcome.DELIVER: "delivered",
    Outcome.REQUEST: "requests",
    Outcome.HOLD: "held for the scan",
    Outcome.QUARANTINE: "quarantined",
    Outcome.REJECT: "rejected",
}


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
    # The service's own (never the messaging system's): many freelancers blocked or reported the
    # sender; their new unsolicited messages wait in quarantine until staff decide.
    UNDER_REVIEW = "under_review", "Under review"


# What the messaging system may send as a sender's standing (CONTRACT §1).
CONTRACT_STANDINGS = (Standing.GOOD, Standing.ON_HOLD, Standing.SUSPENDED)


class ScanState(models.TextChoices):
    PENDING = "pending", "Pending"
    DONE = "done", "Done"
    SKIPPED = "skipped", "Not scanned (rejected)"


class EventType(models.TextChoices):
    DELIVERED = "message.delivered", "Message delivered"
    QUARANTINED = "message.quarantined", "Message quarantined"
    RELEASED = "message.released", "Message released"
    DIGEST = "freelancer.digest", "Freelancer digest"
    APPEAL_DECIDED = "appeal.decided", "Appeal decided"


class EventState(models.TextChoices):
    PENDING = "pending", "Pending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Gave up"
    RECORDED = "recorded", "Recorded (no WEBHOOK_URL)"


class ReasonCode(models.TextChoices):
    """Why a message got its decision. The label is how staff read it."""

    # Eligibility (the sender is told; CONTRACT §5).
    BILLING_NOT_VERIFIED = "billing_not_verified", "Billing not verified"
    SPEND_BELOW_THRESHOLD = "spend_below_threshold", "Spend below the threshold"
    ACCOUNT_TOO_NEW = "account_too_new", "Account too new"
    NO_PAYMENT_HISTORY = "no_payment_history", "No payment old enough"
    ACCOUNT_NOT_IN_GOOD_STANDING = "account_not_in_good_standing", "Not in good standing"
    RECIPIENT_NOT_ACCEPTING = "recipient_not_accepting", "Freelancer not accepting this"
    DAILY_NEW_CONNECTION_LIMIT = "daily_new_connection_limit", "Daily new-contact limit"
    # The freelancer's own choices (never shown to the sender).
    BLOCKED_SENDER = "blocked_sender", "Blocked sender"
    BLOCKED_ORGANIZATION = "blocked_organization", "Blocked organization"
    BLOCKED_LINKED_ACCOUNT = "blocked_linked_account", "Blocked linked account"
    KEYWORD_FILTER = "keyword_filter", "Keyword filter"
    MESSAGE_REQUEST = "message_request", "Message request"
    # The scan.
    SCAN_PENDING = "scan_pending", "Held for the scan"
    SCAN_PASSED = "scan_passed", "Scan passed"
    SPAM = "spam", "Spam"
    SCAM = "scam", "Scam"
    CAMPAIGN = "campaign", "Campaign"
    CONTACT_DETAILS = "contact_details", "Contact details"
    OFFPLATFORM_PAYMENT = "offplatform_payment", "Paying outside the platform"
    # What people did.
    RELEASED = "released", "Released"
    REPORTED = "reported", "Reported"
    DELETED = "deleted", "Deleted"
    # The crowd signal: many freelancers blocked or reported the sender.
    REPORTED_BY_MANY = "reported_by_many", "Blocked or reported by many freelancers"


# What each code means to the freelancer reading their quarantine; the codes not here carry
# their own sentence in the reason's detail (a keyword, a scan's finding, a campaign's size).
FOR_FREELANCER: Mapping[str, str] = {
    ReasonCode.REPORTED_BY_MANY: "Held back: many freelancers blocked or reported this client "
    "recently, and our trust & safety team is looking into it.",
    ReasonCode.BLOCKED_SENDER: "You blocked this client.",
    ReasonCode.BLOCKED_ORGANIZATION: "You blocked this client's organization.",
    ReasonCode.BLOCKED_LINKED_ACCOUNT: "You blocked an account linked to this client.",
    ReasonCode.MESSAGE_REQUEST: "A client you haven't worked with yet (message request).",
    # Only requests carry it in the review list: the scan passed and the request stands.
    ReasonCode.SCAN_PASSED: "A client you haven't worked with yet (message request).",
    ReasonCode.RELEASED: "You let this message through.",
    ReasonCode.REPORTED: "You reported this as spam.",
    ReasonCode.DELETED: "You deleted this message.",
    ReasonCode.CONTACT_DETAILS: "It shares contact details, which clients may do only to invite "
    "you to scope a job or once you have a contract.",
    ReasonCode.OFFPLATFORM_PAYMENT: "It proposes paying outside the platform, where payments "
    "are not protected.",
}


class FreelancerAction(models.TextChoices):
    """What a freelancer can do with messages in their quarantine and requests."""

    RELEASE = "release", "Let through"
    DELETE = "delete", "Delete"
    BLOCK = "block", "Block sender"
    REPORT = "report", "Report spam"


class AuditAction(models.TextChoices):
    """What the audit log records: every staff action and every change of policy or standing."""

    POLICY_DRAFT = "policy.draft", "Drafted a policy version"
    POLICY_ACTIVATE = "policy.activate", "Activated a policy version"
    POLICY_ROLLBACK = "policy.rollback", "Rolled back to a policy version"
    DETECTOR_ACTIVATE = "detector.activate", "Activated a detector version"
    DETECTOR_RETRAIN = "detector.retrain", "Asked to retrain the detector"
    SENDER_STANDING_SET = "sender.standing_set", "Set a sender's standing"
    SENDER_STANDING_LIFTED = "sender.standing_lifted", "Lifted a standing override"
    MESSAGE_RELEASE = "message.release", "Released a message"
    MESSAGE_CONFIRM = "message.confirm", "Confirmed spam or scam"
    MESSAGE_DELETE = "message.delete", "Deleted a message"
    MESSAGE_CLEAR_FLAG = "message.clear_flag", "Cleared a flag"
    SENDER_CROWD_STOP = "sender.crowd_stop", "Stopped a sender many freelancers blocked"
    SENDER_CROWD_CLEAR = "sender.crowd_clear", "Cleared a sender the crowd had stopped"
    APPEAL_SUBMIT = "appeal.submit", "A sender appealed"
    APPEAL_UPHOLD = "appeal.uphold", "Upheld an appeal"
    APPEAL_OVERTURN = "appeal.overturn", "Overturned an appeal"


class TaskName(StrEnum):
    """The pipeline's Celery tasks (inbox/pipeline/tasks.py). The request path enqueues them by
    these names, so it never imports the workers' code."""

    SCAN_MESSAGE = "inbox.scan_message"
    SCAN_PENDING = "inbox.scan_pending"
    WEBHOOK_SEND = "inbox.webhook_send"
    WEBHOOKS_SEND = "inbox.webhooks_send"
    PULL_BACK_BLOCK = "inbox.pull_back_block"
    SWEEP = "inbox.sweep"
    PURGE_BODIES = "inbox.purge_bodies"
    SEND_DIGESTS = "inbox.send_digests"
    RETRAIN_DETECTOR = "inbox.retrain_detector"
    CROWD_CHECK = "inbox.crowd_check"


# Which decisions a message may move to from each decision; everything else is refused.
TRANSITIONS: dict[str, frozenset[str]] = {
    Outcome.HOLD: frozenset({Outcome.DELIVER, Outcome.REQUEST, Outcome.QUARANTINE}),
    Outcome.REQUEST: frozenset({Outcome.DELIVER, Outcome.QUARANTINE}),
    Outcome.DELIVER: frozenset({Outcome.QUARANTINE}),
    Outcome.QUARANTINE: frozenset({Outcome.DELIVER}),
    # Only an appeal staff overturn lets a rejected message through.
    Outcome.REJECT: frozenset({Outcome.DELIVER}),
}


def event_for_transition(origin: str, target: str) -> str | None:
    """Return the event type a move raises, or None (answers to §3 raise no event)."""
    if target == Outcome.QUARANTINE:
        return EventType.QUARANTINED
    if (
        origin in (Outcome.QUARANTINE, Outcome.REQUEST, Outcome.REJECT)
        and target == Outcome.DELIVER
    ):
        return EventType.RELEASED
    if origin == Outcome.HOLD and target in (Outcome.DELIVER, Outcome.REQUEST):
        return EventType.DELIVERED
    return None
