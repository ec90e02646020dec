"""The evaluation: counting, splits that never train on their test rows, and the report."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from django.conf import settings
from django.core.management import call_command

from inbox.detection.offline import contact_evaluation, evaluation
from inbox.detection.offline import corpora as corpus_files
from inbox.detection.offline.contact_evaluation import ContactRow
from inbox.detection.offline.corpora import Example, ModelText, load_corpora
from inbox.detection.offline.evaluation import Target
from inbox.detection.offline.predictions import Confusion, Prepared, predict, prepare
from inbox.detection.offline.timing import time_analysis
from inbox.detection.scoring import Combiner

DATA = Path(settings.BASE_DIR).parent / "shared" / "data"


@pytest.fixture(scope="module")
def tiny_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A few hundred rows of each corpus: enough for every kind of split, fast to fit."""
    if not (DATA / "sms_spam_train.csv").exists():
        pytest.skip(f"no corpora in {DATA}")
    folder = tmp_path_factory.mktemp("data")
    with (DATA / "sms_spam_train.csv").open(newline="", encoding="utf-8") as handle:
        sms = list(csv.DictReader(handle))
    _write(folder / "sms_spam_train.csv", sms[::25])
    (folder / "youtube_spam").mkdir()
    for name in ("Youtube01-Psy.csv", "Youtube02-KatyPerry.csv", "Youtube04-Eminem.csv"):
        with (DATA / "youtube_spam" / name).open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        _write(folder / "youtube_spam" / name, rows[:40])
    for name in ("dm_sample.csv", "contact_sample.csv"):
        (folder / name).write_bytes((DATA / name).read_bytes())
    return folder


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def corpora(tiny_data: Path) -> tuple[list[Example], list[Prepared]]:
    examples = load_corpora(tiny_data, project=False)
    return examples, prepare(examples)


# --- Counting --------------------------------------------------------------------------------


def test_confusion_counts_each_cell_and_derives_the_scores():
    truth = [True, True, True, False, False, False, False, True]
    predicted = [True, True, False, True, False, False, False, True]

    confusion = Confusion.of(truth, predicted)

    assert (confusion.tp, confusion.fp, confusion.fn, confusion.tn) == (3, 1, 1, 3)
    assert confusion.precision == pytest.approx(0.75)
    assert confusion.recall == pytest.approx(0.75)
    assert confusion.f1 == pytest.approx(0.75)
    assert confusion.false_positive_rate == pytest.approx(0.25)
    assert confusion + confusion == Confusion(6, 2, 2, 6)


def test_nothing_flagged_is_no_false_alarm():
    assert Confusion.of([False, True], [False, False]).precision == 1.0


def test_targets_say_what_falls_short():
    target = Target(precision=0.98, recall=0.90)
    assert target.misses(Confusion(tp=90, fp=1, fn=10, tn=900)) == []
    assert target.misses(Confusion(tp=87, fp=1, fn=13, tn=900)) == ["recall 0.870 < 0.90"]
    assert Target(max_false_positive_rate=0.03).misses(Confusion(fp=1, tn=9)) == [
        "false positives 10.0% > 3%"
    ]
    assert target.describe() == "precision ≥ 0.98 at recall ≥ 0.90"


def test_precision_at_recall_takes_the_highest_threshold_that_reaches_it():
    truth = [True, True, False, True, False]
    probabilities = [0.9, 0.8, 0.7, 0.6, 0.1]

    threshold, precision = evaluation.precision_at_recall(truth, probabilities, 0.6)

    assert threshold == 0.8
    assert precision == 1.0


# --- Never training on a test row ------------------------------------------------------------


def _assert_disjoint(splits: Sequence[evaluation.Split], prepared) -> None:
    for train, test in splits:
        assert test
        assert not set(train) & set(test)
        assert not {prepared[i].text.full for i in train} & {prepared[i].text.full for i in test}


def test_folds_test_every_row_of_the_corpus_once_and_train_on_the_rest(corpora):
    examples, prepared = corpora
    splits = evaluation.fold_splits(examples, prepared, "sms", folds=5)

    _assert_disjoint(splits, prepared)
    tested = [i for _train, test in splits for i in test]
    assert sorted(tested) == [i for i, e in enumerate(examples) if e.corpus == "sms"]
    for train, _test in splits:
        assert {examples[i].corpus for i in train} == {"sms", "youtube", "dm"}


def test_leaving_a_video_out_tests_all_its_comments_and_trains_on_none(corpora):
    examples, prepared = corpora
    splits = evaluation.group_splits(examples, prepared, "youtube")

    assert [group for group, _split in splits] == [
        "Youtube01-Psy",
        "Youtube02-KatyPerry",
        "Youtube04-Eminem",
    ]
    _assert_disjoint([split for _group, split in splits], prepared)
    for group, (train, test) in splits:
        assert {examples[i].group for i in test} == {group}
        assert group not in {examples[i].group for i in train}


