"""Reads for the inbox: the active policy, sender facts, relationships, counters, messages."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, JSONField, Max, Min, OuterRef, Q, QuerySet, Subquery, Value

from preferences.ports import PolicyFacts, SenderIdentity
from preferences.selectors import blocks_by_recipient

from .contact_rule import ContactRuling, contact_ruling
from .detection.preview import NAME_CHARS, safe_preview
from .models import (
    Connection,
    DecidedBy,
    DecisionRecord,
    Message,
    NewContact,
    OutboxEvent,
    Outcome,
    Policy,
    ScanState,
    Sender,
    ServiceToken,
)
from .policy import (
    ELIGIBILITY_RULES,
    FORUM_ELIGIBILITY,
    ContactCounter,
    PolicyRules,
    SenderFacts,
    matching_blocks,
)

if TYPE_CHECKING:  # the analyzer loads the model: imported where a text is analysed
    from .detection.analyzer import Analysis


def policy_rules(policy: Policy) -> PolicyRules:
    """Return the pure-function view of a stored policy version."""
    return PolicyRules(
        version=policy.version,
        min_spend_cents=policy.min_spend_cents,
        min_account_age=timedelta(days=policy.min_account_age_days),
        min_payment_age=timedelta(days=policy.min_payment_age_days),
        eligibility=policy.eligibility or FORUM_ELIGIBILITY,
        daily_new_contact_limit=policy.daily_new_contact_limit,
        daily_limit_window=timedelta(hours=policy.daily_limit_window_hours),
        hold_unsolicited_for_scan=policy.hold_unsolicited_for_scan,
        default_modes={
            "direct": policy.default_direct_mode,
            "job_invite": policy.default_job_invite_mode,
        },
    )


def policy_get_active() -> Policy:
    """Return the active policy version, creating the default v1 on a fresh database.

    Read on every check (one row through a partial unique index) rather than cached: a cache
    filled by a reader that raced an activation could serve the old version after it.
    """
    policy = Policy.objects.filter(is_active=True).first()
    return policy if policy is not None else _policy_create_default()


def _policy_create_default() -> Policy:
    """Create and activate the default policy (the next number, if drafts already exist)."""
    try:
        with transaction.atomic():
            latest = Policy.objects.aggregate(latest=Max("number"))["latest"] or 0
            return Policy.objects.create(
                number=latest + 1,
                note="Default: the published sender rules.",
                eligibility=FORUM_ELIGIBILITY,
                is_active=True,
            )
    except IntegrityError:
        # Another process activated one (or took the number) first.
        return Policy.objects.filter(is_active=True).first() or _policy_create_default()


def sender_facts(sender: Sender | None) -> SenderFacts | None:
    if sender is None:
        return None
    return SenderFacts(
        account_id=sender.account_id,
        display_name=sender.display_name,
        billing_verified=sender.billing_verified,
        spent_last_12_months_cents=sender.spent_last_12_months_cents,
        joined_at=sender.joined_at,
        first_payment_at=sender.first_payment_at,
        standing=sender.effective_standing,
        organization_id=sender.organization_id,
        identity_key=sender.identity_key,
    )


def pair_is_connected(*, sender_id: str, recipient_id: str) -> bool:
    """Return whether the pair has a connection, or the recipient started a delivered thread."""
    contracted = Connection.objects.filter(
        Q(client_id=sender_id, freelancer_id=recipient_id)
        | Q(client_id=recipient_id, freelancer_id=sender_id)
    ).values_list(Value(1))
    answered = Message.objects.filter(
        sender_id=recipient_id, recipient_id=sender_id, decision=Outcome.DELIVER
    ).values_list(Value(1))
    # One round trip for both questions; the outer LIMIT stops at the first row found.
    return bool(contracted.union(answered, all=True)[:1])


def contact_counter(
    *, sender_id: str, recipient_id: str, now: datetime, window: timedelta
) -> ContactCounter:
    """Return the sender's new-contact counter for the window ending now."""
    recent = Q(contacted_at__gt=now - window)
    counts = NewContact.objects.filter(sender_id=sender_id).aggregate(
        recent_count=Count("id", filter=recent),
        oldest_recent_at=Min("contacted_at", filter=recent),
        with_recipient=Count("id", filter=Q(recipient_id=recipient_id)),
    )
    return ContactCounter(
        already_contacted=counts["with_recipient"] > 0,
        recent_count=counts["recent_count"],
        oldest_recent_at=counts["oldest_recent_at"],
    )


