"""Reads for the trust & safety review UI: the queue, campaigns, senders, audits and metrics.

Nothing here writes. Message bodies are hostile: everything shown of them goes through
`safe_preview` (or `highlighted_body`, which returns plain-text pieces) and is escaped on render.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
from django.db.models import Count, Exists, F, Min, OuterRef, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from inbox.detection.preview import safe_preview
from inbox.models import (
    POLICY_RULE_FIELDS,
    AuditEntry,
    Campaign,
    DecidedBy,
    DecisionRecord,
    EventState,
    Message,
    OutboxEvent,
    Outcome,
    Policy,
    Sender,
    SpamReport,
)
from inbox.policy import SIGNAL_EXPLANATIONS
from inbox.vocabulary import ReasonCode
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
METRICS_DAYS = 14
RELEASED_BY = (DecidedBy.FREELANCER, DecidedBy.ADMIN)


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


@dataclass(frozen=True)
class QueueRow:
    message: Message
    sender: Sender | None
    preview: str
    claimed_by: AbstractBaseUser | None


def queue_rows(messages: list[Message], *, now: datetime | None = None) -> list[QueueRow]:
    """Return one row per message with its sender, a safe preview and a live claim."""
    now = now or timezone.now()
    expired = now - timedelta(minutes=CLAIM_MINUTES)
    senders = Sender.objects.in_bulk({m.sender_id for m in messages}, field_name="account_id")
    return [
        QueueRow(
            message=message,
            sender=senders.get(message.sender_id),
            preview=safe_preview(message.body),
            claimed_by=message.claimed_by
            if message.claimed_at is not None and message.claimed_at >= expired
            else None,
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


# --- A message's audit -----------------------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    """A piece of a message's text; `kind` is set when it is a contact detail the scan found."""

    text: str
    kind: str = ""


@dataclass
class HistoryEntry:
    record: DecisionRecord
    rules: list[tuple[str, list[tuple[str, str]]]]  # rule, [(fact, value)]
    inputs: list[tuple[str, str]]


@dataclass
class MessageAudit:
    message: Message
    sender: Sender | None
    preview: str
    pieces: list[Piece]
    truncated: bool
    history: list[HistoryEntry]
    audit: list[AuditEntry]
    signals: list[tuple[str, str]] = field(default_factory=list)  # (signal, plain words)

    @property
    def is_flagged(self) -> bool:
        return self.message.flagged_at is not None and self.message.decision in FLAGGABLE


HIGHLIGHT_CHARS = 2000


def readable(value: Any) -> str:
    """Return a value as short plain text: yes/no, a dash for nothing, JSON for structures."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else "none"
    return str(value)


def flatten(data: Any, prefix: str = "") -> list[tuple[str, str]]:
    """Return nested data as (dotted key, readable value) pairs."""
    if isinstance(data, dict) and data:
        pairs: list[tuple[str, str]] = []
        for key, value in data.items():
            pairs.extend(flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return pairs
    return [(prefix or "value", readable(data))]


def highlighted_body(
    body: str, matches: list[dict[str, Any]], *, limit: int = HIGHLIGHT_CHARS
) -> tuple[list[Piece], bool]:
    """Split the start of `body` into plain and contact-detail pieces; each piece is inert text.

    Spans index the original body. Each piece goes through `safe_preview` on its own (control
    and bidi characters removed, links defanged) so a span boundary never changes meaning.
    """
    text = body[:limit]
    spans = sorted(
        (int(m["start"]), int(m["end"]), str(m.get("kind", "")))
        for m in matches
        if isinstance(m, dict) and "start" in m and "end" in m
    )
    pieces: list[Piece] = []
    position = 0
    for start, end, kind in spans:
        start, end = max(start, position), min(end, len(text))
        if start >= end:
            continue
        if start > position:
            pieces.append(Piece(_inert(text[position:start])))
        pieces.append(Piece(_inert(text[start:end]), kind or "contact"))
        position = end
    if position < len(text):
        pieces.append(Piece(_inert(text[position:])))
    return [piece for piece in pieces if piece.text], len(body) > limit


def _inert(text: str) -> str:
    # Keep the spaces at the edges of a piece (safe_preview strips them) so words stay apart.
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() and text.strip() else ""
    return lead + safe_preview(text, limit=len(text) + 1) + trail


def message_audit(*, message_id: str) -> MessageAudit | None:
    """Return a message's decisions (rules fired, their inputs, the version) and admin actions."""
    message = (
        Message.objects.select_related("campaign", "claimed_by")
        .filter(message_id=message_id)
        .first()
    )
    if message is None:
        return None
    history = [
        HistoryEntry(
            record=record,
            rules=[
                (
                    str(step.get("rule", "?")),
                    [(key, readable(value)) for key, value in step.items() if key != "rule"],
                )
                for step in record.trace
                if isinstance(step, dict)
            ],
            inputs=flatten(record.inputs) if record.inputs else [],
        )
        for record in message.history.select_related("actor").order_by("at", "id")
    ]
    analysis = message.analysis or {}
    matches = analysis.get("matches") or []
    pieces, truncated = highlighted_body(message.body, matches)
    signals = [
        (str(signal), SIGNAL_EXPLANATIONS.get(str(signal), ""))
        for signal in (analysis.get("spam") or {}).get("signals") or ()
    ]
    return MessageAudit(
        message=message,
        sender=Sender.objects.filter(account_id=message.sender_id).first(),
        preview=safe_preview(message.body),
        pieces=pieces,
        truncated=truncated,
        history=history,
        audit=audit_for(target=f"message:{message_id}", limit=200),
        signals=signals,
    )


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


