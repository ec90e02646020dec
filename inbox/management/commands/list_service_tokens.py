"""List service API keys (never the keys themselves)."""

from typing import Any

from django.core.management.base import BaseCommand

from inbox.models import ServiceToken


class Command(BaseCommand):
    help = "List service API keys with their prefix, creation, last use and revocation."

    def handle(self, *args: Any, **options: Any) -> None:
        for token in ServiceToken.objects.order_by("id"):
            state = f"revoked {token.revoked_at:%Y-%m-%d %H:%M}" if token.revoked_at else "active"
            used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never"
            self.stdout.write(
                f"{token.pk}\t{token.name}\t{token.prefix}…\t"
                f"created {token.created_at:%Y-%m-%d %H:%M}\tlast used {used}\t{state}"
            )
