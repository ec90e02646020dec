"""System checks of the detectors: the shipped spam model must be there at start-up."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.core.checks import CheckMessage, Error

from . import artifact


def artifact_check(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """Report an error when the shipped spam model is missing: nothing could be scored."""
    if artifact.MODEL_PATH.exists():
        return []
    return [
        Error(
            f"No spam model at {artifact.MODEL_PATH}.",
            hint=f"Train it with `{artifact.TRAIN_COMMAND}` (see docs/detection.md).",
            obj="inbox.detection",
            id="inbox.E001",
        )
    ]
