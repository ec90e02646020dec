"""Reads for the trust & safety review UI: the queue, campaigns, senders, audits and metrics.

Nothing here writes. Message bodies are hostile: everything shown of them goes through
`safe_preview` (or `highlighted_body`, which returns plain-text pieces) and is escaped on render.
"""

from __future__ import annotations

import json
import re
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import Coalesce, RowNumber, TruncDate
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from inbox.detection.artifact import model_metadata
from inbox.detection.preview import safe_preview
from inbox.models import (
    Appeal,
    AuditEntry,
    Campaign,
    DetectorVersion,
    Message,
    OutboxEvent,
    Outcome,
    Policy,
    RetentionRun,
    Sender,
    SpamReport,
)
from inbox.pipeline.crowd import crowd_evidence, last_crowd_stop
from inbox.selectors import pairs_blocked, policy_get_active
from inbox.vocabulary import AuditAction, ReasonCode, Standing
from preferences.choices import BlockScope
from preferences.models import Block

from .services import CLAIM_MINUTES, FLAGGABLE, REVIEWABLE

QUEUE_SORTS = {
    "score": "Highest score first",
    "oldest": "Oldest first",
    "newest": "Newest first",
}
# Suggestions for the reason filter; any code can be typed.
KNOWN_REASON_CODES = tuple(ReasonCode)
# The queue's "decision" filter also takes this: delivered or requested, flagged for review.
FLAGGED = "flagged"
# What the queue shows by default: what still needs a reviewer's decision.
QUEUE_STATES = {
    "open": "Needs a decision",
    "reviewed": "Reviewed",
    "all": "All",
}
# How the queue lists a campaign's copies: one row for the campaign (judged as one), or each.
QUEUE_COPIES = {
    "grouped": "One row per campaign",
    "each": "Each copy",
}


# --- The queue -------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueFilter:
    """What the reviewer narrowed the queue to; empty fields do not filter."""

    reason: str = ""
    sender_id: str = ""
    organization_id: str = ""
    campaign_id: int | None = None
    decision: str = ""
    min_score: float | None = None
    date_from: date | None = None
    date_to: date | None = None
    hide_claimed: bool = False  # leave out what other reviewers are working on
    sort: str = "score"
    state: str = "open"  # a key of QUEUE_STATES
    copies: str = "grouped"  # a key of QUEUE_COPIES: how the page lists them, not a filter

    @property
    def is_empty(self) -> bool:
        return not any(
            (
                self.reason,
                self.sender_id,
                self.organization_id,
                self.campaign_id is not None,
                self.decision,
                self.min_score is not None,
                self.date_from,
                self.date_to,
                self.hide_claimed,
                self.state != "open",
            )
        )


def queue_base() -> QuerySet[Message]:
    """Return every message waiting for review, not deleted: quarantined, requested or held, and
    delivered messages flagged for review."""
    waiting = Q(decision__in=REVIEWABLE) | Q(decision=Outcome.DELIVER, flagged_at__isnull=False)
    return Message.objects.filter(waiting, dismissed_at__isnull=True)


def flagged(queryset: QuerySet[Message]) -> QuerySet[Message]:
    """Narrow to messages that reached the freelancer but are flagged for review."""
    return queryset.filter(flagged_at__isnull=False, decision__in=FLAGGABLE)


def with_reason_code(queryset: QuerySet[Message], code: str) -> QuerySet[Message]:
    """Narrow to messages whose current reasons include `code`."""
    if connection.vendor == "postgresql":
        return queryset.filter(reasons__contains=[{"code": code}])
    # SQLite has no JSON containment; the stored JSON text is matched instead. Inner quotes of a
    # detail are escaped (\"), so only a real "code" key can match.
    pattern = r'"code":\s*' + re.escape(json.dumps(code))
    return queryset.filter(reasons__regex=pattern)


def queue_messages(
    *, filters: QueueFilter, reviewer_id: int | None = None, now: datetime | None = None
) -> QuerySet[Message]:
    """Return the queue narrowed by `filters`, in the chosen order."""
    queryset = queue_base()
    if filters.state == "open":
        queryset = queryset.filter(reviewed_at__isnull=True)
    elif filters.state == "reviewed":
        queryset = queryset.filter(reviewed_at__isnull=False)
    if filters.hide_claimed:
        live = (now or timezone.now()) - timedelta(minutes=CLAIM_MINUTES)
        queryset = queryset.exclude(
            Q(claimed_by__isnull=False, claimed_at__gte=live) & ~Q(claimed_by_id=reviewer_id)
        )
    if filters.reason:
        queryset = with_reason_code(queryset, filters.reason)
    if filters.sender_id:
        queryset = queryset.filter(sender_id=filters.sender_id)
    if filters.organization_id:
        members = Sender.objects.filter(organization_id=filters.organization_id)
        queryset = queryset.filter(sender_id__in=members.values("account_id"))
    if filters.campaign_id is not None:
        queryset = queryset.filter(campaign_id=filters.campaign_id)
    if filters.decision == FLAGGED:
        queryset = flagged(queryset)
    elif filters.decision:
        queryset = queryset.filter(decision=filters.decision)
    if filters.min_score is not None:
        queryset = queryset.filter(spam_score__gte=filters.min_score)
    if filters.date_from:
        queryset = queryset.filter(received_at__date__gte=filters.date_from)
    if filters.date_to:
        queryset = queryset.filter(received_at__date__lte=filters.date_to)
    if filters.sort == "oldest":
        return queryset.order_by("received_at", "id")
    if filters.sort == "newest":
        return queryset.order_by("-received_at", "-id")
    return queryset.order_by(F("spam_score").desc(nulls_last=True), "received_at", "id")


