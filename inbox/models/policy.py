"""The versioned policy: every threshold a check uses, created and activated, never edited."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from preferences.choices import ContactMode


def default_contact_rule() -> dict[str, Any]:
    from ..contact_rule import DEFAULT_CONTACT_RULE

    return dict(DEFAULT_CONTACT_RULE)


ACTIVATION_FIELDS = frozenset({"is_active", "activated_at"})

# Spam/scam scores at or over this quarantine, unless staff set another; the detector's own
# label threshold is never below it (`detection.offline.calibration`).
DEFAULT_SPAM_THRESHOLD = 0.8


class Policy(models.Model):
    """One version of the rules. Versions are created, never edited; exactly one is active."""

    number = models.PositiveIntegerField(unique=True, editable=False)
    note = models.CharField(max_length=300, blank=True, default="")
    # Eligibility thresholds; every comparison is strict ("over", "more than").
    min_spend_cents = models.BigIntegerField(
        "minimum spend in the last 12 months",
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
        max_length=16, choices=ContactMode.choices, default=ContactMode.ALLOW
    )
    default_job_invite_mode = models.CharField(
        max_length=16, choices=ContactMode.choices, default=ContactMode.ALLOW
    )
    campaign_min_recipients = models.PositiveIntegerField(
        default=10, help_text="Near-identical texts to this many freelancers form a campaign."
    )
    campaign_window_hours = models.PositiveIntegerField(
        default=24, validators=[MinValueValidator(1), MaxValueValidator(24 * 30)]
    )
    spam_threshold = models.FloatField(
        default=DEFAULT_SPAM_THRESHOLD,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text="Spam/scam scores at or over this quarantine the message.",
    )
    # The crowd signal: distinct freelancers (who got an unsolicited message from the sender or
    # an account linked to it) blocking or reporting it within the window stop it everywhere.
    crowd_blocks = models.PositiveIntegerField(
        "freelancers blocking, to stop a sender",
        default=5,
        validators=[MinValueValidator(2), MaxValueValidator(10_000)],
    )
    crowd_reports = models.PositiveIntegerField(
        "freelancers reporting, to stop a sender",
        default=3,
        validators=[MinValueValidator(2), MaxValueValidator(10_000)],
    )
    crowd_window_hours = models.PositiveIntegerField(
        "crowd signal window (hours)",
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 30)],
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
    "crowd_blocks",
    "crowd_reports",
    "crowd_window_hours",
    "retention_delivered_days",
    "retention_quarantined_days",
    "contact_rule",
)
