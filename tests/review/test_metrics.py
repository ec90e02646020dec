"""Metrics: /metrics for Prometheus (staff or a service key) and the staff metrics page."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from inbox.models import (
    DecidedBy,
    EventState,
    EventType,
    Message,
    OutboxEvent,
    Outcome,
    Sender,
)
from inbox.services import (
    MessageIn,
    message_check,
    message_report,
    message_transition,
    quarantine_release,
    service_token_create,
    service_token_revoke,
)
from preferences.services import block_create
from review import services as staff
from tests.factories import NOW, ConnectionFactory, SenderFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def check(message_id: str, sender: str, recipient: str) -> Message:
    message, _ = message_check(
        incoming=MessageIn(
            message_id=message_id,
            sender_id=sender,
            recipient_id=recipient,
            kind="direct",
            body="Hello, a job for you?",
        )
    )
    return message


def scan_moves(message: Message, to: str, code: str) -> None:
    assert message_transition(
        message=message, to=to, reasons=[{"code": code, "detail": code}], by=DecidedBy.SCAN
    )


def event(state: str, age_seconds: int) -> OutboxEvent:
    return OutboxEvent.objects.create(
        type=EventType.DELIVERED,
        payload={},
        state=state,
        next_attempt_at=timezone.now(),
        created_at=timezone.now() - timedelta(seconds=age_seconds),
    )


@pytest.fixture
def traffic(staff_user: Any) -> None:
    """Seven messages, one release by a reviewer, one accepted request, webhooks in every state.

    Policy decisions: quarantine 2 (blocks), deliver 1, hold 3, reject 1. Quarantined since:
    m-q1 and m-q2 (the check) and m-scam (the scan); m-scam was released by a reviewer (the
    blocks are the freelancers' to lift). m-req was a request the freelancer accepted: a
    release, but never quarantined.
    """
    SenderFactory(account_id="c-spam")
    SenderFactory(account_id="c-good")
    SenderFactory(account_id="c-new", joined_at=NOW - timedelta(days=10), first_payment_at=None)
    ConnectionFactory(client_id="c-good", freelancer_id="f-3")
    block_create(account_id="f-1", sender_id="c-spam", scope="account")
    block_create(account_id="f-2", sender_id="c-spam", scope="account")
    check("m-q1", "c-spam", "f-1")
    check("m-q2", "c-spam", "f-2")
    check("m-deliv", "c-good", "f-3")
    check("m-hold", "c-good", "f-1")
    scan_moves(check("m-scam", "c-good", "f-2"), Outcome.QUARANTINE, "scam")
    scan_moves(check("m-req", "c-good", "f-5"), Outcome.REQUEST, "scan_passed")
    assert check("m-rej", "c-new", "f-4").decision == Outcome.REJECT
    quarantine_release(recipient_id="f-5", message_id="m-req", by=DecidedBy.FREELANCER)
    staff.review_act(
        messages=Message.objects.filter(message_id="m-scam"),
        action="release",
        actor_id=staff_user.pk,
    )
    message_report(recipient_id="f-2", message_id="m-q2")
    event(EventState.PENDING, 300)
    event(EventState.PENDING, 60)
    event(EventState.FAILED, 9000)
    event(EventState.SENT, 9000)


def samples(response: Any) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    text = response.content.decode()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


EXPECTED = {
    ("inboxguard_messages_total", (("decision", "deliver"),)): 1.0,
    ("inboxguard_messages_total", (("decision", "hold"),)): 3.0,
    ("inboxguard_messages_total", (("decision", "quarantine"),)): 2.0,
    ("inboxguard_messages_total", (("decision", "reject"),)): 1.0,
    ("inboxguard_messages_total", (("decision", "request"),)): 0.0,
    ("inboxguard_reasons_total", (("code", "blocked_sender"),)): 2.0,
    ("inboxguard_reasons_total", (("code", "scan_pending"),)): 3.0,
    ("inboxguard_reasons_total", (("code", "scam"),)): 1.0,
    ("inboxguard_reasons_total", (("code", "scan_passed"),)): 1.0,
    ("inboxguard_reasons_total", (("code", "released"),)): 2.0,
    ("inboxguard_reasons_total", (("code", "account_too_new"),)): 1.0,
    ("inboxguard_reasons_total", (("code", "no_payment_history"),)): 1.0,
    ("inboxguard_quarantined_messages", ()): 2.0,
    ("inboxguard_webhook_backlog", ()): 2.0,
    ("inboxguard_webhook_failed_total", ()): 1.0,
    ("inboxguard_webhook_oldest_pending_seconds", ()): 300.0,
}


# --- /metrics --------------------------------------------------------------------------------


def test_metrics_without_credentials_is_401(client: Client, traffic: None):
    response = client.get("/metrics")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert b"inboxguard" not in response.content


@pytest.mark.parametrize("key", ["igk_not-a-real-key", ""])
def test_metrics_with_a_wrong_key_is_401(client: Client, traffic: None, key: str):
    response = client.get("/metrics", headers={"Authorization": f"Bearer {key}"})

    assert response.status_code == 401
    assert b"inboxguard" not in response.content


def test_metrics_with_a_revoked_key_is_401(client: Client, traffic: None):
    token, key = service_token_create(name="prometheus")
    service_token_revoke(token=token)

    response = client.get("/metrics", headers={"Authorization": f"Bearer {key}"})

    assert response.status_code == 401


def test_metrics_for_a_signed_in_freelancer_is_403(client: Client, alice: Any, traffic: None):
    client.force_login(alice.user)

    response = client.get("/metrics")

    assert response.status_code == 403
    assert b"inboxguard" not in response.content


def test_metrics_for_staff_gives_the_counters_in_prometheus_text(staff_client: Any, traffic: None):
    response = staff_client.get("/metrics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    found = samples(response)
    assert {key: found.get(key) for key in EXPECTED} == EXPECTED
    rate = found[("inboxguard_release_rate", ())]
    assert rate == pytest.approx(1 / 3)


def test_metrics_for_a_service_key_gives_the_same_counters_with_a_few_queries(
    client: Client, traffic: None, service_key: str, django_assert_max_num_queries: Any
):
    with django_assert_max_num_queries(6):
        response = client.get("/metrics", headers={"Authorization": f"Bearer {service_key}"})

    assert response.status_code == 200
    found = samples(response)
    assert {key: found.get(key) for key in EXPECTED} == EXPECTED
    assert "# TYPE inboxguard_messages_total counter" in response.content.decode()
    assert "# TYPE inboxguard_quarantined_messages gauge" in response.content.decode()


def test_metrics_follow_the_database_not_the_process(client: Client, service_key: str, db: None):
    auth = {"Authorization": f"Bearer {service_key}"}
    empty = samples(client.get("/metrics", headers=auth))
    event(EventState.PENDING, 30)

    after = samples(client.get("/metrics", headers=auth))

    assert empty[("inboxguard_webhook_backlog", ())] == 0
    assert empty[("inboxguard_webhook_oldest_pending_seconds", ())] == 0
    assert empty[("inboxguard_release_rate", ())] == 0
    assert after[("inboxguard_webhook_backlog", ())] == 1
    assert after[("inboxguard_webhook_oldest_pending_seconds", ())] == 30


def test_metrics_refuses_post(staff_client: Any, db: None):
    assert staff_client.post("/metrics").status_code == 405


# --- The metrics page ------------------------------------------------------------------------


def test_metrics_page_shows_today_by_decision_quarantine_volume_and_release_rate(
    staff_client: Any, traffic: None
):
    page = staff_client.get(reverse("review:metrics")).content.decode()

    assert '<dd id="kpi-quarantined">2</dd>' in page
    assert '<dd id="kpi-release-rate">33.3%</dd>' in page
    assert '<dd id="kpi-backlog">2</dd>' in page
    assert '<dd id="kpi-failed">1</dd>' in page
    assert "false-positive estimate" in page and "(1 of 3)" in page
    today = timezone.localdate().isoformat()
    # Current decisions of today's messages, in Outcome order: deliver, request, hold,
    # quarantine, reject; then the total, quarantined today, released since, the rate.
    row = (
        f'<time datetime="{today}">'
        + page.split(f'<time datetime="{today}">', 1)[1].split("</tr>", 1)[0]
    )
    cells = [cell.split("</td>")[0] for cell in row.split("<td>")[1:]]
    assert cells == ["3", "0", "1", "2", "1", "7", "3", "1", "33.3%"]


def test_metrics_page_lists_top_reasons_and_the_most_blocked_and_reported_senders(
    staff_client: Any, traffic: None
):
    page = staff_client.get(reverse("review:metrics")).content.decode()

    assert (
        '<a href="/review/?reason=scan_pending"><code>scan_pending</code></a></td><td>3</td>'
        in page
    )
    blocked = page.split('id="blocked-title"', 1)[1].split("</section>", 1)[0]
    reported = page.split('id="reported-title"', 1)[1].split("</section>", 1)[0]
    shown = (
        '<a href="/review/senders/c-spam/" class="name">{}</a> <span class="muted id">c-spam</span>'
    )
    name = Sender.objects.get(account_id="c-spam").display_name
    assert shown.format(name) + "</td><td>2</td>" in blocked
    assert shown.format(name) + "</td><td>1</td>" in reported


def test_metrics_page_counts_nothing_outside_its_fourteen_days(staff_client: Any, db: None):
    SenderFactory(account_id="c-spam")
    block_create(account_id="f-1", sender_id="c-spam", scope="account")
    old = check("m-old", "c-spam", "f-1")
    Message.objects.filter(pk=old.pk).update(received_at=timezone.now() - timedelta(days=20))
    old.history.update(at=timezone.now() - timedelta(days=20))

    page = staff_client.get(reverse("review:metrics")).content.decode()

    assert '<dd id="kpi-quarantined">1</dd>' in page  # still in quarantine now
    assert "(0 of 0)" in page
    assert "No decisions with reasons in the period." in page


# --- Charts, names and a cheap scrape (issue 14, item 10) ------------------------------------


def test_the_metrics_page_draws_its_charts_as_inline_svg(staff_client: Any, traffic: None):
    page = staff_client.get(reverse("review:metrics")).content.decode()

    for title in (
        "Messages by decision",
        "Quarantine rate",
        "Freelancers&#x27; reports and releases",
        "Detector precision from reviewer labels",
        "Campaign sizes",
    ):
        assert title in page
    assert page.count('<svg viewBox="0 0 640 180" role="img"') >= 3
    # Each bar says what it counts; the numbers are also in a table.
    assert "<title>" in page and " delivered</title>" in page
    assert "<script" not in page.split('class="charts"', 1)[1].split("</div>", 1)[0]


def test_days_without_anything_are_left_out_of_the_tables(staff_client: Any, traffic: None):
    page = staff_client.get(reverse("review:metrics")).content.decode()

    decisions = page.split('id="decisions-title"', 1)[1].split("</table>", 1)[0]
    assert decisions.count('<th scope="row">') == 1  # only today had traffic, not 14 rows


def test_most_blocked_counts_freelancers_who_still_block(staff_client: Any, db: None):
    SenderFactory(account_id="c-spam", display_name="Spammy Ltd", organization_id="org-s")
    block_create(account_id="f-1", sender_id="c-spam", scope="account")
    block_create(account_id="f-1", sender_id="c-spam", scope="organization")  # same freelancer
    block_create(account_id="f-2", sender_id="c-spam", scope="account")
    unblocked, _ = block_create(account_id="f-3", sender_id="c-spam", scope="account")
    unblocked.delete()  # f-3 unblocked

    page = staff_client.get(reverse("review:metrics")).content.decode()

    blocked = page.split('id="blocked-title"', 1)[1].split("</section>", 1)[0]
    assert (
        '<a href="/review/senders/c-spam/" class="name">Spammy Ltd</a> '
        '<span class="muted id">c-spam</span></td><td>2</td>'
    ) in blocked


def test_scrapes_within_the_cache_time_cost_no_aggregate_queries(
    staff_client: Any, traffic: None, settings: Any, django_assert_max_num_queries: Any
):
    settings.METRICS_CACHE_SECONDS = 60
    from django.core.cache import cache

    cache.delete("metrics:exposition")
    first = staff_client.get("/metrics").content
    check("m-later", "c-good", "f-9")  # new traffic, not seen until the cache expires

    with django_assert_max_num_queries(3):  # the session and user, nothing aggregated
        second = staff_client.get("/metrics").content

    assert second == first
    cache.delete("metrics:exposition")
    assert staff_client.get("/metrics").content != first


def test_past_days_are_counted_once_and_today_on_every_scrape(
    staff_client: Any, settings: Any, frozen_now: Any
):
    settings.METRICS_CACHE_SECONDS = 60
    from django.core.cache import cache

    SenderFactory(account_id="c-good")
    check("m-yesterday", "c-good", "f-1")
    frozen_now.shift(timedelta(days=1))

    def delivered() -> float:
        cache.delete("metrics:exposition")  # the whole answer's cache has run out
        counters = samples(staff_client.get("/metrics"))
        return counters[("inboxguard_messages_total", (("decision", "hold"),))]

    assert delivered() == 1.0  # yesterday's check, counted once for the day
    Message.objects.filter(message_id="m-yesterday").delete()  # not read again today...
    check("m-today", "c-good", "f-2")
    assert delivered() == 2.0  # ...while today's is counted afresh on every scrape
    frozen_now.shift(timedelta(days=1))
    assert delivered() == 1.0  # a new day counts the settled days again
