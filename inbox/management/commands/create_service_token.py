"""Create an API key for the messaging system and print it as the last line."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from common.errors import DomainError
from inbox.services import service_token_create


class Command(BaseCommand):
    help = "Create a service API key. The key is printed once, as the last line; store it safely."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="What the key is for, e.g. messaging-prod.")

    def handle(self, *args: Any, name: str, **options: Any) -> None:
        try:
            token, key = service_token_create(name=name)
        except DomainError as error:
            raise CommandError(error.message) from None
        self.stderr.write(f"Created service token {token.pk} ({token.name}); the key follows.")
        self.stdout.write(key)
