"""Measure the detectors on data their models did not train on (`make eval`)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from inbox.detection.offline.corpora import default_data_dir
from inbox.detection.offline.evaluation import FOLDS, evaluate


class Command(BaseCommand):
    help = (
        "Print precision, recall, F1 and a confusion matrix per corpus (held-out splits, "
        "cross-validation, unseen YouTube videos), contact-detail scores and ms per message."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data", type=Path, help="Folder with the corpora (shared/data).")
        parser.add_argument("--folds", type=int, default=FOLDS, help="Cross-validation folds.")

    def handle(self, *args: Any, data: Path | None, folds: int, **options: Any) -> None:
        data_dir = data or default_data_dir()
        if not (data_dir / "sms_spam_train.csv").exists():
            raise CommandError(f"No corpora in {data_dir}; pass --data <folder>.")
        evaluate(data_dir, self.stdout, folds=folds)
