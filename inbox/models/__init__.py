"""Inbox models, one module a concern; imported from here (`from inbox.models import Message`)."""

from ..vocabulary import (
    ConnectionKind,
    DecidedBy,
    EventState,
    EventType,
    MessageKind,
    Outcome,
    ScanState,
    Standing,
)
from .appeals import Appeal
from .audit import AuditEntry
from .campaigns import Campaign, CampaignBand, Fingerprint, PipelineLock
from .detector import DetectorVersion
from .keys import ServiceToken
from .messages import (
    DecisionRecord,
    Message,
    NewContact,
    RetentionRun,
    SpamReport,
    TrainingLabel,
)
from .policy import (
    ACTIVATION_FIELDS,
    POLICY_RULE_FIELDS,
    Policy,
    default_contact_rule,
)
from .senders import Connection, Sender
from .webhooks import OutboxEvent, WebhookAttempt

__all__ = [
    "ACTIVATION_FIELDS",
    "POLICY_RULE_FIELDS",
    "Appeal",
    "AuditEntry",
    "Campaign",
    "CampaignBand",
    "Connection",
    "ConnectionKind",
    "DecidedBy",
    "DecisionRecord",
    "DetectorVersion",
    "EventState",
    "EventType",
    "Fingerprint",
    "Message",
    "MessageKind",
    "NewContact",
    "OutboxEvent",
    "Outcome",
    "PipelineLock",
    "Policy",
    "RetentionRun",
    "ScanState",
    "Sender",
    "ServiceToken",
    "SpamReport",
    "Standing",
    "TrainingLabel",
    "WebhookAttempt",
    "default_contact_rule",
]
