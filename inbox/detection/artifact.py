"""The shipped spam model: its artifact on disk, loaded once per process, and a fast scorer."""

from __future__ import annotations

import json
import logging
import math
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

ARTIFACT_DIR = Path(__file__).resolve().parent / "artifacts"
MODEL_PATH = ARTIFACT_DIR / "spam-model.joblib"
TRAIN_COMMAND = "python manage.py train_detector"


class ModelUnavailableError(RuntimeError):
    """The shipped spam model artifact is missing: it is trained offline, never on first use."""


def missing_model_message() -> str:
    """Return what to say when the artifact is missing, with the command that makes it."""
    return (
        f"No spam model at {MODEL_PATH}; train it with `{TRAIN_COMMAND}` "
        "(from the corpora in shared/data, or `--data <folder>`)."
    )


@lru_cache(maxsize=1)
def load_model() -> Any:
    """Return the shipped spam model, loading it once per process; raise if it is missing."""
    import joblib  # deferred: only a process that scores pays for the import
    import sklearn

    if not MODEL_PATH.exists():
        raise ModelUnavailableError(missing_model_message())
    trained_with = model_metadata().get("sklearn")
    if trained_with and trained_with != sklearn.__version__:
        logger.warning(
            "Spam model trained with scikit-learn %s, running %s; retrain with train_detector",
            trained_with,
            sklearn.__version__,
        )
    # The artifact is built by this project (train_detector) and shipped with the code.
    return joblib.load(MODEL_PATH)


def model_metadata() -> dict[str, Any]:
    """Return the metrics and version saved next to the model, or {} if there are none."""
    path = MODEL_PATH.with_suffix(".json")
    if not path.exists():
        return {}
    metadata: dict[str, Any] = json.loads(path.read_text())
    return metadata


class LinearScorer:
    """The fitted TF-IDF + logistic regression pipeline as plain dictionaries, for one text.

    `Pipeline.predict_proba` spends about 2 ms on one short text building sparse matrices;
    scoring one text needs only its n-grams, their idf and coefficient, and two norms. The
    n-grams come from the vectorizers' own analyzers, so the result is the pipeline's, to
    rounding (a test checks it).
    """

    def __init__(self, pipeline: Any) -> None:
        classifier = pipeline.named_steps["classifier"]
        coefficients = classifier.coef_[0]
        self.intercept = float(classifier.intercept_[0])
        self.blocks: list[tuple[Callable[[str], list[str]], dict[str, tuple[float, float]], bool]]
        self.blocks = []
        offset = 0
        for _name, vectorizer in pipeline.named_steps["features"].transformer_list:
            if vectorizer.norm != "l2" or not vectorizer.use_idf:
                raise ValueError("LinearScorer needs l2-normalised TF-IDF features")
            weights = {
                term: (float(vectorizer.idf_[index]), float(coefficients[offset + index]))
                for term, index in vectorizer.vocabulary_.items()
            }
            self.blocks.append((vectorizer.build_analyzer(), weights, vectorizer.sublinear_tf))
            offset += len(vectorizer.vocabulary_)

    def probability(self, text: str) -> float:
        """Return the probability that `text` (already `model_input`) is spam."""
        z = self.intercept
        for analyze, weights, sublinear in self.blocks:
            lookup = weights.get
            dot = norm = 0.0
            for term, count in Counter(analyze(text)).items():
                known = lookup(term)
                if known is None:
                    continue
                idf, coefficient = known
                value = (1.0 + math.log(count) if sublinear else count) * idf
                dot += value * coefficient
                norm += value * value
            if norm:
                z += dot / math.sqrt(norm)
        return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=1)
def load_scorer() -> LinearScorer:
    """Return the fast scorer of the trained model, built once per process."""
    return LinearScorer(load_model())
