"""The crowd signal: a sender many freelancers block or report is stopped everywhere at once.

Distinct freelancers who received an unsolicited message from the sender (or from an account
linked to it: the same organization or identity key) and then blocked it, or reported one of its
messages, within the policy's window are counted; at `crowd_blocks` blockers or `crowd_reports`
reporters the whole group is put under review (a standing of the service's own, audited), its
messages of the window that the freelancers could see or were waiting are pulled into quarantine,
and its new unsolicited messages wait there for staff (`inbox.policy.decide`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from preferences.models import Block

from .. import selectors
from ..models import (
    AuditEntry,
    DecidedBy,
    Message,
    NewContact,
    Outcome,
    Policy,
    Sender,
    SpamReport,
    Standing,
)
from ..services import message_transition, sender_standing_override
from ..vocabulary import AuditAction, ReasonCode

PULLED_BACK = (Outcome.DELIVER, Outcome.REQUEST, Outcome.HOLD)


@dataclass(frozen=True)
class CrowdCount:
    senders: frozenset[str]  # the sender and the accounts linked to it
    blockers: frozenset[str]  # freelancers (account ids) who count
    reporters: frozenset[str]

    def stops(self, policy: Policy) -> bool:
        return (
            len(self.blockers) >= policy.crowd_blocks or len(self.reporters) >= policy.crowd_reports
        )

    @property
    def words(self) -> str:
        return (
            f"{len(self.blockers)} freelancer{'s' if len(self.blockers) != 1 else ''} blocked "
            f"and {len(self.reporters)} reported"
        )


def linked_senders(sender_id: str) -> frozenset[str]:
    """The sender and every account sharing its organization or identity key."""
    sender = Sender.objects.filter(account_id=sender_id).first()
    linked = Q(account_id=sender_id)
    if sender is not None and sender.organization_id:
        linked |= Q(organization_id=sender.organization_id)
    if sender is not None and sender.identity_key:
        linked |= Q(identity_key=sender.identity_key)
    return frozenset(
        {sender_id, *Sender.objects.filter(linked).values_list("account_id", flat=True)}
    )


# One block or report: when, by which freelancer, against which account.
Event = tuple[datetime, str, str]


@dataclass(frozen=True)
class CrowdEvidence:
    """A group's blocks and reports over a period, and who it wrote to unsolicited."""

    senders: frozenset[str]
    contacted: frozenset[str]
    blocks: tuple[Event, ...]  # oldest first
    reports: tuple[Event, ...]
    report_ids: tuple[int, ...] = ()  # the reports read (SpamReport pks)
    # When staff last cleared each account of the group (those ever cleared).
    cleared: Mapping[str, datetime] = field(default_factory=dict)

    def count(
        self, *, since: datetime, until: datetime, after_clearances: bool = False
    ) -> CrowdCount:
        """Count the freelancers whose blocks and reports in [since, until] count.

        With `after_clearances` (the live check), a block or report against an account staff
        cleared since counts no more: staff judged it. The what-if counts them all.
        """

        def counts(at: datetime, who: str, whom: str) -> bool:
            # Only freelancers the group wrote to unsolicited count: nobody can be brigaded
            # by freelancers it never contacted. Each counts once.
            in_window = since <= at <= until and who in self.contacted
            return in_window and not (after_clearances and self.judged(at, whom))

        def counted(events: tuple[Event, ...]) -> frozenset[str]:
            return frozenset(who for at, who, whom in events if counts(at, who, whom))

        return CrowdCount(self.senders, counted(self.blocks), counted(self.reports))

    def judged(self, at: datetime, whom: str) -> bool:
        """Whether staff cleared `whom` after a block or report made at `at` against it."""
        cleared = self.cleared.get(whom)
        return cleared is not None and at <= cleared

    def moments_of(self, sender_id: str) -> list[datetime]:
        """When each block or report against `sender_id` itself was made, oldest first (the
        windows the live check counts for it: the check after a block or report is the
        blocked or reported account's)."""
        return sorted(at for at, _, whom in (*self.blocks, *self.reports) if whom == sender_id)


