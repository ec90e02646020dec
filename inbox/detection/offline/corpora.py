"""The labelled corpora: public SMS and YouTube spam, marketplace samples, the project's own."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..contacts import find_contacts
from ..scoring import model_input

CORPORA = ("sms", "youtube", "dm", "dm_dev", "real", "written")
# The real, human-written corpus (shared/data/real): each row names its source.
REAL_CORPUS = Path("real") / "real_dev.csv"
# Genuine messages whose false alarms the operating threshold is chosen for, by source or file.
JOB_POST_GROUPS = frozenset(
    {
        "upwork_rss_2024",
        "upwork_api_2025a",
        "upwork_scrape_2025b",
        "upwork_scrape_2025c",
        "upwork_scrape_2026",
        "peopleperhour_2025",
        "freelancer_com_2021",
        "written_job_ads",
        "written_client_posts",
    }
)
WORK_EMAIL_GROUPS = frozenset({"spamassassin_easy_ham", "written_work_email"})

# Marketplace messages written for this project and shipped with the code (see its README).
PROJECT_CORPUS_DIR = Path(__file__).resolve().parent / "corpus"


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled message."""

    text: str
    spam: bool
    corpus: str
    category: str = ""
    group: str = ""  # where it came from within the corpus (the YouTube video, the real source)

    @property
    def genuine_kind(self) -> str:
        """Return "job_post" or "work_email" for a genuine message of those kinds, else ""."""
        if self.spam:
            return ""
        if self.group in JOB_POST_GROUPS:
            return "job_post"
        return "work_email" if self.group in WORK_EMAIL_GROUPS else ""


def default_data_dir() -> Path:
    """Return the folder of the training corpora: the `DETECTOR_DATA_DIR` setting (by default
    the shared data folder next to the project, `<BASE_DIR>/../shared/data`)."""
    from django.conf import settings

    return Path(settings.DETECTOR_DATA_DIR)


def load_dm(path: Path, corpus: str) -> list[Example]:
    """Return the marketplace messages of a `id,label,category,text` file (label scam/legit)."""
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            Example(row["text"], row["label"] == "scam", corpus, row["category"], path.stem)
            for row in csv.DictReader(handle)
        ]


def load_corpora(data_dir: Path, *, project: bool = True) -> list[Example]:
    """Return every labelled message: SMS, YouTube comments, marketplace DMs and real messages
    in `data_dir`, and, if `project`, the project's own corpora (`PROJECT_CORPUS_DIR`).

    The corpora: the public SMS and YouTube spam collections, the marketplace sample and the real
    corpus (job posts, work email, spam, phishing and fraud; `real/README.md`) in `shared/data`;
    and in `corpus/` beside this module the project's marketplace development set (1,920 DMs)
    and its job ads, work email and job scams written in the register of real text (see its
    README).
    """
    examples: list[Example] = []
    with (data_dir / "sms_spam_train.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            examples.append(Example(row["text"], row["label"] == "spam", "sms"))
    for path in sorted((data_dir / "youtube_spam").glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                examples.append(
                    Example(row["CONTENT"], row["CLASS"] == "1", "youtube", group=path.stem)
                )
    examples.extend(load_dm(data_dir / "dm_sample.csv", "dm"))
    if (data_dir / REAL_CORPUS).exists():
        examples.extend(load_real(data_dir / REAL_CORPUS))
    if project:
        for path in sorted(PROJECT_CORPUS_DIR.glob("dm_dev*.csv")):
            examples.extend(load_dm(path, "dm_dev"))
        for path in sorted(PROJECT_CORPUS_DIR.glob("written_*.csv")):
            examples.extend(load_dm(path, "written"))
    return examples


def load_real(path: Path) -> list[Example]:
    """Return the real messages of an `id,label,source,text` file; each is grouped by source."""
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            Example(row["text"], row["label"] == "scam", "real", row["source"], row["source"])
            for row in csv.DictReader(handle)
        ]


@dataclass(frozen=True, slots=True)
class ModelText:
    """What the model reads of one message: with contact placeholders, and without the details."""

    full: str
    bare: str
    has_contacts: bool


def model_texts(examples: Iterable[Example]) -> list[ModelText]:
    """Return the model inputs of each example (see `scoring.model_input`)."""
    texts = []
    for example in examples:
        spans = find_contacts(example.text).matches
        full = model_input(example.text, spans)
        bare = model_input(example.text, spans, placeholders=False) if spans else full
        texts.append(ModelText(full, bare, bool(spans)))
    return texts
