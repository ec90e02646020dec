"""Retrain the spam model on reviewers' feedback; activate a candidate only if no worse."""

from __future__ import annotations

import hashlib
import io
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone

from inbox.models import DetectorVersion, PipelineLock, SpamReport, TrainingLabel

from ..versions import detector_active, detector_switch, model_in_use_forget, version_name
from . import corpora, evaluation, training
from .predictions import Confusion, Predictions, prepare

logger = logging.getLogger(__name__)

TEST_SIZE = 0.25

# The activation rule (docs/detection.md): the candidate's verdicts on the held-out split must
# have an F1, over all rows, at least the current version's; and on each source an F1 at most
# F1_TOLERANCE and a precision at most PRECISION_TOLERANCE below it. The tolerances absorb a
# message or two of noise on a source; a false alarm on a client costs more, so precision's is
# the smaller. The per-source guard is what rejects mislabelled feedback: the held-out
# feedback shares its mistakes, but the public corpora and the marketplace sample do not.
F1_TOLERANCE = 0.01

PRECISION_TOLERANCE = 0.005

RULE = (
    f"held-out verdict F1 over all rows ≥ current; per source F1 ≥ current - {F1_TOLERANCE} "
    f"and precision ≥ current - {PRECISION_TOLERANCE}"
)

SOURCES = (*corpora.CORPORA, "feedback", "reports")


def artifact_dump(model: Any) -> bytes:
    """Return a fitted model as bytes for `DetectorVersion.artifact`."""
    import joblib

    buffer = io.BytesIO()
    joblib.dump(model, buffer, compress=3)
    return buffer.getvalue()


def _trained_through(version: DetectorVersion | None) -> datetime | None:
    """Return the time of the newest feedback `version` was trained on (None: none)."""
    through = (version.trained_on or {}).get("feedback_through") if version else None
    return datetime.fromisoformat(through) if through else None


@dataclass(frozen=True, slots=True)
class Feedback:
    """One labelled message from the platform, and when it was labelled."""

    example: corpora.Example
    at: datetime


def _labels() -> QuerySet[TrainingLabel]:
    return TrainingLabel.objects.exclude(text="")


def _reports() -> QuerySet[SpamReport]:
    return SpamReport.objects.exclude(message__body="")  # a purged body teaches nothing


def feedback_through() -> datetime | None:
    """Return when the newest label or report (with its text) was made; None if there is none."""
    times = [
        _labels().aggregate(newest=Max("labelled_at"))["newest"],
        _reports().aggregate(newest=Max("created_at"))["newest"],
    ]
    return max((time for time in times if time is not None), default=None)


def feedback_new_since(through: datetime | None) -> bool:
    """Return whether any label or report (with its text) is newer than `through`."""
    labels, reports = _labels(), _reports()
    if through is not None:
        labels = labels.filter(labelled_at__gt=through)
        reports = reports.filter(created_at__gt=through)
    return labels.exists() or reports.exists()


def feedback_examples(*, through: datetime | None = None) -> list[Feedback]:
    """Return reviewers' labels and reports (up to `through`) as examples, one per distinct text.

    A reviewer's label beats a freelancer's report of the same message or text (a report the
    reviewer released is `ok`), and the newest label of a text wins: a campaign sent to many
    freelancers is one example, not hundreds, and never on both sides of a split.
    """
    labels, reports = _labels(), _reports()
    if through is not None:
        labels = labels.filter(labelled_at__lte=through)
        reports = reports.filter(created_at__lte=through)
    by_text: dict[str, Feedback] = {}
    labelled: set[int] = set()
    for message_id, label, text, at in labels.order_by("labelled_at", "pk").values_list(
        "message_id", "label", "text", "labelled_at"
    ):
        labelled.add(message_id)
        spam = label != TrainingLabel.Label.OK
        by_text[text] = Feedback(corpora.Example(text, spam, "feedback", category=label), at)
    for message_id, text, at in reports.order_by("created_at", "pk").values_list(
        "message_id", "message__body", "created_at"
    ):
        if message_id not in labelled and text not in by_text:
            by_text[text] = Feedback(corpora.Example(text, True, "reports", category="spam"), at)
    return list(by_text.values())


