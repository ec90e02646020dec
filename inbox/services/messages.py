"""The delivery check and every later decision on a message: scan, freelancer, reviewer."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from common.errors import Conflict, DomainError, Invalid, NotFound
from common.queue import enqueue, wake
from common.sql import insert_statement
from preferences.services import block_create

from .. import selectors
from ..check_context import check_context
from ..models import (
    DecidedBy,
    DecisionRecord,
    Message,
    NewContact,
    Outcome,
    ScanState,
    SpamReport,
)
from ..outbox import message_event_record
from ..policy import (
    CheckInput,
    Verdict,
    check_input_snapshot,
    decide,
    pulled_back_by_block,
)
from ..vocabulary import TRANSITIONS, FreelancerAction, ReasonCode, TaskName, event_for_transition
from .senders import sender_upsert

# --- The delivery check ----------------------------------------------------------------------


@dataclass(frozen=True)
class MessageIn:
    message_id: str
    sender_id: str
    recipient_id: str
    kind: str
    body: str
    thread_id: str = ""
    sent_at: datetime | None = None
    sender_facts: dict[str, Any] | None = None


def body_digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


class KeyRevoked(Exception):
    """The service key `message_check` was asked to confirm is no longer active."""


def message_check(
    *, incoming: MessageIn, now: datetime | None = None, confirm_key: int | None = None
) -> tuple[Message, bool]:
    """Decide a new message, or return the earlier decision for a retry of the same message.

    Return the message and whether it was created. Raise Conflict when the id was used for a
    different message. With `confirm_key` (a service key's id the caller took from its cache),
    the check's own read confirms the key is still active; if it is not, raise KeyRevoked
    before anything is written.
    """
    digest = body_digest(incoming.body)
    try:
        # New messages are the hot path: no read first. A retry (or a concurrent twin) fails on
        # the unique message_id, everything it did rolls back, and the stored decision answers.
        with transaction.atomic():
            return _message_decide_and_store(incoming, digest, now, confirm_key), True
    except IntegrityError:
        existing = selectors.message_get(message_id=incoming.message_id)
        if existing is None:
            raise
        return _same_message_or_conflict(existing, incoming, digest), False


def _same_message_or_conflict(existing: Message, incoming: MessageIn, digest: str) -> Message:
    differing = [
        name
        for name, ours, theirs in (
            ("sender_id", existing.sender_id, incoming.sender_id),
            ("recipient_id", existing.recipient_id, incoming.recipient_id),
            ("kind", existing.kind, incoming.kind),
            ("body", existing.body_sha256, digest),
        )
        if ours != theirs
    ]
    if differing:
        raise Conflict(
            f"message_id {incoming.message_id!r} was already used for a different message "
            f"(differs in {', '.join(differing)}).",
            fields={
                name: ["Differs from the message first sent with this id."] for name in differing
            },
        )
    return existing


def _message_decide_and_store(
    incoming: MessageIn, digest: str, now: datetime | None, confirm_key: int | None
) -> Message:
    if incoming.sender_facts is not None:
        sender_upsert(account_id=incoming.sender_id, facts=incoming.sender_facts)
    context = check_context(
        sender_id=incoming.sender_id,
        recipient_id=incoming.recipient_id,
        now=now,
        key_id=confirm_key,
    )
    if not context.key_active:
        raise KeyRevoked  # the transaction rolls back, the sender's upsert included
    rules, now = context.rules, context.now
    check = CheckInput(
        sender_id=incoming.sender_id,
        kind=incoming.kind,
        body=incoming.body,
        sender=context.sender,
        recipient=context.recipient,
        connected=context.connected,
        counter=context.counter,
        now=now,
    )
    verdict = decide(check, rules)
    message = Message(
        message_id=incoming.message_id,
        sender_id=incoming.sender_id,
        recipient_id=incoming.recipient_id,
        kind=incoming.kind,
        thread_id=incoming.thread_id,
        body=incoming.body,
        body_sha256=digest,
        sent_at=incoming.sent_at or now,
        unsolicited=verdict.unsolicited,
        decision=verdict.decision,
        pass_decision=verdict.pass_decision,
        reasons=[reason.as_dict() for reason in verdict.reasons],
        policy_version=rules.version,
        retry_after=verdict.retry_after,
        decided_at=now,
        scan_state=ScanState.SKIPPED if verdict.decision == Outcome.REJECT else ScanState.PENDING,
    )
    record = _history_row(
        message, verdict=verdict, by=DecidedBy.POLICY, at=now, inputs=check_input_snapshot(check)
    )
    contact = (
        NewContact(
            sender_id=incoming.sender_id, recipient_id=incoming.recipient_id, contacted_at=now
        )
        if verdict.counts_as_new_contact
        else None
    )
    _insert_checked(message, record, contact)
    if message.scan_state == ScanState.PENDING:
        # No task per message: the row says its scan is pending, and the worker claims pending
        # scans in batches (inbox/pipeline/scan.py); the wake only tells it to look now.
        transaction.on_commit(wake_scanner)
    return message


def wake_scanner() -> None:
    wake(TaskName.SCAN_PENDING, at_most_every=settings.WAKE_INTERVAL_SECONDS)


def message_scan_request(message: Message) -> None:
    """Queue the content scan of a message that skipped it (a rejection let through on appeal).
    The scan then treats it as any delivered message: a scam or a campaign pulls it back, with
    the reason in the freelancer's quarantine."""
    queued = Message.objects.filter(pk=message.pk, scan_state=ScanState.SKIPPED).update(
        scan_state=ScanState.PENDING, scan_enqueued_at=None
    )
    if queued:
        message.scan_state, message.scan_enqueued_at = ScanState.PENDING, None
        transaction.on_commit(wake_scanner)


def _insert_checked(message: Message, record: DecisionRecord, contact: NewContact | None) -> None:
    """Insert a checked message, its first history row and its new-contact row (if it counts).

    One statement on PostgreSQL; a unique `message_id` that exists already fails it whole with
    IntegrityError, as the ORM's first insert would.
    """
    if connection.vendor != "postgresql":
        message.save(force_insert=True)
        record.message = message
        record.save(force_insert=True)
        if contact is not None:
            NewContact.objects.bulk_create([contact], ignore_conflicts=True)
        return
    insert_message, values = insert_statement(message)
    insert_record, record_values = insert_statement(
        record, given={"message": "(SELECT id FROM message)"}
    )
    contact_part = ""
    if contact is not None:
        insert_contact, contact_values = insert_statement(contact)
        contact_part = f", contact AS ({insert_contact} ON CONFLICT DO NOTHING)"
        values += contact_values
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH message AS ({insert_message} RETURNING id){contact_part} "
            f"{insert_record} RETURNING message_id",
            [*values, *record_values],
        )
        message.pk = cursor.fetchone()[0]
    message._state.adding, message._state.db = False, connection.alias


