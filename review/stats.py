"""The numbers of the metrics page and of /metrics: decisions, reasons, releases, webhooks."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db import connection
from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from inbox.models import (
    Campaign,
    DecidedBy,
    DecisionRecord,
    EventState,
    Message,
    OutboxEvent,
    Outcome,
    Sender,
    SpamReport,
    TrainingLabel,
)
from preferences.models import Block

# The metrics page looks this many days back.
METRICS_DAYS = 14
# A quarantine is undone when the freelancer or a reviewer releases it.
RELEASED_BY = (DecidedBy.FREELANCER, DecidedBy.ADMIN)

# --- Metrics ---------------------------------------------------------------------------------


def _reason_counts_sql(
    since: datetime | None, *, by_day: bool, until: datetime | None = None
) -> tuple[str, list[Any]]:
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
    conditions = []
    for condition, moment in (("r.at >= %s", since), ("r.at < %s", until)):
        if moment is not None:
            conditions.append(condition)
            params.append(connection.ops.adapt_datetimefield_value(moment))
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    # Only names of our own tables and columns are interpolated; values are parameters.
    sql = f"SELECT {day}, {code}, COUNT(*) FROM {source} {where} GROUP BY 1, 2"  # noqa: S608
    return sql, params


def reason_counts(*, since: datetime | None = None, until: datetime | None = None) -> Counter[str]:
    """Return how often each reason code was given, in every decision in [since, until)."""
    sql, params = _reason_counts_sql(since, by_day=False, until=until)
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

    @property
    def has_reasons(self) -> bool:
        return any(self.reasons)


def _per_day(queryset: QuerySet[Any], field: str) -> dict[date, int]:
    rows = queryset.annotate(day=TruncDate(field)).values_list("day").annotate(n=Count("id"))
    return dict(rows.order_by())


def reports_by_day(*, since: datetime) -> dict[date, int]:
    """Freelancers' spam reports per day."""
    return _per_day(SpamReport.objects.filter(created_at__gte=since), "created_at")


def releases_by_day(*, since: datetime) -> dict[date, int]:
    """Messages a freelancer or reviewer let through (out of quarantine or the requests)."""
    released = DecisionRecord.objects.filter(
        at__gte=since, decision=Outcome.DELIVER, by__in=RELEASED_BY
    )
    return _per_day(released, "at")


def detector_precision_by_day(*, since: datetime) -> dict[date, tuple[int, int]]:
    """Per day, of the reviewer labels given on messages the scan called spam or scam: (how many
    the reviewer confirmed, how many were labelled). Their ratio is the detector's precision as
    far as reviewers looked."""
    rows = (
        TrainingLabel.objects.filter(
            labelled_at__gte=since, message__spam_label__in=["spam", "scam"]
        )
        .annotate(day=TruncDate("labelled_at"))
        .values_list("day")
        .annotate(
            confirmed=Count("id", filter=Q(label__in=["spam", "scam"])),
            labelled=Count("id"),
        )
        .order_by()
    )
    return {day: (confirmed, labelled) for day, confirmed, labelled in rows}


def campaign_sizes(*, since: datetime, limit: int = 30) -> list[tuple[int, int]]:
    """Campaigns first seen since `since`, oldest first: (campaign id, copies)."""
    rows = (
        Campaign.objects.filter(first_seen_at__gte=since)
        .annotate(copies=Count("messages"))
        .order_by("-first_seen_at")
        .values_list("pk", "copies")[:limit]
    )
    return list(reversed(rows))


@dataclass
class MetricsOverview(_ReleaseRate):
    days: list[DayRow]
    decisions: list[tuple[str, str]]
    top_reasons: list[tuple[str, int]]
    day_reasons: list[str]
    quarantined_now: int
    quarantined: int
    released: int
    top_blocked: list[tuple[str, str, int]]
    top_reported: list[tuple[str, str, int]]
    webhooks: WebhookBacklog
    since: datetime
    reports: dict[date, int] = field(default_factory=dict)
    releases: dict[date, int] = field(default_factory=dict)
    precision: dict[date, tuple[int, int]] = field(default_factory=dict)
    campaigns: list[tuple[int, int]] = field(default_factory=list)
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
    # Blocks standing now (an unblock deletes its row), made in the period, counted once per
    # freelancer however many scopes they used.
    blocked = (
        Block.objects.filter(created_at__gte=since)
        .values_list("sender_id")
        .annotate(n=Count("freelancer", distinct=True))
        .order_by("-n", "sender_id")[:10]
    )
    reported = (
        SpamReport.objects.filter(created_at__gte=since)
        .values_list("message__sender_id")
        .annotate(n=Count("reporter_id", distinct=True))
        .order_by("-n", "message__sender_id")[:10]
    )
    names = _names({sender_id for sender_id, _ in [*blocked, *reported]})
    return MetricsOverview(
        days=rows,
        decisions=list(Outcome.choices),
        top_reasons=top_reasons,
        day_reasons=day_reasons,
        quarantined_now=quarantined_now(),
        quarantined=sum(row.quarantined for row in rows),
        released=sum(row.released for row in rows),
        top_blocked=[(sender_id, names.get(sender_id, ""), n) for sender_id, n in blocked],
        top_reported=[(sender_id, names.get(sender_id, ""), n) for sender_id, n in reported],
        webhooks=webhook_backlog(now=now),
        since=since,
        reports=reports_by_day(since=since),
        releases=releases_by_day(since=since),
        precision=detector_precision_by_day(since=since),
        campaigns=campaign_sizes(since=since),
    )


def _names(sender_ids: set[str]) -> dict[str, str]:
    found = Sender.objects.filter(account_id__in=sender_ids).values_list(
        "account_id", "display_name"
    )
    return {account_id: name for account_id, name in found if name}


def decision_totals(
    *, since: datetime | None = None, until: datetime | None = None
) -> Counter[str]:
    """Return how many messages were checked in [since, until), by the decision at check time."""
    records = DecisionRecord.objects.filter(by=DecidedBy.POLICY)
    if since is not None:
        records = records.filter(at__gte=since)
    if until is not None:
        records = records.filter(at__lt=until)
    return Counter(dict(records.values_list("decision").annotate(n=Count("id")).order_by()))