def describe_eligibility(expression: Any) -> str:
    """Return an eligibility expression as words: all of (…), any of (…)."""
    if isinstance(expression, str):
        return expression
    if isinstance(expression, dict) and len(expression) == 1:
        ((operator, operands),) = expression.items()
        if isinstance(operands, list):
            inner = ", ".join(describe_eligibility(operand) for operand in operands)
            return f"{'all' if operator == 'all' else 'any'} of ({inner})"
    return readable(expression)


def policy_value_text(name: str, value: Any) -> str:
    """Return one threshold of a policy version as a reviewer reads it."""
    if name == "eligibility":
        return describe_eligibility(value)
    if name == "min_spend_cents":
        return f"${value / 100:,.2f}"
    if name.endswith("_days"):
        return f"{value} day{'s' if value != 1 else ''}"
    if name.endswith("_hours"):
        return f"{value} hour{'s' if value != 1 else ''}"
    return readable(value)


def policy_field_label(name: str) -> str:
    model_field = Policy._meta.get_field(name)
    return str(getattr(model_field, "verbose_name", name)).capitalize()


def policy_values(policy: Policy) -> list[tuple[str, str, str]]:
    """Return (field, label, readable value) for every threshold of a version."""
    return [
        (name, policy_field_label(name), policy_value_text(name, getattr(policy, name)))
        for name in POLICY_RULE_FIELDS
    ]


# --- Metrics ---------------------------------------------------------------------------------


def _reason_counts_sql(since: datetime | None, *, by_day: bool) -> tuple[str, list[Any]]:
    table = DecisionRecord._meta.db_table
    params: list[Any] = []
    if connection.vendor == "postgresql":
        day = "(r.at AT TIME ZONE 'UTC')::date" if by_day else "NULL"
        source = f"{table} r CROSS JOIN LATERAL jsonb_array_elements(r.reasons) e"
        code = "e->>'code'"
    else:
        day = "date(r.at)" if by_day else "NULL"
        source = f"{table} r, json_each(r.reasons) e"
        code = "json_extract(e.value, '$.code')"
    where = ""
    if since is not None:
        where = "WHERE r.at >= %s"
        params.append(connection.ops.adapt_datetimefield_value(since))
    # Only names of our own tables and columns are interpolated; values are parameters.
    sql = f"SELECT {day}, {code}, COUNT(*) FROM {source} {where} GROUP BY 1, 2"  # noqa: S608
    return sql, params


def reason_counts(*, since: datetime | None = None) -> Counter[str]:
    """Return how often each reason code was given, in every decision since `since`."""
    sql, params = _reason_counts_sql(since, by_day=False)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return Counter({str(code): n for _, code, n in cursor.fetchall() if code})


