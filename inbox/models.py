"""Inbox models: sender facts, connections, the versioned policy, messages and their decisions."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from .vocabulary import (
    ConnectionKind,
    DecidedBy,
    EventState,
    EventType,
    MessageKind,
    Outcome,
    ScanState,
    Standing,
)


class Sender(models.Model):
    """What the messaging system told us about a client account (CONTRACT §1), taken as given."""

    account_id = models.CharField(max_length=128, unique=True)
    display_name = models.CharField(max_length=200)
    organization_id = models.CharField(max_length=128, blank=True, default="", db_index=True)
    identity_key = models.CharField(max_length=128, blank=True, default="", db_index=True)
    billing_verified = models.BooleanField()
    spent_last_12_months_cents = models.BigIntegerField()
    joined_at = models.DateTimeField()
    first_payment_at = models.DateTimeField(null=True, blank=True)
    standing = models.CharField(max_length=16, choices=Standing.choices)
    updated_at = models.DateTimeField(auto_now=True)
    # Trust & safety's word beats the messaging system's facts until it is lifted; fact upserts
    # never touch these fields.
    standing_override = models.CharField(
        max_length=16, choices=Standing.choices, blank=True, default=""
    )
    standing_override_reason = models.TextField(blank=True, default="")
    standing_override_at = models.DateTimeField(null=True, blank=True)
    standing_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return self.account_id  # the display name is the sender's own, hostile text

    @property
    def effective_standing(self) -> str:
        return self.standing_override or self.standing


class Connection(models.Model):
    """An established relationship between a client and a freelancer (CONTRACT §2)."""

    client_id = models.CharField(max_length=128)
    freelancer_id = models.CharField(max_length=128)
    kind = models.CharField(max_length=32, choices=ConnectionKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["client_id", "freelancer_id", "kind"], name="connection_unique"
            ),
        ]
        indexes = [models.Index(fields=["freelancer_id", "client_id"], name="connection_reverse")]

    def __str__(self) -> str:
        return f"{self.client_id} ↔ {self.freelancer_id} ({self.kind})"


def default_contact_rule() -> dict[str, Any]:
    from .contact_rule import DEFAULT_CONTACT_RULE

    return dict(DEFAULT_CONTACT_RULE)


DEFAULT_MODE_CHOICES = [("allow", "Allow"), ("requests", "Requests"), ("off", "Off")]
ACTIVATION_FIELDS = frozenset({"is_active", "activated_at"})


class Policy(models.Model):
    """One version of the rules. Versions are created, never edited; exactly one is active."""

    number = models.PositiveIntegerField(unique=True, editable=False)
    note = models.CharField(max_length=300, blank=True, default="")
    # Eligibility thresholds; every comparison is strict ("over", "more than").
    min_spend_cents = models.BigIntegerField(
        default=100_000,
        validators=[MinValueValidator(0), MaxValueValidator(10**12)],
        help_text="Spend in the last 12 months must be over this (cents).",
    )
    min_account_age_days = models.PositiveIntegerField(
        default=90,
        validators=[MaxValueValidator(3650)],
        help_text="The sender must have joined more than this many days ago.",
    )
    min_payment_age_days = models.PositiveIntegerField(
        default=90,
        validators=[MaxValueValidator(3650)],
        help_text="The first payment must be more than this many days old.",
    )
    eligibility = models.JSONField(
        default=dict,
        help_text='An expression over rules: {"all": [...]} or {"any": [...]}, nested; rules are '
        "billing_verified, spend, account_age, payment_history, good_standing.",
    )
    daily_new_contact_limit = models.PositiveIntegerField(
        default=5,
        validators=[MaxValueValidator(100_000)],
        help_text="New freelancers a sender may contact unsolicited per window.",
    )
    daily_limit_window_hours = models.PositiveIntegerField(
        default=24, validators=[MinValueValidator(1), MaxValueValidator(24 * 30)]
    )
    hold_unsolicited_for_scan = models.BooleanField(
        default=True, help_text="Hold unsolicited first contact until the scan has decided."
    )
    default_direct_mode = models.CharField(
        max_length=16, choices=DEFAULT_MODE_CHOICES, default="allow"
    )
    default_job_invite_mode = models.CharField(
        max_length=16, choices=DEFAULT_MODE_CHOICES, default="allow"
    )
    campaign_min_recipients = models.PositiveIntegerField(
        default=10, help_text="Near-identical texts to this many freelancers form a campaign."
    )
    campaign_window_hours = models.PositiveIntegerField(
        default=24, validators=[MinValueValidator(1), MaxValueValidator(24 * 30)]
    )
    spam_threshold = models.FloatField(
        default=0.8,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text="Spam/scam scores at or over this quarantine the message.",
    )
    retention_delivered_days = models.PositiveIntegerField(
        default=7, validators=[MinValueValidator(1), MaxValueValidator(3650)]
    )
    retention_quarantined_days = models.PositiveIntegerField(
        default=30, validators=[MinValueValidator(1), MaxValueValidator(3650)]
    )
    contact_rule = models.JSONField(
        default=default_contact_rule,
        help_text="Allowed purposes for sharing contact details, the text senders are shown, and "
        'what the scan does with a finding ("action": "flag" or "quarantine"; default flag).',
    )
    is_active = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    activated_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name_plural = "policies"
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=models.Q(is_active=True), name="one_active_policy"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version}{' (active)' if self.is_active else ''}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Versions are created, never edited: decisions name the version that made them.
        update_fields = kwargs.get("update_fields")
        if self.pk is not None and (
            update_fields is None or not set(update_fields) <= ACTIVATION_FIELDS
        ):
            raise ValueError("Policy versions are immutable; create a new version instead.")
        super().save(*args, **kwargs)

    @property
    def version(self) -> str:
        return f"v{self.number}"

    def rule_values(self) -> dict[str, Any]:
        """Return the thresholds of this version, as `policy_create` takes them."""
        return {name: getattr(self, name) for name in POLICY_RULE_FIELDS}


POLICY_RULE_FIELDS = (
    "min_spend_cents",
    "min_account_age_days",
    "min_payment_age_days",
    "eligibility",
    "daily_new_contact_limit",
    "daily_limit_window_hours",
    "hold_unsolicited_for_scan",
    "default_direct_mode",
    "default_job_invite_mode",
    "campaign_min_recipients",
    "campaign_window_hours",
    "spam_threshold",
    "retention_delivered_days",
    "retention_quarantined_days",
    "contact_rule",
)


class Campaign(models.Model):
    """Near-identical texts sent to many freelancers: every copy is quarantined."""

    # The MinHash signature that copies are compared with.
    signature = models.JSONField()
    preview = models.CharField(max_length=300)
    first_seen_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Campaign {self.pk}"  # its preview is a sender's text


class Message(models.Model):
    """A message the messaging system asked about, with its current decision."""

    message_id = models.CharField(max_length=128, unique=True)
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
    # The scan: pending until a worker has analysed the message (durable: a sweeper re-enqueues
    # pending scans whose lease ran out, so nothing is lost when the broker or a worker is down).
    scan_state = models.CharField(
        max_length=16, choices=ScanState.choices, default=ScanState.PENDING
    )
    scan_enqueued_at = models.DateTimeField(null=True, blank=True)
    scanned_at = models.DateTimeField(null=True, blank=True)
    analysis = models.JSONField(default=dict, blank=True)
    spam_label = models.CharField(max_length=8, blank=True, default="")
    spam_score = models.FloatField(null=True, blank=True)
    minhash = models.JSONField(null=True, blank=True)  # near-duplicate signature (campaigns)
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    # The freelancer deleted it from their review list (its body is purged at once).
    dismissed_at = models.DateTimeField(null=True, blank=True)
    # A reviewer working on it; other reviewers skip claimed items until the claim expires.
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    # Delivered (or requested) but staff should look: a contact-rule finding, or a spam/scam
    # score on a trusted sender's message. `flag_reasons` keeps the finding after the flag is
    # cleared; `flagged_at` is set while the flag stands.
    flagged_at = models.DateTimeField(null=True, blank=True)
    flag_reasons = models.JSONField(default=list, blank=True)

    class Meta:
        indexes = [
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


class DecisionRecord(models.Model):
    """One entry of a message's history: what was decided, why, by whom, under which policy."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="history")
    decision = models.CharField(max_length=16, choices=Outcome.choices)
    reasons = models.JSONField(default=list)
    by = models.CharField(max_length=16, choices=DecidedBy.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    policy_version = models.CharField(max_length=16)
    # The rules that fired and the facts they saw, for the audit trail.
    trace = models.JSONField(default=list)
    # Everything the pure decision was given (policy decisions only), so it can be replayed.
    inputs = models.JSONField(null=True, blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]

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


class ServiceToken(models.Model):
    """An API key of the messaging system. Only a SHA-256 of the key is stored."""

    # What the permissions ask of `request.auth` (common.permissions.is_service).
    is_service_key = True

    name = models.CharField(max_length=100)
    prefix = models.CharField(
        max_length=16, help_text="The key's first characters, to tell keys apart."
    )
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class Fingerprint(models.Model):
    """One LSH band of a message's MinHash: messages sharing a band are candidate copies."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="fingerprints")
    band = models.BigIntegerField()
    recipient_id = models.CharField(max_length=128)
    unsolicited = models.BooleanField()
    created_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["band", "created_at"], name="fingerprint_band")]

    def __str__(self) -> str:
        return f"band {self.band} of {self.message_id}"


class CampaignBand(models.Model):
    """A band that belongs to a campaign: later copies join it with one indexed lookup."""

    band = models.BigIntegerField(unique=True)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="bands")

    def __str__(self) -> str:
        return f"band {self.band} of campaign {self.campaign_id}"


class OutboxEvent(models.Model):
    """A webhook event, written in the same transaction as the change it reports (outbox)."""

    event_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    type = models.CharField(max_length=32, choices=EventType.choices)
    payload = models.JSONField()
    message = models.ForeignKey(
        Message, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    # Makes an event that must happen once (a day's digest) impossible to write twice.
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    state = models.CharField(max_length=16, choices=EventState.choices)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True, default="")

    class Meta:
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="outbox_due",
                condition=models.Q(state="pending"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.event_id} ({self.state})"


class WebhookAttempt(models.Model):
    """One try at delivering an event: what the receiver answered, or the error."""

    event = models.ForeignKey(OutboxEvent, on_delete=models.CASCADE, related_name="attempt_log")
    attempted_at = models.DateTimeField()
    status_code = models.PositiveIntegerField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True, default="")
    duration_ms = models.PositiveIntegerField()

    class Meta:
        ordering = ["attempted_at", "id"]

    def __str__(self) -> str:
        return f"{self.event_id} at {self.attempted_at:%H:%M:%S}: {self.status_code or self.error}"


class PipelineLock(models.Model):
    """A named row that serialises one kind of work across processes (SELECT … FOR UPDATE)."""

    name = models.CharField(max_length=50, primary_key=True)

    def __str__(self) -> str:
        return self.name


class SpamReport(models.Model):
    """A freelancer's report that a message is spam or a scam: a labelled example for training."""

    message = models.OneToOneField(Message, on_delete=models.CASCADE, related_name="report")
    reporter_id = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)

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


class AuditEntry(models.Model):
    """One admin action: who did what to what, when and why. Append-only."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=50)
    target = models.CharField(max_length=200, help_text='e.g. "sender:c-42", "policy:v3"')
    reason = models.TextField(blank=True, default="")
    details = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["target", "at"], name="audit_target")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_id} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("Audit entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("Audit entries are append-only.")


class DetectorVersion(models.Model):
    """A trained spam/scam model with its held-out metrics; exactly one is active at a time.

    Version 0 is the artifact shipped with the code; retraining on reviewers' labels adds
    versions, activated only when they are no worse on the held-out split.
    """

    version = models.PositiveIntegerField(unique=True)
    artifact = models.BinaryField()
    metrics = models.JSONField(default=dict)
    trained_on = models.JSONField(default=dict, help_text="Example counts by source and label.")
    is_active = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    activated_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True, default="")

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=models.Q(is_active=True), name="one_active_detector"
            ),
        ]

    def __str__(self) -> str:
        return f"detector v{self.version}{' (active)' if self.is_active else ''}"
