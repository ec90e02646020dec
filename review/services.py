"""Trust & safety actions: every one writes its audit entry in the same transaction.

Reviewers claim, release, confirm and delete held-back messages (one, a selection, or a whole
filter), change a sender's standing, and steer the policy (drafts, what-if, activation, rollback).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from common.errors import Conflict, DomainError, Invalid
from common.queue import enqueue
from inbox import selectors, services
from inbox.audit import audit_record, require_reason
from inbox.models import (
    POLICY_RULE_FIELDS,
    Appeal,
    Campaign,
    DecidedBy,
    DecisionRecord,
    Message,
    Outcome,
    Policy,
    Sender,
    Standing,
    TrainingLabel,
)
from inbox.outbox import event_record
from inbox.pipeline.crowd import crowd_what_if, last_crowd_stop
from inbox.policy import BLOCK_REASONS, check_input_from_snapshot, decide
from inbox.vocabulary import AuditAction, EventType, ReasonCode, TaskName

CLAIM_MINUTES = 30
REVIEWABLE = (Outcome.QUARANTINE, Outcome.REQUEST, Outcome.HOLD)
# Delivered messages wait for review only while flagged (`Message.flagged_at`).
FLAGGABLE = (Outcome.DELIVER, Outcome.REQUEST)
CLEAR_FLAG = "clear_flag"
REVIEW_ACTIONS = ("release", "confirm", "delete", CLEAR_FLAG)


def sender_standing_set(
    *, account_id: str, standing: str, reason: str, actor_id: int | None
) -> Sender:
    """Put a sender on hold or suspend them (or restore good standing); the next check obeys."""
    if standing not in Standing.values:
        raise Invalid("Unknown standing.", fields={"standing": ["Use good, on_hold or suspended."]})
    return _standing_override_write(
        account_id=account_id,
        override=standing,
        reason=reason,
        actor_id=actor_id,
        action=AuditAction.SENDER_STANDING_SET,
    )


def campaign_senders_suspend(*, campaign: Campaign, reason: str, actor_id: int | None) -> int:
    """Suspend every sender of the campaign's copies not suspended yet; return how many.

    Each suspension is audited like one made on the sender's page, its reason naming the
    campaign; the next check of any of them is rejected.
    """
    sender_ids = set(campaign.messages.values_list("sender_id", flat=True))
    suspended = 0
    for account_id in sorted(sender_ids):
        sender = Sender.objects.filter(account_id=account_id).first()
        if sender is None or sender.effective_standing == Standing.SUSPENDED:
            continue  # an account the marketplace never described cannot be suspended here
        sender_standing_set(
            account_id=account_id,
            standing=Standing.SUSPENDED,
            reason=f"Campaign {campaign.pk}: {reason}",
            actor_id=actor_id,
        )
        suspended += 1
    return suspended


def crowd_clear(*, account_id: str, reason: str, actor_id: int) -> int:
    """Clear a sender the crowd stopped, with the accounts stopped with it: restore their
    standing and release the messages the stop held (each `message.released`), except to a
    freelancer who blocks the sender; return how many were released. Audited per account.

    The blocks and reports staff judged no longer count: only newer ones can stop it again.
    """
    reason = require_reason(reason)
    with transaction.atomic():
        return _crowd_clear(account_id, reason, actor_id)


def _crowd_clear(account_id: str, reason: str, actor_id: int) -> int:
    # The accounts stopped together with this one (its last stop names them) are cleared
    # together; their rows are locked in one order, as the crowd check locks them.
    stop = last_crowd_stop(account_id)
    together = {account_id, *((stop.details or {}).get("group") or ())} if stop else {account_id}
    group = list(
        Sender.objects.select_for_update().filter(account_id__in=together).order_by("account_id")
    )
    if not any(
        s.account_id == account_id and s.standing_override == Standing.UNDER_REVIEW for s in group
    ):
        raise Conflict("This sender is not under review.")
    cleared = [s.account_id for s in group if s.standing_override == Standing.UNDER_REVIEW]
    # What staff judged no longer counts against these accounts (crowd.CrowdEvidence).
    Sender.objects.filter(account_id__in=cleared).update(crowd_cleared_at=timezone.now())
    for member in cleared:
        _standing_override_write(
            account_id=member,
            override="",
            reason=reason,
            actor_id=actor_id,
            action=AuditAction.SENDER_CROWD_CLEAR,
        )
    held = Message.objects.filter(
        sender_id__in=cleared, decision=Outcome.QUARANTINE, dismissed_at__isnull=True
    )
    released = 0
    for message in held.order_by("id"):
        if not message.stopped_by_crowd:
            continue
        try:
            services.quarantine_release(
                recipient_id=message.recipient_id,
                message_id=message.message_id,
                by=DecidedBy.ADMIN,
                actor_id=actor_id,
            )
        except Conflict:
            continue  # its freelancer blocked the sender since: it stays in their quarantine
        released += 1
    return released


def appeal_decide(*, appeal: Appeal, overturn: bool, reason: str, actor_id: int) -> Appeal:
    """Uphold or overturn a sender's appeal, audited; tell the messaging system (appeal.decided).

    Overturning delivers the message (`message.released`) and, where the scan called it spam or
    scam, records it as ok for retraining; a rejected message, never scanned, is scanned then
    (a scam or a campaign pulls it back). A freelancer's own block is theirs: not overturned.
    """
    reason = require_reason(reason)
    now = timezone.now()
    with transaction.atomic():
        # Locked: two reviewers deciding at once make one decision and one appeal.decided.
        appeal = Appeal.objects.select_for_update().select_related("message").get(pk=appeal.pk)
        if appeal.state != Appeal.State.OPEN:
            raise Conflict(f"This appeal was already {appeal.state}.")
        message = appeal.message
        if overturn:
            # Blocked when it was decided, or since: the block is the freelancer's to lift.
            codes = {item.get("code") for item in message.reasons}
            if codes & set(BLOCK_REASONS.values()):
                raise Conflict("The freelancer blocked this sender; their block is theirs to lift.")
            services.refuse_if_blocked(message, by=DecidedBy.ADMIN)
            released = services.message_transition(
                message=message,
                to=Outcome.DELIVER,
                reasons=[
                    {"code": ReasonCode.RELEASED, "detail": "Released on appeal by an admin."}
                ],
                by=DecidedBy.ADMIN,
                actor_id=actor_id,
                now=now,
            )
            if not released:
                raise Conflict(f"The message is {message.decision} now; it cannot be released.")
            # A rejection was decided on the sender, before anyone read the text: the appeal
            # answers for the sender, and the content scan still runs on what is delivered.
            services.message_scan_request(message)
            if message.spam_label in (TrainingLabel.Label.SPAM, TrainingLabel.Label.SCAM):
                _label(message, TrainingLabel.Label.OK, message.body, actor_id)
        appeal.state = Appeal.State.OVERTURNED if overturn else Appeal.State.UPHELD
        appeal.decided_at, appeal.decided_by_id, appeal.decision_reason = now, actor_id, reason
        appeal.save(update_fields=["state", "decided_at", "decided_by", "decision_reason"])
        audit_record(
            actor_id=actor_id,
            action=AuditAction.APPEAL_OVERTURN if overturn else AuditAction.APPEAL_UPHOLD,
            target=f"message:{message.message_id}",
            reason=reason,
        )
        event_record(
            type=EventType.APPEAL_DECIDED,
            message=message,
            now=now,
            payload={
                "message_id": message.message_id,
                "outcome": appeal.state,
                "decision": message.decision,
                "reason": reason,
            },
        )
    return appeal


def detector_retrain_ask(*, reason: str, actor_id: int) -> bool:
    """Ask the worker to retrain the spam model now (audited); return whether it was sent.

    The new version is activated only if it measures no worse (docs/detection.md); with no
    feedback since the last version, the run does nothing.
    """
    reason = require_reason(reason)
    with transaction.atomic():
        audit_record(
            actor_id=actor_id, action=AuditAction.DETECTOR_RETRAIN, target="detector", reason=reason
        )
    return enqueue(TaskName.RETRAIN_DETECTOR)


def sender_standing_lift(*, account_id: str, reason: str, actor_id: int | None) -> Sender:
    """Remove trust & safety's override: the messaging system's facts apply again."""
    return _standing_override_write(
        account_id=account_id,
        override="",
        reason=reason,
        actor_id=actor_id,
        action=AuditAction.SENDER_STANDING_LIFTED,
    )


def _standing_override_write(
    *, account_id: str, override: str, reason: str, actor_id: int | None, action: str
) -> Sender:
    sender = services.sender_standing_override(
        account_id=account_id,
        override=override,
        reason=require_reason(reason),
        actor_id=actor_id,
        action=action,
    )
    assert sender is not None  # noqa: S101 (only_if_unset is off)
    return sender


# --- The queue -------------------------------------------------------------------------------


def queue_claim(*, message_ids: list[str], actor_id: int) -> int:
    """Claim unclaimed (or expired-claim) messages for this reviewer; return how many."""
    now = timezone.now()
    expired = now - timedelta(minutes=CLAIM_MINUTES)
    return (
        Message.objects.filter(message_id__in=message_ids)
        .filter(Q(claimed_by__isnull=True) | Q(claimed_at__lt=expired) | Q(claimed_by_id=actor_id))
        .update(claimed_by_id=actor_id, claimed_at=now)
    )


def queue_unclaim(*, message_ids: list[str], actor_id: int) -> int:
    return Message.objects.filter(message_id__in=message_ids, claimed_by_id=actor_id).update(
        claimed_by=None, claimed_at=None
    )


@dataclass
class BulkResult:
    done: int = 0
    skipped: list[str] = field(default_factory=list)

    def note(self, message_id: str, error: DomainError) -> None:
        self.skipped.append(f"{message_id}: {error.message}")


def review_act(
    *,
    messages: QuerySet[Message] | list[Message],
    action: str,
    actor_id: int,
    reason: str = "",
    label: str = "",
) -> BulkResult:
    """Release, confirm (as spam or scam), delete or clear the flag of messages, each audited.

    Releasing and confirming also record a training label; any of them ends a flag (a
    delivered message a reviewer should look at). Messages claimed by another reviewer (whose
    claim has not expired) are skipped.
    """
    if action not in REVIEW_ACTIONS:
        choices = ", ".join(REVIEW_ACTIONS)
        raise Invalid("Unknown action.", fields={"action": [f"Use {choices}."]})
    if action == "confirm" and label not in (TrainingLabel.Label.SPAM, TrainingLabel.Label.SCAM):
        raise Invalid("Confirm as spam or scam.", fields={"label": ["Use spam or scam."]})
    result = BulkResult()
    for message in messages:
        # Taking the claim is the check: a conditional UPDATE, so two reviewers never both act.
        if not queue_claim(message_ids=[message.message_id], actor_id=actor_id):
            result.note(message.message_id, Conflict("claimed by another reviewer"))
            continue
        message.refresh_from_db()
        try:
            with transaction.atomic():
                _review_one(message, action, actor_id, reason, label)
        except DomainError as error:
            queue_unclaim(message_ids=[message.message_id], actor_id=actor_id)
            result.note(message.message_id, error)
            continue
        result.done += 1
    return result


def _review_one(message: Message, action: str, actor_id: int, reason: str, label: str) -> None:
    text = message.body
    if action == CLEAR_FLAG:
        if message.flagged_at is None:
            raise Conflict("not flagged")
    elif action == "delete" and message.decision == Outcome.DELIVER:
        raise Conflict("delivered: confirm it to pull it back, or clear its flag")
    if action == "release":
        # Refused if the freelancer blocks the sender: their block is theirs to lift.
        services.quarantine_release(
            recipient_id=message.recipient_id,
            message_id=message.message_id,
            by=DecidedBy.ADMIN,
            actor_id=actor_id,
        )
        _label(message, TrainingLabel.Label.OK, text, actor_id)
    elif action == "confirm":
        if message.decision in (Outcome.HOLD, Outcome.REQUEST, Outcome.DELIVER):
            services.message_transition(
                message=message,
                to=Outcome.QUARANTINE,
                reasons=[{"code": label, "detail": f"Confirmed as {label} by a reviewer."}],
                by=DecidedBy.ADMIN,
                actor_id=actor_id,
            )
        _label(message, label, text, actor_id)
    elif action == "delete":
        services.quarantine_dismiss(
            recipient_id=message.recipient_id,
            message_id=message.message_id,
            by=DecidedBy.ADMIN,
            actor_id=actor_id,
        )
    # A reviewer's word ends the flag (the finding stays in flag_reasons and the audit log) and
    # marks the message reviewed: it leaves the queue's default view.
    Message.objects.filter(pk=message.pk).update(
        claimed_by=None,
        claimed_at=None,
        flagged_at=None,
        reviewed_at=timezone.now(),
        reviewed_by_id=actor_id,
    )
    audit_record(
        actor_id=actor_id,
        action=AuditAction(f"message.{action}"),
        target=f"message:{message.message_id}",
        reason=reason,
        label=label or None,
        **({"finding": message.flag_reasons} if action == CLEAR_FLAG else {}),
    )


def _label(message: Message, label: str, text: str, actor_id: int) -> None:
    if not text:
        return  # nothing to learn from a purged body
    TrainingLabel.objects.update_or_create(
        message=message,
        defaults={
            "label": label,
            "text": text,
            "labelled_by_id": actor_id,
            "labelled_at": timezone.now(),
        },
    )


# --- Policy ----------------------------------------------------------------------------------


def policy_diff(*, draft: Policy, active: Policy) -> list[tuple[str, Any, Any]]:
    """Return (field, active value, draft value) for every threshold that differs."""
    return [
        (name, getattr(active, name), getattr(draft, name))
        for name in POLICY_RULE_FIELDS
        if getattr(active, name) != getattr(draft, name)
    ]


@dataclass
class WhatIf:
    replayed: int = 0
    changed: int = 0
    transitions: Counter[tuple[str, str]] = field(default_factory=Counter)
    by_reason: Counter[str] = field(default_factory=Counter)
    examples: list[dict[str, Any]] = field(default_factory=list)
    # The crowd signal over the same days: the senders this version's thresholds would have
    # stopped, and the active version's (one account per linked group).
    crowd_stopped: list[str] = field(default_factory=list)
    crowd_stopped_now: list[str] = field(default_factory=list)


def policy_what_if(
    *, draft: Policy, days: int = 7, now: datetime | None = None, examples: int = 20
) -> WhatIf:
    """Replay the last `days` of stored policy decisions under `draft`; count what would change.

    Each stored decision keeps the exact inputs the pure decision saw, so the replay asks
    `decide` the same question with the draft's thresholds.
    """
    now = now or timezone.now()
    rules = selectors.policy_rules(draft)
    result = WhatIf()
    records = (
        DecisionRecord.objects.filter(by=DecidedBy.POLICY, at__gte=now - timedelta(days=days))
        .exclude(inputs=None)
        .select_related("message")
        .order_by("id")
    )
    for record in records.iterator(chunk_size=2000):
        assert record.inputs is not None  # noqa: S101 (excluded above)
        check = check_input_from_snapshot(record.inputs, body=record.message.body)
        verdict = decide(check, rules)
        result.replayed += 1
        if verdict.decision == record.decision:
            continue
        result.changed += 1
        result.transitions[(record.decision, verdict.decision)] += 1
        for reason in verdict.reasons or ():
            result.by_reason[reason.code] += 1
        if not verdict.reasons:
            result.by_reason["(none)"] += 1
        if len(result.examples) < examples:
            result.examples.append(
                {
                    "message_id": record.message.message_id,
                    "sender_id": record.message.sender_id,
                    "recipient_id": record.message.recipient_id,
                    "was": record.decision,
                    "would_be": verdict.decision,
                    "reasons": [reason.code for reason in verdict.reasons],
                }
            )
    result.crowd_stopped = crowd_what_if(policy=draft, days=days, now=now)
    active = selectors.policy_get_active()
    result.crowd_stopped_now = crowd_what_if(policy=active, days=days, now=now)
    return result