def crowd_evidence(*, sender_id: str, since: datetime, until: datetime) -> CrowdEvidence:
    """Return the blocks and reports in [since, until] that count against the sender's group."""
    group = linked_senders(sender_id)
    contacted = frozenset(
        NewContact.objects.filter(sender_id__in=group).values_list("recipient_id", flat=True)
    )
    members = list(
        Sender.objects.filter(account_id__in=group).values_list(
            "account_id", "organization_id", "identity_key", "crowd_cleared_at"
        )
    )
    organizations = {organization for _, organization, _, _ in members if organization}
    identities = {identity for _, _, identity, _ in members if identity}
    covers = Q(sender_id__in=group)
    if organizations:
        covers |= Q(scope="organization", organization_id__in=organizations)
    if identities:
        covers |= Q(scope="linked", identity_key__in=identities)
    blocks = Block.objects.filter(covers, created_at__gte=since, created_at__lte=until)
    reports = SpamReport.objects.filter(
        message__sender_id__in=group, created_at__gte=since, created_at__lte=until
    )
    read = list(
        reports.order_by("created_at").values_list(
            "pk", "created_at", "reporter_id", "message__sender_id"
        )
    )
    return CrowdEvidence(
        senders=group,
        contacted=contacted,
        blocks=tuple(
            blocks.order_by("created_at").values_list(
                "created_at", "freelancer__account_id", "sender_id"
            )
        ),
        reports=tuple((at, who, whom) for _, at, who, whom in read),
        report_ids=tuple(pk for pk, *_ in read),
        cleared=_clearances((account_id, cleared) for account_id, _, _, cleared in members),
    )


def _clearances(members: Iterable[tuple[str, datetime | None]]) -> dict[str, datetime]:
    """Each account's last clearance, of the accounts (account id, `crowd_cleared_at`) ever
    cleared."""
    return {account_id: cleared for account_id, cleared in members if cleared is not None}


def last_crowd_stop(account_id: str) -> AuditEntry | None:
    """The audit entry of the crowd signal's last stop of the account (who blocked, who
    reported, the accounts stopped with it), or None."""
    return (
        AuditEntry.objects.filter(
            action=AuditAction.SENDER_CROWD_STOP, target=f"sender:{account_id}"
        )
        .order_by("-at", "-id")
        .first()
    )


def crowd_check(*, sender_id: str, now: datetime | None = None) -> bool:
    """Stop the sender's group if the crowd says so; return whether it was stopped now.

    The reports it read are marked counted last, once the stop and the pull-back are done: a
    report made while it ran, or a check that failed half-way, is left for the next check (its
    own task's, or the sweep's).
    """
    now = now or timezone.now()
    policy = selectors.policy_get_active()
    since = now - timedelta(hours=policy.crowd_window_hours)
    evidence = crowd_evidence(sender_id=sender_id, since=since, until=now)
    count = evidence.count(since=since, until=now, after_clearances=True)
    stopped = False
    if count.stops(policy):
        with transaction.atomic():
            # The group's rows locked in one order (as a clearance locks them), then checked:
            # a clearance committed since the evidence was read spent some of it.
            locked = Sender.objects.select_for_update().filter(account_id__in=count.senders)
            members = locked.order_by("account_id").values_list("account_id", "crowd_cleared_at")
            raced = _clearances(members) != evidence.cleared
            if not raced:
                stopped = _stop(count, evidence.cleared, since=since, now=now)
        if raced:
            return crowd_check(sender_id=sender_id, now=now)  # count afresh
    # Counted: the reports read, and the group's reports too old for any window to count.
    SpamReport.objects.filter(crowd_checked_at__isnull=True).filter(
        Q(pk__in=evidence.report_ids)
        | Q(message__sender_id__in=count.senders, created_at__lt=since)
    ).update(crowd_checked_at=now)
    return stopped


