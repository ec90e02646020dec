"""The trust & safety review UI: who may use it, every action and its audit row, what pages show."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inbox import services
from inbox.detection.preview import safe_preview
from inbox.models import (
    AuditEntry,
    Campaign,
    DecidedBy,
    Message,
    Outcome,
    Policy,
    Sender,
    SpamReport,
    TrainingLabel,
)
from inbox.policy import HELP_CENTRE_ELIGIBILITY
from inbox.selectors import policy_get_active
from inbox.services import message_report, message_transition
from preferences.services import block_create
from review import services as staff
from tests.factories import ConnectionFactory, SenderFactory, UserFactory, direct_message

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
HOSTILE_NAME = 'Evil <b onmouseover="alert(4)">Corp</b>'
HOSTILE_BODY = (
    "Hi <script>alert(1)</script> see "
    '<a href="javascript:alert(2)">the brief</a> '
    "<img src=x onerror=alert(3)> https://evil.example/pay now"
)


# --- Data ------------------------------------------------------------------------------------


def check(message_id: str, sender: str, recipient: str, body: str = "Hello, a job for you?"):
    return direct_message(message_id, sender, recipient, body)


def quarantined(message_id: str, sender: str, recipient: str, body: str = "Cheap followers!"):
    """A message quarantined because the recipient blocked the sender (reason blocked_sender)."""
    block_create(account_id=recipient, sender_id=sender, scope="account")
    message = check(message_id, sender, recipient, body)
    assert message.decision == Outcome.QUARANTINE
    return message


def moved(message: Message, to: str, code: str) -> Message:
    assert message_transition(
        message=message, to=to, reasons=[{"code": code, "detail": code}], by=DecidedBy.SCAN
    )
    message.refresh_from_db()
    return message


def decisions(*message_ids: str) -> list[str]:
    by_id = dict(Message.objects.values_list("message_id", "decision"))
    return [by_id[message_id] for message_id in message_ids]


def html(response: Any) -> str:
    return response.content.decode()


def ids_in_order(page: str, candidates: list[str]) -> list[str]:
    """Return the candidates' message ids in the order their checkboxes appear on the page."""
    found = re.findall(r'name="message_ids" value="([^"]+)"', page)
    return [message_id for message_id in found if message_id in candidates]


@pytest.fixture
def world(db: None) -> dict[str, Any]:
    """A small marketplace: one message in every state, a campaign, a report, a second draft."""
    SenderFactory(account_id="c-spam", display_name="Spammy Ltd", organization_id="org-spam")
    SenderFactory(account_id="c-spam-2", display_name="Spammy Two", organization_id="org-spam")
    SenderFactory(account_id="c-good", display_name="Good Client", organization_id="org-good")
    ConnectionFactory(client_id="c-good", freelancer_id="f-3")
    q1 = quarantined("m-q1", "c-spam", "f-1")
    q2 = quarantined("m-q2", "c-spam-2", "f-2")
    held = check("m-hold", "c-good", "f-1")
    request = moved(check("m-req", "c-good", "f-2"), Outcome.REQUEST, "scan_passed")
    delivered = check("m-deliv", "c-good", "f-3")
    assert (held.decision, delivered.decision) == (Outcome.HOLD, Outcome.DELIVER)
    campaign = Campaign.objects.create(
        signature=[],
        preview="Cheap followers!",
        first_seen_at=timezone.now(),
        last_seen_at=timezone.now(),
    )
    Message.objects.filter(pk__in=[q1.pk, q2.pk]).update(campaign=campaign)
    message_report(recipient_id="f-1", message_id="m-q1")
    author: Any = UserFactory(username="author", is_staff=True)
    draft = services.policy_draft(
        values={**policy_get_active().rule_values(), "daily_new_contact_limit": 3},
        actor_id=author.pk,
        note="tighter",
    )
    return {
        "campaign": campaign,
        "draft": draft,
        "messages": {"q1": q1, "q2": q2, "hold": held, "request": request, "deliv": delivered},
    }


def routes(world: dict[str, Any]) -> tuple[list[str], list[tuple[str, dict[str, Any]]]]:
    campaign, draft = world["campaign"].pk, world["draft"].number
    pages = [
        reverse("review:queue"),
        reverse("review:queue") + "?sender=c-spam&sort=oldest",
        reverse("review:campaigns"),
        reverse("review:campaign", args=[campaign]),
        reverse("review:senders"),
        reverse("review:senders") + "?q=spam",
        reverse("review:sender", args=["c-spam"]),
        reverse("review:message", args=["m-q1"]),
        reverse("review:policies"),
        reverse("review:policy-new"),
        reverse("review:policy", args=[draft]),
        reverse("review:policy-what-if", args=[draft]) + "?days=7",
        reverse("review:audit"),
        reverse("review:metrics"),
    ]
    posts: list[tuple[str, dict[str, Any]]] = [
        (
            reverse("review:queue-act"),
            {"action": "release", "scope": "selected", "message_ids": ["m-q1"]},
        ),
        (reverse("review:campaign-act", args=[campaign]), {"action": "delete", "reason": "spam"}),
        (
            reverse("review:sender-standing", args=["c-spam"]),
            {"standing": "suspended", "reason": "x"},
        ),
        (reverse("review:sender-lift", args=["c-spam"]), {"lift-reason": "x"}),
        (reverse("review:policy-new"), policy_form_data(policy_get_active())),
        (reverse("review:policy-activate", args=[draft]), {"reason": "x"}),
    ]
    return pages, posts


