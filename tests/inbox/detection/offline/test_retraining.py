"""Model versions: retraining on reviewers' feedback, activation only when no worse, and use."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from inbox.detection import versions
from inbox.detection.analyzer import analyze
from inbox.detection.offline import corpora, retraining
from inbox.detection.offline.corpora import Example
from inbox.detection.offline.predictions import Confusion
from inbox.models import AuditEntry, DetectorVersion, Message, SpamReport, TrainingLabel
from inbox.pipeline import tasks
from inbox.pipeline.scan import message_scan
from inbox.services import MessageIn, message_check
from tests.factories import SenderFactory

DATA = Path(settings.BASE_DIR).parent / "shared" / "data"

# A scam the shipped corpora do not know: buying a freelancer's work as a "surprise gift" (the
# overpayment comes later). No marketplace signal fires on the first message.
GIFT_SCAMS = [
    f"Hello, my name is {name}. I came across your {work} and I would love to buy it as a "
    f"surprise gift for my {relative}'s birthday. Let me know the cost of it."
    for name in ("Mary", "Ann", "Jacob", "Linda", "Paul", "Susan")
    for work, relative in (
        ("paintings", "husband"),
        ("portfolio", "wife"),
        ("illustrations", "daughter"),
        ("photographs", "son"),
    )
]
CLIENT_ASKS = [
    f"Hi, {name} from {company}. We liked your {work}; could you {ask}?"
    for name, company in (
        ("Tom", "Brightline"),
        ("Ines", "Nordhaus"),
        ("Raj", "Kettle & Co"),
        ("Mei", "Orbit Labs"),
        ("Sam", "Fieldwork"),
        ("Eva", "Lumen"),
    )
    for work, ask in (
        ("case studies", "quote a landing page redesign"),
        ("illustrations", "do six icons for our onboarding"),
        ("photographs", "shoot our new office next month"),
        ("paintings", "paint a mural for our lobby"),
    )
]


@pytest.fixture(scope="module")
def small_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small copy of the corpora, so that each retraining takes well under a second."""
    if not (DATA / "sms_spam_train.csv").exists():
        pytest.skip(f"no corpora in {DATA}")
    folder = tmp_path_factory.mktemp("data")
    with (DATA / "sms_spam_train.csv").open(newline="", encoding="utf-8") as handle:
        sms = list(csv.DictReader(handle))
    _write(folder / "sms_spam_train.csv", ["id", "label", "text"], sms[::9])
    (folder / "youtube_spam").mkdir()
    for name in ("Youtube01-Psy.csv", "Youtube04-Eminem.csv"):
        with (DATA / "youtube_spam" / name).open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        _write(folder / "youtube_spam" / name, list(rows[0]), rows[:120])
    (folder / "dm_sample.csv").write_bytes((DATA / "dm_sample.csv").read_bytes())
    return folder