def service_key_active(*, key_id: int) -> bool:
    return ServiceToken.objects.filter(pk=key_id, revoked_at__isnull=True).exists()


def message_get(*, message_id: str) -> Message | None:
    return Message.objects.filter(message_id=message_id).first()


def message_history(*, message: Message) -> QuerySet:
    return message.history.order_by("at", "id")


# `message_to_scan` on PostgreSQL; the parameters: the policy's `by`, the pk, `pending`.
_MESSAGE_TO_SCAN = """
SELECT m.*,
  (SELECT s.joined_at FROM inbox_sender s WHERE s.account_id = m.sender_id) AS sender_joined_at,
  COALESCE((SELECT d.inputs #> '{recipient,allows_sender}' = 'true'::jsonb
            FROM inbox_decisionrecord d
            WHERE d.message_id = m.id AND d.by = %s AND d.inputs <> 'null'::jsonb
            ORDER BY d.id LIMIT 1), false) AS trusted_at_check
FROM inbox_message m WHERE m.id = %s AND m.scan_state = %s
"""


def message_to_scan(*, message_pk: int) -> Message | None:
    """Return a message whose scan is pending, with what the scan reads about it in the same
    statement: `sender_joined_at` (None for an unknown sender) and `trusted_at_check`.

    `trusted_at_check` is True when the recipient trusted the sender when the message was
    checked, read from the input snapshot the policy decision stored; a message without one
    (checked before snapshots were kept) counts as untrusted.
    """
    if connection.vendor == "postgresql":
        # The same read in plain SQL: a scan is the pipeline's unit of work, and building this
        # query with the ORM cost a fifth of a scan's Python time (docs/benchmarks.md).
        params = [DecidedBy.POLICY, message_pk, ScanState.PENDING]
        found = list(Message.objects.raw(_MESSAGE_TO_SCAN, params))
        return found[0] if found else None
    first_snapshot = (
        DecisionRecord.objects.filter(message=OuterRef("pk"), by=DecidedBy.POLICY)
        .exclude(inputs=None)
        .order_by("id")
        .values("inputs__recipient__allows_sender")[:1]
    )
    joined = Sender.objects.filter(account_id=OuterRef("sender_id")).values("joined_at")[:1]
    message = (
        Message.objects.filter(pk=message_pk, scan_state=ScanState.PENDING)
        .annotate(
            sender_joined_at=Subquery(joined),
            trusted_at_check=Subquery(first_snapshot, output_field=JSONField()),
        )
        .first()
    )
    if message is not None:
        message.trusted_at_check = message.trusted_at_check is True
    return message


def messages_for_review(*, recipient_id: str) -> QuerySet[Message]:
    """Return the recipient's quarantined and requested messages, newest first."""
    return Message.objects.filter(
        recipient_id=recipient_id,
        decision__in=[Outcome.QUARANTINE, Outcome.REQUEST],
        dismissed_at__isnull=True,
    ).order_by("-received_at", "-id")


def messages_shown_before(*, message_pks: list[int]) -> dict[int, str]:
    """Return where each message last was while the freelancer could see it (deliver, request).

    Messages that never reached the freelancer are left out. One query for a page of messages.
    """
    shown = (
        DecisionRecord.objects.filter(
            message_id__in=message_pks, decision__in=(Outcome.DELIVER, Outcome.REQUEST)
        )
        .order_by("id")
        .values_list("message_id", "decision")
    )
    return dict(shown)  # the latest record of each message wins


def event_exists(*, dedupe_key: str) -> bool:
    return OutboxEvent.objects.filter(dedupe_key=dedupe_key).exists()


# --- What preferences reads of the inbox (preferences/ports.py, named in settings) -----------


def freelancer_policy_facts() -> PolicyFacts:
    """Return the active policy's default modes and its sender rules in plain words."""
    policy = policy_get_active()
    return PolicyFacts(
        default_modes={
            "direct": policy.default_direct_mode,
            "job_invite": policy.default_job_invite_mode,
        },
        sender_rules=tuple(_sender_rules(policy)),
    )


def sender_get(*, account_id: str) -> Sender | None:
    return Sender.objects.filter(account_id=account_id).first()


def senders_blocked(*, recipient_id: str, senders: Mapping[str, Sender | None]) -> set[str]:
    """Return which of these senders (account id to what is known of it) the recipient has
    blocked, by any scope: one query for a page of messages."""
    pairs = pairs_blocked(
        pairs={(recipient_id, sender_id) for sender_id in senders}, senders=senders
    )
    return {sender_id for _, sender_id in pairs}


