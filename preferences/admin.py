"""Django admin for freelancer preferences (support staff look-ups)."""

from django.contrib import admin

from .models import AllowedSender, Block, Freelancer


class BlockInline(admin.TabularInline):
    model = Block
    extra = 0
    fields = readonly_fields = (
        "sender_id",
        "scope",
        "organization_id",
        "identity_key",
        "created_at",
    )


class AllowedInline(admin.TabularInline):
    model = AllowedSender
    extra = 0
    fields = readonly_fields = ("sender_id", "created_at")


@admin.register(Freelancer)
class FreelancerAdmin(admin.ModelAdmin):
    list_display = ["account_id", "direct_mode", "job_invite_mode", "digest_enabled", "created_at"]
    search_fields = ["account_id"]
    readonly_fields = ["account_id", "user", "created_at", "updated_at"]
    inlines = [BlockInline, AllowedInline]
