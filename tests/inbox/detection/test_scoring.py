"""Tests of the spam/scam scoring: each signal, the label logic, the model and its quality."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from inbox.detection import scoring, training
from inbox.detection.contacts import find_contacts
from inbox.detection.purpose import contact_purpose
from inbox.detection.scoring import (
    LinearScorer,
    combine,
    is_lookalike_domain,
    model_input,
    signals_for,
)

DATA = Path(settings.BASE_DIR).parent / "shared" / "data"


def _signals(text: str, **context: bool) -> list[str]:
    findings = find_contacts(text)
    return signals_for(text, findings, contact_purpose(text, findings), **context)


# --- Signals ---------------------------------------------------------------------------------

FIRES = [
    # offsite_move: an invitation to continue elsewhere, or contact details shared.
    ("offsite_move", "can we continue this chat on WhatsApp?"),
    ("offsite_move", "Our recruiter will interview you via Telegram."),
    ("offsite_move", "text me on my cell, it's easier"),
    ("offsite_move", "my telegram is @pixel_maya"),
    ("offsite_move", "Details on T·e·l·e·g·r·a·m if you're curious."),
    # platform_evasion: reasons given for leaving the platform.
    ("platform_evasion", "let's move this to email to avoid the platform fees"),
    ("platform_evasion", "this app keeps logging me out lol, whatsapp me"),
    ("platform_evasion", "my account here has limited access, contact me on skype"),
    ("platform_evasion", "She only does quick calls on Telegram."),
    ("platform_evasion", "I'll pay you directly, outside of the platform"),
    # money_upfront: the freelancer pays first.
    ("money_upfront", "To activate your account, pay a $35 onboarding fee."),
    ("money_upfront", "New accounts hold a $30 security deposit, refunded later."),
    ("money_upfront", "Deposit the cheque and send the rest to our vendor."),
    ("money_upfront", "Please purchase the required software license from our partner site."),
    ("money_upfront", "Pay with an Apple gift card or Steam card."),
    ("money_upfront", "Our supplier only takes payment through a Bitcoin ATM."),
    ("money_upfront", "re-ship the packages with the prepaid labels we email you"),
    ("money_upfront", "settle the invoice from our partner by Zelle the same day"),
    # personal_data: documents and credentials.
    ("personal_data", "we need your SSN and a photo of your ID card"),
    ("personal_data", "What's your PayPal email and password?"),
    ("personal_data", "upload a photo of your driver's license and a bank statement"),
    ("personal_data", "Confirm your details at the link to keep receiving payments."),
    ("personal_data", "it might ask you to log in with google, just do it"),
    ("personal_data", "send me a selfie holding your passport"),
    # urgency
    ("urgency", "Confirm within 24h or lose access."),
    ("urgency", "Reply ASAP, this is urgent!"),
    ("urgency", "your account will be suspended"),
    # shortened_link and lookalike_link
    ("shortened_link", "the brief is at bit.ly/3xYz"),
    ("shortened_link", "see tinyurl(.)com/abc-def"),
    ("lookalike_link", "Verify at upw0rk-payouts.com/verify"),
    ("lookalike_link", "accept it here: contracts-freelance-center.test/accept?id=1"),
    ("lookalike_link", "log in at paypal-secure-login.com"),
    ("lookalike_link", "open p\u0430yp\u0430l.com/login"),
    # crypto
    ("crypto", "pool funds into a DeFi yield vault, 1.2% daily"),
    ("crypto", "we'd like to pay your invoice in ETH"),
    ("crypto", "keep a working balance of 100 USDT"),
    ("crypto", "have you tried copy-trading? my account grew from $600 to $4,100"),
    ("crypto", "send your BTC wallet address"),
    # task_scam
    ("task_scam", "we pay $3 per Google review, screenshot it and get paid"),
    ("task_scam", "submit 30 ratings per round, $0.90 each"),
    ("task_scam", "save & comment on Pinterest pins, 1.5$ each"),
    ("task_scam", "$5 per like, paid daily"),
    ("task_scam", "your trial commission has been sent to your task account"),
    ("task_scam", "Recharge your account to unlock the next set of orders"),
    # mass_pitch
    ("mass_pitch", "Our team has selected your profile for a remote role."),
    ("mass_pitch", "Remote job opening, $45/hour, no interview, from your phone"),
    ("mass_pitch", "I'm reaching out to a few freelancers with strong reviews."),
    ("mass_pitch", "$1,100 weekly, training included, kindly revert"),
    # promo
    ("promo", "Check out my new channel and subscribe!"),
    ("promo", "WINNER!! Claim your prize now, reply STOP to opt out"),
    ("promo", "How to make money fast from home"),
]


@pytest.mark.parametrize(("signal", "text"), FIRES)
def test_signal_fires_on_its_kind_of_message(signal, text):
    assert signal in _signals(text)


QUIET = [
    # Legitimate clients mention money, messengers, links, documents and urgency too.
    ("money_upfront", "Budget for this phase is $600, paid per milestone."),
    ("money_upfront", "We'd like to pay a 30% deposit upfront through the platform."),
    ("money_upfront", "We need a landing page for our Bitcoin ATM network."),
    ("money_upfront", "Can you send the invoice for the extra revisions?"),
    ("money_upfront", "Could you check the deposit flow in our banking app for bugs?"),
    ("personal_data", "We're building an identity verification microservice (document OCR)."),
    ("personal_data", "Our app needs passport photo upload with face detection."),
    ("personal_data", "Send me your GitHub username and I'll give you access."),
    ("personal_data", "Fix the bug where the password reset email isn't sent."),
    ("crypto", "Design onboarding for our crypto portfolio tracker (read-only, no trading)."),
    ("crypto", "Translate our crypto exchange's help center into Spanish."),
    ("task_scam", "We pay $0.10 per word for blog posts."),
    ("task_scam", "Looking at $20-30 per video for 20 product videos."),
    ("task_scam", "Could you write 10 product reviews for our blog? $40 per article."),
    ("offsite_move", "We need a Discord + Telegram bot that posts new arrivals."),
    ("offsite_move", "Can you integrate WhatsApp Business API notifications?"),
    ("offsite_move", "Let's schedule a short video interview on Zoom."),
    ("offsite_move", "Which Google email should I share the dashboards with?"),
    ("platform_evasion", "Please call me through the platform's call feature."),
    ("mass_pitch", "Hi, I need a medical translator for patient leaflets, 9 documents."),
    ("mass_pitch", "Dear freelancer, thank you for your proposal."),
    ("lookalike_link", "Our current site is www.greenleaf-bakery.com"),
    ("lookalike_link", "The guide is at https://drive.google.com/file/d/1AbC/view"),
    ("lookalike_link", "pay me at paypal.me/annadesign"),
    ("urgency", "Deadline in 2 weeks."),
    ("promo", "Could you check out our current logo and say if it needs a refresh?"),
    ("promo", "Feel free to ask questions."),
]


@pytest.mark.parametrize(("signal", "text"), QUIET)
def test_signal_stays_quiet_on_legitimate_messages(signal, text):
    assert signal not in _signals(text)


def test_contact_details_shared_for_scoping_raise_no_offsite_move():
    text = "For the GA4 invite please use metrics.lea@example.com, viewer access is enough"
    assert _signals(text) == []


def test_context_facts_are_signals():
    assert _signals("hello", new_sender=True, campaign=True) == ["new_sender", "campaign"]


@pytest.mark.parametrize(
    ("host", "lookalike"),
    [
        ("upw0rk-payouts.com", True),
        ("paypa1.com", True),
        ("paypal-secure-login.com", True),
        ("secure-paypal.example", True),
        ("rnicrosoft.com", True),
        ("xn--pypal-4ve.com", True),
        ("contracts-freelance-center.test", True),
        ("paypal.com", False),
        ("www.paypal.com", False),
        ("drive.google.com", False),
        ("github.io", False),
        ("my-portfolio.design", False),
        ("example.co.uk", False),
        ("tinyurl.com", False),
    ],
)
def test_lookalike_domains(host, lookalike):
    assert is_lookalike_domain(host) is lookalike


# --- Label logic -----------------------------------------------------------------------------


def test_high_score_with_a_scam_signal_is_scam():
    verdict = combine(0.6, ["money_upfront"])
    assert verdict.label == "scam"
    assert verdict.score > 0.9


def test_high_score_without_scam_signals_is_spam():
    verdict = combine(0.97, ["promo"])
    assert verdict.label == "spam"


def test_low_score_is_ok_even_with_weak_signals():
    verdict = combine(0.05, ["urgency", "new_sender"])
    assert verdict.label == "ok"
    assert 0 <= verdict.score < 0.5


def test_campaign_turns_a_borderline_message_into_spam():
    assert combine(0.5, []).label == "ok"
    assert combine(0.5, ["campaign"]).label == "spam"


def test_contact_details_alone_never_make_spam():
    # The model liked the message only because of its link or number; nothing else fired.
    verdict = combine(0.95, ["offsite_move", "shortened_link", "new_sender"], bare_probability=0.1)
    assert verdict.label == "ok"
    assert verdict.score < 0.5


def test_other_evidence_beside_contact_details_still_counts():
    verdict = combine(0.3, ["offsite_move", "platform_evasion"], bare_probability=0.3)
    assert verdict.label == "scam"


def test_scores_are_probabilities():
    for probability in (0.0, 1e-9, 0.5, 1 - 1e-9, 1.0):
        for signals in ([], list(scoring.WEIGHTS)):
            assert 0.0 <= combine(probability, signals).score <= 1.0


def test_verdict_as_dict_has_the_contract_shape():
    assert combine(0.6, ["crypto"]).as_dict() == {
        "label": "scam",
        "score": pytest.approx(combine(0.6, ["crypto"]).score),
        "signals": ["crypto"],
    }


# --- Model input and the saved model ---------------------------------------------------------


def test_model_input_replaces_contact_details_and_digits():
    text = "Call +1 212 555 0102 or see bit.ly/x1 for $1,100 weekly"
    spans = find_contacts(text).matches
    assert model_input(text, spans) == "call  _phone_  or see  _url_  for $0,000 weekly"
    assert model_input(text, spans, placeholders=False) == "call   or see   for $0,000 weekly"


def test_model_input_folds_look_alike_letters():
    assert model_input("\u0421RYPT\u041e") == "crypto"


def test_fast_scorer_matches_the_pipeline():
    model = scoring.load_model()
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


def test_saved_model_has_metadata_with_held_out_metrics():
    metadata = scoring.model_metadata()
    assert metadata["version"].startswith(f"{training.MODEL_VERSION}.")
    assert set(metadata["holdout"]) == {"sms", "youtube", "dm"}
    assert scoring.MODEL_PATH.stat().st_size < 5 * 1024 * 1024


def test_missing_model_without_data_raises_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(scoring, "MODEL_PATH", tmp_path / "spam-model.joblib")
    monkeypatch.setattr(training, "default_data_dir", lambda: tmp_path / "no-data")
    scoring.load_model.cache_clear()
    try:
        with pytest.raises(scoring.ModelUnavailableError, match="train_detector"):
            scoring.load_model()
    finally:
        scoring.load_model.cache_clear()


# --- Quality on data the model did not learn from --------------------------------------------


@pytest.fixture(scope="module")
def corpora():
    if not (DATA / "sms_spam_train.csv").exists():
        pytest.skip(f"no corpora in {DATA}")
    examples = training.load_corpora(DATA)
    return examples, training.model_texts(examples)


@pytest.fixture(scope="module")
def holdout(corpora):
    examples, texts = corpora
    return training.evaluate_holdout(examples, texts)


@pytest.mark.parametrize(
    ("corpus", "what", "precision", "recall"),
    [
        ("sms", "model", 0.9, 0.9),
        ("sms", "verdict", 0.95, 0.8),
        ("youtube", "model", 0.95, 0.88),
        ("youtube", "verdict", 0.97, 0.75),
    ],
)
def test_held_out_quality_stays_above_its_floor(holdout, corpus, what, precision, recall):
    scores = holdout[corpus][what]
    assert scores["precision"] >= precision, scores
    assert scores["recall"] >= recall, scores


def test_marketplace_messages_cross_validated_stay_above_their_floor(corpora):
    examples, texts = corpora
    scores = training.cross_validate_dm(examples, texts)
    assert scores["precision"] >= 0.85, scores
    assert scores["recall"] >= 0.9, scores


def test_missing_model_is_trained_from_the_data_once(tmp_path, monkeypatch):
    if not (DATA / "sms_spam_train.csv").exists():
        pytest.skip(f"no corpora in {DATA}")
    monkeypatch.setattr(scoring, "MODEL_PATH", tmp_path / "spam-model.joblib")
    monkeypatch.setattr(training, "default_data_dir", lambda: DATA)
    scoring.load_model.cache_clear()
    try:
        model = scoring.load_model()
        assert (tmp_path / "spam-model.joblib").exists()
        assert scoring.load_model() is model
        (probability,) = scoring.spam_probabilities([model_input("WINNER!! claim a prize")], model)
        assert probability > 0.5
    finally:
        scoring.load_model.cache_clear()