def state(world: dict[str, Any]) -> dict[str, Any]:
    """Everything an action could change, to compare before and after a refused request."""
    return {
        "decisions": sorted(Message.objects.values_list("message_id", "decision", "dismissed_at")),
        "audit": AuditEntry.objects.count(),
        "labels": TrainingLabel.objects.count(),
        "standing": list(Sender.objects.values_list("account_id", "standing_override")),
        "policies": list(Policy.objects.values_list("number", "is_active")),
    }


def policy_form_data(policy: Policy, **changes: Any) -> dict[str, Any]:
    values = {"note": "from the UI", **policy.rule_values(), **changes}
    data = {}
    for name, value in values.items():
        if name in ("eligibility", "contact_rule"):
            data[name] = json.dumps(value)
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = str(value)
    return data


@pytest.fixture
def staff_web(staff_user: Any) -> Client:
    client = Client()
    client.force_login(staff_user)
    return client


@pytest.fixture
def freelancer_web(alice: Any) -> Client:
    client = Client()
    client.force_login(alice.user)
    return client


# --- Who may use it --------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in_from_every_page_and_action(
    client: Client, world: dict[str, Any]
):
    pages, posts = routes(world)
    before = state(world)

    for url in pages:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/login/?next=/review/"), url
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/login/?next=/review/"), url

    assert state(world) == before


def test_signed_in_freelancers_get_403_on_every_page_and_action(
    freelancer_web: Client, world: dict[str, Any]
):
    pages, posts = routes(world)
    before = state(world)

    for url in pages:
        assert freelancer_web.get(url).status_code == 403, url
    for url, data in posts:
        assert freelancer_web.post(url, data).status_code == 403, url

    assert state(world) == before


def test_staff_open_every_page_with_the_review_navigation(staff_web: Client, world: dict[str, Any]):
    pages, _ = routes(world)

    for url in pages:
        response = staff_web.get(url)
        assert response.status_code == 200, url
        page = html(response)
        assert 'aria-label="Trust &amp; safety"' in page, url
        assert page.count('aria-current="page"') == 1, url


def test_actions_refuse_get(staff_web: Client, world: dict[str, Any]):
    _, posts = routes(world)

    for url, _data in posts:
        if url == reverse("review:policy-new"):
            continue  # the draft form itself is a page
        assert staff_web.get(url).status_code == 405, url


# --- The queue -------------------------------------------------------------------------------


def test_queue_lists_everything_held_back_across_freelancers_and_nothing_else(
    staff_web: Client, world: dict[str, Any]
):
    page = html(staff_web.get(reverse("review:queue")))

    assert set(ids_in_order(page, ["m-q1", "m-q2", "m-hold", "m-req", "m-deliv"])) == {
        "m-q1",
        "m-q2",
        "m-hold",
        "m-req",
    }
    assert "4 messages waiting" in page
    assert "Spammy Ltd" in page and "blocked_sender" in page


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

    page = html(staff_web.get(reverse("review:queue"), query))

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
        return ids_in_order(html(staff_web.get(reverse("review:queue"), {"sort": sort})), ids)

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


# --- Acting on the queue ---------------------------------------------------------------------


def act(web: Client, data: dict[str, Any], query: dict[str, Any] | None = None, **extra: Any):
    url = reverse("review:queue-act")
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return web.post(url, data, **extra)


