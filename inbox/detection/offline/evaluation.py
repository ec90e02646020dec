"""Measure the detectors on messages their models never learned from (`make eval`)."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .contact_evaluation import evaluate_contacts, load_contact_rows, load_contact_sample
from .corpora import PROJECT_CORPUS_DIR, Example, ModelText, load_corpora, load_dm
from .predictions import Confusion, Predictions, Prepared, predict, prepare
from .timing import time_analysis
from .training import SEED, fit, split

Fit = Callable[[Sequence[Example], Sequence[ModelText]], Any]

Split = tuple[list[int], list[int]]

FOLDS = 5

# Messages written for the final measurement only: never trained or tuned on (see its README).
BLIND_DIRS = (
    Path(__file__).resolve().parent / "blind",
    Path(__file__).resolve().parent / "blind2",
    Path(__file__).resolve().parent / "blind3",
)

TIMED_MESSAGES = 400

WARM_UP_MESSAGES = 100


@dataclass(frozen=True, slots=True)
class Target:
    """A quality target of the issue; None where it says nothing."""

    precision: float | None = None
    recall: float | None = None
    f1: float | None = None
    max_false_positive_rate: float | None = None

    def misses(self, confusion: Confusion) -> list[str]:
        """Return what `confusion` falls short of ("recall 0.843 < 0.90"); [] when met."""
        misses = []
        for name, floor in (("precision", self.precision), ("recall", self.recall)):
            value = getattr(confusion, name)
            if floor is not None and value < floor:
                misses.append(f"{name} {value:.3f} < {floor:.2f}")
        if self.f1 is not None and confusion.f1 < self.f1:
            misses.append(f"F1 {confusion.f1:.3f} < {self.f1:.2f}")
        ceiling = self.max_false_positive_rate
        if ceiling is not None and confusion.false_positive_rate > ceiling:
            misses.append(f"false positives {confusion.false_positive_rate:.1%} > {ceiling:.0%}")
        return misses

    def describe(self) -> str:
        parts = []
        if self.precision is not None:
            parts.append(f"precision ≥ {self.precision:.2f}")
        if self.recall is not None:
            parts.append(f"recall ≥ {self.recall:.2f}")
        if self.f1 is not None:
            parts.append(f"F1 ≥ {self.f1:.2f}")
        if self.max_false_positive_rate is not None:
            parts.append(f"false positives ≤ {self.max_false_positive_rate:.0%}")
        return " at ".join(parts) if parts else "no target"


# The targets, "on unseen messages of the same kinds".
TARGETS = {
    "sms": Target(precision=0.98, recall=0.90),
    "youtube": Target(),
    "dm": Target(precision=0.95, recall=0.90),
    "contacts": Target(f1=0.95),
    "hard_negatives": Target(max_false_positive_rate=0.03),
    "scoping": Target(recall=0.90),
    "real": Target(precision=0.95, recall=0.90),
    "job_posts": Target(max_false_positive_rate=0.01),
    "work_email": Target(max_false_positive_rate=0.02),
}
# The real corpus's sources, each held out in turn (the small job-post scrapes together).
REAL_HELD_OUT = (
    ("upwork_rss_2024",),
    ("upwork_api_2025a",),
    (
        "upwork_scrape_2025b",
        "upwork_scrape_2025c",
        "upwork_scrape_2026",
        "peopleperhour_2025",
        "freelancer_com_2021",
    ),
    ("spamassassin_easy_ham",),
    ("spamassassin_hard_ham",),
    ("spamassassin_spam",),
    ("clair_fraud_419",),
    ("nazario_phishing",),
)

MAX_MS_PER_MESSAGE = 2.0


def without_copies(
    train: Sequence[int], test: Sequence[int], prepared: Sequence[Prepared]
) -> list[int]:
    """Return `train` without the examples whose model input is also a test example's."""
    tested = {prepared[i].text.full for i in test}
    return [i for i in train if prepared[i].text.full not in tested]


def holdout_split(examples: Sequence[Example], prepared: Sequence[Prepared]) -> Split:
    """Return the stratified 25 % hold-out of `training.split`, copies of test rows removed."""
    train, test = split(examples)
    return without_copies(train, test, prepared), test


