"""Train the spam model from the labelled corpora, print held-out quality, save the artifact."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from inbox.detection.scoring import ARTIFACT_DIR, load_model, load_scorer
from inbox.detection.training import default_data_dir, train_and_save


class Command(BaseCommand):
    help = (
        "Train the spam/scam text model on the corpora in shared/data (or --data), report "
        "precision, recall and F1 per corpus on a held-out split, and save the model."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data", type=Path, help="Folder with the corpora (shared/data).")
        parser.add_argument(
            "--out", type=Path, default=ARTIFACT_DIR, help="Folder to save the model in."
        )
        parser.add_argument(
            "--no-eval", action="store_true", help="Skip the held-out evaluation (faster)."
        )

    def handle(
        self, *args: Any, data: Path | None, out: Path, no_eval: bool, **options: Any
    ) -> None:
        data_dir = data or default_data_dir()
        if not (data_dir / "sms_spam_train.csv").exists():
            raise CommandError(f"No corpora in {data_dir}; pass --data <folder>.")
        self.stderr.write(f"Training on {data_dir} …")
        metadata = train_and_save(data_dir, out_dir=out, evaluate=not no_eval)
        for corpus, results in metadata.get("holdout", {}).items():
            for what, scores in results.items():
                self.stdout.write(
                    f"{corpus:8} {what:8} precision {scores['precision']:.3f}  "
                    f"recall {scores['recall']:.3f}  F1 {scores['f1']:.3f}  "
                    f"(n={scores['n']}, positives={scores['positives']})"
                )
        if "dm_cross_validated" in metadata:
            scores = metadata["dm_cross_validated"]
            self.stdout.write(
                f"dm       verdict, 5-fold CV: precision {scores['precision']:.3f}  "
                f"recall {scores['recall']:.3f}  F1 {scores['f1']:.3f}"
            )
        load_model.cache_clear()
        load_scorer.cache_clear()
        self.stdout.write(f"Saved model {metadata['version']} to {out}")
