"""Tests of the spam/scam scoring: the label logic, the model and its quality."""

from __future__ import annotations

import pytest

from inbox.detection import artifact, scoring
from inbox.detection.artifact import LinearScorer
from inbox.detection.checks import artifact_check
from inbox.detection.contacts import find_contacts
from inbox.detection.scoring import Combiner, combine, model_input

# --- Label logic -----------------------------------------------------------------------------

# A combiner with round numbers, so these tests pin the logic and not the fitted weights.
COMBINER = Combiner(
    bias=0.0,
    weights={
        "model": 1.0,
        "model_bare": 0.0,
        "signal:money_upfront": 4.0,
        "signal:crypto": 3.5,
        "signal:platform_evasion": 2.5,
        "signal:offsite_move": 1.5,
        "signal:promo": 1.25,
        "signal:shortened_link": 1.0,
        "no_signal": -1.0,
    },
    threshold=0.6,
)


def test_high_score_with_a_scam_signal_is_scam():
    verdict = combine(0.6, ["money_upfront"], combiner=COMBINER)
    assert verdict.label == "scam"
    assert verdict.score > 0.9


def test_high_score_without_scam_signals_is_spam():
    verdict = combine(0.97, ["promo"], combiner=COMBINER)
    assert verdict.label == "spam"


def test_a_score_below_the_operating_threshold_is_ok():
    verdict = combine(0.7, [], combiner=COMBINER)  # log-odds 0.85 - 1 < logit(0.6)
    assert verdict.label == "ok"
    assert verdict.score < COMBINER.threshold


def test_the_model_alone_must_be_surer_than_with_a_signal():
    alone = combine(0.8, [], combiner=COMBINER)
    assert alone.score < combine(0.8, ["promo"], combiner=COMBINER).score


def test_low_score_is_ok_even_with_weak_signals():
    verdict = combine(0.05, ["promo", "new_sender"], combiner=COMBINER)
    assert verdict.label == "ok"


def test_campaign_turns_a_borderline_message_into_spam():
    assert combine(0.65, [], combiner=COMBINER).label == "ok"
    assert combine(0.65, ["campaign"], combiner=COMBINER).label == "spam"


def test_contact_details_alone_never_make_spam():
    # The model liked the message only because of its link or number; nothing else fired.
    verdict = combine(
        0.95,
        ["offsite_move", "shortened_link", "new_sender"],
        bare_probability=0.1,
        combiner=COMBINER,
    )
    assert verdict.label == "ok"
    assert verdict.score < COMBINER.threshold


def test_a_text_of_few_words_is_never_spam_on_the_model_alone():
    assert combine(0.99, [], words=2, combiner=COMBINER).label == "ok"
    assert combine(0.99, [], words=12, combiner=COMBINER).label == "spam"


def test_other_evidence_beside_contact_details_still_counts():
    verdict = combine(
        0.3, ["offsite_move", "platform_evasion"], bare_probability=0.3, combiner=COMBINER
    )
    assert verdict.label == "scam"


def test_scores_are_probabilities():
    signals = [name.removeprefix("signal:") for name in COMBINER.weights]
    for probability in (0.0, 1e-9, 0.5, 1 - 1e-9, 1.0):
        for fired in ([], signals, ["campaign", "new_sender"]):
            assert 0.0 <= combine(probability, fired, combiner=COMBINER).score <= 1.0


def test_verdict_as_dict_has_the_contract_shape():
    verdict = combine(0.6, ["crypto"], combiner=COMBINER)
    assert verdict.as_dict() == {"label": "scam", "score": verdict.score, "signals": ["crypto"]}


def test_combiner_survives_its_json_form():
    assert Combiner.from_dict(COMBINER.as_dict()) == COMBINER


def test_the_shipped_combiner_is_calibrated_evidence():
    combiner = scoring.shipped_combiner()
    assert 0.5 <= combiner.threshold < 1.0
    signal_weights = {k: v for k, v in combiner.weights.items() if k.startswith("signal:")}
    # Every signal named in a verdict counts for it, never against.
    assert signal_weights
    assert all(weight >= 0 for weight in signal_weights.values())
    assert combiner.weights["no_signal"] < 0


# --- Model input and the saved model ---------------------------------------------------------


def test_model_input_replaces_contact_details_and_digits():
    text = "Call +1 212 555 0102 or see bit.ly/x1 for $1,100 weekly"
    spans = find_contacts(text).matches
    assert model_input(text, spans) == "call  _phone_  or see  _url_  for $0,000 weekly"
    assert model_input(text, spans, placeholders=False) == "call   or see   for $0,000 weekly"


def test_model_input_folds_look_alike_letters():
    assert model_input("\u0421RYPT\u041e") == "crypto"


def test_fast_scorer_matches_the_pipeline():
    model = artifact.load_model()
    scorer = LinearScorer(model)
    texts = [
        model_input(text)
        for text in (
            "WINNER!! claim your prize, call now",
            "hey, are you free for a call tomorrow?",
            "Congrats! pay the $45 onboarding fee to start",
            "",
            "ok",
        )
    ]
    expected = model.predict_proba(texts)[:, 1]
    for text, probability in zip(texts, expected, strict=True):
        assert scorer.probability(text) == pytest.approx(probability, abs=1e-6)


def test_shipped_model_is_small():
    assert artifact.MODEL_PATH.stat().st_size < 5 * 1024 * 1024


def test_missing_model_raises_an_error_naming_the_command_and_never_trains(tmp_path, monkeypatch):
    monkeypatch.setattr(artifact, "MODEL_PATH", tmp_path / "spam-model.joblib")
    artifact.load_model.cache_clear()
    try:
        with pytest.raises(
            artifact.ModelUnavailableError, match=r"python manage\.py train_detector"
        ):
            artifact.load_model()
    finally:
        artifact.load_model.cache_clear()
    assert list(tmp_path.iterdir()) == []


def test_system_check_reports_a_missing_model_with_the_command(tmp_path, monkeypatch):
    assert artifact_check() == []
    monkeypatch.setattr(artifact, "MODEL_PATH", tmp_path / "spam-model.joblib")
    (error,) = artifact_check()
    assert error.id == "inbox.E001"
    assert error.is_serious()
    assert "python manage.py train_detector" in (error.hint or "")


def test_the_inbox_app_registers_the_model_check():
    from django.core.checks.registry import registry

    assert artifact_check in registry.get_checks()
