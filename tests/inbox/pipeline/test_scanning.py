"""Scan, campaign, pull-back, retention and digest services, run in-process on the real DB."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta

import pytest
import time_machine
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from inbox import selectors
from inbox.models import Campaign, EventState, Fingerprint, Message, OutboxEvent, ScanState
from inbox.pipeline import campaigns
from inbox.pipeline import scan as scan_module
from inbox.pipeline.campaigns import fingerprint_publish
from inbox.pipeline.digest import digests_send
from inbox.pipeline.pull_back import block_pull_back
from inbox.pipeline.retention import bodies_purge
from inbox.pipeline.scan import message_scan, scans_claim, scans_run
from inbox.services import MessageIn, message_check
from preferences.services import block_create, preferences_update
from tests.factories import ConnectionFactory, FreelancerFactory, SenderFactory
from tests.pipeline.harness import wait_until

pytestmark = pytest.mark.django_db

# Innocent on its own: only its reach makes it a campaign.
PITCH = (
    "Hello! We are a small studio building a strong mobile app for pet owners and would love "
    "a quote for the Flutter front end. Our budget is {pay} for the first milestone."
)
LEGIT = "Hi, I need a medical translator for patient leaflets, EN to Arabic, 9 documents."


@pytest.fixture(autouse=True)
def _webhooks(settings):
    settings.WEBHOOK_URL = "http://127.0.0.1:9/never-called-in-these-tests"


def check(message_id: str, sender: str, recipient: str, body: str, kind: str = "direct"):
    message, _ = message_check(
        incoming=MessageIn(
            message_id=message_id, sender_id=sender, recipient_id=recipient, kind=kind, body=body
        )
    )
    return message


def scan(message: Message) -> Message:
    message_scan(message_pk=message.pk)
    message.refresh_from_db()
    return message


def events(message: Message) -> list[tuple[str, str]]:
    return list(message.events.order_by("id").values_list("type", "payload__decision"))


def test_a_clean_held_message_is_delivered_by_the_scan_with_a_delivered_event():
    SenderFactory(account_id="c-1")
    message = check("m-1", "c-1", "f-1", LEGIT)
    assert message.decision == "hold"

    message = scan(message)

    assert message.decision == "deliver"
    assert message.scan_state == ScanState.DONE
    assert list(message.history.values_list("decision", "by")) == [
        ("hold", "policy"),
        ("deliver", "scan"),
    ]
    assert events(message) == [("message.delivered", "deliver")]


def test_a_held_message_for_a_requests_freelancer_becomes_a_request():
    SenderFactory(account_id="c-1")
    preferences_update(account_id="f-1", changes={"direct": "requests"})

    message = scan(check("m-1", "c-1", "f-1", LEGIT))

    assert message.decision == "request"
    assert events(message) == [("message.delivered", "request")]


def test_a_scam_is_quarantined_by_the_scan_even_between_connected_users():
    SenderFactory(account_id="c-1")
    ConnectionFactory(client_id="c-1", freelancer_id="f-1")
    body = (
        "Congratulations! You are hired. Contact our HR manager on Telegram @hr_manager_jobs now. "
        "We will send you a check to buy your equipment from our vendor, pay the vendor first."
    )
    message = check("m-1", "c-1", "f-1", body)
    assert message.decision == "deliver"

    message = scan(message)

    assert message.decision == "quarantine"
    assert message.reasons[0]["code"] in ("scam", "spam")
    assert events(message) == [("message.quarantined", "quarantine")]


def test_scanning_twice_is_a_no_op():
    SenderFactory(account_id="c-1")
    message = scan(check("m-1", "c-1", "f-1", LEGIT))

    assert message_scan(message_pk=message.pk) is False

    assert message.history.count() == 2
    assert OutboxEvent.objects.count() == 1


def test_rejected_messages_are_not_scanned_and_raise_no_event():
    message = check("m-1", "c-unknown", "f-1", LEGIT)

    assert message.decision == "reject"
    assert message.scan_state == ScanState.SKIPPED
    assert message_scan(message_pk=message.pk) is False
    assert OutboxEvent.objects.count() == 0


def test_answers_to_the_check_raise_no_event():
    SenderFactory(account_id="c-1")
    ConnectionFactory(client_id="c-1", freelancer_id="f-1")

    check("m-1", "c-1", "f-1", LEGIT)

    assert OutboxEvent.objects.count() == 0


# --- Campaigns -------------------------------------------------------------------------------


def _spray(count: int, *, start: int = 0, pay: str = "$1,100") -> list[Message]:
    """One text, lightly varied, from fresh accounts to `count` different freelancers."""
    sent = []
    for n in range(start, start + count):
        SenderFactory(account_id=f"c-fake-{n}")
        body = PITCH.format(pay=pay).replace("strong", "great" if n % 2 else "strong")
        sent.append(check(f"m-spray-{n}", f"c-fake-{n}", f"f-{n}", body))
    return sent


def test_near_identical_texts_to_ten_freelancers_form_one_campaign_and_all_copies_leave():
    messages = _spray(10)
    for message in messages:
        scan(message)

    campaigns = Campaign.objects.all()
    assert campaigns.count() == 1
    members = Message.objects.filter(campaign=campaigns.get())
    assert members.count() == 10
    assert set(members.values_list("decision", flat=True)) == {"quarantine"}
    assert {m.reasons[0]["code"] for m in members} == {"campaign"}
    assert all("10 freelancers" in m.reasons[0]["detail"] for m in members)
    quarantined_events = OutboxEvent.objects.filter(type="message.quarantined")
    assert quarantined_events.count() == 10


def test_nine_copies_are_not_yet_a_campaign():
    for message in _spray(9):
        scan(message)

    assert Campaign.objects.count() == 0
    assert not Message.objects.filter(decision="quarantine").exists()


def test_a_later_copy_from_any_sender_joins_the_campaign_even_if_connected():
    for message in _spray(10):
        scan(message)
    SenderFactory(account_id="c-real")
    ConnectionFactory(client_id="c-real", freelancer_id="f-99")
    later = check("m-later", "c-real", "f-99", PITCH.format(pay="$1,300"))
    assert later.decision == "deliver"

    later = scan(later)

    assert later.decision == "quarantine"
    assert later.campaign == Campaign.objects.get()
    assert later.reasons[0]["code"] == "campaign"


def test_copies_outside_the_campaign_window_do_not_count():
    with time_machine.travel(timezone.now() - timedelta(hours=30), tick=False):
        for message in _spray(5):
            scan(message)

    for message in _spray(5, start=5):
        scan(message)

    assert Campaign.objects.count() == 0


def test_different_texts_never_form_a_campaign():
    for n in range(12):
        SenderFactory(account_id=f"c-{n}")
        need = ["a logo", "a website", "an audit"][n % 3]
        body = f"Project {n}: we need {need} for client {n * 7919}."
        scan(
            check(f"m-{n}", f"c-{n}", f"f-{n}", body + " Budget and timeline to discuss together.")
        )

    assert Campaign.objects.count() == 0


# --- Pull back on block ----------------------------------------------------------------------


def test_blocking_a_sender_pulls_back_held_requested_and_recent_delivered_messages():
    SenderFactory(account_id="c-1")
    ConnectionFactory(client_id="c-1", freelancer_id="f-1")
    delivered = check("m-del", "c-1", "f-1", LEGIT)
    with time_machine.travel(timezone.now() - timedelta(days=8)):
        old = check("m-old", "c-1", "f-1", LEGIT)
    SenderFactory(account_id="c-2")
    held = check("m-held", "c-2", "f-2", LEGIT)
    other = check("m-other", "c-2", "f-3", LEGIT)

    block, _ = block_create(account_id="f-1", sender_id="c-1", scope="account")
    moved = block_pull_back(block_id=block.pk)
    held_block, _ = block_create(account_id="f-2", sender_id="c-2", scope="account")
    block_pull_back(block_id=held_block.pk)

    assert moved == 1
    assert Message.objects.get(pk=delivered.pk).decision == "quarantine"
    assert Message.objects.get(pk=old.pk).decision == "deliver"  # outside the retention window
    assert Message.objects.get(pk=held.pk).decision == "quarantine"
    assert Message.objects.get(pk=other.pk).decision == "hold"  # another freelancer's message
    assert events(Message.objects.get(pk=delivered.pk)) == [("message.quarantined", "quarantine")]
    assert Message.objects.get(pk=delivered.pk).reasons[0]["code"] == "blocked_sender"
    assert block_pull_back(block_id=block.pk) == 0  # done once


def test_blocking_an_organization_pulls_back_messages_from_all_its_accounts():
    SenderFactory(account_id="c-a", organization_id="org-x")
    SenderFactory(account_id="c-b", organization_id="org-x")
    for sender in ("c-a", "c-b"):
        ConnectionFactory(client_id=sender, freelancer_id="f-1")
    first, second = check("m-a", "c-a", "f-1", LEGIT), check("m-b", "c-b", "f-1", LEGIT)

    block, _ = block_create(account_id="f-1", sender_id="c-a", scope="organization")
    block_pull_back(block_id=block.pk)

    for message in (first, second):
        message.refresh_from_db()
        assert (message.decision, message.reasons[0]["code"]) == (
            "quarantine",
            "blocked_organization",
        )


# --- Retention and digests -------------------------------------------------------------------


def test_bodies_are_purged_by_retention_and_decisions_stay():
    SenderFactory(account_id="c-1")
    ConnectionFactory(client_id="c-1", freelancer_id="f-1")
    block_create(account_id="f-2", sender_id="c-1", scope="account")
    delivered = check("m-d", "c-1", "f-1", "delivered body")
    quarantined = check("m-q", "c-1", "f-2", "quarantined body")
    assert quarantined.decision == "quarantine"

    with time_machine.travel(timezone.now() + timedelta(days=8)):
        assert bodies_purge() == 1
    delivered.refresh_from_db()
    quarantined.refresh_from_db()
    assert (delivered.body, quarantined.body) == ("", "quarantined body")
    assert delivered.history.count() == 1

    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert bodies_purge() == 1
    quarantined.refresh_from_db()
    assert quarantined.body == ""


def test_a_purged_message_still_answers_idempotent_retries():
    SenderFactory(account_id="c-1")
    ConnectionFactory(client_id="c-1", freelancer_id="f-1")
    check("m-d", "c-1", "f-1", "delivered body")
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        bodies_purge()

    again = check("m-d", "c-1", "f-1", "delivered body")

    assert again.decision == "deliver"


def test_the_digest_is_off_by_default_and_when_on_carries_counts_and_a_link_only():
    FreelancerFactory(account_id="f-quiet")
    FreelancerFactory(account_id="f-digest")
    preferences_update(account_id="f-digest", changes={"digest_enabled": True})
    SenderFactory(account_id="c-1")
    for recipient in ("f-quiet", "f-digest"):
        block_create(account_id=recipient, sender_id="c-1", scope="account")
        check(f"m-{recipient}", "c-1", recipient, "secret body")

    assert digests_send() == 1
    assert digests_send() == 0  # once a day

    digest = OutboxEvent.objects.get(type="freelancer.digest")
    assert digest.payload["recipient_id"] == "f-digest"
    assert digest.payload["quarantined"] == 1
    assert digest.payload["link"].endswith("/quarantine/")
    assert "secret body" not in str(digest.payload)
    assert "c-1" not in str(digest.payload)


# --- Outbox ------------------------------------------------------------------------------


def test_without_a_webhook_url_events_are_recorded_not_sent(settings):
    settings.WEBHOOK_URL = ""
    SenderFactory(account_id="c-1")

    scan(check("m-1", "c-1", "f-1", LEGIT))

    assert list(OutboxEvent.objects.values_list("state", flat=True)) == [EventState.RECORDED]


# --- Claiming pending scans --------------------------------------------------------------


def test_workers_claim_pending_scans_oldest_first_and_a_claim_holds_until_its_lease_runs_out(
    settings,
):
    settings.WORK_LEASE_SECONDS = 30
    SenderFactory(account_id="c-1")
    held = [check(f"m-{n}", "c-1", f"f-{n}", LEGIT) for n in range(5)]
    rejected = check("m-x", "c-unknown", "f-9", LEGIT)
    assert rejected.scan_state == ScanState.SKIPPED
    assert all(m.scan_state == ScanState.PENDING and m.scan_enqueued_at is None for m in held)

    first = scans_claim(limit=3)
    rest = scans_claim(limit=3)

    assert first == [m.pk for m in held[:3]]
    assert rest == [m.pk for m in held[3:]]
    assert scans_claim(limit=3) == []  # all claimed; the rejected message is never scanned
    with time_machine.travel(timezone.now() + timedelta(seconds=31)):
        assert scans_claim(limit=10) == [m.pk for m in held]  # those workers died


def test_scans_run_scans_everything_pending_in_batches_and_says_when_it_stopped_early():
    SenderFactory(account_id="c-1")
    ids = [check(f"m-{n}", "c-1", f"f-{n}", LEGIT).message_id for n in range(5)]

    assert scans_run(batch=3, budget_seconds=0) == (3, True)  # one batch, then the budget
    assert scans_run(batch=3, budget_seconds=60) == (2, False)

    assert set(
        Message.objects.filter(message_id__in=ids).values_list("scan_state", "decision")
    ) == {(ScanState.DONE, "deliver")}


def test_a_batch_publishes_its_fingerprints_together():
    SenderFactory(account_id="c-1")
    for n in range(5):  # the sender's daily limit
        check(f"m-{n}", "c-1", f"f-{n}", f"{LEGIT} Batch {n}.")

    with CaptureQueriesContext(connection) as statements:
        assert scans_run(batch=5, budget_seconds=60) == (5, False)

    inserts = [
        s["sql"] for s in statements if s["sql"].startswith('INSERT INTO "inbox_fingerprint"')
    ]
    assert len(inserts) == 1  # 80 band rows, one statement
    assert Fingerprint.objects.count() == 5 * 16


def test_one_failing_scan_does_not_hold_up_the_rest_of_its_batch(monkeypatch, caplog):
    SenderFactory(account_id="c-1")
    broken = check("m-broken", "c-1", "f-1", "this text breaks the analyzer")
    fine = check("m-fine", "c-1", "f-2", LEGIT)
    assess = selectors.text_assess

    def text_assess(body: str, **kwargs):
        if body == broken.body:
            raise RuntimeError("analyzer bug")
        return assess(body, **kwargs)

    monkeypatch.setattr(selectors, "text_assess", text_assess)

    assert scans_run(batch=10, budget_seconds=60) == (1, False)

    fine.refresh_from_db()
    broken.refresh_from_db()
    assert (fine.scan_state, fine.decision) == (ScanState.DONE, "deliver")
    assert (broken.scan_state, broken.decision) == (ScanState.PENDING, "hold")  # tried again
    (line,) = [r for r in caplog.records if r.getMessage().startswith("Scan of message")]
    assert getattr(line, "message_id", None) == "m-broken"  # what JSON logs carry


@pytest.mark.django_db(transaction=True)
def test_a_claim_skips_rows_another_worker_is_claiming_instead_of_waiting_for_them():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite serialises the two claims instead")
    SenderFactory(account_id="c-1")
    held = [check(f"m-{n}", "c-1", f"f-{n}", LEGIT).pk for n in range(5)]
    locked, release = threading.Event(), threading.Event()

    def other_worker_mid_claim() -> None:
        try:
            with transaction.atomic():
                list(Message.objects.filter(pk__in=held[:2]).select_for_update())
                locked.set()
                release.wait(timeout=10)
        finally:
            connections.close_all()

    other = threading.Thread(target=other_worker_mid_claim)
    other.start()
    try:
        assert locked.wait(timeout=10)
        claimed = scans_claim(limit=10)  # would block here without SKIP LOCKED
    finally:
        release.set()
        other.join()

    assert claimed == held[2:]


@pytest.mark.django_db(transaction=True)
def test_copies_scanned_at_the_same_moment_still_find_each_other():
    """Ten copies, exactly a campaign's reach, scanned by ten workers at once (three times over):
    however the scans interleave, the copies form one campaign and every copy leaves."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every write transaction: the scans cannot overlap")
    texts = [
        PITCH,
        "Dear freelancer, our agency has a long-term data entry contract for you at {pay} a week, "
        "no experience needed, reply with your availability to start this Monday.",
        "Greetings from the hiring team: we picked your profile for a paid product-testing panel "
        "at {pay} per session, only a few places left so confirm your interest today.",
    ]
    for round_, text in enumerate(texts):
        copies = []
        for n in range(10):
            sender = f"c-race-{round_}-{n}"
            SenderFactory(account_id=sender)
            copies.append(check(f"m-race-{round_}-{n}", sender, f"f-{n}", text.format(pay="$900")))
        start = threading.Barrier(len(copies))
        failures: list[BaseException] = []

        def scan_now(
            pk: int, start: threading.Barrier = start, failures: list[BaseException] = failures
        ) -> None:
            try:
                start.wait(timeout=10)
                message_scan(message_pk=pk)
            except BaseException as error:  # reported below, not lost in the thread
                failures.append(error)
            finally:
                connections.close_all()

        workers = [threading.Thread(target=scan_now, args=(m.pk,)) for m in copies]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()

        assert failures == []
        members = Message.objects.filter(pk__in=[m.pk for m in copies])
        assert Campaign.objects.count() == round_ + 1
        assert members.filter(campaign__isnull=True).count() == 0
        assert len(set(members.values_list("campaign", flat=True))) == 1
        assert set(members.values_list("decision", flat=True)) == {"quarantine"}


