"""Large bulk actions run in the worker, with progress; the reviewer can leave and come back."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inbox.models import AuditEntry, Message, Outcome
from review import bulk
from review.models import BulkJob
from review.selectors import queue_base
from review.services import review_act
from tests.pages import Document
from tests.review.views.support import HTMX, act, decisions, html, spam_wave, state

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_inline_limit(settings: Any) -> None:
    settings.REVIEW_BULK_INLINE_MAX = 3


def confirm_all_of_the_wave(web: Client, count: int, **extra: Any) -> Any:
    return act(
        web,
        {"action": "confirm_spam", "scope": "filter", "expected": str(count), "reason": "wave"},
        {"sender": "c-wave"},
        **extra,
    )


def test_a_large_filter_action_becomes_a_job_and_changes_nothing_in_the_request(
    staff_web: Client, staff_user: Any, world: dict[str, Any], small_inline_limit: None
):
    wave = spam_wave(5)
    before = state(world)

    response = confirm_all_of_the_wave(staff_web, 5)

    job = BulkJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("review:job", args=[job.pk])
    assert job.message_ids == sorted(wave, key=wave.index)  # the filter's order, fixed now
    assert (job.action, job.reason, job.created_by, job.position) == (
        "confirm_spam",
        "wave",
        staff_user,
        0,
    )
    assert job.description == "Confirm spam: All 5 matching sender c-wave"
    assert state(world) == before
    assert not AuditEntry.objects.filter(action="message.confirm").exists()


def test_with_htmx_the_page_is_sent_to_the_job(
    staff_web: Client, world: dict[str, Any], small_inline_limit: None
):
    spam_wave(5)

    response = confirm_all_of_the_wave(staff_web, 5, headers=HTMX)

    assert response["HX-Redirect"] == reverse("review:job", args=[BulkJob.objects.get().pk])


def test_a_small_filter_action_still_runs_in_the_request(
    staff_web: Client, world: dict[str, Any], small_inline_limit: None
):
    spam_wave(3)

    response = confirm_all_of_the_wave(staff_web, 3)

    assert response.status_code == 302
    assert not BulkJob.objects.exists()
    assert AuditEntry.objects.filter(action="message.confirm").count() == 3


def test_the_worker_runs_the_job_and_the_page_shows_the_result(
    staff_web: Client, world: dict[str, Any], small_inline_limit: None
):
    wave = spam_wave(5)
    confirm_all_of_the_wave(staff_web, 5)
    job = BulkJob.objects.get()
    waiting = Document(html(staff_web.get(reverse("review:job", args=[job.pk]))))

    acted = bulk.bulk_jobs_run(budget_seconds=30, chunk=2)

    job.refresh_from_db()
    assert acted == 5
    assert (job.position, job.done, job.skipped, job.finished_at is not None) == (5, 5, 0, True)
    assert job.leased_until is None
    assert AuditEntry.objects.filter(action="message.confirm", reason="wave").count() == 5
    assert all(m.reviewed_at is not None for m in Message.objects.filter(message_id__in=wave))
    assert "Waiting for a worker to start (5 messages)" in waiting.text
    assert waiting.find("section", id="job", **{"hx-trigger": "every 1s"})
    page = html(staff_web.get(reverse("review:job", args=[job.pk])))
    assert "Finished" in page and "5 done, 0 skipped, of 5." in page
    assert 'hx-trigger="every 1s"' not in page  # nothing more to poll
    listing = html(staff_web.get(reverse("review:jobs")))
    assert "Confirm spam: All 5 matching sender c-wave" in listing
    assert "5 done, 0 skipped" in listing


def test_a_dropped_job_resumes_where_it_stopped_without_acting_twice(
    staff_web: Client, world: dict[str, Any], small_inline_limit: None
):
    wave = spam_wave(5)
    confirm_all_of_the_wave(staff_web, 5)
    job = BulkJob.objects.get()
    # A worker confirmed the first two, then died before it recorded its progress; its lease
    # ran out.
    first_two = Message.objects.filter(message_id__in=wave[:2])
    assert job.created_by_id is not None
    review_act(messages=list(first_two), action="confirm", label="spam", actor_id=job.created_by_id)
    BulkJob.objects.filter(pk=job.pk).update(leased_until=timezone.now() - timedelta(seconds=1))

    bulk.bulk_jobs_run(budget_seconds=30)

    job.refresh_from_db()
    assert (job.done, job.skipped, job.finished_at is not None) == (3, 2, True)
    assert AuditEntry.objects.filter(action="message.confirm").count() == 5  # once each
    assert job.skipped_examples == [f"{m}: already decided or gone" for m in wave[:2]]


def test_a_job_another_worker_holds_is_left_alone(
    staff_web: Client, world: dict[str, Any], small_inline_limit: None
):
    spam_wave(5)
    confirm_all_of_the_wave(staff_web, 5)
    BulkJob.objects.update(leased_until=timezone.now() + timedelta(minutes=1))

    assert bulk.bulk_jobs_run(budget_seconds=30) == 0
    assert BulkJob.objects.get().position == 0


def test_messages_that_left_the_queue_meanwhile_are_counted_as_skipped(
    staff_web: Client, world: dict[str, Any], small_inline_limit: None
):
    wave = spam_wave(5)
    act(
        staff_web,
        {"action": "release", "scope": "filter", "expected": "5", "reason": "genuine"},
        {"sender": "c-wave"},
    )
    Message.objects.filter(message_id=wave[0]).update(dismissed_at=timezone.now())

    bulk.bulk_jobs_run(budget_seconds=30)

    job = BulkJob.objects.get()
    assert (job.done, job.skipped) == (4, 1)
    assert decisions(*wave[1:]) == [Outcome.DELIVER] * 4
    assert not queue_base().filter(message_id__in=wave[1:]).exists()


def test_a_campaign_action_on_many_copies_becomes_a_job(
    staff_web: Client, world: dict[str, Any], settings: Any
):
    settings.REVIEW_BULK_INLINE_MAX = 1
    campaign = world["campaign"]

    response = staff_web.post(
        reverse("review:campaign-act", args=[campaign.pk]),
        {"action": "confirm_scam", "reason": "Fake jobs"},
    )

    job = BulkJob.objects.get()
    assert response["Location"] == reverse("review:job", args=[job.pk])
    assert job.description == f"Confirm scam: all 2 held copies of campaign {campaign.pk}"
    assert sorted(job.message_ids) == ["m-q1", "m-q2"]


def test_a_job_whose_reviewer_was_removed_finishes_with_nothing_done(
    staff_web: Client, staff_user: Any, world: dict[str, Any], small_inline_limit: None
):
    wave = spam_wave(5)
    confirm_all_of_the_wave(staff_web, 5)
    BulkJob.objects.update(created_by=None)

    bulk.bulk_jobs_run(budget_seconds=30)

    job = BulkJob.objects.get()
    assert (job.done, job.skipped, job.finished_at is not None) == (0, 5, True)
    assert decisions(*wave) == [Outcome.QUARANTINE] * 5
    assert not AuditEntry.objects.filter(action="message.confirm").exists()
