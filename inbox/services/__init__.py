"""Writes for the inbox, one module a concern: senders, messages, policy, keys.

Callers use `from inbox import services` and `services.message_check(…)`: every write has one
function here, whoever calls it (the API, the web pages, the review UI, the admin, tasks).
"""

from .appeals import appeal_submit
from .keys import TOKEN_PREFIX, service_token_create, service_token_revoke, token_hash
from .messages import (
    KeyRevoked,
    MessageIn,
    body_digest,
    message_check,
    message_flag,
    message_report,
    message_scan_request,
    message_transition,
    quarantine_act,
    quarantine_dismiss,
    quarantine_release,
    refuse_if_blocked,
)
from .policy import policy_activate, policy_draft
from .senders import (
    SENDER_FACT_FIELDS,
    connection_create,
    sender_standing_override,
    sender_upsert,
)

__all__ = [
    "SENDER_FACT_FIELDS",
    "TOKEN_PREFIX",
    "KeyRevoked",
    "MessageIn",
    "appeal_submit",
    "body_digest",
    "connection_create",
    "message_check",
    "message_flag",
    "message_report",
    "message_scan_request",
    "message_transition",
    "policy_activate",
    "policy_draft",
    "quarantine_act",
    "quarantine_dismiss",
    "quarantine_release",
    "refuse_if_blocked",
    "sender_standing_override",
    "sender_upsert",
    "service_token_create",
    "service_token_revoke",
    "token_hash",
]
