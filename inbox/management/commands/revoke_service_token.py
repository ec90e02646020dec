"""Revoke a service API key by id or prefix."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from inbox.models import ServiceToken
from inbox.services import service_token_revoke


class Command(BaseCommand):
    help = "Revoke a service API key given its id or its prefix (see list_service_tokens)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("token", help="The token's id or prefix.")

    def handle(self, *args: Any, token: str, **options: Any) -> None:
        found = ServiceToken.objects.filter(prefix=token.rstrip("…"))
        if token.isdigit():
            found = ServiceToken.objects.filter(pk=int(token))
        if found.count() != 1:
            raise CommandError(f"No single service token matches {token!r}.")
        revoked = service_token_revoke(token=found.get())
        self.stdout.write(f"Revoked {revoked.pk} ({revoked.name}).")