def feedback_split(
    examples: Sequence[corpora.Example], *, test_size: float = TEST_SIZE
) -> evaluation.Split:
    """Return (train, test): a quarter of each source and label held out, feedback included.

    Rows are taken in the order of a hash of their text, so the split does not depend on the
    order rows were read in; a source and label with two rows or more gives one to the test.
    """
    strata: dict[tuple[str, bool], list[int]] = {}
    for i, example in enumerate(examples):
        strata.setdefault((example.corpus, example.spam), []).append(i)
    test: list[int] = []
    for rows in strata.values():
        rows.sort(key=lambda i: hashlib.sha256(examples[i].text.encode()).digest())
        size = max(1, round(len(rows) * test_size)) if len(rows) >= 2 else 0
        test.extend(rows[:size])
    held = set(test)
    return [i for i in range(len(examples)) if i not in held], sorted(test)


def _source_scores(
    examples: Sequence[corpora.Example], predictions: Predictions
) -> dict[str, dict[str, Confusion]]:
    """Return the verdict's and the model's matrices per source, and over "all" rows."""
    scores: dict[str, dict[str, Confusion]] = {}
    for source in (*SOURCES, "all"):
        wanted = set(SOURCES) if source == "all" else {source}
        rows = {i for i in predictions.index if examples[i].corpus in wanted}
        part = predictions.only(rows.__contains__)
        if part.index:
            scores[source] = {
                what: part.confusion(examples, judged_by=what) for what in ("verdict", "model")
            }
    return scores


def no_worse(candidate: dict[str, Confusion], current: dict[str, Confusion]) -> list[str]:
    """Return why the candidate's verdicts are worse than the current's (per source); [] if not."""
    reasons = []
    if candidate["all"].f1 < current["all"].f1:
        reasons.append(
            f"F1 over all held-out rows {candidate['all'].f1:.4f} < {current['all'].f1:.4f}"
        )
    for source in SOURCES:
        if source not in candidate:
            continue
        new, old = candidate[source], current[source]
        if new.f1 < old.f1 - F1_TOLERANCE:
            reasons.append(f"{source} F1 {new.f1:.4f} < {old.f1:.4f} - {F1_TOLERANCE}")
        if new.precision < old.precision - PRECISION_TOLERANCE:
            reasons.append(
                f"{source} precision {new.precision:.4f} < {old.precision:.4f} - "
                f"{PRECISION_TOLERANCE}"
            )
    return reasons


@dataclass(frozen=True, slots=True)
class RetrainResult:
    """What a retraining run did."""

    version: int | None  # the stored candidate; None when nothing was trained
    activated: bool
    reason: str
    compared_with: str = ""
    metrics: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "version": version_name(self.version) if self.version else None,
            "activated": self.activated,
            "reason": self.reason,
            "compared_with": self.compared_with,
        }


def _counts(examples: Sequence[corpora.Example]) -> dict[str, dict[str, int]]:
    counts: dict[str, Counter[str]] = {}
    for example in examples:
        name = (
            example.category
            if example.corpus == "feedback"
            else ("spam" if example.spam else "ham")
        )
        counts.setdefault(example.corpus, Counter())[name] += 1
    return {source: dict(sorted(counter.items())) for source, counter in counts.items()}


