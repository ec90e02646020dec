"""Judgements out of sample: what a model and the verdict built on it say, and how often right."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..contacts import find_contacts
from ..purpose import contact_purpose
from ..scoring import Combiner, combine, model_input, signals_for, word_count
from .corpora import Example, ModelText


@dataclass(frozen=True, slots=True)
class Confusion:
    """A confusion matrix of a yes/no judgement; "positive" is spam, scam or "has a detail"."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @classmethod
    def of(cls, truth: Sequence[bool], predicted: Sequence[bool]) -> Confusion:
        """Return the matrix of `predicted` against `truth`."""
        pairs = list(zip(truth, predicted, strict=True))
        return cls(
            tp=sum(t and p for t, p in pairs),
            fp=sum(p and not t for t, p in pairs),
            fn=sum(t and not p for t, p in pairs),
            tn=sum(not t and not p for t, p in pairs),
        )

    def __add__(self, other: Confusion) -> Confusion:
        return Confusion(
            self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.tn + other.tn
        )

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def positives(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        # Nothing flagged means no false alarm: precision 1 (as `training.scores` counts it).
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    @property
    def false_positive_rate(self) -> float:
        return self.fp / (self.fp + self.tn) if self.fp + self.tn else 0.0

    def as_dict(self) -> dict[str, float | int]:
        """Return the counts and the rounded scores, for reports and stored metrics."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True, slots=True)
class Prepared:
    """What judging one example needs besides a model: its model inputs and its signals."""

    text: ModelText
    signals: tuple[str, ...]
    words: int  # `scoring.word_count` of the text


def prepare(examples: Sequence[Example]) -> list[Prepared]:
    """Return the model inputs and signals of each example (the same as `analyze` computes)."""
    prepared = []
    for example in examples:
        findings = find_contacts(example.text)
        spans = findings.matches
        full = model_input(example.text, spans)
        bare = model_input(example.text, spans, placeholders=False) if spans else full
        purpose = contact_purpose(example.text, findings)
        prepared.append(
            Prepared(
                ModelText(full, bare, bool(spans)),
                tuple(signals_for(example.text, findings, purpose)),
                word_count(bare),
            )
        )
    return prepared


@dataclass(frozen=True, slots=True)
class Predictions:
    """Judgements of some examples, each by a model that did not train on it."""

    index: tuple[int, ...] = ()  # positions in the examples
    probability: tuple[float, ...] = ()  # the model's, of the text with contact placeholders
    verdict: tuple[bool, ...] = ()  # the whole analysis: label != ok
    score: tuple[float, ...] = ()  # the verdict's score

    def __add__(self, other: Predictions) -> Predictions:
        return Predictions(
            self.index + other.index,
            self.probability + other.probability,
            self.verdict + other.verdict,
            self.score + other.score,
        )

    def only(self, keep: Callable[[int], bool]) -> Predictions:
        """Return the predictions of the examples at the positions `keep` accepts."""
        rows = list(zip(self.index, self.probability, self.verdict, self.score, strict=True))
        kept = [row for row in rows if keep(row[0])]
        return Predictions(*(tuple(column) for column in zip(*kept, strict=True)))

    def confusion(
        self, examples: Sequence[Example], *, judged_by: str, threshold: float = 0.5
    ) -> Confusion:
        """Return the matrix of the "verdict", of "quarantine" (≥ threshold) or the "model"."""
        truth = [examples[i].spam for i in self.index]
        if judged_by == "verdict":
            return Confusion.of(truth, self.verdict)
        if judged_by == "quarantine":
            flagged = zip(self.verdict, self.score, strict=True)
            return Confusion.of(truth, [v and score >= threshold for v, score in flagged])
        return Confusion.of(truth, [probability >= 0.5 for probability in self.probability])


def predict(
    model: Any,
    examples: Sequence[Example],
    prepared: Sequence[Prepared],
    index: Sequence[int],
    *,
    combiner: Combiner | None = None,
) -> Predictions:
    """Return what `model` and the verdict built on it say of the examples at `index`.

    `combiner` weighs the evidence (the shipped one by default; training passes the one it is
    fitting).
    """
    if not index:
        return Predictions()
    full = model.predict_proba([prepared[i].text.full for i in index])[:, 1]
    bare = model.predict_proba([prepared[i].text.bare for i in index])[:, 1]
    verdicts = [
        combine(
            float(p),
            list(prepared[i].signals),
            bare_probability=float(b),
            words=prepared[i].words,
            combiner=combiner,
        )
        for i, p, b in zip(index, full, bare, strict=True)
    ]
    return Predictions(
        tuple(index),
        tuple(float(p) for p in full),
        tuple(verdict.label != "ok" for verdict in verdicts),
        tuple(verdict.score for verdict in verdicts),
    )
