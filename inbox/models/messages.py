"""Messages, their decision history, new-contact counters, reports and reviewers' labels."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from ..vocabulary import DecidedBy, MessageKind, Outcome, ReasonCode, ScanState, Standing
from .senders import Sender


def _staff_member() -> models.ForeignKey[Any, Any]:
    """A reviewer or admin who acted, null on almost every row: indexed where set (the model's
    partial index), so the inserts of the hot path write no index for it."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )


class Message(models.Model):
    """A message the messaging system asked about, with its current decision."""

    # Unique by the constraint below, not `unique=True`, which on PostgreSQL adds a second index
    # (for LIKE) that every check would write and no query reads.
    message_id = models.CharField(max_length=128)
    sender_id = models.CharField(max_length=128)
    recipient_id = models.CharField(max_length=128)
    kind = models.CharField(max_length=16, choices=MessageKind.choices)
    thread_id = models.CharField(max_length=128, blank=True, default="")
    # Emptied by retention (body_purged_at set); body_sha256 still answers idempotent retries.
    body = models.TextField(blank=True)
    body_sha256 = models.CharField(max_length=64)
    body_purged_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField()
    received_at = models.DateTimeField(auto_now_add=True)
    unsolicited = models.BooleanField()
    decision = models.CharField(max_length=16, choices=Outcome.choices)
    # Where a held message goes when its scan passes: deliver, or request (the recipient's mode).
    pass_decision = models.CharField(max_length=16, choices=Outcome.choices)
    reasons = models.JSONField(default=list)
    policy_version = models.CharField(max_length=16)
    retry_after = models.PositiveIntegerField(null=True, blank=True)
    decided_at = models.DateTimeField()
    # The scan: pending until a worker has analysed the message. Workers claim pending scans
    # from this table (`scan_enqueued_at`: when a worker claimed it, null until then; a claim
    # older than the lease is taken up again), so nothing is lost when the broker or a worker
    # is down.
    scan_state = models.CharField(
        max_length=16, choices=ScanState.choices, default=ScanState.PENDING
    )
    scan_enqueued_at = models.DateTimeField(null=True, blank=True)
    scanned_at = models.DateTimeField(null=True, blank=True)
    analysis = models.JSONField(default=dict, blank=True)
    spam_label = models.CharField(max_length=8, blank=True, default="")
    spam_score = models.FloatField(null=True, blank=True)
    minhash = models.JSONField(null=True, blank=True)  # near-duplicate signature (campaigns)
    # The foreign keys that are null on almost every row are indexed where they are set only (the
    # partial indexes below): a check's insert then writes none of them.
    campaign = models.ForeignKey(
        "inbox.Campaign",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
        db_index=False,
    )
    # The freelancer deleted it from their review list (its body is purged at once).
    dismissed_at = models.DateTimeField(null=True, blank=True)
    # A reviewer working on it; other reviewers skip claimed items until the claim expires.
    claimed_by = _staff_member()
    claimed_at = models.DateTimeField(null=True, blank=True)
    # Delivered (or requested) but staff should look: a contact-rule finding, or a spam/scam
    # score on a trusted sender's message. `flag_reasons` keeps the finding after the flag is
    # cleared; `flagged_at` is set while the flag stands.
    flagged_at = models.DateTimeField(null=True, blank=True)
    flag_reasons = models.JSONField(default=list, blank=True)
    # A reviewer decided on it as it stands (confirmed it, say): it leaves the queue's default
    # view. Any later move of the message clears it, so a new decision needs a new look.
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = _staff_member()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["message_id"], name="message_id_unique")]
        indexes = [
            *(
                models.Index(
                    fields=[name],
                    name=f"message_{name}",
                    condition=models.Q(**{f"{name}__isnull": False}),
                )
                for name in ("campaign", "claimed_by", "reviewed_by")
            ),
            models.Index(fields=["sender_id", "recipient_id"], name="message_pair"),
            models.Index(
                fields=["flagged_at"],
                name="message_flagged",
                condition=models.Q(flagged_at__isnull=False),
            ),
            models.Index(fields=["recipient_id", "decision"], name="message_recipient_state"),
            models.Index(
                fields=["scan_enqueued_at"],
                name="message_scan_pending",
                condition=models.Q(scan_state="pending"),
            ),
            models.Index(fields=["decision", "received_at"], name="message_state_age"),
        ]

    def __str__(self) -> str:
        return f"{self.message_id} ({self.decision})"

    @property
    def stopped_by_crowd(self) -> bool:
        """Whether it is in quarantine because the crowd signal stopped its sender."""
        return self.decision == Outcome.QUARANTINE and any(
            reason.get("code") == ReasonCode.REPORTED_BY_MANY for reason in self.reasons[:1]
        )

    def held_for_staff(self, sender: Sender | None) -> bool:
        """Whether it waits for trust & safety: the crowd stopped its sender (`sender`), who is
        still under review. Staff release it, not the freelancer; once staff lift the stop, it
        is the freelancer's like any quarantined message."""
        return (
            self.stopped_by_crowd
            and sender is not None
            and sender.effective_standing == Standing.UNDER_REVIEW
        )