def _stop(
    count: CrowdCount, cleared: Mapping[str, datetime], *, since: datetime, now: datetime
) -> bool:
    """Put the group under review and pull its messages of the window into quarantine."""
    stopped = False
    for account_id in sorted(count.senders):
        stopped |= _put_under_review(account_id, count, since=since)
    detail = f"Held for trust & safety: {count.words} this sender (or a linked account)."
    reason = {"code": ReasonCode.REPORTED_BY_MANY, "detail": detail}
    # Unsolicited messages only: established relationships are left alone; nor what staff
    # released when they cleared an account.
    window = Message.objects.filter(
        sender_id__in=count.senders,
        unsolicited=True,
        decision__in=PULLED_BACK,
        received_at__gte=since,
    )
    for account_id, cleared_at in cleared.items():
        window = window.exclude(sender_id=account_id, received_at__lte=cleared_at)
    for message in window.order_by("id"):
        message_transition(
            message=message, to=Outcome.QUARANTINE, reasons=[reason], by=DecidedBy.SCAN, now=now
        )
    return stopped


def senders_awaiting_crowd_check(*, limit: int = 1000) -> list[str]:
    """Return senders with a report the crowd signal has not counted, older than the lease
    (the report's own task was lost: the broker was down when it was made)."""
    stale = timezone.now() - timedelta(seconds=settings.WORK_LEASE_SECONDS)
    return list(
        SpamReport.objects.filter(crowd_checked_at__isnull=True, created_at__lt=stale)
        .order_by("message__sender_id")
        .values_list("message__sender_id", flat=True)
        .distinct()[:limit]
    )


def _put_under_review(account_id: str, count: CrowdCount, *, since: datetime) -> bool:
    # Staff's own word (a suspension, a hold, a clearance) stands; so does an earlier stop. An
    # account the messaging system never described has no standing to set.
    if not Sender.objects.filter(account_id=account_id).exists():
        return False
    stopped = sender_standing_override(
        account_id=account_id,
        override=Standing.UNDER_REVIEW,
        reason=f"The crowd signal: {count.words} within the window.",
        actor_id=None,
        action=AuditAction.SENDER_CROWD_STOP,
        only_if_unset=True,
        blockers=sorted(count.blockers),
        reporters=sorted(count.reporters),
        group=sorted(count.senders),  # the accounts stopped together, cleared together
        # Where the window began: the evidence staff see is this window's, whatever the policy's
        # window is by the time they look.
        since=since.isoformat(),
    )
    return stopped is not None


def crowd_what_if(*, policy: Policy, days: int, now: datetime | None = None) -> list[str]:
    """Return the senders (one per linked group) these thresholds would have stopped in the
    last `days` days: the group's blocks and reports checked in a window ending at each of them.

    Each group's evidence is read once for the whole period (a few statements), and the windows
    are counted in memory, so the cost grows with the senders blocked or reported, not with
    every block times every window.
    """
    now = now or timezone.now()
    start = now - timedelta(days=days)
    window = timedelta(hours=policy.crowd_window_hours)
    candidates = set(
        Block.objects.filter(created_at__gte=start).values_list("sender_id", flat=True)
    ) | set(
        SpamReport.objects.filter(created_at__gte=start).values_list(
            "message__sender_id", flat=True
        )
    )
    stopped: list[str] = []
    seen: set[str] = set()
    for sender_id in sorted(candidates):
        if sender_id in seen:
            continue
        evidence = crowd_evidence(sender_id=sender_id, since=start - window, until=now)
        for at in evidence.moments_of(sender_id):  # a window ending at each of its blocks
            # and reports in the period, counted as the live check after it counts
            if at >= start and evidence.count(since=at - window, until=at).stops(policy):
                stopped.append(sender_id)
                seen |= evidence.senders
                break
    return stopped
