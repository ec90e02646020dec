"""App config for the inbox: messages, decisions, policy, quarantine."""

from django.apps import AppConfig
from django.core import checks

from .detection.checks import artifact_check


class InboxConfig(AppConfig):
    name = "inbox"
    verbose_name = "Inbox guard"

    def ready(self) -> None:
        checks.register(artifact_check)
        # Registers the OpenAPI extensions of the strict fields (drf-spectacular finds them by
        # import).
        from . import schema  # noqa: F401