def test_a_retried_scan_replaces_the_fingerprint_its_failed_try_published():
    (message,) = _spray(1)
    fingerprint_publish(message, timezone.now())  # the failed try's, committed before its scan
    message = Message.objects.get(pk=message.pk)

    scan(message)

    assert message.fingerprints.count() == 16


@pytest.mark.django_db(transaction=True)
def test_a_copy_scanned_while_another_makes_the_campaign_waits_and_joins_it(monkeypatch):
    """A copy that sees copies of its text but too few to make a campaign itself (the window
    moved, or it is a copy of only some of them; modelled here by a stricter policy) waits for a
    scan making the campaign at that moment, then joins it, instead of missing it for good."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every write transaction: the scans cannot overlap")
    for message in _spray(9):
        scan(message)
    maker, late = _spray(2, start=9)
    inside, release = threading.Event(), threading.Event()
    pull = campaigns.quarantine_copy

    def quarantine_then_hold(*args, **kwargs):
        pull(*args, **kwargs)
        inside.set()  # the maker's campaign exists, uncommitted, and it holds the lock
        release.wait(timeout=20)

    monkeypatch.setattr(scan_module, "quarantine_copy", quarantine_then_hold)
    strict = selectors.policy_get_active()
    strict.campaign_min_recipients = 100

    making = _in_thread(lambda: message_scan(message_pk=maker.pk))
    assert inside.wait(timeout=20)
    joining = _in_thread(lambda: message_scan(message_pk=late.pk, policy=strict))
    try:
        wait_until(
            lambda: not joining.is_alive() or _a_scan_waits_for_a_lock(),
            what="the late copy to finish or wait for the campaign lock",
        )
    finally:
        release.set()
        making.join()
        joining.join()

    campaign = Campaign.objects.get()
    late.refresh_from_db()
    assert late.campaign == campaign
    assert late.decision == "quarantine"


@pytest.mark.django_db(transaction=True)
def test_copies_too_few_for_a_campaign_do_not_wait_for_each_other(monkeypatch):
    """Scans of copies below a campaign's size take the campaign lock shared: a copy scanned
    while another such scan holds the lock finishes without waiting for it."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every write transaction: the scans cannot overlap")
    first, second = _spray(2)
    published = campaigns.fingerprints_publish([first, second], timezone.now())
    inside, release = threading.Event(), threading.Event()
    observe = campaigns.campaign_observe

    def observe_then_hold(*args, **kwargs):
        result = observe(*args, **kwargs)
        if not inside.is_set():  # the first scan only: it holds the lock, uncommitted
            inside.set()
            release.wait(timeout=20)
        return result

    monkeypatch.setattr(scan_module, "campaign_observe", observe_then_hold)

    holding = _in_thread(lambda: message_scan(message_pk=first.pk, published=published))
    assert inside.wait(timeout=20)
    other = _in_thread(lambda: message_scan(message_pk=second.pk, published=published))
    try:
        wait_until(
            lambda: not other.is_alive() or _a_scan_waits_for_a_lock(),
            what="the second copy to finish or wait for the campaign lock",
        )
        finished_while_held = not other.is_alive()
    finally:
        release.set()
        holding.join()
        other.join()

    assert finished_while_held
    assert set(
        Message.objects.filter(pk__in=[first.pk, second.pk]).values_list("scan_state", flat=True)
    ) == {ScanState.DONE}
    assert not Campaign.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_scan_making_a_campaign_is_not_starved_by_scans_below_the_size():
    """A scan below a campaign's size asking for the lock after a scan making a campaign waits
    behind it: a stream of such scans, each holding the lock shared, cannot keep the maker out."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every write transaction: nothing to starve")
    with transaction.atomic():
        campaigns.campaign_lock(exclusive=False)  # not the first lock ever: that is another case
    order: list[str] = []
    holding, release = threading.Event(), threading.Event()

    def take(name: str, *, exclusive: bool, hold: bool = False) -> threading.Thread:
        def locked() -> None:
            with transaction.atomic():
                campaigns.campaign_lock(exclusive=exclusive)
                order.append(name)
                if hold:
                    holding.set()
                    release.wait(timeout=20)

        return _in_thread(locked)

    started = [take("below the size, first", exclusive=False, hold=True)]
    try:
        assert holding.wait(timeout=20)
        started.append(take("making a campaign", exclusive=True))
        wait_until(lambda: _scans_waiting_for_a_lock() == 1, what="the maker to wait")
        started.append(take("below the size, later", exclusive=False))
        wait_until(lambda: _scans_waiting_for_a_lock() == 2, what="the later scan to queue")
    finally:
        release.set()
        for thread in started:
            thread.join()

    assert order == ["below the size, first", "making a campaign", "below the size, later"]


def _in_thread(work: Callable[[], object]) -> threading.Thread:
    """Run `work` in a thread of its own, on a database connection of its own."""

    def run() -> None:
        try:
            work()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _a_scan_waits_for_a_lock() -> bool:
    return _scans_waiting_for_a_lock() > 0


def _scans_waiting_for_a_lock() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return int(cursor.fetchone()[0])


def test_a_scan_reads_the_sender_and_the_check_with_its_message_and_moves_without_a_savepoint():
    SenderFactory(account_id="c-1")
    message = check("m-1", "c-1", "f-1", LEGIT)

    with CaptureQueriesContext(connection) as queries:
        assert message_scan(message_pk=message.pk)

    statements = [" ".join(query["sql"].split()) for query in queries]
    reads = [sql for sql in statements if sql.startswith("SELECT")]
    # One read of the message brings the sender's join date and the check's trusted flag.
    assert "inbox_sender" in reads[0] and "inbox_decisionrecord" in reads[0]
    assert not [sql for sql in reads[1:] if "inbox_sender" in sql or "inbox_decisionrecord" in sql]
    claim = next(
        i for i, sql in enumerate(statements) if '"scan_state" = ' in sql.split("WHERE")[0]
    )
    after = statements[claim + 1 :]
    if connection.vendor == "postgresql":
        # One statement claims the scan and reads the message back as it is now.
        assert statements[claim].endswith("RETURNING *")
        reread = [
            sql for sql in after if sql.startswith("SELECT") and 'FROM "inbox_message"' in sql
        ]
        assert not reread
    # The move to its decision runs in the scan's transaction without a savepoint of its own.
    assert not [sql for sql in after if sql.startswith("SAVEPOINT")]
    assert Message.objects.get(pk=message.pk).decision == "deliver"