def test_the_holdout_is_disjoint_and_copies_of_test_rows_are_not_trained_on():
    examples = [Example(f"message {i}", i % 4 == 0, "sms") for i in range(40)]
    # Copies, in another corpus, of rows that may be tested.
    examples += [Example(f"message {i}", True, "youtube") for i in range(0, 40, 4)]
    prepared = prepare(examples)

    train, test = evaluation.holdout_split(examples, prepared)

    _assert_disjoint([(train, test)], prepared)
    assert len(train) < len(examples) - len(test)  # copies of the tested rows were dropped


class _Recorder:
    """A stand-in for `training.fit` that remembers what it was trained on."""

    def __init__(self) -> None:
        self.trained_on: list[set[str]] = []

    def __call__(self, examples: Sequence[Example], texts: Sequence[ModelText]) -> Any:
        self.trained_on.append({example.text for example in examples})
        return self

    def predict_proba(self, texts: Sequence[str]) -> Any:
        return np.array([[0.4, 0.6] if "win" in text else [0.9, 0.1] for text in texts])


def test_out_of_sample_fits_each_model_without_its_test_rows(corpora):
    examples, prepared = corpora
    splits = evaluation.fold_splits(examples, prepared, "dm", folds=5)
    recorder = _Recorder()

    predictions = evaluation.out_of_sample(examples, prepared, splits, fit_model=recorder)

    assert len(recorder.trained_on) == 5
    for trained_on, (_train, test) in zip(recorder.trained_on, splits, strict=True):
        assert not trained_on & {examples[i].text for i in test}
    assert sorted(predictions.index) == [i for i, e in enumerate(examples) if e.corpus == "dm"]


def test_a_split_that_trains_on_a_test_row_is_refused(corpora):
    examples, prepared = corpora
    with pytest.raises(ValueError, match="own test rows"):
        evaluation.out_of_sample(examples, prepared, [([0, 1, 2], [2, 3])], fit_model=_Recorder())


def test_predictions_judge_by_the_model_alone_or_the_whole_verdict():
    examples = [
        Example("WINNER! claim your free prize, reply WIN now", True, "sms"),
        Example("are we still on for lunch?", False, "sms"),
    ]
    prepared = prepare(examples)

    combiner = Combiner(
        bias=0.0,
        weights={"model": 1.0, "signal:promo": 0.25, "signal:premium_rate": 0.25, "no_signal": -1},
        threshold=0.5,
    )
    predictions = predict(_Recorder(), examples, prepared, [0, 1], combiner=combiner)

    assert predictions.probability == (0.6, 0.1)
    assert predictions.confusion(examples, judged_by="model") == Confusion(tp=1, tn=1)
    assert predictions.verdict == (True, False)  # "promo" lifts the model's 0.6
    assert 0.5 <= predictions.score[0] < 0.8 and predictions.score[1] < 0.5
    quarantined = predictions.confusion(examples, judged_by="quarantine", threshold=0.8)
    assert quarantined == Confusion(fn=1, tn=1)


# --- Contact details and speed ---------------------------------------------------------------


def test_contact_scores_per_kind_and_false_alarms_on_hard_negatives():
    rows = [
        ContactRow("mail anna@example.com", frozenset({"email"}), False),
        ContactRow("call +1 212 555 0134", frozenset({"phone"}), False),
        ContactRow("version 2.4.1 costs $1,200", frozenset(), False),
        ContactRow("see main.py line 40", frozenset(), False),
        ContactRow("Figma invite to ux@example.org so I can quote", frozenset({"email"}), True),
    ]

    result = contact_evaluation.evaluate_contacts(rows)

    assert result.by_kind["email"] == Confusion(tp=2, tn=3)
    assert result.by_kind["phone"] == Confusion(tp=1, tn=4)
    assert result.all_kinds == Confusion(tp=3, tn=17)
    assert result.hard_negatives == Confusion(tn=2)
    assert result.scoping == Confusion(tp=1, tn=4)


def test_contact_sample_is_read_by_column(tiny_data):
    rows = contact_evaluation.load_contact_sample(tiny_data)
    assert len(rows) == 50
    assert rows[2].kinds == {"email", "phone", "url"}
    assert sum(not row.kinds for row in rows) == 15


def test_speed_is_measured_per_message_after_a_warm_up():
    timing = time_analysis(["hello", "call me at +1 212 555 0134"], warm_up=["hi"])

    assert timing.messages == 2
    assert len(timing.cpu_ms) == len(timing.wall_ms) == 4  # two rounds
    assert 0 < timing.wall["median"] <= timing.wall["p95"] <= timing.wall["max"]
    assert 0 <= timing.cpu["median"] <= timing.cpu["max"]
    assert timing.model_version == "v0"


# --- The report ------------------------------------------------------------------------------


