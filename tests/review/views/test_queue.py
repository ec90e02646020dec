"""The review UI: the queue and its filters."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inbox.models import (
    Message,
    Outcome,
)
from preferences.services import block_create
from tests.factories import SenderFactory
from tests.review.views.support import check, html, ids_in_order, moved, quarantined

pytestmark = pytest.mark.django_db


def test_queue_lists_everything_held_back_across_freelancers_and_nothing_else(
    staff_web: Client, world: dict[str, Any]
):
    page = html(staff_web.get(reverse("review:queue"), {"copies": "each"}))

    assert set(ids_in_order(page, ["m-q1", "m-q2", "m-hold", "m-req", "m-deliv"])) == {
        "m-q1",
        "m-q2",
        "m-hold",
        "m-req",
    }
    assert "4 messages waiting" in page
    assert "Spammy Ltd" in page and "blocked_sender" in page


def test_the_queue_shows_a_campaign_once_to_be_judged_as_one(
    staff_web: Client, world: dict[str, Any]
):
    campaign = world["campaign"].pk

    page = html(staff_web.get(reverse("review:queue")))

    # The two copies are one row, without a checkbox of its own, pointing to the campaign.
    assert set(ids_in_order(page, ["m-q1", "m-q2", "m-hold", "m-req"])) == {"m-hold", "m-req"}
    assert page.count("<tr>") - 1 == 3  # the header row, then a row per campaign or message
    assert f"Campaign {campaign}: 2 copies held." in page
    assert f'href="/review/campaigns/{campaign}/"' in page
    assert f'href="/review/?campaign={campaign}"' in page
    # The count and "all matching" still cover every message, copies included.
    assert "4 messages waiting" in page
    assert '<strong id="matching-count">4</strong>' in page


def test_a_campaign_opened_in_the_queue_lists_each_copy(staff_web: Client, world: dict[str, Any]):
    page = html(staff_web.get(reverse("review:queue"), {"campaign": world["campaign"].pk}))

    assert ids_in_order(page, ["m-q1", "m-q2"]) == ["m-q1", "m-q2"]
    assert "copies held" not in page


def test_queue_leaves_out_deleted_messages(staff_web: Client, world: dict[str, Any]):
    Message.objects.filter(message_id="m-q2").update(dismissed_at=timezone.now())

    page = html(staff_web.get(reverse("review:queue")))

    assert "m-q2" not in ids_in_order(page, ["m-q2"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"reason": "blocked_sender"}, {"m-q1", "m-q2"}),
        ({"reason": "scan_passed"}, {"m-req"}),
        ({"sender": "c-spam"}, {"m-q1"}),
        ({"organization": "org-spam"}, {"m-q1", "m-q2"}),
        ({"decision": "hold"}, {"m-hold"}),
        ({"min_score": "0.5"}, {"m-q2"}),
        ({"sender": "c-good", "decision": "request"}, {"m-req"}),
    ],
)
def test_queue_filters_narrow_the_list(
    staff_web: Client, world: dict[str, Any], query: dict[str, str], expected: set[str]
):
    Message.objects.filter(message_id="m-q2").update(spam_score=0.93)
    Message.objects.filter(message_id="m-q1").update(spam_score=0.2)

    page = html(staff_web.get(reverse("review:queue"), {**query, "copies": "each"}))

    assert set(ids_in_order(page, ["m-q1", "m-q2", "m-hold", "m-req"])) == expected
    assert f'<strong id="matching-count">{len(expected)}</strong>' in page


def test_queue_filters_by_campaign_and_by_received_date(staff_web: Client, world: dict[str, Any]):
    now = timezone.now()
    Message.objects.filter(message_id="m-q1").update(received_at=now - timedelta(days=3))
    today = timezone.localdate(now).isoformat()
    three_days_ago = (timezone.localdate(now) - timedelta(days=3)).isoformat()
    everything = ["m-q1", "m-q2", "m-hold", "m-req"]

    by_campaign = html(staff_web.get(reverse("review:queue"), {"campaign": world["campaign"].pk}))
    old = html(staff_web.get(reverse("review:queue"), {"date_to": three_days_ago}))
    recent = html(staff_web.get(reverse("review:queue"), {"date_from": today}))

    assert set(ids_in_order(by_campaign, everything)) == {"m-q1", "m-q2"}
    assert ids_in_order(old, everything) == ["m-q1"]
    assert set(ids_in_order(recent, everything)) == {"m-q2", "m-hold", "m-req"}


def test_queue_sorts_by_score_or_age(staff_web: Client, world: dict[str, Any]):
    now = timezone.now()
    ages = {"m-q1": 3, "m-q2": 1, "m-hold": 2, "m-req": 4}
    for message_id, days in ages.items():
        Message.objects.filter(message_id=message_id).update(received_at=now - timedelta(days=days))
    Message.objects.filter(message_id="m-q1").update(spam_score=0.4)
    Message.objects.filter(message_id="m-q2").update(spam_score=0.9)
    ids = list(ages)

    def order(sort: str) -> list[str]:
        query = {"sort": sort, "copies": "each"}
        return ids_in_order(html(staff_web.get(reverse("review:queue"), query)), ids)

    assert order("score") == ["m-q2", "m-q1", "m-req", "m-hold"]  # unscored last, oldest first
    assert order("oldest") == ["m-req", "m-q1", "m-hold", "m-q2"]
    assert order("newest") == ["m-q2", "m-hold", "m-q1", "m-req"]


def test_an_invalid_filter_shows_errors_and_matches_nothing(
    staff_web: Client, world: dict[str, Any]
):
    page = html(staff_web.get(reverse("review:queue"), {"min_score": "lots", "sender": "c-spam"}))

    assert "The filter has errors" in page
    assert ids_in_order(page, ["m-q1", "m-q2", "m-hold", "m-req"]) == []
    assert re.search(r'value="filter"\s+disabled', page)


def test_queue_is_paginated_fifty_to_a_page(staff_web: Client, db: None):
    SenderFactory(account_id="c-wave")
    for i in range(53):
        quarantined(f"m-w{i:02}", "c-wave", f"f-w{i}")

    first = html(staff_web.get(reverse("review:queue"), {"sort": "oldest"}))
    second = html(staff_web.get(reverse("review:queue"), {"sort": "oldest", "page": "2"}))

    assert len(re.findall(r'name="message_ids"', first)) == 50
    assert len(re.findall(r'name="message_ids"', second)) == 3
    assert "Page 2 of 2" in second and "sort=oldest&amp;page=1" in second
    assert '<strong id="matching-count">53</strong>' in second


def test_the_queue_marks_what_a_freelancer_still_blocks_in_one_query(
    staff_web: Client, db: None, django_assert_max_num_queries: Any
):
    # Staff cannot release these (the block is the freelancer's): the row says so up front.
    SenderFactory(account_id="c-pest", organization_id="org-pest")
    SenderFactory(account_id="c-pest-2", organization_id="org-pest")
    SenderFactory(account_id="c-forgiven")
    quarantined("m-still", "c-pest", "f-9", still_blocked=True)
    quarantined("m-lifted", "c-forgiven", "f-8")
    # Blocked by organization: another account of it is covered too.
    block_create(account_id="f-7", sender_id="c-pest", scope="organization")
    assert check("m-org", "c-pest-2", "f-7").decision == Outcome.QUARANTINE
    # The same sender to a freelancer who never blocked them is not.
    moved(check("m-free", "c-pest", "f-6"), Outcome.QUARANTINE, "spam")

    with django_assert_max_num_queries(12):
        page = html(staff_web.get(reverse("review:queue"), {"copies": "each"}))

    rows = {
        message_id: row
        for row in page.split("<tr>")[2:]
        for message_id in ["m-still", "m-lifted", "m-org", "m-free"]
        if f">{message_id}</a>" in row
    }
    assert len(rows) == 4
    marked = {message_id for message_id, row in rows.items() if "Blocked by the freelancer" in row}
    assert marked == {"m-still", "m-org"}