class DecisionRecord(models.Model):
    """One entry of a message's history: what was decided, why, by whom, under which policy."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="history")
    decision = models.CharField(max_length=16, choices=Outcome.choices)
    reasons = models.JSONField(default=list)
    by = models.CharField(max_length=16, choices=DecidedBy.choices)
    actor = _staff_member()  # null for the policy's and the scan's decisions
    policy_version = models.CharField(max_length=16)
    # The rules that fired and the facts they saw, for the audit trail.
    trace = models.JSONField(default=list)
    # Everything the pure decision was given (policy decisions only), so it can be replayed.
    inputs = models.JSONField(null=True, blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
        # The metrics' counts of a day, and of today on every scrape, read a range of `at`.
        indexes = [
            models.Index(fields=["at"], name="decision_record_at"),
            models.Index(
                fields=["actor"],
                name="decision_record_actor",
                condition=models.Q(actor__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.message_id}: {self.decision} by {self.by}"


class NewContact(models.Model):
    """The first accepted unsolicited message from a sender to a freelancer (the daily limit)."""

    sender_id = models.CharField(max_length=128)
    recipient_id = models.CharField(max_length=128)
    contacted_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["sender_id", "recipient_id"], name="new_contact_once"),
        ]
        indexes = [models.Index(fields=["sender_id", "contacted_at"], name="new_contact_window")]

    def __str__(self) -> str:
        return f"{self.sender_id} → {self.recipient_id} at {self.contacted_at:%Y-%m-%d %H:%M}"


class SpamReport(models.Model):
    """A freelancer's report that a message is spam or a scam: a labelled example for training."""

    message = models.OneToOneField(Message, on_delete=models.CASCADE, related_name="report")
    reporter_id = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)
    # When the crowd signal counted this report (pipeline/crowd.py); until then the sweep
    # enqueues the check again, so a report made while the broker was down is not lost.
    crowd_checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        # What the sweep asks every few seconds: only the reports not yet counted, a few rows.
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(crowd_checked_at__isnull=True),
                name="report_crowd_unchecked",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reporter_id} reported {self.message_id}"


class TrainingLabel(models.Model):
    """A reviewer's verdict on a message (confirmed spam/scam, or released as ok): training data."""

    class Label(models.TextChoices):
        OK = "ok", "OK"
        SPAM = "spam", "Spam"
        SCAM = "scam", "Scam"

    message = models.OneToOneField(Message, on_delete=models.CASCADE, related_name="label")
    label = models.CharField(max_length=8, choices=Label.choices)
    # The text is kept with the label: retention purges message bodies, not training examples.
    text = models.TextField()
    labelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    labelled_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.message_id}: {self.label}"


class RetentionRun(models.Model):
    """One run of the retention purge: when, and what it removed (shown to staff)."""

    at = models.DateTimeField(db_index=True)
    bodies_purged = models.PositiveIntegerField(default=0)
    contacts_purged = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"retention run at {self.at:%Y-%m-%d %H:%M}"