def queue_grouped(queryset: QuerySet[Message]) -> QuerySet[Message]:
    """Show each campaign once: its earliest copy in the queryset stands for all of them, with
    `copies` (how many of its copies the queryset holds); other messages have `copies` = 1.

    For the page only: actions on "all matching" act on every copy (`queue_messages`).
    """
    # Messages outside a campaign get a partition each (minus their own id).
    group = Coalesce(F("campaign_id"), -F("id"))
    return queryset.annotate(
        copy_rank=Window(
            RowNumber(), partition_by=[group], order_by=[F("received_at").asc(), F("id").asc()]
        ),
        copies=Window(Count("id"), partition_by=[group]),
    ).filter(copy_rank=1)


@dataclass(frozen=True)
class QueueRow:
    message: Message
    sender: Sender | None
    preview: str
    claimed_by: AbstractBaseUser | None
    copies: int = 1  # a campaign's row stands for this many held copies
    # The freelancer blocks its sender now: staff cannot release it (the block is theirs).
    blocked: bool = False


def queue_rows(messages: list[Message], *, now: datetime | None = None) -> list[QueueRow]:
    """Return one row per message with its sender, a safe preview, a live claim and whether
    its freelancer blocks its sender (a quarantined message staff cannot release)."""
    now = now or timezone.now()
    expired = now - timedelta(minutes=CLAIM_MINUTES)
    senders = Sender.objects.in_bulk({m.sender_id for m in messages}, field_name="account_id")
    blocked = pairs_blocked(
        pairs={(m.recipient_id, m.sender_id) for m in messages if m.decision == Outcome.QUARANTINE},
        senders={m.sender_id: senders.get(m.sender_id) for m in messages},
    )
    return [
        QueueRow(
            message=message,
            sender=senders.get(message.sender_id),
            preview=safe_preview(message.body),
            claimed_by=message.claimed_by
            if message.claimed_at is not None and message.claimed_at >= expired
            else None,
            copies=getattr(message, "copies", 1),
            blocked=(message.recipient_id, message.sender_id) in blocked,
        )
        for message in messages
    ]


# --- Campaigns -------------------------------------------------------------------------------


def campaign_list() -> QuerySet[Campaign]:
    """Return campaigns, most recently active first, with their copy and recipient counts."""
    held = Q(
        messages__decision__in=REVIEWABLE,
        messages__dismissed_at__isnull=True,
    )
    return Campaign.objects.annotate(
        copies=Count("messages", distinct=True),
        held=Count("messages", filter=held, distinct=True),
        senders=Count("messages__sender_id", distinct=True),
        recipients=Count("messages__recipient_id", distinct=True),
    ).order_by("-last_seen_at", "-id")


@dataclass
class CampaignOverview:
    campaign: Campaign
    copies: list[Message]
    senders: list[tuple[str, Sender | None, int]]  # account id, facts, copies
    recipients: list[tuple[str, int]]
    held: int


def campaign_overview(*, campaign: Campaign) -> CampaignOverview:
    """Return the campaign's copies, distinct senders and recipients, and how many are held."""
    copies = list(campaign.messages.order_by("received_at", "id"))
    by_sender = Counter(message.sender_id for message in copies)
    facts = Sender.objects.in_bulk(list(by_sender), field_name="account_id")
    by_recipient = Counter(message.recipient_id for message in copies)
    return CampaignOverview(
        campaign=campaign,
        copies=copies,
        senders=[(sid, facts.get(sid), n) for sid, n in by_sender.most_common()],
        recipients=sorted(by_recipient.items()),
        held=campaign_held(campaign=campaign).count(),
    )


def campaign_held(*, campaign: Campaign) -> QuerySet[Message]:
    """Return the campaign's copies still waiting for review (what a campaign action acts on)."""
    return queue_base().filter(campaign=campaign).order_by("received_at", "id")