def fold_splits(
    examples: Sequence[Example],
    prepared: Sequence[Prepared],
    corpus: str,
    *,
    folds: int = FOLDS,
) -> list[Split]:
    """Return stratified k-fold splits of one corpus; each trains on every other corpus too."""
    from sklearn.model_selection import StratifiedKFold

    rows = [i for i, example in enumerate(examples) if example.corpus == corpus]
    others = [i for i, example in enumerate(examples) if example.corpus != corpus]
    folder = StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED)
    splits = []
    for train_at, test_at in folder.split(rows, [examples[i].spam for i in rows]):
        test = [rows[p] for p in test_at]
        train = sorted(others + [rows[p] for p in train_at])
        splits.append((without_copies(train, test, prepared), test))
    return splits


def group_splits(
    examples: Sequence[Example], prepared: Sequence[Prepared], corpus: str
) -> list[tuple[str, Split]]:
    """Return one split per group of a corpus (a YouTube video): test it, train on the rest."""
    groups = sorted({example.group for example in examples if example.corpus == corpus})
    splits = []
    for group in groups:
        test = [i for i, e in enumerate(examples) if e.corpus == corpus and e.group == group]
        train = [i for i, e in enumerate(examples) if not (e.corpus == corpus and e.group == group)]
        splits.append((group, (without_copies(train, test, prepared), test)))
    return splits


def out_of_sample(
    examples: Sequence[Example],
    prepared: Sequence[Prepared],
    splits: Sequence[Split],
    *,
    fit_model: Fit = fit,
) -> Predictions:
    """Fit one model per split on its training rows and return its predictions of the test rows."""
    predictions = Predictions()
    for train, test in splits:
        if set(train) & set(test):
            raise ValueError("A split trains on its own test rows.")
        model = fit_model([examples[i] for i in train], [prepared[i].text for i in train])
        predictions += predict(model, examples, prepared, test)
    return predictions


def precision_at_recall(
    truth: Sequence[bool], probabilities: Sequence[float], recall: float
) -> tuple[float, float]:
    """Return (threshold, precision) of the highest threshold that reaches `recall`.

    Chosen on the rows it is measured on, so it is optimistic: it says what a threshold could
    reach, not what the shipped one does.
    """
    ranked = sorted(zip(probabilities, truth, strict=True), reverse=True)
    positives = sum(truth)
    found = 0
    for flagged, (probability, spam) in enumerate(ranked, start=1):
        found += spam
        if positives and found / positives >= recall:
            return probability, found / flagged
    return 0.0, positives / len(ranked) if ranked else 1.0


class Output(Protocol):
    """Where the report goes: a text stream or a management command's stdout."""

    def write(self, text: str, /) -> Any: ...

    def flush(self) -> Any: ...