def _history_row(
    message: Message,
    *,
    verdict: Verdict | None = None,
    by: str,
    at: datetime,
    actor_id: int | None = None,
    inputs: dict[str, Any] | None = None,
) -> DecisionRecord:
    return DecisionRecord(
        inputs=inputs,
        message=message,
        decision=message.decision,
        reasons=message.reasons,
        by=by,
        actor_id=actor_id,
        policy_version=message.policy_version,
        trace=list(verdict.trace) if verdict else [],
        at=at,
    )


# --- Later decisions: scan, freelancer, admin ------------------------------------------------


def message_transition(
    *,
    message: Message,
    to: str,
    reasons: list[dict[str, str]],
    by: str,
    actor_id: int | None = None,
    now: datetime | None = None,
) -> bool:
    """Move a message to a new decision if that move is allowed from where it is now.

    The move is a conditional UPDATE on the current decision, so of two concurrent movers exactly
    one wins; return whether this call moved it. The history row and the webhook event (if the
    move raises one) are written in the same transaction.
    """
    now = now or timezone.now()
    origin = message.decision
    if to not in TRANSITIONS.get(origin, frozenset()):
        return False
    # Inside a caller's transaction (a scan, a bulk action) no savepoint: two round trips saved.
    # A failure here then fails the caller's whole transaction; no caller catches one and
    # carries on in it.
    with transaction.atomic(savepoint=False):
        # A new decision needs a new look: a reviewer's earlier verdict no longer covers it.
        moved = Message.objects.filter(pk=message.pk, decision=origin).update(
            decision=to,
            reasons=reasons,
            retry_after=None,
            decided_at=now,
            reviewed_at=None,
            reviewed_by=None,
        )
        if not moved:
            return False
        message.decision, message.reasons, message.retry_after = to, reasons, None
        message.decided_at, message.reviewed_at, message.reviewed_by_id = now, None, None
        _history_row(message, by=by, at=now, actor_id=actor_id).save(force_insert=True)
        event_type = event_for_transition(origin, to)
        if event_type is not None:
            message_event_record(message=message, type=event_type, now=now, moved_from=origin)
    return True