# --- Senders ---------------------------------------------------------------------------------


def sender_search(*, query: str, limit: int = 50) -> QuerySet[Sender]:
    """Return senders matching an account id, organization or name; overrides first."""
    senders = Sender.objects.all()
    if query:
        senders = senders.filter(
            Q(account_id__iexact=query)
            | Q(organization_id__iexact=query)
            | Q(display_name__icontains=query)
        )
    else:
        senders = senders.exclude(standing_override="")
    return senders.select_related("standing_override_by").order_by(
        "-standing_override_at", "account_id"
    )[:limit]


@dataclass
class SenderOverview:
    account_id: str
    sender: Sender | None
    decisions_by_day: list[tuple[date, list[int], int]]  # day, counts in Outcome order, total
    decisions_total: list[int]
    blocks_by_scope: list[tuple[str, int]]
    reports: list[SpamReport]
    reports_count: int
    recent: list[Message]
    audit: list[AuditEntry]

    @property
    def blocks_total(self) -> int:
        return sum(count for _, count in self.blocks_by_scope)

    @property
    def spend_dollars(self) -> str:
        if self.sender is None:
            return "—"
        return f"${self.sender.spent_last_12_months_cents / 100:,.2f}"


def sender_overview(
    *, account_id: str, days: int = 30, now: datetime | None = None
) -> SenderOverview | None:
    """Return what trust & safety needs to judge a sender, or None if nothing is known."""
    now = now or timezone.now()
    sender = (
        Sender.objects.select_related("standing_override_by").filter(account_id=account_id).first()
    )
    messages = Message.objects.filter(sender_id=account_id)
    if sender is None and not messages.exists():
        return None
    decisions = Outcome.values
    since = now - timedelta(days=days)
    grid: dict[date, list[int]] = {}
    for row in (
        messages.filter(received_at__gte=since)
        .annotate(day=TruncDate("received_at"))
        .values("day", "decision")
        .annotate(n=Count("id"))
    ):
        grid.setdefault(row["day"], [0] * len(decisions))[decisions.index(row["decision"])] = row[
            "n"
        ]
    by_day = [(day, counts, sum(counts)) for day, counts in sorted(grid.items(), reverse=True)]
    totals = [sum(counts[i] for _, counts, _ in by_day) for i in range(len(decisions))]
    reports = SpamReport.objects.filter(message__sender_id=account_id).select_related("message")
    return SenderOverview(
        account_id=account_id,
        sender=sender,
        decisions_by_day=by_day,
        decisions_total=totals,
        blocks_by_scope=blocks_received(account_id=account_id, sender=sender),
        reports=list(reports.order_by("-created_at")[:20]),
        reports_count=reports.count(),
        recent=list(messages.order_by("-received_at", "-id")[:20]),
        audit=audit_for(target=f"sender:{account_id}"),
    )


def blocks_received(*, account_id: str, sender: Sender | None) -> list[tuple[str, int]]:
    """Return how many freelancers' blocks cover this sender, by scope."""
    covering = Q(scope=BlockScope.ACCOUNT, sender_id=account_id)
    if sender is not None and sender.organization_id:
        covering |= Q(scope=BlockScope.ORGANIZATION, organization_id=sender.organization_id)
    else:
        covering |= Q(scope=BlockScope.ORGANIZATION, sender_id=account_id)
    if sender is not None and sender.identity_key:
        covering |= Q(scope=BlockScope.LINKED, identity_key=sender.identity_key)
    else:
        covering |= Q(scope=BlockScope.LINKED, sender_id=account_id)
    counts = dict(
        Block.objects.filter(covering).values_list("scope").annotate(n=Count("id")).order_by()
    )
    return [(label, counts.get(scope, 0)) for scope, label in BlockScope.choices]


# --- Audit log and policy --------------------------------------------------------------------


def audit_entries(*, action: str = "", target: str = "") -> QuerySet[AuditEntry]:
    """Return the admin action log, newest first, optionally narrowed."""
    entries = AuditEntry.objects.select_related("actor")
    if action:
        entries = entries.filter(action=action)
    if target:
        entries = entries.filter(target__icontains=target)
    return entries.order_by("-at", "-id")


def audit_for(*, target: str, limit: int = 50) -> list[AuditEntry]:
    """Return the latest admin actions on exactly this target ("sender:c-1", "policy:v2")."""
    return list(
        AuditEntry.objects.filter(target=target)
        .select_related("actor")
        .order_by("-at", "-id")[:limit]
    )


def audit_actions() -> list[str]:
    return list(AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct())


def policy_versions() -> QuerySet[Policy]:
    return Policy.objects.select_related("created_by").order_by("-number")


# --- The detector and retention --------------------------------------------------------------