def test_releasing_a_selection_delivers_only_those_and_audits_each(
    staff_web: Client, staff_user: Any, world: dict[str, Any]
):
    response = act(
        staff_web,
        {
            "action": "release",
            "scope": "selected",
            "message_ids": ["m-q1", "m-req"],
            "reason": "False positive",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("review:queue")
    assert decisions("m-q1", "m-req", "m-q2", "m-hold") == [
        "deliver",
        "deliver",
        "quarantine",
        "hold",
    ]
    entries = AuditEntry.objects.filter(action="message.release").order_by("target")
    assert [(e.target, e.actor, e.reason) for e in entries] == [
        ("message:m-q1", staff_user, "False positive"),
        ("message:m-req", staff_user, "False positive"),
    ]
    notice = html(staff_web.get(response["Location"]))
    assert "Released 2 messages." in notice


@pytest.mark.parametrize(
    ("action", "label"),
    [("confirm_spam", "spam"), ("confirm_scam", "scam")],
)
def test_confirming_a_selection_keeps_it_quarantined_as_a_labelled_example(
    staff_web: Client, staff_user: Any, world: dict[str, Any], action: str, label: str
):
    response = act(
        staff_web, {"action": action, "scope": "selected", "message_ids": ["m-q1", "m-hold"]}
    )

    assert response.status_code == 302
    assert decisions("m-q1", "m-hold", "m-q2") == ["quarantine", "quarantine", "quarantine"]
    assert sorted(TrainingLabel.objects.values_list("message__message_id", "label")) == [
        ("m-hold", label),
        ("m-q1", label),
    ]
    entries = AuditEntry.objects.filter(action="message.confirm")
    assert sorted((e.target, e.details["label"], e.actor_id) for e in entries) == [
        ("message:m-hold", label, staff_user.pk),
        ("message:m-q1", label, staff_user.pk),
    ]


def test_deleting_a_selection_takes_it_out_of_the_queue_and_audits_it(
    staff_web: Client, staff_user: Any, world: dict[str, Any]
):
    response = act(
        staff_web,
        {"action": "delete", "scope": "selected", "message_ids": ["m-q2"], "reason": "junk"},
    )

    assert response.status_code == 302
    message = Message.objects.get(message_id="m-q2")
    assert message.dismissed_at is not None and message.body == ""
    (entry,) = AuditEntry.objects.filter(action="message.delete")
    assert (entry.target, entry.actor, entry.reason) == ("message:m-q2", staff_user, "junk")
    page = html(staff_web.get(reverse("review:queue")))
    assert "m-q2" not in ids_in_order(page, ["m-q2"])


def test_acting_with_nothing_selected_changes_nothing_and_says_why(
    staff_web: Client, world: dict[str, Any]
):
    before = state(world)

    response = act(staff_web, {"action": "release", "scope": "selected"})

    assert response.status_code == 400
    assert "Select at least one message" in html(response)
    assert state(world) == before


def test_ids_outside_the_queue_are_not_acted_on(staff_web: Client, world: dict[str, Any]):
    response = act(
        staff_web,
        {"action": "delete", "scope": "selected", "message_ids": ["m-deliv", "m-q1"]},
        follow=True,
    )

    assert Message.objects.get(message_id="m-deliv").dismissed_at is None
    assert Message.objects.get(message_id="m-q1").dismissed_at is not None
    assert "Deleted 1 message. 1 selected message had already left the queue." in html(response)


def spam_wave(count: int = 6) -> list[str]:
    """A spam wave from c-wave (quarantined by blocks) next to unrelated held-back messages."""
    SenderFactory(account_id="c-wave", organization_id="org-wave")
    return [quarantined(f"m-wave-{i}", "c-wave", f"f-w{i}").message_id for i in range(count)]


@pytest.mark.parametrize(
    ("action", "wave_after"),
    [
        ("release", {"decision": "deliver", "dismissed": False}),
        ("confirm_spam", {"decision": "quarantine", "dismissed": False}),
        ("delete", {"decision": "quarantine", "dismissed": True}),
    ],
)
def test_acting_on_a_whole_filter_changes_exactly_the_matching_messages(
    staff_web: Client,
    staff_user: Any,
    world: dict[str, Any],
    action: str,
    wave_after: dict[str, Any],
):
    wave = spam_wave()
    others = sorted(
        Message.objects.exclude(message_id__in=wave).values_list(
            "message_id", "decision", "dismissed_at"
        )
    )

    response = act(
        staff_web,
        {"action": action, "scope": "filter", "expected": "6", "reason": "Spam wave 42"},
        query={"sender": "c-wave"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("review:queue") + "?sender=c-wave"
    after = {
        m.message_id: {"decision": m.decision, "dismissed": m.dismissed_at is not None}
        for m in Message.objects.filter(message_id__in=wave)
    }
    assert after == dict.fromkeys(wave, wave_after)
    untouched = sorted(
        Message.objects.exclude(message_id__in=wave).values_list(
            "message_id", "decision", "dismissed_at"
        )
    )
    assert untouched == others
    entries = AuditEntry.objects.filter(action__startswith="message.")
    assert sorted(e.target for e in entries) == sorted(f"message:{m}" for m in wave)
    assert {(e.actor_id, e.reason) for e in entries} == {(staff_user.pk, "Spam wave 42")}


def test_a_whole_filter_action_needs_a_reason(staff_web: Client, world: dict[str, Any]):
    spam_wave(2)
    before = state(world)

    response = act(
        staff_web, {"action": "release", "scope": "filter", "expected": "2"}, {"sender": "c-wave"}
    )

    assert response.status_code == 400
    assert "a reason is required for a whole filter" in html(response)
    assert state(world) == before


def test_a_whole_filter_action_refuses_when_the_count_changed_since_the_page_was_shown(
    staff_web: Client, world: dict[str, Any]
):
    spam_wave(3)
    before = state(world)

    response = act(
        staff_web,
        {"action": "release", "scope": "filter", "expected": "2", "reason": "wave"},
        {"sender": "c-wave"},
    )

    assert response.status_code == 409
    assert "The filter now matches 3 messages, not 2" in html(response)
    assert state(world) == before


def test_a_whole_filter_action_with_an_invalid_filter_changes_nothing(
    staff_web: Client, world: dict[str, Any]
):
    before = state(world)

    response = act(
        staff_web,
        {"action": "delete", "scope": "filter", "expected": "0", "reason": "x"},
        {"min_score": "high"},
    )

    assert response.status_code == 400
    assert state(world) == before


def test_the_queue_shows_the_count_an_all_matching_action_would_change(
    staff_web: Client, world: dict[str, Any]
):
    spam_wave(4)

    page = html(staff_web.get(reverse("review:queue"), {"organization": "org-wave"}))

    assert 'All <strong id="matching-count">4</strong> matching this filter' in page
    assert 'name="expected" value="4"' in page
    assert 'action="/review/act?organization=org-wave"' in page


def test_htmx_actions_answer_with_the_refreshed_queue_and_the_result(
    staff_web: Client, world: dict[str, Any]
):
    response = act(
        staff_web,
        {"action": "release", "scope": "selected", "message_ids": ["m-q1"]},
        {"sender": "c-spam"},
        headers=HTMX,
    )

    page = html(response)
    assert response.status_code == 200
    assert page.startswith('<div id="staff-queue">') and "<html" not in page
    assert "Released 1 message." in page
    assert "m-q1" not in ids_in_order(page, ["m-q1"])


def test_htmx_refusals_keep_the_reviewers_choices_and_show_the_error(
    staff_web: Client, world: dict[str, Any]
):
    response = act(
        staff_web,
        {"action": "confirm_scam", "scope": "filter", "expected": "1"},
        {"sender": "c-spam"},
        headers=HTMX,
    )

    page = html(response)
    assert 'role="alert">Nothing changed:' in page
    assert '<option value="confirm_scam" selected>' in page
    assert re.search(r'value="filter"\s+checked', page)


def test_claiming_marks_messages_for_the_reviewer_and_others_skip_them(
    staff_web: Client, staff_user: Any, world: dict[str, Any]
):
    response = act(
        staff_web, {"action": "claim", "scope": "selected", "message_ids": ["m-q1"]}, follow=True
    )
    assert "Claimed 1 message for 30 minutes." in html(response)
    assert Message.objects.get(message_id="m-q1").claimed_by == staff_user
    queue = html(staff_web.get(reverse("review:queue"), {"sender": "c-spam"}))
    assert "<td>reviewer</td>" in queue

    other = Client()
    other_reviewer: Any = UserFactory(username="other-reviewer", is_staff=True)
    other.force_login(other_reviewer)
    response = act(
        other,
        {"action": "release", "scope": "selected", "message_ids": ["m-q1", "m-q2"]},
        follow=True,
    )

    assert decisions("m-q1", "m-q2") == ["quarantine", "deliver"]
    assert "Released 1 message. Skipped 1: m-q1: claimed by another reviewer." in html(response)


def test_reviewers_can_hide_what_other_reviewers_have_claimed(
    staff_web: Client, staff_user: Any, world: dict[str, Any]
):
    other: Any = UserFactory(username="other-reviewer", is_staff=True)
    staff.queue_claim(message_ids=["m-q1"], actor_id=other.pk)
    staff.queue_claim(message_ids=["m-q2"], actor_id=staff_user.pk)
    everything = ["m-q1", "m-q2", "m-hold", "m-req"]

    shown = html(staff_web.get(reverse("review:queue"), {"hide_claimed": "on"}))
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        expired = html(staff_web.get(reverse("review:queue"), {"hide_claimed": "on"}))

    assert set(ids_in_order(shown, everything)) == {"m-q2", "m-hold", "m-req"}
    assert set(ids_in_order(expired, everything)) == set(everything)


def test_unclaiming_frees_the_reviewers_own_claims(
    staff_web: Client, staff_user: Any, world: dict[str, Any]
):
    staff.queue_claim(message_ids=["m-q1", "m-q2"], actor_id=staff_user.pk)

    response = act(
        staff_web,
        {"action": "unclaim", "scope": "filter", "expected": "2"},
        {"reason": "blocked_sender"},
        follow=True,
    )

    assert "Unclaimed 2 messages." in html(response)
    assert not Message.objects.filter(claimed_by__isnull=False).exists()


# --- Campaigns -------------------------------------------------------------------------------


def test_campaign_page_shows_copies_senders_and_recipients(
    staff_web: Client, world: dict[str, Any]
):
    campaign = world["campaign"]

    page = html(staff_web.get(reverse("review:campaign", args=[campaign.pk])))
    listing = html(staff_web.get(reverse("review:campaigns")))

    assert "m-q1" in page and "m-q2" in page
    assert "Spammy Ltd" in page and "Spammy Two" in page
    assert "f-1" in page and "f-2" in page
    assert "Apply to 2 copies" in page
    assert f'href="/review/campaigns/{campaign.pk}/"' in listing


def test_one_campaign_action_confirms_every_held_copy_with_its_reason(
    staff_web: Client, staff_user: Any, world: dict[str, Any]
):
    campaign = world["campaign"]

    response = staff_web.post(
        reverse("review:campaign-act", args=[campaign.pk]),
        {"action": "confirm_scam", "reason": "Fake job campaign"},
        follow=True,
    )

    assert "Confirmed as scam 2 messages." in html(response)
    assert sorted(TrainingLabel.objects.values_list("message__message_id", "label")) == [
        ("m-q1", "scam"),
        ("m-q2", "scam"),
    ]
    entries = AuditEntry.objects.filter(action="message.confirm")
    assert sorted((e.target, e.reason, e.actor_id) for e in entries) == [
        ("message:m-q1", "Fake job campaign", staff_user.pk),
        ("message:m-q2", "Fake job campaign", staff_user.pk),
    ]


def test_a_campaign_action_needs_a_reason(staff_web: Client, world: dict[str, Any]):
    before = state(world)

    response = staff_web.post(
        reverse("review:campaign-act", args=[world["campaign"].pk]),
        {"action": "release", "reason": "  "},
    )

    assert response.status_code == 400
    assert "Say why: a reason is required." in html(response)
    assert state(world) == before


# --- Senders ---------------------------------------------------------------------------------


def test_sender_page_shows_facts_standing_decisions_blocks_and_reports(
    staff_web: Client, world: dict[str, Any]
):
    block_create(account_id="f-9", sender_id="c-spam", scope="organization")

    page = html(staff_web.get(reverse("review:sender", args=["c-spam"])))

    assert "Spammy Ltd" in page and "org-spam" in page and "$1,500.00" in page
    assert re.search(r"This account</td><td>1</td>", page)
    assert re.search(r"Their whole organization</td><td>1</td>", page)
    assert 'Reports received <span class="count">1</span>' in page
    assert "Decisions over the last 30 days" in page
    assert "m-q1" in page


def test_sender_page_counts_organization_blocks_for_every_account_of_the_organization(
    staff_web: Client, world: dict[str, Any]
):
    block_create(account_id="f-9", sender_id="c-spam", scope="organization")

    page = html(staff_web.get(reverse("review:sender", args=["c-spam-2"])))

    assert re.search(r"Their whole organization</td><td>1</td>", page)


def test_unknown_senders_are_404(staff_web: Client, world: dict[str, Any]):
    assert staff_web.get(reverse("review:sender", args=["c-nobody"])).status_code == 404


def test_suspending_a_sender_from_the_page_is_audited_and_the_next_check_obeys(
    staff_web: Client, staff_user: Any, world: dict[str, Any]
):
    response = staff_web.post(
        reverse("review:sender-standing", args=["c-good"]),
        {"standing": "suspended", "reason": "Phishing links"},
        follow=True,
    )

    assert "c-good is now suspended; the next check applies it." in html(response)
    (entry,) = AuditEntry.objects.filter(action="sender.standing_set")
    assert (entry.target, entry.actor, entry.reason) == (
        "sender:c-good",
        staff_user,
        "Phishing links",
    )
    assert entry.details == {"before": "good", "after": "suspended"}
    assert check("m-after", "c-good", "f-3").decision == "reject"
    page = html(staff_web.get(reverse("review:sender", args=["c-good"])))
    assert "Phishing links" in page and "Lift the override" in page


def test_putting_a_sender_on_hold_needs_a_reason(staff_web: Client, world: dict[str, Any]):
    before = state(world)

    response = staff_web.post(
        reverse("review:sender-standing", args=["c-spam"]), {"standing": "on_hold", "reason": ""}
    )

    assert response.status_code == 400
    assert "Say why: a reason is required." in html(response)
    assert state(world) == before


def test_lifting_an_override_from_the_page_is_audited(
    staff_web: Client, staff_user: Any, world: dict[str, Any]
):
    staff.sender_standing_set(
        account_id="c-good", standing="on_hold", reason="Chargeback", actor_id=staff_user.pk
    )

    refused = staff_web.post(reverse("review:sender-lift", args=["c-good"]), {"lift-reason": ""})
    response = staff_web.post(
        reverse("review:sender-lift", args=["c-good"]), {"lift-reason": "Resolved"}, follow=True
    )

    assert refused.status_code == 400
    assert "Lifted the override: c-good is good again." in html(response)
    assert Sender.objects.get(account_id="c-good").standing_override == ""
    assert list(AuditEntry.objects.order_by("id").values_list("action", "reason"))[-2:] == [
        ("sender.standing_set", "Chargeback"),
        ("sender.standing_lifted", "Resolved"),
    ]


def test_sender_search_finds_by_organization_and_lists_overrides_by_default(
    staff_web: Client, staff_user: Any, world: dict[str, Any]
):
    staff.sender_standing_set(
        account_id="c-spam", standing="suspended", reason="Fraud", actor_id=staff_user.pk
    )

    overrides = html(staff_web.get(reverse("review:senders")))
    found = html(staff_web.get(reverse("review:senders"), {"q": "org-spam"}))

    assert "c-spam<" in overrides and "c-good" not in overrides and "Fraud" in overrides
    assert "c-spam<" in found and "c-spam-2" in found and "c-good" not in found


# --- A message's audit -----------------------------------------------------------------------


def test_message_page_shows_every_decision_with_rules_inputs_and_version(
    staff_web: Client, staff_user: Any, world: dict[str, Any]
):
    staff.review_act(
        messages=Message.objects.filter(message_id="m-q1"),
        action="release",
        actor_id=staff_user.pk,
        reason="Looks legit",
    )

    page = html(staff_web.get(reverse("review:message", args=["m-q1"])))

    assert page.count('<li class="card">') == 2  # the check, then the release
    assert "under policy <strong>v1</strong>" in page
    assert "<dt>blocks</dt>" in page and "matched: <strong" in page
    assert "blocked_sender" in page
    assert "<dt>sender.billing_verified</dt>" in page  # the inputs the decision saw
    assert "by admin (reviewer)" in page
    assert "message.release" in page and "Looks legit" in page


def test_message_page_marks_the_contact_details_the_scan_found_and_escapes_the_rest(
    staff_web: Client, world: dict[str, Any]
):
    body = "Write to bob@example.com <script>alert(1)</script> or see https://evil.example/x"
    start = body.index("bob@")
    Message.objects.filter(message_id="m-q1").update(
        body=body,
        analysis={"matches": [{"start": start, "end": start + 15, "kind": "email"}]},
    )

    page = html(staff_web.get(reverse("review:message", args=["m-q1"])))

    assert '<mark title="email">bob@example.com</mark>' in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert" not in page
    assert "hxxps://evil[.]example/x" in page and "https://evil.example" not in page


def test_unknown_messages_are_404(staff_web: Client, world: dict[str, Any]):
    assert staff_web.get(reverse("review:message", args=["m-nope"])).status_code == 404


def test_hostile_bodies_and_names_are_inert_on_the_queue_campaign_and_message_pages(
    staff_web: Client, world: dict[str, Any]
):
    Sender.objects.filter(account_id="c-spam").update(display_name=HOSTILE_NAME)
    Message.objects.filter(message_id="m-q1").update(body=HOSTILE_BODY)
    Campaign.objects.filter(pk=world["campaign"].pk).update(preview=safe_preview(HOSTILE_BODY, 300))
    pages = [
        reverse("review:queue"),
        reverse("review:campaigns"),
        reverse("review:campaign", args=[world["campaign"].pk]),
        reverse("review:message", args=["m-q1"]),
        reverse("review:sender", args=["c-spam"]),
    ]

    for url in pages:
        page = html(staff_web.get(url))
        assert "<script>alert" not in page, url
        assert not re.search(r"<a\b[^>]*javascript:", page), url
        assert not re.search(r"<img\b", page), url
        assert not re.search(r"<[a-z]+\b[^>]*\bon(error|mouseover)\s*=", page), url
        assert "https://evil.example" not in page, url
    queue = html(staff_web.get(reverse("review:queue")))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in queue
    assert "hxxps://evil[.]example/pay" in queue


# --- Policy ----------------------------------------------------------------------------------


def test_policy_list_marks_the_active_version_and_links_drafts(
    staff_web: Client, world: dict[str, Any]
):
    page = html(staff_web.get(reverse("review:policies")))

    assert re.search(r'class="staff-active">\s*<td><a href="/review/policy/1/">v1</a>', page)
    assert re.search(r'href="/review/policy/2/">v2</a></td>\s*<td>Draft</td>', page)


def test_new_draft_form_starts_from_the_active_versions_values(
    staff_web: Client, world: dict[str, Any]
):
    page = html(staff_web.get(reverse("review:policy-new")))

    assert 'name="daily_new_contact_limit" value="5"' in page
    assert 'name="spam_threshold" value="0.8"' in page
    assert "&quot;billing_verified&quot;" in page  # the eligibility expression, as JSON
    assert "Based on v1" in page


def test_creating_a_draft_from_the_form_is_audited_and_shows_a_readable_diff(
    staff_web: Client, staff_user: Any, world: dict[str, Any]
):
    data = policy_form_data(
        policy_get_active(),
        daily_new_contact_limit=2,
        hold_unsolicited_for_scan=False,
        min_spend_cents=250_000,
        eligibility=HELP_CENTRE_ELIGIBILITY,
        note="Help centre reading",
    )

    response = staff_web.post(reverse("review:policy-new"), data)

    draft = Policy.objects.get(number=3)
    assert response.status_code == 302
    assert response["Location"] == reverse("review:policy", args=[3])
    assert (draft.is_active, draft.daily_new_contact_limit, draft.note) == (
        False,
        2,
        "Help centre reading",
    )
    entry = AuditEntry.objects.filter(action="policy.draft").latest("id")
    assert (entry.target, entry.actor, entry.details) == (
        "policy:v3",
        staff_user,
        {"based_on": "v1"},
    )
    page = html(staff_web.get(response["Location"]))
    limit_row = '<th scope="row">Daily new contact limit</th><td><del>5</del></td><td><ins>2</ins>'
    assert limit_row in page
    assert "<del>$1,000.00</del></td><td><ins>$2,500.00</ins>" in page
    assert "<del>yes</del></td><td><ins>no</ins>" in page
    assert (
        "<ins>all of (billing_verified, good_standing, any of (spend, payment_history))</ins>"
        in page
    )
    assert "Retention" not in page.split("All settings of")[0]  # unchanged fields are not diffed


@pytest.mark.parametrize(
    ("eligibility", "error"),
    [
        ('{"all": ["spend", "vibes"]}', "Unknown rule &#x27;vibes&#x27;"),
        ('{"all": []}', "needs a non-empty list"),
        ("{not json", "Enter a valid JSON."),
    ],
)
def test_a_draft_with_an_invalid_eligibility_expression_is_refused(
    staff_web: Client, world: dict[str, Any], eligibility: str, error: str
):
    data = {**policy_form_data(policy_get_active()), "eligibility": eligibility}

    response = staff_web.post(reverse("review:policy-new"), data)

    assert response.status_code == 400
    assert error in html(response)
    assert Policy.objects.count() == 2


def test_a_draft_with_a_threshold_out_of_range_is_refused(staff_web: Client, world: dict[str, Any]):
    data = policy_form_data(policy_get_active(), spam_threshold=1.5)

    response = staff_web.post(reverse("review:policy-new"), data)

    assert response.status_code == 400
    assert "less than or equal to 1.0" in html(response)
    assert Policy.objects.count() == 2


def test_what_if_page_replays_a_fixture_week_under_the_draft(
    staff_web: Client, staff_user: Any, db: None
):
    now = timezone.now()
    for day in range(3):
        with time_machine.travel(now - timedelta(days=day, hours=1), tick=False):
            SenderFactory(account_id=f"c-ok-{day}")
            check(f"m-ok-{day}", f"c-ok-{day}", f"f-{day}")
            SenderFactory(
                account_id=f"c-new-{day}",
                joined_at=timezone.now() - timedelta(days=30),
                first_payment_at=None,
                spent_last_12_months_cents=900_000,
            )
            check(f"m-new-{day}", f"c-new-{day}", f"f-{day}")
    with time_machine.travel(now - timedelta(days=9), tick=False):
        SenderFactory(account_id="c-old", joined_at=timezone.now() - timedelta(days=10))
        check("m-too-old", "c-old", "f-0")
    staff_web.post(
        reverse("review:policy-new"),
        policy_form_data(policy_get_active(), eligibility=HELP_CENTRE_ELIGIBILITY),
    )

    response = staff_web.get(reverse("review:policy-what-if", args=[2]), {"days": "7"})

    page = html(response)
    assert response.status_code == 200
    assert "<strong>3</strong> of 6 messages would change decision." in page
    assert '<td>reject</td><td class="staff-label">hold</td><td>3</td>' in page
    assert "<td><code>scan_pending</code></td><td>3</td>" in page
    for day in range(3):
        assert f'href="/review/messages/m-new-{day}/"' in page
    assert "m-ok-0" not in page
    assert Policy.objects.get(is_active=True).number == 1


def test_what_if_refuses_an_unreasonable_number_of_days(staff_web: Client, world: dict[str, Any]):
    response = staff_web.get(reverse("review:policy-what-if", args=[2]), {"days": "365"})

    assert response.status_code == 400
    assert "less than or equal to 30" in html(response)


def test_activating_a_draft_needs_a_reason_and_is_audited(
    staff_web: Client, staff_user: Any, world: dict[str, Any]
):
    refused = staff_web.post(reverse("review:policy-activate", args=[2]), {"reason": " "})
    assert refused.status_code == 400
    assert "Say why: a reason is required." in html(refused)
    assert policy_get_active().number == 1

    response = staff_web.post(
        reverse("review:policy-activate", args=[2]), {"reason": "Tighter limit"}, follow=True
    )

    assert "Activated v2 (was v1). The next check uses it." in html(response)
    assert policy_get_active().number == 2
    entry = AuditEntry.objects.latest("id")
    assert (entry.action, entry.target, entry.actor, entry.reason, entry.details) == (
        "policy.activate",
        "policy:v2",
        staff_user,
        "Tighter limit",
        {"previous": "v1"},
    )


def test_rolling_back_is_activating_an_earlier_version_with_a_reason(
    staff_web: Client, staff_user: Any, world: dict[str, Any]
):
    services.policy_activate(policy=world["draft"], actor_id=staff_user.pk, reason="Try it")
    page = html(staff_web.get(reverse("review:policy", args=[1])))
    assert "Roll back to v1" in page

    response = staff_web.post(
        reverse("review:policy-activate", args=[1]), {"reason": "Too strict"}, follow=True
    )

    assert "Rolled back from v2 to v1." in html(response)
    assert policy_get_active().number == 1
    entry = AuditEntry.objects.latest("id")
    assert (entry.action, entry.target, entry.reason) == (
        "policy.rollback",
        "policy:v1",
        "Too strict",
    )


def test_activating_the_active_version_is_refused(staff_web: Client, world: dict[str, Any]):
    before = state(world)

    response = staff_web.post(reverse("review:policy-activate", args=[1]), {"reason": "again"})

    assert response.status_code == 400
    assert "v1 is already the active version." in html(response)
    assert state(world) == before


# --- Activity log ----------------------------------------------------------------------------


def test_activity_log_lists_who_did_what_when_and_why_and_filters(
    staff_web: Client, staff_user: Any, world: dict[str, Any]
):
    staff.sender_standing_set(
        account_id="c-spam", standing="suspended", reason="Fraud ring", actor_id=staff_user.pk
    )
    staff.review_act(
        messages=Message.objects.filter(message_id="m-q2"),
        action="delete",
        actor_id=staff_user.pk,
        reason="junk",
    )

    everything = html(staff_web.get(reverse("review:audit")))
    senders_only = html(staff_web.get(reverse("review:audit"), {"action": "sender.standing_set"}))
    by_target = html(staff_web.get(reverse("review:audit"), {"target": "m-q2"}))

    assert "3 entries" in everything  # the fixture's draft, the suspension, the deletion
    assert "Fraud ring" in everything and "<td>reviewer</td>" in everything
    assert "Fraud ring" in senders_only and "<code>message.delete</code>" not in senders_only
    assert "1 entry" in by_target and "junk" in by_target


def test_reports_show_on_the_senders_page(staff_web: Client, world: dict[str, Any]):
    assert SpamReport.objects.filter(message__sender_id="c-spam").count() == 1

    page = html(staff_web.get(reverse("review:sender", args=["c-spam"])))

    reported = r'<td class="break">f-1</td>\s*<td class="break"><a href="/review/messages/m-q1/">'
    assert re.search(reported, page)


def test_a_whole_filter_action_past_the_bulk_limit_asks_to_narrow_the_filter(
    staff_web: Client, world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr("review.views.BULK_LIMIT", 3)
    spam_wave(4)
    before = state(world)

    response = act(
        staff_web,
        {"action": "delete", "scope": "filter", "expected": "4", "reason": "wave"},
        {"sender": "c-wave"},
    )

    assert response.status_code == 400
    assert "act on at most 3 at a time" in html(response)
    assert state(world) == before


# --- Known bugs in the services this UI calls ------------------------------------------------


def test_deleting_a_held_message_keeps_the_scan_from_delivering_it(
    staff_web: Client, world: dict[str, Any]
):
    from inbox.pipeline.scan import message_scan

    act(staff_web, {"action": "delete", "scope": "selected", "message_ids": ["m-hold"]})
    message = Message.objects.get(message_id="m-hold")
    assert message.dismissed_at is not None

    message_scan(message_pk=message.pk)

    message.refresh_from_db()
    assert message.decision != Outcome.DELIVER