def message_flag(
    *,
    message: Message,
    to: str,
    reasons: list[dict[str, str]],
    by: str,
    now: datetime | None = None,
) -> bool:
    """Settle a message at `to` with `reasons` and flag it for staff review; return whether it did.

    A held message moves to `to` (deliver or request) as any transition does, raising
    `message.delivered`. A message already at `to` stays: the reasons are added to its current
    ones and recorded in its history, and no event is raised. Either way the finding is kept in
    `flag_reasons` for the review queue. Conditional on the decision, like every move.
    """
    now = now or timezone.now()
    with transaction.atomic():
        if message.decision != to:
            if not message_transition(message=message, to=to, reasons=reasons, by=by, now=now):
                return False
        else:
            current = [*message.reasons, *(r for r in reasons if r not in message.reasons)]
            stayed = Message.objects.filter(pk=message.pk, decision=to).update(reasons=current)
            if not stayed:
                return False
            message.reasons = current
            _history_row(message, by=by, at=now).save(force_insert=True)
        Message.objects.filter(pk=message.pk).update(flagged_at=now, flag_reasons=reasons)
        message.flagged_at, message.flag_reasons = now, reasons
    return True


def quarantine_release(
    *, recipient_id: str, message_id: str, by: str, actor_id: int | None = None
) -> Message:
    """Deliver a quarantined message, or accept a request, on a freelancer's or admin's word.

    A message held for trust & safety (`Message.held_for_staff`) is released only on staff's
    word, and a message whose freelancer blocks its sender is not released at all, by anyone,
    through any door (`refuse_if_blocked`): the block is the freelancer's to lift first.
    """
    message = _review_message(recipient_id=recipient_id, message_id=message_id)
    if message.decision == Outcome.DELIVER:
        return message  # already released: a retry is a no-op
    if message.decision not in (Outcome.QUARANTINE, Outcome.REQUEST):
        raise Conflict(
            "Only quarantined messages and requests can be released; "
            f"this one is {message.decision}."
        )
    refuse_if_blocked(message, by=by)
    if by == DecidedBy.FREELANCER and message.held_for_staff(
        selectors.sender_get(account_id=message.sender_id)
    ):
        raise Conflict(
            "many freelancers blocked or reported its sender; it stays here until our trust & "
            "safety team decides"
        )
    reasons = [{"code": ReasonCode.RELEASED, "detail": f"Released by the {by}."}]
    if not message_transition(
        message=message, to=Outcome.DELIVER, reasons=reasons, by=by, actor_id=actor_id
    ):
        message.refresh_from_db()
        if message.decision != Outcome.DELIVER:
            raise Conflict("The message changed while it was being released; try again.")
    return message


def quarantine_dismiss(
    *, recipient_id: str, message_id: str, by: str, actor_id: int | None = None
) -> Message:
    """Delete a quarantined message or a request from the freelancer's review list.

    A request or a held message is moved to quarantine first (the messaging system hides it,
    unread, and a pending scan can no longer deliver it); the body is purged at once and the
    decision history stays.
    """
    message = _review_message(recipient_id=recipient_id, message_id=message_id)
    if message.decision in (Outcome.REQUEST, Outcome.HOLD):
        reasons = [{"code": ReasonCode.DELETED, "detail": f"Deleted by the {by}."}]
        message_transition(
            message=message, to=Outcome.QUARANTINE, reasons=reasons, by=by, actor_id=actor_id
        )
    now = timezone.now()
    Message.objects.filter(pk=message.pk, dismissed_at__isnull=True).update(
        dismissed_at=now, body="", body_purged_at=now
    )
    message.refresh_from_db()
    return message