def detector_retrain(*, now: datetime | None = None, data_dir: Path | None = None) -> RetrainResult:
    """Train a candidate on the corpora and all feedback; store it, and activate it if no worse.

    Reviewers' decisions (a release is `ok`, a confirmation `spam` or `scam`: `TrainingLabel`)
    and freelancers' reports whose text is still kept (`SpamReport`: spam) are feedback. The
    candidate and the current version are scored on the same held-out split, and the candidate
    is stored as a `DetectorVersion` with its metrics and activated only when it is no worse
    (`no_worse`). The current version saw most of the held-out rows when it was trained, so
    scoring its artifact on them would grade it on its own homework: instead its *recipe* — the
    shipped corpora and the feedback it was trained on — is fitted again on the training rows of
    the split, next to the candidate's recipe (the same plus the new feedback). Training is
    deterministic, so that is the current version minus the test rows.

    Does nothing when no label or report is newer than the feedback of the newest version
    (active or not: a candidate rejected for some feedback is not retried until more arrives).
    """
    now = now or timezone.now()
    newest = DetectorVersion.objects.order_by("-version").only("version", "trained_on").first()
    if not feedback_new_since(_trained_through(newest)):
        since = f"since {version_name(newest.version)} was trained" if newest else "yet"
        return RetrainResult(None, False, f"No new feedback {since}; nothing to do.")
    data_dir = data_dir or corpora.default_data_dir()
    if not (data_dir / "sms_spam_train.csv").exists():
        return RetrainResult(
            None,
            False,
            f"No training corpora in {data_dir} (sms_spam_train.csv and the rest of shared/data); "
            "set DETECTOR_DATA_DIR to their folder on the worker. Nothing was retrained.",
        )

    active = detector_active()
    current_through = _trained_through(active)
    # Feedback that arrives while this run trains is left for the next one.
    through = feedback_through()
    feedback = feedback_examples(through=through)
    shipped = corpora.load_corpora(data_dir)
    examples = shipped + [item.example for item in feedback]
    # The current version's recipe: the corpora, and the feedback it was trained on.
    in_current = [True] * len(shipped) + [
        current_through is not None and item.at <= current_through for item in feedback
    ]
    prepared = prepare(examples)
    train, test = feedback_split(examples)
    train = evaluation.without_copies(train, test, prepared)
    candidate_predictions = evaluation.out_of_sample(examples, prepared, [(train, test)])
    current_train = [i for i in train if in_current[i]]
    current_predictions = evaluation.out_of_sample(examples, prepared, [(current_train, test)])
    candidate_scores = _source_scores(examples, candidate_predictions)
    current_scores = _source_scores(examples, current_predictions)
    reasons = no_worse(
        {source: scores["verdict"] for source, scores in candidate_scores.items()},
        {source: scores["verdict"] for source, scores in current_scores.items()},
    )
    compared_with = version_name(active.version if active else None)
    metrics: dict[str, Any] = {
        "rule": RULE,
        "compared_with": compared_with,
        "holdout": {
            source: {
                "candidate": {what: c.as_dict() for what, c in candidate_scores[source].items()},
                "current": {what: c.as_dict() for what, c in current_scores[source].items()},
            }
            for source in candidate_scores
        },
        "worse": reasons,
        "estimator": "tfidf(word 1-2, char_wb 2-5) + logistic regression",
        "model_version": training.MODEL_VERSION,
    }
    # The stored model learns from every row, as the shipped one does; its metrics are those of
    # the same recipe on the held-out split.
    model = training.fit(examples, [item.text for item in prepared])
    trained_on: dict[str, Any] = {
        **_counts(examples),
        "feedback_through": through.isoformat() if through else None,
    }
    return _store(
        active=active,
        artifact=artifact_dump(model),
        metrics=metrics,
        trained_on=trained_on,
        feedback_through=through,
        reasons=reasons,
        now=now,
    )


def _store(
    *,
    active: DetectorVersion | None,
    artifact: bytes,
    metrics: dict[str, Any],
    trained_on: dict[str, Any],
    feedback_through: datetime | None,
    reasons: list[str],
    now: datetime,
) -> RetrainResult:
    """Save the candidate under the next number and flip the active flag if it earned it."""
    import sklearn

    compared_with = metrics["compared_with"]
    with transaction.atomic():
        # Two runs at once (beat and a manual one) train in parallel but store one by one.
        PipelineLock.objects.select_for_update().get_or_create(name="detector")
        newest = DetectorVersion.objects.order_by("-version").only("version", "trained_on").first()
        through = _trained_through(newest)
        if through is not None and feedback_through is not None and through >= feedback_through:
            return RetrainResult(
                None,
                False,
                f"{version_name(newest.version if newest else 0)} already learned this feedback.",
            )
        still_active = DetectorVersion.objects.filter(is_active=True).values_list("pk", flat=True)
        if list(still_active) != ([active.pk] if active else []):
            reasons = [*reasons, "the active version changed while this one was trained"]
        activate = not reasons
        metrics = {**metrics, "sklearn": sklearn.__version__}
        candidate = DetectorVersion.objects.create(
            version=(newest.version if newest else 0) + 1,
            artifact=artifact,
            metrics=metrics,
            trained_on=trained_on,
            note=(
                f"Retrained on feedback; no worse than {compared_with}."
                if activate
                else f"Not activated, compared with {compared_with}: {'; '.join(reasons)}"
            )[:300],
        )
        if activate:
            detector_switch(candidate, now=now, actor_id=None, reason=f"Retrained: {RULE}")
    if activate:
        model_in_use_forget()
        reason = f"Activated {version_name(candidate.version)}: no worse than {compared_with}."
    else:
        reason = f"Kept {compared_with}: {'; '.join(reasons)}."
    logger.info("Detector retraining: %s", reason)
    return RetrainResult(candidate.version, activate, reason, compared_with, metrics)
