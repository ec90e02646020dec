"""App config for trust & safety review (its one table: bulk actions run by the worker)."""

from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "review"
    verbose_name = "Trust & safety review"
