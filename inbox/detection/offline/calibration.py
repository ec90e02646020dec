"""Fit the verdict's combination of evidence and choose its operating threshold (offline only).

The spam model's probability, the signals that fired and the length of the text are combined in
log-odds by a logistic regression fitted on out-of-fold predictions: each message is scored by a
model that never saw it, so the weights learn how far the model can be trusted on text it has not
seen. The result is a calibrated probability ("0.9" means about nine in ten such messages were
spam or scams in the training mix). The threshold at which a message is labelled spam or scam is
chosen for a false-alarm budget on genuine job posts and work email, not for accuracy.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from inbox.models.policy import DEFAULT_SPAM_THRESHOLD

from ..scoring import Combiner

# Out of fold, at most this share of genuine job posts and of genuine work email may be flagged.
JOB_POST_BUDGET = 0.005
WORK_EMAIL_BUDGET = 0.015
# Never below the default policy's quarantine threshold: under the default policy, a message
# labelled spam or scam is one the scan quarantines (or flags, for a trusted sender), and the
# analysis never calls spam what the service then delivers without a word.
THRESHOLD_GRID = [round(DEFAULT_SPAM_THRESHOLD + step / 100, 2) for step in range(20)]


def fit_combiner(
    evidence: Sequence[Mapping[str, float]], labels: Sequence[bool], weights: Sequence[float]
) -> Combiner:
    """Return the logistic regression of `labels` on `evidence`, with no signal counting against.

    A signal that fires more often on genuine text than on spam would get a negative weight;
    such a signal is dropped (its weight 0) and the rest refitted, so that every signal named in
    a verdict is evidence for it.
    """
    from sklearn.linear_model import LogisticRegression

    names = sorted({name for row in evidence for name in row})
    while True:
        matrix = [[row.get(name, 0.0) for name in names] for row in evidence]
        regression = LogisticRegression(C=1.0, max_iter=5000)
        regression.fit(matrix, labels, sample_weight=weights)
        coefficients = dict(zip(names, (float(c) for c in regression.coef_[0]), strict=True))
        negative = [n for n in names if n.startswith("signal:") and coefficients[n] < 0]
        if not negative:
            break
        names = [name for name in names if name not in negative]
    return Combiner(
        bias=round(float(regression.intercept_[0]), 4),
        weights={name: round(weight, 4) for name, weight in coefficients.items()},
        threshold=0.5,
    )


@dataclass(frozen=True, slots=True)
class FalseAlarms:
    """How often genuine messages of each kind score at or above a threshold."""

    threshold: float
    job_posts: float
    work_email: float


def false_alarms(scores: Sequence[float], kinds: Sequence[str], threshold: float) -> FalseAlarms:
    """Return the false-alarm rates at `threshold`; `kinds` marks each genuine message's kind
    ("job_post", "work_email"; anything else is not counted)."""

    def rate(kind: str) -> float:
        judged = [score >= threshold for score, k in zip(scores, kinds, strict=True) if k == kind]
        return sum(judged) / len(judged) if judged else 0.0

    return FalseAlarms(threshold, rate("job_post"), rate("work_email"))


def choose_threshold(scores: Sequence[float], kinds: Sequence[str]) -> FalseAlarms:
    """Return the lowest threshold of the grid (from the default policy's quarantine threshold
    up) within both false-alarm budgets (0.99 if none is)."""
    for threshold in THRESHOLD_GRID:
        alarms = false_alarms(scores, kinds, threshold)
        if alarms.job_posts <= JOB_POST_BUDGET and alarms.work_email <= WORK_EMAIL_BUDGET:
            return alarms
    return false_alarms(scores, kinds, THRESHOLD_GRID[-1])