@dataclass(frozen=True)
class DetectorOverview:
    """Which spam model scores messages, what it was trained on and how it measured."""

    active: DetectorVersion | None  # None: the model shipped with the code (v0) is in use
    shipped: dict[str, Any]  # the shipped model's metadata (version, examples, calibration)
    versions: list[DetectorVersion]
    retrain_asked_at: datetime | None
    data_dir: str  # where retraining reads the corpora (DETECTOR_DATA_DIR)
    data_found: bool


@dataclass(frozen=True)
class RetentionOverview:
    quarantined_days: int
    delivered_days: int
    last_run: RetentionRun | None
    runs: list[RetentionRun]


def detector_overview() -> DetectorOverview:
    data_dir = Path(settings.DETECTOR_DATA_DIR)
    asked = (
        AuditEntry.objects.filter(action=AuditAction.DETECTOR_RETRAIN)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    return DetectorOverview(
        active=DetectorVersion.objects.filter(is_active=True).defer("artifact").first(),
        shipped=model_metadata(),
        versions=list(DetectorVersion.objects.defer("artifact").order_by("-version")[:20]),
        retrain_asked_at=asked,
        data_dir=str(data_dir),
        data_found=(data_dir / "sms_spam_train.csv").exists(),
    )


def retention_overview() -> RetentionOverview:
    policy = policy_get_active()
    runs = list(RetentionRun.objects.order_by("-at")[:10])
    return RetentionOverview(
        quarantined_days=policy.retention_quarantined_days,
        delivered_days=policy.retention_delivered_days,
        last_run=runs[0] if runs else None,
        runs=runs,
    )


# --- Webhooks --------------------------------------------------------------------------------


def webhook_events(*, state: str = "") -> QuerySet[OutboxEvent]:
    """Webhook events, newest first (recorded only, when no WEBHOOK_URL is set)."""
    events = OutboxEvent.objects.order_by("-created_at", "-id")
    return events.filter(state=state) if state else events


def webhook_event(*, event_id: str) -> OutboxEvent | None:
    try:
        return OutboxEvent.objects.filter(event_id=uuid.UUID(event_id)).first()
    except ValueError:
        return None


# --- The crowd signal ------------------------------------------------------------------------


@dataclass(frozen=True)
class CrowdStop:
    """A sender the crowd stopped, with the evidence: who blocked and reported, and when."""

    sender: Sender
    at: datetime | None
    since: datetime | None  # the window's start (None for stops recorded before it was kept)
    blockers: list[str]
    reporters: list[str]
    held: int  # its messages waiting in quarantine because of the stop


def senders_under_review() -> list[CrowdStop]:
    """Senders under review (the crowd signal), the most recent stop first."""
    senders = Sender.objects.filter(standing_override=Standing.UNDER_REVIEW).order_by(
        "-standing_override_at"
    )
    return [stop for sender in senders if (stop := crowd_stop(sender)) is not None]


def crowd_stop(sender: Sender | None) -> CrowdStop | None:
    if sender is None or sender.standing_override != Standing.UNDER_REVIEW:
        return None
    entry = last_crowd_stop(sender.account_id)
    details = entry.details if entry else {}
    held = with_reason_code(
        queue_base().filter(sender_id=sender.account_id), ReasonCode.REPORTED_BY_MANY
    ).count()
    return CrowdStop(
        sender=sender,
        at=sender.standing_override_at,
        since=parse_datetime(details.get("since") or ""),
        blockers=list(details.get("blockers", [])),
        reporters=list(details.get("reporters", [])),
        held=held,
    )


@dataclass(frozen=True)
class CrowdEvent:
    """One block or report that counted for a stop."""

    at: datetime
    freelancer: str
    action: str  # "blocked" or "reported"
    account_id: str  # the account of the group it was against


def crowd_stop_events(stop: CrowdStop) -> list[CrowdEvent]:
    """The blocks and reports that counted for `stop`, oldest first: who, when, against whom."""
    if stop.at is None:
        return []
    since = stop.since or stop.at - timedelta(hours=policy_get_active().crowd_window_hours)
    evidence = crowd_evidence(sender_id=stop.sender.account_id, since=since, until=stop.at)
    events = [
        CrowdEvent(at, who, action, whom)
        for action, counted, happened in (
            ("blocked", set(stop.blockers), evidence.blocks),
            ("reported", set(stop.reporters), evidence.reports),
        )
        for at, who, whom in happened
        if who in counted and not evidence.judged(at, whom)
    ]
    return sorted(events, key=lambda event: (event.at, event.freelancer))


# --- Appeals ---------------------------------------------------------------------------------


def appeals_open() -> QuerySet[Appeal]:
    """Appeals waiting for a decision, oldest first, with their messages."""
    return (
        Appeal.objects.filter(state=Appeal.State.OPEN)
        .select_related("message")
        .order_by("created_at", "id")
    )
