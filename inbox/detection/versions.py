"""Versions of the spam model: the one scoring messages now, and switching to another."""

from __future__ import annotations

import io
import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from common.errors import NotFound
from inbox.models import DetectorVersion, PipelineLock

from .artifact import LinearScorer, load_scorer

logger = logging.getLogger(__name__)

SHIPPED = "v0"

CHECK_SECONDS = 60.0  # how stale a process's idea of the active version may be


def version_name(version: int | None) -> str:
    """Return how a version is shown and recorded: "v0" for the shipped artifact, "v3"."""
    return f"v{version or 0}"


@dataclass(frozen=True, slots=True)
class ModelInUse:
    """The model that scores messages in this process, and its version's name."""

    version: str
    scorer: LinearScorer


def artifact_load(artifact: bytes | memoryview) -> Any:
    """Return the model stored by `artifact_dump`."""
    import joblib

    # The bytes were written by detector_retrain in this project's own database.
    return joblib.load(io.BytesIO(bytes(artifact)))


class _Runtime:
    """This process's model in use and when it last asked the database which one is active."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.in_use: ModelInUse | None = None
        self.active_pk: int | None = None
        self.checked_at = float("-inf")
        self.lookup_failing = False

    def current(self) -> ModelInUse:
        in_use = self.in_use
        if in_use is not None and time.monotonic() - self.checked_at < CHECK_SECONDS:
            return in_use
        with self.lock:
            if self.in_use is None or time.monotonic() - self.checked_at >= CHECK_SECONDS:
                self.checked_at = time.monotonic()
                self.in_use = self.refreshed()
            return self.in_use

    def in_hand(self) -> ModelInUse:
        """Return the model in use, or the shipped one if there is none yet."""
        return self.in_use if self.in_use is not None else ModelInUse(SHIPPED, load_scorer())

    def refreshed(self) -> ModelInUse:
        """Return the model of the active version, loading it if it changed."""
        try:
            # In a savepoint: a failed lookup must not spoil a caller's transaction.
            with transaction.atomic():
                active = (
                    DetectorVersion.objects.filter(is_active=True)
                    .values_list("pk", "version")
                    .first()
                )
        except Exception as error:  # no database here, or an outage: none may fail a scan
            if not self.lookup_failing:
                logger.warning("Cannot look up the active detector version (%s)", error)
            self.lookup_failing = True
            return self.in_hand()
        self.lookup_failing = False
        if active is None:
            if self.active_pk is None and self.in_use is not None:
                return self.in_use
            self.active_pk = None
            return ModelInUse(SHIPPED, load_scorer())
        pk, version = active
        if pk == self.active_pk and self.in_use is not None:
            return self.in_use
        try:
            artifact = DetectorVersion.objects.values_list("artifact", flat=True).get(pk=pk)
            scorer = LinearScorer(artifact_load(artifact))
        except Exception:  # a bad artifact must not stop scoring: keep the model in hand
            logger.exception("Cannot load detector %s; keeping the model in use", version)
            return self.in_hand()
        self.active_pk = pk
        logger.info("Scoring with detector %s", version_name(version))
        return ModelInUse(version_name(version), scorer)


_runtime = _Runtime()


def model_in_use() -> ModelInUse:
    """Return the model to score with: the active version's, or the shipped one (v0).

    Cheap: the database is asked which version is active at most once a minute per process.
    """
    return _runtime.current()


def model_in_use_forget() -> None:
    """Make the next `model_in_use` ask the database again (after an activation, in tests)."""
    with _runtime.lock:
        _runtime.checked_at = float("-inf")


def model_in_use_reset() -> None:
    """Forget the model in use entirely (tests: no version leaks from one test to the next)."""
    with _runtime.lock:
        _runtime.in_use, _runtime.active_pk = None, None
        _runtime.checked_at = float("-inf")


def detector_active() -> DetectorVersion | None:
    """Return the active version, or None when the shipped artifact (v0) is in use."""
    return DetectorVersion.objects.filter(is_active=True).first()


def detector_switch(
    version: DetectorVersion | None, *, now: datetime, actor_id: int | None, reason: str
) -> None:
    """Make `version` the only active one (None: the shipped v0), audited; call in a transaction."""
    from inbox.audit import audit_record
    from inbox.vocabulary import AuditAction

    before = DetectorVersion.objects.filter(is_active=True).values_list("version", flat=True)
    previous = version_name(before.first())
    # Off first, then on: the partial unique index allows one active row at every statement.
    DetectorVersion.objects.filter(is_active=True).update(is_active=False)
    if version is not None:
        DetectorVersion.objects.filter(pk=version.pk).update(is_active=True, activated_at=now)
    audit_record(
        actor_id=actor_id,
        action=AuditAction.DETECTOR_ACTIVATE,
        target=f"detector:{version_name(version.version if version else None)}",
        reason=reason,
        before=previous,
    )


def detector_activate(*, version: int, reason: str, actor_id: int | None = None) -> None:
    """Activate a stored version by hand, or the shipped artifact with version 0 (a rollback)."""
    with transaction.atomic():
        PipelineLock.objects.select_for_update().get_or_create(name="detector")
        target = None
        if version:
            target = DetectorVersion.objects.filter(version=version).first()
            if target is None:
                raise NotFound(f"No detector version {version}.")
        detector_switch(target, now=timezone.now(), actor_id=actor_id, reason=reason)
    model_in_use_forget()