@dataclass
class Report:
    """Every measurement of one run, printed as it is made and kept for the docs."""

    out: Output
    quarantine_threshold: float = 0.8
    results: dict[str, Any] = field(default_factory=dict)
    targets: list[tuple[str, list[str]]] = field(default_factory=list)  # (what, misses)

    def line(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def header(self) -> None:
        self.line(
            f"  {'evaluation':<28} {'judged by':<12} {'n':>5} {'TP':>5} {'FP':>4} {'FN':>4} "
            f"{'TN':>5}  {'prec.':>6} {'recall':>6} {'F1':>6}  target"
        )

    def row(self, evaluation: str, judged_by: str, confusion: Confusion, target: Target) -> None:
        misses = target.misses(confusion)
        if target == Target():
            verdict = "-"
        else:
            verdict = "met" if not misses else "NOT MET (" + "; ".join(misses) + ")"
        self.line(
            f"  {evaluation:<28} {judged_by:<12} {confusion.n:>5} {confusion.tp:>5} "
            f"{confusion.fp:>4} {confusion.fn:>4} {confusion.tn:>5}  {confusion.precision:>6.3f} "
            f"{confusion.recall:>6.3f} {confusion.f1:>6.3f}  {verdict}"
        )


def _corpus_title(examples: Sequence[Example], corpus: str, name: str) -> str:
    rows = [example for example in examples if example.corpus == corpus]
    return f"{name} ({len(rows):,} messages, {sum(e.spam for e in rows):,} spam)"


def _judged(
    report: Report,
    examples: Sequence[Example],
    key: str,
    evaluation: str,
    predictions: Predictions,
    target: Target,
    *,
    counts_for_target: bool,
) -> None:
    """Print the verdict's and the model's rows of one evaluation and keep them."""
    verdict = predictions.confusion(examples, judged_by="verdict")
    quarantine = predictions.confusion(
        examples, judged_by="quarantine", threshold=report.quarantine_threshold
    )
    model = predictions.confusion(examples, judged_by="model")
    report.row(evaluation, "verdict", verdict, target)
    report.row("", f"score ≥ {report.quarantine_threshold:g}", quarantine, target)
    report.row("", "model alone", model, target)
    report.results.setdefault(key, {})[evaluation] = {
        "verdict": verdict.as_dict(),
        "quarantine": quarantine.as_dict(),
        "model": model.as_dict(),
    }
    if counts_for_target and target != Target():
        report.targets.append((f"{key} verdict, {evaluation}", target.misses(verdict)))


def _open_corpus(
    report: Report,
    examples: Sequence[Example],
    holdout: Predictions,
    corpus: str,
    name: str,
    target: Target,
    target_text: str = "",
) -> None:
    """Start a corpus's part of the report: its title, its target, and the held-out 25 %."""
    report.line()
    report.line(_corpus_title(examples, corpus, name))
    report.line(f"  target: {target_text or target.describe()}")
    report.header()
    held_out = holdout.only(_in_corpus(examples, corpus))
    _judged(report, examples, corpus, "held-out 25 %", held_out, target, counts_for_target=False)


def _reachable(report: Report, examples: Sequence[Example], predictions: Predictions) -> None:
    truth = [examples[i].spam for i in predictions.index]
    threshold, precision = precision_at_recall(truth, predictions.probability, 0.90)
    report.line(
        f"  (the model alone reaches recall 0.90 at threshold {threshold:.2f} with precision "
        f"{precision:.3f} — a threshold picked on these test rows, so optimistic)"
    )


def evaluate(
    data_dir: Path,
    out: Output,
    *,
    folds: int = FOLDS,
    blind_dirs: Sequence[Path] = BLIND_DIRS,
) -> Report:
    """Measure every detector on the corpora in `data_dir`, printing tables to `out`.

    The targets are judged on the blind sets in `blind_dirs` when there are any (messages nothing
    was trained or tuned on), and on cross-validated rows of the public corpora.

    Every number comes from a model fitted without its test rows: a held-out split, k-fold
    cross-validation, or leaving one YouTube video's comments out. A training row whose model input
    is identical to a test row's is dropped from that training set too, so a copy-pasted comment
    cannot be "seen" through its twin. Each corpus is judged twice: by the model alone (probability
    ≥ 0.5) and by the whole verdict (model + marketplace signals, `label != ok`), which is what the
    product does. The contact detectors are rules, not learned: they are run once over the contact
    sample. Speed is the whole `analyze` of one message, timed on one core after a warm-up.
    """
    import sklearn

    from inbox.models import Policy

    # A scan quarantines a spam or scam verdict only from the policy's threshold on.
    report = Report(out, quarantine_threshold=Policy._meta.get_field("spam_threshold").default)
    started = time.perf_counter()
    examples = load_corpora(data_dir)
    prepared = prepare(examples)
    report.line(
        f"Inbox Guard detector evaluation — data {data_dir}, scikit-learn {sklearn.__version__}"
    )
    report.line("Every model below is fitted without its test rows (nor exact copies of them).")
    report.line(
        "'verdict' is the whole analysis (label != ok, the targets' measure); 'score ≥ "
        f"{report.quarantine_threshold:g}' what the default policy quarantines; 'model alone' "
        "is the model's probability ≥ 0.5."
    )

    holdout = out_of_sample(examples, prepared, [holdout_split(examples, prepared)])

    def in_corpus(corpus: str) -> Callable[[int], bool]:
        return _in_corpus(examples, corpus)

    # SMS: the hold-out, and every message predicted once by 5-fold cross-validation.
    target = TARGETS["sms"]
    _open_corpus(report, examples, holdout, "sms", "SMS spam — UCI SMS Spam Collection", target)
    sms_cv = out_of_sample(examples, prepared, fold_splits(examples, prepared, "sms", folds=folds))
    _judged(report, examples, "sms", f"{folds}-fold CV", sms_cv, target, counts_for_target=True)
    _reachable(report, examples, sms_cv)

    # YouTube: each video's comments judged by a model trained on the other four videos.
    target = TARGETS["youtube"]
    _open_corpus(report, examples, holdout, "youtube", "YouTube comment spam — UCI, 5 videos",
                 target, "none in the issue (a second public spam corpus)")  # fmt: skip
    unseen_videos = Predictions()
    for group, group_split in group_splits(examples, prepared, "youtube"):
        predictions = out_of_sample(examples, prepared, [group_split])
        unseen_videos += predictions
        _judged(report, examples, "youtube", f"unseen {group}", predictions, target,
                counts_for_target=False)  # fmt: skip
    _judged(report, examples, "youtube", "unseen video, all 5", unseen_videos, target,
            counts_for_target=False)  # fmt: skip
    _reachable(report, examples, unseen_videos)

    # Marketplace messages: too few for one split to mean much, so 5-fold CV too.
    target = TARGETS["dm"]
    _open_corpus(report, examples, holdout, "dm", "Marketplace scams — dm_sample.csv", target)
    dm_cv = out_of_sample(examples, prepared, fold_splits(examples, prepared, "dm", folds=folds))
    _judged(report, examples, "dm", f"{folds}-fold CV", dm_cv, target, counts_for_target=True)
    if any(example.corpus == "dm_dev" for example in examples):
        report.line()
        report.line(
            _corpus_title(examples, "dm_dev", "Marketplace scams — the project's development set")
        )
        report.line(f"  target: {target.describe()}")
        report.line(
            "  note: the signals' phrase families were tuned on these messages and dm_sample, so "
            "only the model is out of sample here; see the blind set below"
        )
        report.header()
        dev_cv = out_of_sample(
            examples, prepared, fold_splits(examples, prepared, "dm_dev", folds=folds)
        )
        _judged(report, examples, "dm_dev", f"{folds}-fold CV", dev_cv, target,
                counts_for_target=False)  # fmt: skip

    if any(example.corpus == "real" for example in examples):
        _report_real(report, examples, prepared, holdout.only(in_corpus("real")))

    _report_contacts(
        report, data_dir / "contact_sample.csv", key="contacts", title="Contact details",
        note="rules (nothing is trained), written with this sample in view: in-sample numbers",
        counts_for_target=not any(
            any(folder.glob("contact_blind*.csv")) for folder in blind_dirs
        ),
    )  # fmt: skip
    for dev_contacts in sorted(PROJECT_CORPUS_DIR.glob("contact_dev*.csv")):
        _report_contacts(
            report, dev_contacts, key=f"contacts_{dev_contacts.stem}",
            title="Contact details, development set",
            note="the rules were improved with these messages in view: in-sample numbers",
            counts_for_target=False,
        )  # fmt: skip
    _report_blind(report, examples, prepared, blind_dirs)

    # Speed: a mix of every corpus, none of the timed messages used to warm up.
    pool = [example.text for example in examples] + [
        row.text for row in load_contact_sample(data_dir)
    ]
    random.Random(SEED).shuffle(pool)  # noqa: S311 - a reproducible sample, not a secret
    warm_up, timed = pool[:WARM_UP_MESSAGES], pool[WARM_UP_MESSAGES:][:TIMED_MESSAGES]
    timing = time_analysis(timed, warm_up=warm_up)
    report.results["timing"] = timing.as_dict()
    cpu, wall = timing.cpu, timing.wall
    misses = []
    # The measure is the median: the mean is pulled up by the real corpus's
    # 2,000-character emails, which cost the regexes ten times a chat message (reported above).
    if cpu["median"] > MAX_MS_PER_MESSAGE:
        misses.append(f"median {cpu['median']:.2f} ms of CPU > {MAX_MS_PER_MESSAGE:g} ms")
    report.targets.append(("ms per message (CPU, one core)", misses))
    report.line()
    report.line(
        f"Speed — the whole analyze() of {timing.messages} messages from every corpus, 2 rounds, "
        f"after {len(warm_up)} warm-up messages, {'on one core' if timing.one_core else 'unpinned'}"
        f", model {timing.model_version}"
    )
    for name, summary in (("CPU time  ", cpu), ("wall clock", wall)):
        report.line(
            f"  {name}  mean {summary['mean']:.3f} ms  median {summary['median']:.3f} ms  "
            f"p95 {summary['p95']:.3f} ms  max {summary['max']:.3f} ms"
        )
    report.line(
        f"  target ≤ {MAX_MS_PER_MESSAGE:g} ms per message (median CPU time): "
        f"{'met' if not misses else 'NOT MET'}"
    )
    report.line()
    report.line("Targets (verdicts on cross-validated or unseen rows):")
    for what, misses in report.targets:
        report.line(f"  {what:<34} {'met' if not misses else 'NOT MET: ' + '; '.join(misses)}")
    report.line(f"Done in {time.perf_counter() - started:.0f} s.")
    return report


def source_splits(
    examples: Sequence[Example], prepared: Sequence[Prepared]
) -> list[tuple[str, Split]]:
    """Return one split per source of the real corpus: test it, train on every other row."""
    splits = []
    for sources in REAL_HELD_OUT:
        test = [i for i, e in enumerate(examples) if e.corpus == "real" and e.group in sources]
        if not test:
            continue
        tested = set(test)
        train = [i for i in range(len(examples)) if i not in tested]
        name = sources[0] if len(sources) == 1 else "other job-post scrapes"
        splits.append((name, (without_copies(train, test, prepared), test)))
    return splits


def _report_real(
    report: Report,
    examples: Sequence[Example],
    prepared: Sequence[Prepared],
    holdout: Predictions,
) -> None:
    """Judge the real corpus: the hold-out, and each source judged by a model that never saw it.

    A source held out is the honest test of a new register (a kind of text, an era, a channel
    the model never read); the hold-out is the test of more text like the training text.
    """
    target = TARGETS["real"]
    report.line()
    report.line(_corpus_title(examples, "real", "Real messages — shared/data/real"))
    report.line(f"  target: {target.describe()} (mixed); job posts and work email below")
    report.line(
        "  note: the combiner's weights and threshold were fitted on out-of-fold predictions of "
        "all corpora, these rows included"
    )
    report.header()
    _judged(report, examples, "real", "held-out 25 %", holdout, target, counts_for_target=False)
    unseen = Predictions()
    for name, source_split in source_splits(examples, prepared):
        predictions = out_of_sample(examples, prepared, [source_split])
        unseen += predictions
        _judged(report, examples, "real", f"unseen {name}", predictions, Target(),
                counts_for_target=False)  # fmt: skip
    _judged(report, examples, "real", "unseen source, all", unseen, target,
            counts_for_target=True)  # fmt: skip
    for key, kind, title in (
        ("job_posts", "job_post", "genuine job posts"),
        ("work_email", "work_email", "genuine work email"),
    ):
        rows = {i for i, example in enumerate(examples) if example.genuine_kind == kind}
        for evaluation, predictions in (("held-out 25 %", holdout), ("unseen source", unseen)):
            only = predictions.only(rows.__contains__)
            confusion = only.confusion(examples, judged_by="verdict")
            report.line(
                f"  {title}, {evaluation}: {confusion.fp} of {confusion.n} flagged "
                f"({confusion.false_positive_rate:.1%}), target ≤ "
                f"{TARGETS[key].max_false_positive_rate:.0%}"
            )
            report.results.setdefault(key, {})[evaluation] = confusion.as_dict()
            if evaluation == "unseen source":
                report.targets.append((f"{title}, {evaluation}", TARGETS[key].misses(confusion)))


def _in_corpus(examples: Sequence[Example], corpus: str) -> Callable[[int], bool]:
    """Return a test of whether the example at an index belongs to `corpus`."""
    return lambda index: examples[index].corpus == corpus


def _report_blind(
    report: Report,
    examples: Sequence[Example],
    prepared: Sequence[Prepared],
    blind_dirs: Sequence[Path],
) -> None:
    """Judge the blind sets with one model fitted on every corpus, as the shipped one is."""
    dm_paths = [path for folder in blind_dirs for path in sorted(folder.glob("dm_blind*.csv"))]
    register_paths = [
        path for folder in blind_dirs for path in sorted(folder.glob("register_*.csv"))
    ]
    contact_paths = [
        path for folder in blind_dirs for path in sorted(folder.glob("contact_blind*.csv"))
    ]
    if not dm_paths and not register_paths and not contact_paths:
        report.line()
        report.line("No blind set: the targets below are in-sample for the rules.")
        return
    paths = dm_paths + register_paths
    if paths:
        blind = [load_dm(path, path.stem) for path in paths]
        everything = list(examples) + [example for rows in blind for example in rows]
        blind_prepared = list(prepared) + prepare(everything[len(examples) :])
        test = list(range(len(examples), len(everything)))
        train = without_copies(range(len(examples)), test, blind_prepared)
        predictions = out_of_sample(everything, blind_prepared, [(train, test)])
        target = TARGETS["dm"]
        for path, rows in zip(dm_paths, blind[: len(dm_paths)], strict=True):
            report.line()
            report.line(
                f"Blind marketplace set — {path.parent.name}/{path.name} ({len(rows)} messages, "
                f"{sum(e.spam for e in rows)} scams): written by an independent writer, never "
                "trained or tuned on"
            )
            report.line(f"  target: {target.describe()}")
            report.header()
            mine = predictions.only(_in_corpus(everything, path.stem))
            _judged(report, everything, path.stem, "model fitted on all corpora", mine, target,
                    counts_for_target=True)  # fmt: skip
        for path in register_paths:
            _report_register(report, everything, predictions, path)
    for path in contact_paths:
        _report_contacts(
            report, path, key=f"contacts_{path.stem}",
            title=f"Blind contact set — {path.parent.name}",
            note="written by an independent writer; the rules never saw it",
            counts_for_target=True,
        )  # fmt: skip


# The kinds of a real-register set (`category` is "<kind>:<style>"), and what each is judged by.
REGISTER_KINDS = (
    ("job_ad", "job_posts", "genuine job ads and hiring posts"),
    ("work_email", "work_email", "genuine work email"),
    ("scam", "real", "scams, phishing, fraud and spam"),
)


def _report_register(
    report: Report, examples: Sequence[Example], predictions: Predictions, path: Path
) -> None:
    """Judge a set in the register of real text (job ads, work email, scams by email and chat):
    the share of each genuine kind flagged, the share of scams caught, and the mix."""
    corpus = path.stem
    mine = predictions.only(_in_corpus(examples, corpus))
    held = path.stem.endswith("_held")
    report.line()
    report.line(
        f"Real-register set — {path.parent.name}/{path.name} ({len(mine.index)} messages): "
        "written by independent writers; "
        + ("never read, trained or tuned on" if held else "its errors were read to fix signals")
    )
    report.header()
    _judged(report, examples, corpus, "the mix, model fitted on all", mine, TARGETS["real"],
            counts_for_target=held)  # fmt: skip
    for kind, key, title in REGISTER_KINDS:
        prefix = kind + ":"
        rows = mine.only(lambda i: examples[i].category.startswith(prefix))  # noqa: B023
        confusion = rows.confusion(examples, judged_by="verdict")
        if kind == "scam":
            report.line(
                f"  {title}: {confusion.tp} of {confusion.n} caught ({confusion.recall:.1%})"
            )
        else:
            target = TARGETS[key]
            report.line(
                f"  {title}: {confusion.fp} of {confusion.n} flagged "
                f"({confusion.false_positive_rate:.1%}), target ≤ "
                f"{target.max_false_positive_rate:.0%}"
            )
            if held:
                report.targets.append((f"{title} ({corpus})", target.misses(confusion)))
        report.results.setdefault(corpus, {})[kind] = confusion.as_dict()


def _report_contacts(
    report: Report, path: Path, *, key: str, title: str, note: str, counts_for_target: bool
) -> None:
    rows = load_contact_rows(path)
    result = evaluate_contacts(rows)
    report.results[key] = result.as_dict()
    report.line()
    report.line(
        f"{title} — {path.name} ({len(rows)} messages, {result.hard_negatives.n} hard negatives)"
    )
    report.line(f"  note: {note}")
    report.header()
    for kind, confusion in result.by_kind.items():
        report.row(f"has_{kind}", "detector", confusion, Target())
    report.row("all four kinds (micro)", "detector", result.all_kinds, TARGETS["contacts"])
    report.row("any contact detail", "detector", result.any_contact, Target())
    report.row("allowed purpose", "scoping", result.scoping, TARGETS["scoping"])
    hard = result.hard_negatives
    hard_misses = TARGETS["hard_negatives"].misses(hard)
    report.line(
        f"  hard negatives (prices, versions, file names; no detail): {hard.fp} of {hard.n} "
        f"flagged ({hard.false_positive_rate:.1%}) — target ≤ 3 %: "
        f"{'met' if not hard_misses else 'NOT MET'}"
    )
    if counts_for_target:
        where = f" ({path.name})"
        report.targets.append(
            ("contact details F1" + where, TARGETS["contacts"].misses(result.all_kinds))
        )
        report.targets.append(("contact hard negatives" + where, hard_misses))
        report.targets.append(
            ("allowed purpose recall" + where, TARGETS["scoping"].misses(result.scoping))
        )
