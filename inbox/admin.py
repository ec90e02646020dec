"""Django admin: policy versions (create from the active one, activate), keys, senders, messages."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from common.errors import DomainError

from . import selectors, services
from .detection.preview import safe_preview
from .forms import PolicyDraftForm
from .models import (
    POLICY_RULE_FIELDS,
    AuditEntry,
    Campaign,
    Connection,
    DecisionRecord,
    Message,
    OutboxEvent,
    Policy,
    Sender,
    ServiceToken,
    WebhookAttempt,
)


def inert(value: object, limit: int = 200) -> str:
    """What a sender wrote (a name, a preview), as the review UI shows it: inert text."""
    return safe_preview(str(value), limit) if value is not None else ""


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records written only by the service: visible to staff, never edited by hand."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Policy)
class PolicyAdmin(admin.ModelAdmin):
    """Versions are created from the active one and activated; never edited or deleted."""

    form = PolicyDraftForm  # the same validation as the review UI
    list_display = ["version", "is_active", "note", "created_at", "created_by", "activated_at"]
    list_filter = ["is_active"]
    actions = ["activate"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return []
        return ["number", "is_active", "activated_at", "created_by", "note", *POLICY_RULE_FIELDS]

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        active = selectors.policy_get_active()
        return {"note": f"Based on {active.version}", **active.rule_values()}

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Policy, form: Any, change: bool) -> None:
        if change:
            return  # every field is read-only on an existing version
        created = services.policy_draft(
            values=obj.rule_values(), actor_id=request.user.pk, note=obj.note
        )
        obj.pk, obj.number = created.pk, created.number
        self.message_user(
            request,
            f"Created {created.version}. It takes effect once you activate it.",
            messages.SUCCESS,
        )

    @admin.action(description="Activate the selected version (the next check uses it)")
    def activate(self, request: HttpRequest, queryset: QuerySet[Policy]) -> None:
        if queryset.count() != 1:
            self.message_user(request, "Select exactly one version to activate.", messages.ERROR)
            return
        policy = services.policy_activate(
            policy=queryset.get(),
            actor_id=request.user.pk,
            reason="Activated from the Django admin.",
        )
        self.message_user(request, f"{policy.version} is now active.", messages.SUCCESS)


@admin.register(ServiceToken)
class ServiceTokenAdmin(admin.ModelAdmin):
    """API keys: create (the key is shown once), list and revoke. Only a hash is stored."""

    list_display = ["name", "prefix", "created_at", "last_used_at", "revoked_at"]
    fields = ["name"]
    actions = ["revoke"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["name"] if obj is not None else []

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: ServiceToken, form: Any, change: bool) -> None:
        if change:
            return
        try:
            token, key = services.service_token_create(name=obj.name)
        except DomainError as error:
            self.message_user(request, error.message, messages.ERROR)
            return
        obj.pk = token.pk
        self.message_user(
            request,
            f"The key for {token.name} is {key} — copy it now; it is not shown again.",
            messages.WARNING,
        )

    @admin.action(description="Revoke the selected keys")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ServiceToken]) -> None:
        for token in queryset:
            services.service_token_revoke(token=token)
        self.message_user(request, f"Revoked {queryset.count()} key(s).", messages.SUCCESS)


@admin.register(Sender)
class SenderAdmin(ReadOnlyAdmin):
    list_display = [
        "account_id",
        "name",
        "organization_id",
        "standing",
        "billing_verified",
        "spent_last_12_months_cents",
        "joined_at",
    ]
    list_filter = ["standing", "billing_verified"]
    search_fields = ["account_id", "display_name", "organization_id", "identity_key"]
    exclude = ["display_name"]  # hostile: shown inert by `name`
    readonly_fields = ["name"]

    @admin.display(description="display name", ordering="display_name")
    def name(self, sender: Sender) -> str:
        return inert(sender.display_name, 80)


@admin.register(Connection)
class ConnectionAdmin(ReadOnlyAdmin):
    list_display = ["client_id", "freelancer_id", "kind", "created_at"]
    search_fields = ["client_id", "freelancer_id"]


class DecisionRecordInline(admin.TabularInline):
    model = DecisionRecord
    fields = readonly_fields = (
        "at",
        "decision",
        "by",
        "actor",
        "policy_version",
        "reasons",
        "trace",
    )
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin):
    list_display = [
        "message_id",
        "sender_id",
        "recipient_id",
        "kind",
        "decision",
        "policy_version",
        "received_at",
    ]
    list_filter = ["decision", "kind", "unsolicited", "scan_state", "spam_label", "policy_version"]
    search_fields = ["message_id", "sender_id", "recipient_id"]
    # Bodies and what was found in them are hostile; reviewers read safe previews and the
    # findings in the review UI.
    exclude = ["body", "analysis", "minhash"]
    inlines = [DecisionRecordInline]


class WebhookAttemptInline(admin.TabularInline):
    model = WebhookAttempt
    fields = readonly_fields = ("attempted_at", "status_code", "error", "duration_ms")
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(OutboxEvent)
class OutboxEventAdmin(ReadOnlyAdmin):
    """Webhook events and every delivery attempt: the backlog and what receivers answered."""

    list_display = ["event_id", "type", "state", "attempts", "created_at", "next_attempt_at"]
    list_filter = ["state", "type"]
    search_fields = ["event_id", "message__message_id"]
    inlines = [WebhookAttemptInline]


class CampaignMessageInline(admin.TabularInline):
    model = Message
    fields = readonly_fields = (
        "message_id",
        "sender_id",
        "recipient_id",
        "decision",
        "received_at",
    )
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Campaign)
class CampaignAdmin(ReadOnlyAdmin):
    """One text sent to many freelancers, shown as one cluster with every copy."""

    list_display = ["id", "text", "copies", "senders", "first_seen_at", "last_seen_at"]
    fields = ("text", "first_seen_at", "last_seen_at")
    readonly_fields = ["text"]
    inlines = [CampaignMessageInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Campaign]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                copy_count=Count("messages"),
                sender_count=Count("messages__sender_id", distinct=True),
            )
        )

    @admin.display(description="preview")
    def text(self, campaign: Campaign) -> str:
        return inert(campaign.preview, 300)

    @admin.display(ordering="copy_count")
    def copies(self, campaign: Any) -> int:
        return int(campaign.copy_count)

    @admin.display(ordering="sender_count")
    def senders(self, campaign: Any) -> int:
        return int(campaign.sender_count)


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """The append-only log of admin actions."""

    list_display = ["at", "actor", "action", "what", "why"]
    list_filter = ["action"]
    search_fields = ["target", "reason", "actor__username"]
    fields = readonly_fields = ("at", "actor", "action", "what", "why", "facts")

    @admin.display(description="target", ordering="target")
    def what(self, entry: AuditEntry) -> str:
        return inert(entry.target)

    @admin.display(description="reason")
    def why(self, entry: AuditEntry) -> str:
        return inert(entry.reason, 1000)

    @admin.display(description="details")
    def facts(self, entry: AuditEntry) -> str:
        return inert(", ".join(f"{key}: {value}" for key, value in entry.details.items()), 1000)
