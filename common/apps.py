"""The common plumbing as a Django app, so that it registers what it provides at start-up."""

from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = "Common plumbing"

    def ready(self) -> None:
        # Register the `<id:…>` path converter and the OpenAPI extensions for the strict fields
        # and request bodies (both are registered by importing them).
        from . import converters, openapi  # noqa: F401
