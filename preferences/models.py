"""Freelancer preferences: contact modes, keyword filters, blocks and trusted senders."""

from django.conf import settings
from django.db import models

from .choices import BlockScope, ContactMode


class Freelancer(models.Model):
    """A freelancer who has preferences or a login. Unknown freelancers get the policy defaults.

    An empty contact mode means "the policy's default", so a policy change reaches everyone who
    never chose.
    """

    account_id = models.CharField(max_length=128, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="freelancer",
    )
    direct_mode = models.CharField(
        max_length=16, choices=ContactMode.choices, blank=True, default=""
    )
    job_invite_mode = models.CharField(
        max_length=16, choices=ContactMode.choices, blank=True, default=""
    )
    keyword_filters = models.JSONField(default=list, blank=True)
    digest_enabled = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.account_id


class Block(models.Model):
    """A freelancer's block. Organization and identity key are captured when the block is made."""

    freelancer = models.ForeignKey(Freelancer, on_delete=models.CASCADE, related_name="blocks")
    sender_id = models.CharField(max_length=128)
    scope = models.CharField(max_length=16, choices=BlockScope.choices)
    organization_id = models.CharField(max_length=128, blank=True, default="")
    identity_key = models.CharField(max_length=128, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    # Set once the sender's earlier messages have been pulled back into quarantine; a sweeper
    # retries blocks where it is still empty, so a broker outage cannot lose the pull-back.
    pulled_back_at = models.DateTimeField(null=True, blank=True)
    # How many of the sender's messages that pull-back moved into quarantine (for the notice).
    pulled_back_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["freelancer", "sender_id", "scope"], name="block_unique_per_scope"
            ),
        ]
        indexes = [
            models.Index(fields=["freelancer", "sender_id"], name="block_by_sender"),
            models.Index(
                fields=["freelancer", "organization_id"],
                name="block_by_org",
                condition=models.Q(scope="organization"),
            ),
            models.Index(
                fields=["freelancer", "identity_key"],
                name="block_by_identity",
                condition=models.Q(scope="linked"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.freelancer} blocks {self.sender_id} ({self.scope})"


class AllowedSender(models.Model):
    """A sender the freelancer trusts: skips opt-out, eligibility, the daily limit and filters."""

    freelancer = models.ForeignKey(Freelancer, on_delete=models.CASCADE, related_name="allowed")
    sender_id = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["freelancer", "sender_id"], name="allowed_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.freelancer} trusts {self.sender_id}"
