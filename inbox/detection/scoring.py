"""Spam and scam scoring: a learned text model combined with small marketplace signals."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from common.text import skeleton

from .artifact import LinearScorer, ModelUnavailableError, missing_model_message, model_metadata
from .contacts import ContactFindings, Span
from .signals import signals_for

Label = Literal["ok", "spam", "scam"]
# The model's own "more likely spam than not", used to ask whether contact details decide.
MODEL_THRESHOLD = 0.5

# Signals that say how a scam works; one of them makes a high score a `scam`, not `spam`.
SCAM_SIGNALS = frozenset(
    {
        "offsite_move",
        "platform_evasion",
        "money_upfront",
        "personal_data",
        "lookalike_link",
        "crypto",
        "task_scam",
        "advance_fee",
        "account_phishing",
    }
)
# Evidence that only says the message shares contact details or a link, or who sent it.
CONTACT_ONLY_SIGNALS = frozenset({"offsite_move", "shortened_link", "new_sender"})
# Facts about the sender, not the text. The corpora say nothing about senders, so their weights
# cannot be learned: a campaign (the same text to many freelancers) is strong evidence on its
# own, a new account weak (real clients are new too).
CONTEXT_WEIGHTS: dict[str, float] = {"new_sender": 0.5, "campaign": 2.5}
# The model's impression of a text this short ("645", "Check with the neurologist.") is noise.
MIN_WORDS = 4
_LOGIT_LIMIT = 8.0


@dataclass(frozen=True, slots=True)
class Combiner:
    """How the evidence about one message becomes a calibrated probability and a label.

    `weights` maps each kind of evidence (see `evidence`) to its log-odds weight; `threshold`
    is the operating point: a message scoring at or above it is labelled spam or scam. Both
    are fitted offline (`offline.calibration`) and shipped in the model's metadata.
    """

    bias: float
    weights: dict[str, float]
    threshold: float

    def as_dict(self) -> dict[str, Any]:
        """Return the combiner as JSON-ready data (the artifact's `combiner`)."""
        return {"bias": self.bias, "weights": dict(self.weights), "threshold": self.threshold}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Combiner:
        """Return the combiner stored as `data` by `as_dict`."""
        return cls(
            bias=float(data["bias"]),
            weights={str(k): float(v) for k, v in data["weights"].items()},
            threshold=float(data["threshold"]),
        )

    def log_odds(self, evidence: dict[str, float]) -> float:
        """Return the log-odds that a message with this `evidence` is spam or scam."""
        weights = self.weights
        return self.bias + sum(weights.get(name, 0.0) * value for name, value in evidence.items())


@lru_cache(maxsize=1)
def shipped_combiner() -> Combiner:
    """Return the combiner fitted with the shipped model; raise if the artifact has none."""
    combiner = model_metadata().get("combiner")
    if combiner is None:
        raise ModelUnavailableError(missing_model_message())
    return Combiner.from_dict(combiner)


@dataclass(frozen=True, slots=True)
class SpamVerdict:
    """The spam/scam judgement of one message (CONTRACT §6 `spam`)."""

    label: Label
    score: float
    signals: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Return the contract's `spam` object."""
        return {"label": self.label, "score": self.score, "signals": list(self.signals)}


# --- Model input -----------------------------------------------------------------------------

_DIGITS = re.compile(r"\d")


def model_input(text: str, spans: Iterable[Span] = (), *, placeholders: bool = True) -> str:
    """Return the text the model reads: look-alikes folded, digits 0, contact details replaced.

    Each contact detail becomes a placeholder ("_url_", "_phone_"), or nothing when
    `placeholders` is false: the model may learn that a link next to "claim your prize" is
    spammy, and the verdict asks it again without the details to make sure that the details
    alone never decide. Digits become 0 so that "$1,100" and "$2,650" are the same evidence.
    """
    pieces: list[str] = []
    last = 0
    for start, end, kind in sorted(spans):
        if start >= last:
            pieces.append(text[last:start])
            pieces.append(f" _{kind}_ " if placeholders else " ")
        last = max(last, end)
    pieces.append(text[last:])
    return _DIGITS.sub("0", skeleton("".join(pieces)))


# --- Model -----------------------------------------------------------------------------------


def spam_probabilities(texts: list[str], model: Any = None) -> list[float]:
    """Return the probability that each text (already `model_input`) is spam.

    `model` is a `LinearScorer` or a fitted pipeline to use instead of the model in use: the
    active `DetectorVersion`'s, or the shipped artifact (see `versions.model_in_use`).
    """
    if model is None:
        from .versions import model_in_use  # deferred: versions reads the database

        model = model_in_use().scorer
    if isinstance(model, LinearScorer):
        return [model.probability(text) for text in texts]
    return [float(row[1]) for row in model.predict_proba(texts)]


# --- Verdict ---------------------------------------------------------------------------------


def _logit(probability: float) -> float:
    probability = min(max(probability, 1e-6), 1 - 1e-6)
    return max(-_LOGIT_LIMIT, min(_LOGIT_LIMIT, math.log(probability / (1 - probability))))


_WORDS = re.compile(r"[a-z]{2,}")


def word_count(text: str) -> int:
    """Return how many words of two letters or more `text` has (what "too short" counts)."""
    return len(_WORDS.findall(skeleton(text)))


def evidence(
    probability: float, signals: Iterable[str], *, bare_probability: float | None = None
) -> dict[str, float]:
    """Return the evidence the combiner weighs: the model's log-odds, with and without the
    contact details, each text signal that fired, and whether none did."""
    bare = probability if bare_probability is None else bare_probability
    fired = set(signals) - set(CONTEXT_WEIGHTS)
    found: dict[str, float] = {"model": _logit(probability), "model_bare": _logit(bare)}
    found.update({f"signal:{name}": 1.0 for name in fired})
    if not fired:
        found["no_signal"] = 1.0
    return found


def combine(
    probability: float,
    signals: list[str],
    *,
    bare_probability: float | None = None,
    words: int | None = None,
    combiner: Combiner | None = None,
) -> SpamVerdict:
    """Return the verdict for the model's probabilities and the signals that fired.

    Two kinds of evidence meet here. The *model* reads the words and character n-grams of a
    message and gives the probability that it is spam; it catches the style of spam. The
    *signals* (`signals`) are small detectors for the ways scams and spam are aimed at the
    reader — moving the conversation to a messenger and the excuses for it, money up front,
    personal data, crypto returns, paid "tasks", look-alike and shortened links, easy-money
    pitches, advertising, premium-rate billing, threats — plus two facts from outside the text:
    a new sender, and a message sent as part of a campaign.

    The `combiner` (the shipped one by default) weighs them in log-odds, with weights fitted
    offline on predictions for messages the model never saw, so each signal is an explainable
    amount of evidence and the score a calibrated probability. With no signal at all the model
    must be far surer: a genuine business text it misreads has nothing else against it. At or
    above the combiner's threshold a message is `scam` when a scam-type signal fired and `spam`
    otherwise.

    Contact details alone never make a message spam or scam (they are the contact rule's
    matter). The model reads them only as placeholders ("_url_"), and the verdict asks it a
    second time about the text without them (`bare_probability`): when that answer is below
    0.5 and the only signals are contact-only ones, the score is capped below the threshold.
    `words` is the `word_count` of the text outside its contact details: with fewer than
    `MIN_WORDS`, the model alone cannot make it spam, nor can it with contact-only signals.
    """
    combiner = combiner or shipped_combiner()
    bare = probability if bare_probability is None else bare_probability
    found = evidence(probability, signals, bare_probability=bare)
    z = combiner.log_odds(found) + sum(CONTEXT_WEIGHTS.get(signal, 0.0) for signal in signals)
    score = 1 / (1 + math.exp(-z))
    threshold = combiner.threshold
    textual = set(signals) - CONTACT_ONLY_SIGNALS
    too_short = words is not None and words < MIN_WORDS
    if score >= threshold and (bare < MODEL_THRESHOLD or too_short) and not textual:
        # Sharing contact details is for the contact rule to judge, not a spam verdict; and
        # the model's impression of a few words is noise.
        score = threshold - 0.01
    label: Label = "ok"
    if score >= threshold:
        label = "scam" if SCAM_SIGNALS.intersection(signals) else "spam"
    return SpamVerdict(label=label, score=round(score, 4), signals=signals)


def score_message(
    text: str,
    findings: ContactFindings,
    purpose: str | None,
    *,
    new_sender: bool = False,
    campaign: bool = False,
    model: Any = None,
) -> SpamVerdict:
    """Return the spam/scam verdict for `text`, given its contact details and their purpose."""
    signals = signals_for(text, findings, purpose, new_sender=new_sender, campaign=campaign)
    inputs = [model_input(text, findings.matches)]
    if findings.matches:
        inputs.append(model_input(text, findings.matches, placeholders=False))
    probabilities = spam_probabilities(inputs, model)
    return combine(
        probabilities[0], signals, bare_probability=probabilities[-1], words=word_count(inputs[-1])
    )
