"""App config for freelancer preferences."""

from django.apps import AppConfig


class PreferencesConfig(AppConfig):
    name = "preferences"
    verbose_name = "Freelancer preferences"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (cache invalidation only)