def reason_counts_by_day(*, since: datetime) -> dict[date, Counter[str]]:
    sql, params = _reason_counts_sql(since, by_day=True)
    days: dict[date, Counter[str]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for day, code, n in cursor.fetchall():
            if code:
                key = day if isinstance(day, date) else date.fromisoformat(str(day))
                days.setdefault(key, Counter())[str(code)] = n
    return days


def _quarantines(*, since: datetime) -> QuerySet[DecisionRecord]:
    """Return the moves into quarantine since `since`, each marked whether it was undone.

    Released means a freelancer or a reviewer delivered the message after it was quarantined:
    the service's false positives, as far as anyone told us.
    """
    later_release = DecisionRecord.objects.filter(
        message_id=OuterRef("message_id"),
        decision=Outcome.DELIVER,
        by__in=RELEASED_BY,
        # History rows are append-only, so a later row has a higher id (even at the same time).
        id__gt=OuterRef("id"),
    )
    return DecisionRecord.objects.filter(decision=Outcome.QUARANTINE, at__gte=since).annotate(
        was_released=Exists(later_release)
    )


def release_counts(*, since: datetime) -> dict[date, tuple[int, int]]:
    """Return, per day since `since`, (messages quarantined that day, of which later released)."""
    rows = (
        _quarantines(since=since)
        .annotate(day=TruncDate("at"))
        .values_list("day")
        .annotate(quarantined=Count("id"), released=Count("id", filter=Q(was_released=True)))
        .order_by()
    )
    return {day: (quarantined, released) for day, quarantined, released in rows}


def release_totals(*, since: datetime) -> tuple[int, int]:
    """Return (messages quarantined since `since`, of which later released)."""
    totals = _quarantines(since=since).aggregate(
        quarantined=Count("id"), released=Count("id", filter=Q(was_released=True))
    )
    return totals["quarantined"], totals["released"]


@dataclass
class WebhookBacklog:
    pending: int
    failed: int
    oldest_pending_at: datetime | None
    now: datetime

    @property
    def oldest_pending_seconds(self) -> float:
        if self.oldest_pending_at is None:
            return 0.0
        return max((self.now - self.oldest_pending_at).total_seconds(), 0.0)


def webhook_backlog(*, now: datetime | None = None) -> WebhookBacklog:
    counts = OutboxEvent.objects.aggregate(
        pending=Count("id", filter=Q(state=EventState.PENDING)),
        failed=Count("id", filter=Q(state=EventState.FAILED)),
        oldest=Min("created_at", filter=Q(state=EventState.PENDING)),
    )
    return WebhookBacklog(
        pending=counts["pending"],
        failed=counts["failed"],
        oldest_pending_at=counts["oldest"],
        now=now or timezone.now(),
    )


class _ReleaseRate:
    """Released ÷ quarantined: the false-positive estimate."""

    quarantined: int
    released: int

    @property
    def release_rate(self) -> float | None:
        return self.released / self.quarantined if self.quarantined else None

    @property
    def release_percent(self) -> str:
        rate = self.release_rate
        return "—" if rate is None else f"{rate:.1%}"


@dataclass
class DayRow(_ReleaseRate):
    day: date
    decisions: list[int]
    total: int
    reasons: list[int]
    quarantined: int
    released: int


@dataclass
class MetricsOverview(_ReleaseRate):
    days: list[DayRow]
    decisions: list[tuple[str, str]]
    top_reasons: list[tuple[str, int]]
    day_reasons: list[str]
    quarantined_now: int
    quarantined: int
    released: int
    top_blocked: list[tuple[str, int]]
    top_reported: list[tuple[str, int]]
    webhooks: WebhookBacklog
    since: datetime
    extra: dict[str, Any] = field(default_factory=dict)


def quarantined_now() -> int:
    return Message.objects.filter(decision=Outcome.QUARANTINE, dismissed_at__isnull=True).count()


def metrics_overview(*, days: int = METRICS_DAYS, now: datetime | None = None) -> MetricsOverview:
    """Return the numbers of the metrics page: the last `days` days, per day, plus totals."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    first_day = today - timedelta(days=days - 1)
    since = datetime.combine(first_day, datetime.min.time(), tzinfo=timezone.get_current_timezone())
    decisions = Outcome.values
    by_day: dict[date, list[int]] = {}
    for row in (
        Message.objects.filter(received_at__gte=since)
        .annotate(day=TruncDate("received_at"))
        .values("day", "decision")
        .annotate(n=Count("id"))
        .order_by()
    ):
        by_day.setdefault(row["day"], [0] * len(decisions))[decisions.index(row["decision"])] = row[
            "n"
        ]
    reasons_by_day = reason_counts_by_day(since=since)
    totals: Counter[str] = Counter()
    for day_counts in reasons_by_day.values():
        totals.update(day_counts)
    top_reasons = totals.most_common(10)
    day_reasons = [code for code, _ in top_reasons[:6]]
    releases = release_counts(since=since)
    rows = []
    for offset in range(days):
        day = today - timedelta(days=offset)
        counts = by_day.get(day, [0] * len(decisions))
        quarantined, released = releases.get(day, (0, 0))
        reasons = reasons_by_day.get(day, Counter())
        rows.append(
            DayRow(
                day=day,
                decisions=counts,
                total=sum(counts),
                reasons=[reasons.get(code, 0) for code in day_reasons],
                quarantined=quarantined,
                released=released,
            )
        )
    blocked = (
        Block.objects.filter(created_at__gte=since)
        .values_list("sender_id")
        .annotate(n=Count("id"))
        .order_by("-n", "sender_id")[:10]
    )
    reported = (
        SpamReport.objects.filter(created_at__gte=since)
        .values_list("message__sender_id")
        .annotate(n=Count("id"))
        .order_by("-n", "message__sender_id")[:10]
    )
    return MetricsOverview(
        days=rows,
        decisions=list(Outcome.choices),
        top_reasons=top_reasons,
        day_reasons=day_reasons,
        quarantined_now=quarantined_now(),
        quarantined=sum(row.quarantined for row in rows),
        released=sum(row.released for row in rows),
        top_blocked=[(sender_id, n) for sender_id, n in blocked],
        top_reported=[(sender_id, n) for sender_id, n in reported],
        webhooks=webhook_backlog(now=now),
        since=since,
    )


def decision_totals() -> dict[str, int]:
    """Return how many messages were checked, by the policy's decision at check time."""
    return dict(
        DecisionRecord.objects.filter(by=DecidedBy.POLICY)
        .values_list("decision")
        .annotate(n=Count("id"))
        .order_by()
    )
