"""Create (or reset) a freelancer's web login."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from common.errors import DomainError
from preferences.services import freelancer_login_set


class Command(BaseCommand):
    help = "Create a freelancer who can sign in to the web UI, or reset their password."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("account_id", help="The marketplace's account id, e.g. f-7.")
        parser.add_argument("--password", required=True)

    def handle(self, *args: Any, account_id: str, password: str, **options: Any) -> None:
        try:
            freelancer, created = freelancer_login_set(account_id=account_id, password=password)
        except DomainError as error:
            raise CommandError(error.message) from None
        verb = "Created" if created else "Updated"
        self.stdout.write(f"{verb} freelancer {freelancer.account_id}; they can sign in now.")
