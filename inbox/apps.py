"""App config for the inbox: messages, decisions, policy, quarantine."""

from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "inbox"
    verbose_name = "Inbox guard"
