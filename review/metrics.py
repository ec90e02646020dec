"""Prometheus metrics at /metrics: counters computed from the database.

The numbers live in the database, not in process memory, so every web process answers the same
and nothing is lost on restart. A scrape builds a registry with one collector that runs a
handful of aggregate queries; the answer is kept in the shared cache for METRICS_CACHE_SECONDS.
The all-time counters count only today's decisions afresh: the days before are counted once a
day and kept in the shared cache (history rows are only ever appended, so a past day's numbers
no longer change), so a scrape costs the same however long the history. Staff sessions and
service keys may read it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from inbox.models import Outcome, ServiceToken
from inbox.services import token_hash

from . import stats


class InboxGuardCollector(Collector):
    """Yield the service's counters, read from the database at collection time."""

    def collect(self) -> Iterator[Metric]:
        now = timezone.now()
        messages = CounterMetricFamily(
            "inboxguard_messages",
            "Messages checked, by the policy's decision at check time.",
            labels=["decision"],
        )
        totals = _all_time("decisions", stats.decision_totals, now)
        for decision in Outcome.values:
            messages.add_metric([decision], totals.get(decision, 0))
        yield messages

        reasons = CounterMetricFamily(
            "inboxguard_reasons",
            "Reasons given, by code, in every decision (the check, the scan, releases, reviews).",
            labels=["code"],
        )
        for code, count in sorted(_all_time("reasons", stats.reason_counts, now).items()):
            reasons.add_metric([code], count)
        yield reasons

        yield GaugeMetricFamily(
            "inboxguard_quarantined_messages",
            "Messages in quarantine now (not deleted).",
            value=stats.quarantined_now(),
        )

        since = now - timedelta(days=stats.METRICS_DAYS)
        quarantined, released = stats.release_totals(since=since)
        yield GaugeMetricFamily(
            "inboxguard_release_rate",
            f"Share of quarantines in the last {stats.METRICS_DAYS} days that a "
            "freelancer or reviewer released: the false-positive estimate.",
            value=released / quarantined if quarantined else 0.0,
        )

        backlog = stats.webhook_backlog(now=now)
        yield GaugeMetricFamily(
            "inboxguard_webhook_backlog",
            "Webhook events waiting to be sent.",
            value=backlog.pending,
        )
        failed = CounterMetricFamily(
            "inboxguard_webhook_failed", "Webhook events given up on after every retry."
        )
        failed.add_metric([], backlog.failed)
        yield failed
        yield GaugeMetricFamily(
            "inboxguard_webhook_oldest_pending_seconds",
            "Age of the oldest webhook event waiting to be sent (0 when none waits).",
            value=backlog.oldest_pending_seconds,
        )


# A past day is counted once it is this old, so decisions committed just after midnight (read
# their clock just before it) are in it.
_SETTLED = timedelta(minutes=10)


def _all_time(name: str, count: Callable[..., Counter[str]], now: datetime) -> Counter[str]:
    """`count` over the whole history: the settled days from the shared cache, today afresh."""
    if settings.METRICS_CACHE_SECONDS <= 0:
        return count()
    boundary = (now - _SETTLED).replace(hour=0, minute=0, second=0, microsecond=0)
    key = f"metrics:{name}:before:{boundary.isoformat()}"
    before = cache.get(key)
    if before is None:
        before = count(until=boundary)
        cache.set(key, before, timeout=2 * 86400)
    return Counter(before) + count(since=boundary)


def _service_key_valid(request: HttpRequest) -> bool | None:
    """Return None without a bearer key, else whether the key is a live service key."""
    scheme, _, key = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    key = key.strip()
    if not key:
        return False
    return ServiceToken.objects.filter(key_hash=token_hash(key), revoked_at__isnull=True).exists()


@never_cache
@require_GET
def metrics_view(request: HttpRequest) -> HttpResponse:
    """Answer the Prometheus text format to a staff session or a service key."""
    key = _service_key_valid(request)
    if key is None:
        user = request.user
        if not user.is_authenticated:
            response = HttpResponse("Sign in as staff or send a service key.\n", status=401)
            response["WWW-Authenticate"] = "Bearer"
            return response
        if not user.is_staff:
            return HttpResponse("Staff only.\n", status=403)
    elif not key:
        response = HttpResponse("The key is not valid or has been revoked.\n", status=401)
        response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
        return response
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)


def exposition() -> bytes:
    """The text a scrape answers: computed at most once per METRICS_CACHE_SECONDS."""
    seconds = settings.METRICS_CACHE_SECONDS
    if seconds > 0:
        cached = cache.get(_CACHE_KEY)
        if cached is not None:
            return bytes(cached)
    registry = CollectorRegistry(auto_describe=False)
    registry.register(InboxGuardCollector())
    text = generate_latest(registry)
    if seconds > 0:
        cache.set(_CACHE_KEY, text, timeout=seconds)
    return text


_CACHE_KEY = "metrics:exposition"
