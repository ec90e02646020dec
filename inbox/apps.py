"""App config for the inbox: messages, decisions, policy, quarantine."""

from django.apps import AppConfig
from django.core import checks

from .detection.checks import artifact_check


class InboxConfig(AppConfig):
    name = "inbox"
    verbose_name = "Inbox guard"

    def ready(self) -> None:
        checks.register(artifact_check)