def pairs_blocked(
    *, pairs: Iterable[tuple[str, str]], senders: Mapping[str, Sender | None]
) -> set[tuple[str, str]]:
    """Return which (recipient, sender) pairs are blocked by their recipient, by any scope, now:
    one query for a page of messages. `senders` maps every sender's account id to what is known
    of it."""
    pairs = set(pairs)
    identities = [
        SenderIdentity(
            sender.organization_id if sender else "",
            sender.identity_key if sender else "",
            account_id=sender_id,
        )
        for sender_id, sender in senders.items()
    ]
    blocks = blocks_by_recipient(
        recipient_ids={recipient_id for recipient_id, _ in pairs}, senders=identities
    )
    return {
        (recipient_id, sender_id)
        for recipient_id, sender_id in pairs
        if matching_blocks(
            sender_id, sender_facts(senders.get(sender_id)), blocks.get(recipient_id, ())
        )
    }


def senders_known_to(
    recipient_id: str, *, ids: Iterable[str] = (), query: str = "", limit: int = 20
) -> list[SenderIdentity]:
    """Return senders who have written to this freelancer: those of `ids`, or up to `limit`
    whose display name contains `query` or whose account id starts with it (names first)."""
    wrote = Message.objects.filter(recipient_id=recipient_id).values("sender_id")
    senders = Sender.objects.filter(account_id__in=wrote)
    if ids:
        senders = senders.filter(account_id__in=set(ids))
    else:
        query = query.strip()
        if not query:
            return []
        senders = senders.filter(
            Q(display_name__icontains=query) | Q(account_id__istartswith=query)
        ).order_by("display_name", "account_id")[:limit]
    rows = senders.values("account_id", "display_name", "organization_id", "identity_key")
    # Names are as hostile as bodies: handed over as inert text, like a preview.
    return [
        SenderIdentity(**row | {"display_name": safe_preview(row["display_name"], NAME_CHARS)})
        for row in rows
    ]


def sender_identity(sender_id: str) -> SenderIdentity:
    """Return the organization and identity key a block of this sender captures."""
    facts = Sender.objects.filter(account_id=sender_id).values("organization_id", "identity_key")
    return SenderIdentity(**facts[0]) if facts else SenderIdentity()


def _sender_rules(policy: Policy) -> list[str]:
    """Return a policy's sender rules as sentences a freelancer understands."""
    spend = f"${policy.min_spend_cents // 100:,}"
    sentences = {
        "billing_verified": "has a verified billing method",
        "spend": f"has spent more than {spend} on the platform in the last 12 months",
        "account_age": f"joined the platform more than {policy.min_account_age_days} days ago",
        "payment_history": f"made a payment more than {policy.min_payment_age_days} days ago",
        "good_standing": "is in good standing",
    }

    def describe(expression: Any, *, nested: bool) -> str:
        if isinstance(expression, str):
            return sentences.get(expression, expression)
        ((operator, operands),) = expression.items()
        joined = (" and " if operator == "all" else " or ").join(
            describe(operand, nested=True) for operand in operands
        )
        return f"({joined})" if nested and len(operands) > 1 else joined

    expression = policy.eligibility or {"all": list(ELIGIBILITY_RULES)}
    if isinstance(expression, dict) and "all" in expression:
        rules = [describe(operand, nested=False) for operand in expression["all"]]
    else:
        rules = [describe(expression, nested=False)]
    rules.append(
        f"contacts at most {policy.daily_new_contact_limit} new freelancers in "
        f"{policy.daily_limit_window_hours} hours"
    )
    return rules


# --- A text, assessed ------------------------------------------------------------------------


def text_assess(
    text: str, *, connected: bool, new_sender: bool = False, policy: Policy | None = None
) -> tuple[Analysis, ContactRuling]:
    """Return what the detectors find in a text and what the policy's contact rule makes of it:
    what a scan stores, and what `POST /api/v1/analyze` answers before a message is sent."""
    from .detection.analyzer import analyze

    analysis = analyze(text, new_sender=new_sender)
    ruling = contact_ruling(
        has_contact=bool(analysis.contact),
        detected_purpose=analysis.contact_purpose,
        connected=connected,
        rule=(policy or policy_get_active()).contact_rule,
        offplatform_payment=analysis.offplatform_payment,
    )
    return analysis, ruling
