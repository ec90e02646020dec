"""Train the spam model from the labelled corpora, print held-out quality, save the artifact."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from inbox.detection.artifact import ARTIFACT_DIR, load_model, load_scorer
from inbox.detection.offline.corpora import default_data_dir
from inbox.detection.offline.training import train_and_save


class Command(BaseCommand):
    help = (
        "Train the spam/scam text model on the corpora in shared/data (or --data), report "
        "precision, recall and F1 per corpus on a held-out split, and save the model."
    )
    # It makes the artifact whose absence the system checks report: it must run without it.
    requires_system_checks: list[str] = []

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
        calibration = metadata["calibration"]
        self.stdout.write(
            f"operating threshold {calibration['threshold']:.2f}: out of fold, "
            f"{calibration['job_post_false_alarms']:.2%} of genuine job posts and "
            f"{calibration['work_email_false_alarms']:.2%} of genuine work email flagged"
        )
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