def message_report(*, recipient_id: str, message_id: str, actor_id: int | None = None) -> Message:
    """Report a message as spam: keep it out of the inbox and record a labelled example."""
    message = _review_message(recipient_id=recipient_id, message_id=message_id)
    with transaction.atomic():
        _, reported = SpamReport.objects.get_or_create(
            message=message, defaults={"reporter_id": recipient_id}
        )
        if reported:  # one more freelancer reported this sender: the worker counts them
            sender_id = message.sender_id
            transaction.on_commit(lambda: enqueue(TaskName.CROWD_CHECK, sender_id))
        if message.decision in (Outcome.REQUEST, Outcome.DELIVER):
            reasons = [
                {"code": ReasonCode.REPORTED, "detail": "Reported as spam by the freelancer."}
            ]
            message_transition(
                message=message,
                to=Outcome.QUARANTINE,
                reasons=reasons,
                by=DecidedBy.FREELANCER,
                actor_id=actor_id,
            )
    return message


def _review_message(*, recipient_id: str, message_id: str) -> Message:
    message = Message.objects.filter(
        message_id=message_id, recipient_id=recipient_id, dismissed_at__isnull=True
    ).first()
    if message is None:
        raise NotFound("No such message in this freelancer's quarantine.")
    return message


@dataclass(frozen=True)
class ActResult:
    """What a freelancer's action did: how many messages it applied to, why the others were
    skipped, and the blocks it made (their pull-back runs in the worker)."""

    done: int
    problems: list[str]
    new_block_ids: list[int]


def quarantine_act(
    *, recipient_id: str, actor_id: int | None, action: str, message_ids: list[str], scope: str
) -> ActResult:
    """Apply a freelancer's action (release, delete, report, block) to their messages.

    Blocking keeps the message where it is (a request is pulled back into quarantine with the
    sender's other messages), so trust & safety still has the evidence; a message from a sender
    the freelancer blocked is not let through.
    """
    if action not in FreelancerAction.values:
        choices = ", ".join(FreelancerAction.values)
        raise Invalid("Unknown action.", fields={"action": [f"Use {choices}."]})
    done = 0
    problems: list[str] = []
    blocked: set[str] = set()
    new_block_ids: list[int] = []
    for message_id in message_ids:
        mine = {"recipient_id": recipient_id, "message_id": message_id}
        try:
            if action == FreelancerAction.BLOCK:
                message = _review_message(**mine)
                if message.sender_id not in blocked:
                    block, created = block_create(
                        account_id=recipient_id, sender_id=message.sender_id, scope=scope
                    )
                    blocked.add(message.sender_id)
                    if created:
                        new_block_ids.append(block.pk)
                # This one moves at once (the pull-back in the worker moves the others).
                message_transition(
                    message=message,
                    to=Outcome.QUARANTINE,
                    reasons=[pulled_back_by_block(scope)],
                    by=DecidedBy.FREELANCER,
                    actor_id=actor_id,
                )
            elif action == FreelancerAction.REPORT:
                message_report(**mine, actor_id=actor_id)
            elif action == FreelancerAction.RELEASE:
                # The page offers no Let through for a blocked sender: unblocking comes first.
                quarantine_release(**mine, by=DecidedBy.FREELANCER, actor_id=actor_id)
            else:
                quarantine_dismiss(**mine, by=DecidedBy.FREELANCER, actor_id=actor_id)
        except DomainError as error:
            problems.append(error.message)
            continue
        done += 1
    return ActResult(done=done, problems=problems, new_block_ids=new_block_ids)


def refuse_if_blocked(message: Message, *, by: str) -> None:
    """Raise Conflict if the message's recipient blocks its sender (by any scope), now."""
    sender = selectors.sender_get(account_id=message.sender_id)
    if selectors.senders_blocked(
        recipient_id=message.recipient_id, senders={message.sender_id: sender}
    ):
        if by == DecidedBy.FREELANCER:
            raise Conflict("you blocked its sender; unblock them first to let their messages in")
        raise Conflict("The freelancer blocked this sender; their block is theirs to lift.")