def _write(path: Path, fields: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def _sms_not_in(small_data: Path, label: str, count: int) -> list[str]:
    with (DATA / "sms_spam_train.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    used = {row["text"] for row in rows[::9]}
    return [row["text"] for row in rows if row["label"] == label and row["text"] not in used][
        :count
    ]


@pytest.fixture(autouse=True)
def _no_project_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Retrain on the small copy alone: the project's 1,500 messages would slow every test."""
    monkeypatch.setattr(corpora, "PROJECT_CORPUS_DIR", tmp_path)


@pytest.fixture(autouse=True)
def _fresh_model_in_use() -> Iterator[None]:
    versions.model_in_use_reset()
    yield
    versions.model_in_use_reset()


_counter = iter(range(1, 1_000_000))


def _message(body: str) -> Message:
    now = timezone.now()
    return Message.objects.create(
        message_id=f"m-{next(_counter)}",
        sender_id="c-1",
        recipient_id="f-1",
        kind="direct",
        body=body,
        body_sha256=hashlib.sha256(body.encode()).hexdigest(),
        sent_at=now,
        unsolicited=True,
        decision="quarantine",
        pass_decision="deliver",
        policy_version="1",
        decided_at=now,
    )


def label(body: str, verdict: str, *, at=None) -> TrainingLabel:
    """Record a reviewer's verdict on a message with `body` (as staff.review_act does)."""
    return TrainingLabel.objects.create(
        message=_message(body), label=verdict, text=body, labelled_at=at or timezone.now()
    )


def helpful_feedback() -> None:
    for body in GIFT_SCAMS:
        label(body, "scam")
    for body in CLIENT_ASKS:
        label(body, "ok")


# --- Retraining and activation ---------------------------------------------------------------


@pytest.mark.django_db
def test_without_feedback_nothing_is_trained(small_data):
    result = retraining.detector_retrain(data_dir=small_data)

    assert result.version is None
    assert not result.activated
    assert "No new feedback yet" in result.reason
    assert not DetectorVersion.objects.exists()


@pytest.mark.django_db
def test_feedback_that_helps_is_stored_activated_and_scores_the_next_messages(small_data):
    probe = GIFT_SCAMS[0]
    assert analyze(probe).model_version == "v0"
    helpful_feedback()

    result = retraining.detector_retrain(data_dir=small_data)

    assert result.activated, result.metrics
    assert result.version == 1
    stored = DetectorVersion.objects.get()
    assert stored.is_active
    assert stored.activated_at is not None
    assert stored.artifact
    holdout = stored.metrics["holdout"]
    assert {"sms", "youtube", "dm", "feedback", "all"} <= set(holdout)
    assert set(holdout["feedback"]["candidate"]["verdict"]) >= {"precision", "recall", "f1"}
    assert (
        holdout["feedback"]["candidate"]["verdict"]["f1"]
        > (holdout["feedback"]["current"]["verdict"]["f1"])
    )
    assert stored.trained_on["feedback"] == {"ok": len(CLIENT_ASKS), "scam": len(GIFT_SCAMS)}
    assert stored.trained_on["dm"] == {"ham": 30, "spam": 30}
    assert AuditEntry.objects.filter(action="detector.activate", target="detector:v1").exists()
    answer = analyze(probe).as_dict()
    assert answer["model_version"] == "v1"
    assert answer["spam"]["label"] != "ok"


@pytest.mark.django_db
def test_mislabelled_feedback_is_stored_but_not_activated(small_data):
    # A careless reviewer releases obvious SMS spam and confirms ordinary texts as spam.
    for body in _sms_not_in(small_data, "spam", 60):
        label(body, "ok")
    for body in _sms_not_in(small_data, "ham", 60):
        label(body, "spam")

    result = retraining.detector_retrain(data_dir=small_data)

    assert not result.activated, result.metrics
    assert result.version == 1
    assert result.reason.startswith("Kept v0:")
    stored = DetectorVersion.objects.get()
    assert not stored.is_active
    assert stored.metrics["worse"]
    assert versions.detector_active() is None
    assert analyze("Free entry to win a prize, txt WIN now").model_version == "v0"


@pytest.mark.django_db
def test_no_retraining_until_new_feedback_arrives(small_data):
    helpful_feedback()
    first = retraining.detector_retrain(data_dir=small_data)
    assert first.version == 1

    again = retraining.detector_retrain(data_dir=small_data)

    assert again.version is None
    assert again.reason == "No new feedback since v1 was trained; nothing to do."
    assert DetectorVersion.objects.count() == 1

    label("Hi, could you quote a logo for our bakery?", "ok")
    assert retraining.detector_retrain(data_dir=small_data).version == 2


@pytest.mark.django_db
def test_the_task_retrains_through_the_service(small_data, monkeypatch):
    monkeypatch.setattr(corpora, "default_data_dir", lambda: small_data)
    assert tasks.retrain_detector()["version"] is None
    helpful_feedback()

    outcome = tasks.retrain_detector()

    assert outcome["version"] == "v1"
    assert outcome["activated"] is True


# --- The model in use ------------------------------------------------------------------------


@pytest.mark.django_db
def test_each_scan_records_the_model_version_that_judged_it(small_data):
    SenderFactory(account_id="c-1")
    helpful_feedback()
    retraining.detector_retrain(data_dir=small_data)

    message, _ = message_check(
        incoming=MessageIn(
            message_id="m-scan", sender_id="c-1", recipient_id="f-1", kind="direct", body="Hi!"
        )
    )
    message_scan(message_pk=message.pk)

    message.refresh_from_db()
    assert message.analysis["model_version"] == "v1"


@pytest.mark.django_db
def test_other_processes_pick_up_an_activation_within_the_check_interval(small_data, monkeypatch):
    helpful_feedback()
    for body in _sms_not_in(small_data, "spam", 60):
        label(body, "ok")
    for body in _sms_not_in(small_data, "ham", 60):
        label(body, "spam")
    assert not retraining.detector_retrain(data_dir=small_data).activated
    assert versions.model_in_use().version == "v0"

    # Another process activates v1: this one keeps its model until the interval has passed.
    DetectorVersion.objects.filter(version=1).update(is_active=True)
    assert versions.model_in_use().version == "v0"
    monkeypatch.setattr(versions, "CHECK_SECONDS", 0.0)
    assert versions.model_in_use().version == "v1"


@pytest.mark.django_db
def test_rolling_back_to_the_shipped_model(small_data):
    helpful_feedback()
    retraining.detector_retrain(data_dir=small_data)
    assert versions.model_in_use().version == "v1"

    versions.detector_activate(version=0, reason="bad week")

    assert versions.detector_active() is None
    assert versions.model_in_use().version == "v0"
    assert AuditEntry.objects.filter(target="detector:v0", reason="bad week").exists()


def test_without_a_database_the_shipped_model_scores():
    # No django_db mark: the lookup fails, and scanning must go on with v0.
    assert versions.model_in_use().version == "v0"


# --- Feedback and the split ------------------------------------------------------------------


@pytest.mark.django_db
def test_feedback_is_one_example_per_text_and_a_reviewer_beats_a_report():
    earlier = timezone.now() - timedelta(hours=1)
    label("Claim your prize", "spam", at=earlier)
    label("Claim your prize", "ok")  # the newest label of a text wins
    released = label("We pay $40 per logo", "ok")
    SpamReport.objects.create(message=released.message, reporter_id="f-1")
    SpamReport.objects.create(message=_message("Buy followers cheap"), reporter_id="f-1")
    purged = _message("gone")
    Message.objects.filter(pk=purged.pk).update(body="")
    SpamReport.objects.create(message=purged, reporter_id="f-1")

    feedback = {item.example.text: item.example for item in retraining.feedback_examples()}

    assert set(feedback) == {"Claim your prize", "We pay $40 per logo", "Buy followers cheap"}
    assert not feedback["Claim your prize"].spam
    assert not feedback["We pay $40 per logo"].spam
    assert feedback["Buy followers cheap"] == Example(
        "Buy followers cheap", True, "reports", "spam"
    )


def test_the_split_holds_out_part_of_every_source_and_label_including_feedback():
    examples = [Example(f"sms {i}", i % 5 == 0, "sms") for i in range(40)] + [
        Example(f"fb {i}", i % 2 == 0, "feedback") for i in range(6)
    ]
    examples.append(Example("lonely", True, "reports"))

    train, test = retraining.feedback_split(examples)

    assert not set(train) & set(test)
    assert sorted(train + test) == list(range(len(examples)))
    held = [examples[i] for i in test]
    assert {(e.corpus, e.spam) for e in held} == {
        ("sms", True),
        ("sms", False),
        ("feedback", True),
        ("feedback", False),
    }
    assert examples.index(Example("lonely", True, "reports")) in train


def test_a_candidate_is_worse_if_overall_f1_drops_or_a_source_loses_precision():
    current = {"all": Confusion(90, 5, 10, 895), "sms": Confusion(80, 4, 10, 800)}
    assert retraining.no_worse(dict(current), current) == []
    better = {"all": Confusion(95, 5, 5, 895), "sms": Confusion(85, 4, 5, 800)}
    assert retraining.no_worse(better, current) == []
    lower_f1 = {"all": Confusion(85, 5, 15, 895), "sms": Confusion(75, 4, 15, 800)}
    assert retraining.no_worse(lower_f1, current)[0].startswith("F1 over all held-out rows")
    # More found overall, but more false alarms on one source: not activated either.
    noisier = {"all": Confusion(99, 6, 1, 894), "sms": Confusion(89, 6, 1, 798)}
    assert any("sms precision" in reason for reason in retraining.no_worse(noisier, current))