def test_the_command_prints_a_table_per_corpus_with_targets(tiny_data):
    out = io.StringIO()

    call_command("evaluate_detector", "--data", str(tiny_data), "--folds", "2", stdout=out)

    text = out.getvalue()
    for heading in ("SMS spam", "YouTube comment spam", "Marketplace scams", "Contact details"):
        assert heading in text
    assert "2-fold CV" in text
    assert "unseen Youtube02-KatyPerry" in text
    assert "hard negatives" in text
    assert "precision ≥ 0.98 at recall ≥ 0.90" in text
    assert "ms per message" in text
    assert "score ≥ 0.8" in text
    assert "sms verdict, 2-fold CV" in text


@pytest.fixture
def without_project_corpora(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Judge only the shared corpora: no project corpus folder."""
    monkeypatch.setattr(corpus_files, "PROJECT_CORPUS_DIR", tmp_path / "no-project")
    monkeypatch.setattr(evaluation, "PROJECT_CORPUS_DIR", tmp_path / "no-project")


@pytest.mark.usefixtures("without_project_corpora")
def test_blind_sets_are_judged_by_a_model_fitted_on_every_corpus_and_carry_the_targets(
    tiny_data, tmp_path
):
    blind = tmp_path / "blind"
    blind.mkdir()
    dm = (DATA / "dm_sample.csv").read_text(encoding="utf-8").splitlines()
    (blind / "dm_blind.csv").write_text("\n".join(dm[:21]) + "\n", encoding="utf-8")
    contacts = (DATA / "contact_sample.csv").read_text(encoding="utf-8").splitlines()
    (blind / "contact_blind.csv").write_text("\n".join(contacts[:21]) + "\n", encoding="utf-8")
    out = io.StringIO()

    report = evaluation.evaluate(tiny_data, out, folds=2, blind_dirs=[blind, tmp_path / "none"])

    text = out.getvalue()
    assert "Blind marketplace set — blind/dm_blind.csv (20 messages" in text
    assert "Blind contact set — blind — contact_blind.csv (20 messages" in text
    judged = [what for what, _misses in report.targets]
    assert "dm_blind verdict, model fitted on all corpora" in judged
    assert "contact details F1 (contact_blind.csv)" in judged
    # With a blind contact set, the in-sample contact sample no longer carries the targets.
    assert "contact details F1 (contact_sample.csv)" not in judged
    verdict = report.results["dm_blind"]["model fitted on all corpora"]["verdict"]
    assert verdict["tp"] + verdict["fp"] + verdict["fn"] + verdict["tn"] == 20


def test_without_a_blind_set_the_report_says_the_targets_are_in_sample(tiny_data, tmp_path):
    out = io.StringIO()

    report = evaluation.evaluate(tiny_data, out, folds=2, blind_dirs=[tmp_path])

    assert "No blind set: the targets below are in-sample for the rules." in out.getvalue()
    assert "contact details F1 (contact_sample.csv)" in [what for what, _ in report.targets]


@pytest.mark.usefixtures("without_project_corpora")
def test_real_register_sets_report_each_kind_and_only_the_held_set_carries_targets(
    tiny_data, tmp_path
):
    blind = tmp_path / "blind3"
    blind.mkdir()
    rows = [
        ("job_ad:hn", "legit", "Acme | Backend engineer | Remote | Python | jobs@acme.io"),
        ("job_ad:agency", "legit", "Warehouse associates needed, weekly pay, apply in person."),
        ("work_email:colleague", "legit", "Can you send me the deck before the 3pm review?"),
        ("scam:phishing", "scam", "Your mailbox is suspended. Verify your account at the link."),
        ("scam:bec", "scam", "Buy six Apple gift cards now and send me the codes, urgent."),
    ]
    for name in ("register_read.csv", "register_held.csv"):
        _write(
            blind / name,
            [
                {"id": f"r{i}", "label": label, "category": category, "text": text}
                for i, (category, label, text) in enumerate(rows)
            ],
        )
    out = io.StringIO()

    report = evaluation.evaluate(tiny_data, out, folds=2, blind_dirs=[blind])

    text = out.getvalue()
    assert "blind3/register_held.csv (5 messages): written by independent writers; never" in text
    assert "blind3/register_read.csv (5 messages)" in text
    assert "its errors were read to fix signals" in text
    assert "genuine job ads and hiring posts: " in text
    assert " of 2 caught" in text
    judged = [what for what, _misses in report.targets]
    assert "genuine job ads and hiring posts (register_held)" in judged
    assert "genuine work email (register_held)" in judged
    assert "register_held verdict, the mix, model fitted on all" in judged
    assert not [what for what in judged if "register_read" in what]
    held = report.results["register_held"]
    assert held["job_ad"]["fp"] + held["job_ad"]["tn"] == 2
    assert held["scam"]["tp"] + held["scam"]["fn"] == 2
