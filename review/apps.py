"""App config for trust & safety review (it has no tables of its own)."""

from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "review"
    verbose_name = "Trust & safety review"
