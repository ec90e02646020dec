"""Detector and retention, visible to staff: what scores messages, retraining, what was purged."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inbox.detection.artifact import model_metadata
from inbox.detection.offline.retraining import detector_retrain
from inbox.models import (
    AuditEntry,
    DetectorVersion,
    NewContact,
    Policy,
    RetentionRun,
    TrainingLabel,
)
from inbox.pipeline.retention import retention_run
from tests.factories import SenderFactory, direct_message
from tests.pages import page

pytestmark = pytest.mark.django_db

SYSTEM = reverse("review:system")


def test_the_page_names_the_shipped_model_and_what_it_was_trained_on(staff_web: Client):
    calibration = model_metadata()["calibration"]
    text = page(staff_web.get(SYSTEM)).text

    assert "Scoring messages v0, shipped with the code" in text
    assert f"Labels spam or scam from {calibration['threshold']}" in text
    assert "Trained on (examples) sms 3666" in text
    assert f"job_post_false_alarms {calibration['job_post_false_alarms']}" in text
    assert "No retrained versions yet" in text
    assert "Last purge never" in text


def test_the_page_shows_a_retrained_version_when_one_is_active(staff_web: Client):
    DetectorVersion.objects.create(
        version=3,
        artifact=b"",
        metrics={"precision": 0.981, "recall": 0.912},
        trained_on={"feedback": 120, "sms": 3666},
        is_active=True,
        activated_at=timezone.now(),
        note="activated: no worse on the held-out split",
    )

    text = page(staff_web.get(SYSTEM)).text

    assert "Scoring messages v3 Trained just now Active since just now" in text
    for shown in ("feedback 120", "sms 3666", "precision 0.981", "recall 0.912"):
        assert shown in text
    assert "v3 just now active" in text


def test_retraining_needs_a_reason_and_is_audited(staff_web: Client, staff_user: Any):
    refused = staff_web.post(reverse("review:detector-retrain"), {"reason": " "})
    asked = staff_web.post(
        reverse("review:detector-retrain"), {"reason": "Forty new labels"}, follow=True
    )

    assert refused.status_code == 400
    assert "Say why: a reason is required." in page(refused).text
    assert "Retraining asked for." in page(asked).text
    entry = AuditEntry.objects.get(action="detector.retrain")
    assert (entry.actor, entry.reason, entry.target) == (staff_user, "Forty new labels", "detector")
    assert "Last asked for just now" in page(staff_web.get(SYSTEM)).text


def test_a_retention_run_is_recorded_and_shown(staff_web: Client):
    SenderFactory(account_id="c-1")
    direct_message("m-1", "c-1", "f-1")
    NewContact.objects.update(contacted_at=timezone.now() - timedelta(days=400))

    run = retention_run()

    assert (run.bodies_purged, run.contacts_purged) == (0, 1)
    text = page(staff_web.get(SYSTEM)).text
    assert "Last purge just now" in text
    assert "It removed 0 bodies, 1 new-contact row" in text


def test_new_contact_rows_are_kept_while_they_count(db: None):
    SenderFactory(account_id="c-1")
    for i, days in enumerate((1, 3, 20, 400)):
        direct_message(f"m-{i}", "c-1", f"f-{i}")
        NewContact.objects.filter(recipient_id=f"f-{i}").update(
            contacted_at=timezone.now() - timedelta(days=days)
        )

    run = retention_run()

    # The default policy keeps delivered messages 7 days (longer than the day the limit counts).
    assert run.contacts_purged == 2
    assert sorted(NewContact.objects.values_list("recipient_id", flat=True)) == ["f-0", "f-1"]


def test_new_contact_rows_are_kept_while_the_crowd_signal_counts_them(db: None):
    SenderFactory(account_id="c-1")
    for i, days in enumerate((20, 40)):
        direct_message(f"m-{i}", "c-1", f"f-{i}")
        NewContact.objects.filter(recipient_id=f"f-{i}").update(
            contacted_at=timezone.now() - timedelta(days=days)
        )
    Policy.objects.filter(is_active=True).update(crowd_window_hours=30 * 24)  # the longest

    retention_run()

    assert list(NewContact.objects.values_list("recipient_id", flat=True)) == ["f-0"]


def test_old_retention_runs_are_forgotten(db: None):
    RetentionRun.objects.create(at=timezone.now() - timedelta(days=100))

    retention_run()

    assert RetentionRun.objects.count() == 1


def test_the_page_warns_when_the_training_corpora_are_missing(
    staff_web: Client, settings: Any, tmp_path: Any
):
    settings.DETECTOR_DATA_DIR = tmp_path / "nowhere"

    text = page(staff_web.get(SYSTEM)).text

    assert f"No training corpora at {tmp_path / 'nowhere'}" in text
    assert "Set DETECTOR_DATA_DIR on the worker" in text


def test_a_retraining_run_without_corpora_says_what_to_set(
    settings: Any, tmp_path: Any, staff_user: Any
):
    settings.DETECTOR_DATA_DIR = tmp_path
    SenderFactory(account_id="c-1")
    message = direct_message("m-1", "c-1", "f-1", "Buy followers now")
    TrainingLabel.objects.create(
        message=message,
        label="spam",
        text=message.body,
        labelled_by=staff_user,
        labelled_at=timezone.now(),
    )

    result = detector_retrain()

    assert not result.activated
    assert f"No training corpora in {tmp_path}" in result.reason
    assert "set DETECTOR_DATA_DIR" in result.reason
