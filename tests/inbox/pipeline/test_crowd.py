"""The crowd signal: senders many freelancers block or report are stopped everywhere."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from inbox.models import AuditEntry, Message, Outcome, Policy, Sender, SpamReport
from inbox.pipeline import crowd
from inbox.pipeline.crowd import crowd_check, crowd_what_if, senders_awaiting_crowd_check
from inbox.pipeline.pull_back import block_pull_back
from inbox.services import message_report
from preferences.models import Block
from preferences.services import block_create
from tests.factories import ConnectionFactory, SenderFactory, direct_message

pytestmark = pytest.mark.django_db

_ids = iter(range(1, 10**9))


def wrote(sender_id: str, recipient_id: str, body: str = "") -> Message:
    """An unsolicited first message, delivered (the scan passed it)."""
    message = direct_message(
        f"m-{next(_ids)}", sender_id, recipient_id, body or f"Hi {recipient_id}"
    )
    Message.objects.filter(pk=message.pk).update(decision=Outcome.DELIVER)
    message.refresh_from_db()
    return message


def blocked_by(sender_id: str, *freelancers: str) -> None:
    """Each freelancer blocks the sender, and the worker pulls back (and counts) as it does."""
    for freelancer in freelancers:
        block, _ = block_create(account_id=freelancer, sender_id=sender_id, scope="account")
        block_pull_back(block_id=block.pk)


def standing(account_id: str) -> str:
    return Sender.objects.get(account_id=account_id).effective_standing


def test_a_wave_of_new_senders_each_blocked_by_five_is_stopped_and_pulled_back() -> None:
    wave = [f"c-wave-{i}" for i in range(10)]
    for i, sender in enumerate(wave):
        SenderFactory(account_id=sender)
        freelancers = [f"f-{i}-{n}" for n in range(7)]
        for n, freelancer in enumerate(freelancers):
            wrote(sender, freelancer, f"Offer {i}.{n}: a different text each time")
        blocked_by(sender, *freelancers[:5])

    assert {standing(sender) for sender in wave} == {"under_review"}
    # The two who did not block still had the message delivered: it is pulled back.
    pulled = Message.objects.filter(sender_id__in=wave, recipient_id__endswith="-6")
    assert {m.decision for m in pulled} == {Outcome.QUARANTINE}
    assert {m.reasons[0]["code"] for m in pulled} == {"reported_by_many"}
    assert all("message.quarantined" in m.events.values_list("type", flat=True) for m in pulled)
    assert AuditEntry.objects.filter(action="sender.crowd_stop").count() == 10


def test_a_legitimate_sender_blocked_by_two_is_not_stopped() -> None:
    SenderFactory(account_id="c-real")
    for n in range(6):
        wrote("c-real", f"f-{n}")

    blocked_by("c-real", "f-0", "f-1")

    assert standing("c-real") == "good"
    assert (
        not Message.objects.filter(sender_id="c-real", decision=Outcome.QUARANTINE)
        .exclude(recipient_id__in=["f-0", "f-1"])
        .exists()
    )


def test_linked_accounts_count_together() -> None:
    for account in ("c-a", "c-b", "c-c"):
        SenderFactory(account_id=account, identity_key="card-77")
    for n, account in enumerate(["c-a", "c-a", "c-b", "c-b", "c-c"]):
        wrote(account, f"f-{n}")

    blocked_by("c-a", "f-0", "f-1")
    blocked_by("c-b", "f-2", "f-3")
    assert standing("c-a") == "good"  # four so far
    blocked_by("c-c", "f-4")

    assert {standing(a) for a in ("c-a", "c-b", "c-c")} == {"under_review"}


def test_accounts_of_one_organization_count_together() -> None:
    for account in ("c-o1", "c-o2"):
        SenderFactory(account_id=account, organization_id="org-9")
    SenderFactory(account_id="c-other-org", organization_id="org-10")
    for n, account in enumerate(["c-o1", "c-o1", "c-o1", "c-o2", "c-o2"]):
        wrote(account, f"f-{n}")
    wrote("c-other-org", "f-9")

    blocked_by("c-o1", "f-0", "f-1", "f-2")
    blocked_by("c-o2", "f-3", "f-4")

    assert {standing(a) for a in ("c-o1", "c-o2")} == {"under_review"}
    assert standing("c-other-org") == "good"


def test_a_freelancer_counts_once_however_often_they_block_the_group() -> None:
    for account in ("c-a", "c-b"):
        SenderFactory(account_id=account, identity_key="card-5")
    for n in range(5):
        wrote("c-a", f"f-{n}")
    wrote("c-b", "f-0")
    blocked_by("c-b", "f-0")
    block_create(account_id="f-0", sender_id="c-a", scope="linked")  # f-0 again, every way
    blocked_by("c-a", "f-0", "f-1", "f-2", "f-3")

    since, until = timezone.now() - timedelta(hours=1), timezone.now()
    evidence = crowd.crowd_evidence(sender_id="c-a", since=since, until=until)

    assert len(evidence.blocks) == 6
    assert evidence.count(since=since, until=until).blockers == {"f-0", "f-1", "f-2", "f-3"}
    assert standing("c-a") == "good"
    blocked_by("c-a", "f-4")
    assert standing("c-a") == "under_review"


def test_the_stop_leaves_established_relationships_alone() -> None:
    SenderFactory(account_id="c-agency")
    ConnectionFactory(client_id="c-agency", freelancer_id="f-client-of")
    ongoing = direct_message("m-ongoing", "c-agency", "f-client-of", "The next milestone")
    for n in range(5):
        wrote("c-agency", f"f-{n}")

    blocked_by("c-agency", *[f"f-{n}" for n in range(5)])

    assert standing("c-agency") == "under_review"
    ongoing.refresh_from_db()
    assert (ongoing.unsolicited, ongoing.decision) == (False, Outcome.DELIVER)


def test_blocks_from_freelancers_the_sender_never_wrote_to_do_not_count() -> None:
    SenderFactory(account_id="c-target")
    wrote("c-target", "f-0")

    blocked_by("c-target", "f-0", "f-x1", "f-x2", "f-x3", "f-x4", "f-x5")

    assert standing("c-target") == "good"


def test_three_freelancers_reporting_stop_a_sender() -> None:
    SenderFactory(account_id="c-spam")
    messages = [wrote("c-spam", f"f-{n}") for n in range(4)]

    for message in messages[:3]:
        message_report(recipient_id=message.recipient_id, message_id=message.message_id)
    crowd_check(sender_id="c-spam")  # what the worker runs after each report

    assert standing("c-spam") == "under_review"


def test_blocks_outside_the_window_do_not_count() -> None:
    SenderFactory(account_id="c-slow")
    for n in range(5):
        wrote("c-slow", f"f-{n}")
    blocked_by("c-slow", "f-0", "f-1", "f-2", "f-3")
    Block.objects.update(created_at=timezone.now() - timedelta(hours=30))

    blocked_by("c-slow", "f-4")

    assert standing("c-slow") == "good"


def test_a_sender_under_review_waits_in_quarantine_but_keeps_its_relationships() -> None:
    SenderFactory(account_id="c-stopped")
    Sender.objects.filter(account_id="c-stopped").update(standing_override="under_review")
    ConnectionFactory(client_id="c-stopped", freelancer_id="f-client-of")

    fresh = direct_message("m-fresh", "c-stopped", "f-new")
    known = direct_message("m-known", "c-stopped", "f-client-of")

    assert fresh.decision == Outcome.QUARANTINE
    assert fresh.reasons[0]["code"] == "reported_by_many"
    assert known.decision == Outcome.DELIVER


def test_staff_and_the_messaging_system_keep_their_word_over_the_crowd() -> None:
    SenderFactory(account_id="c-held")
    Sender.objects.filter(account_id="c-held").update(standing_override="suspended")
    for n in range(5):
        wrote("c-held", f"f-{n}")

    blocked_by("c-held", *[f"f-{n}" for n in range(5)])

    assert standing("c-held") == "suspended"


def test_the_what_if_counts_the_senders_a_setting_would_have_stopped() -> None:
    for sender, blockers in (("c-many", 5), ("c-some", 3), ("c-few", 2)):
        SenderFactory(account_id=sender)
        for n in range(blockers):
            wrote(sender, f"f-{sender}-{n}")
        for n in range(blockers):
            block_create(account_id=f"f-{sender}-{n}", sender_id=sender, scope="account")

    strict, lenient = (
        Policy(crowd_blocks=5, crowd_reports=3, crowd_window_hours=24),
        Policy(crowd_blocks=3, crowd_reports=3, crowd_window_hours=24),
    )

    assert crowd_what_if(policy=strict, days=7) == ["c-many"]
    assert crowd_what_if(policy=lenient, days=7) == ["c-many", "c-some"]


def test_an_account_with_no_facts_in_a_stopped_group_is_skipped_not_a_failure() -> None:
    for n in range(5):
        direct_message(f"m-ghost-{n}", "c-ghost", f"f-{n}", "Hi")  # no facts: rejected
    blocked_by("c-ghost", *[f"f-{n}" for n in range(5)])

    assert not Sender.objects.filter(account_id="c-ghost").exists()


def test_reports_whose_check_was_lost_are_swept_and_counted_once() -> None:
    # The reports' own tasks never ran (the broker was down when they were made): the reports
    # wait, uncounted, and the sweep names their sender once the lease has run out.
    SenderFactory(account_id="c-spam")
    SenderFactory(account_id="c-fine")
    for message in [wrote("c-spam", f"f-{n}") for n in range(3)] + [wrote("c-fine", "f-9")]:
        message_report(recipient_id=message.recipient_id, message_id=message.message_id)
    assert senders_awaiting_crowd_check() == []  # too early: the reports' own tasks may run

    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        assert senders_awaiting_crowd_check() == ["c-fine", "c-spam"]
        for sender_id in senders_awaiting_crowd_check():
            crowd_check(sender_id=sender_id)  # what the swept tasks run

        assert senders_awaiting_crowd_check() == []
    assert (standing("c-spam"), standing("c-fine")) == ("under_review", "good")
    assert not SpamReport.objects.filter(crowd_checked_at__isnull=True).exists()


def test_the_what_if_reads_a_group_once_however_many_blocks_it_has() -> None:
    # The what-if runs while a reviewer waits: its statements grow with the senders, not with
    # every block times every window.
    policy = Policy(crowd_blocks=50, crowd_reports=50, crowd_window_hours=24)

    def statements_with(blocks: int, sender: str) -> int:
        SenderFactory(account_id=sender)
        for n in range(blocks):
            wrote(sender, f"f-{sender}-{n}")
            block_create(account_id=f"f-{sender}-{n}", sender_id=sender, scope="account")
        with CaptureQueriesContext(connection) as statements:
            assert crowd_what_if(policy=policy, days=7) == []
        Block.objects.filter(sender_id=sender).delete()
        return len(statements)

    assert statements_with(3, "c-small") == statements_with(30, "c-large")


def test_a_report_made_while_the_check_runs_is_left_for_the_next_check(monkeypatch) -> None:
    SenderFactory(account_id="c-spam")
    first, late = wrote("c-spam", "f-1"), wrote("c-spam", "f-2")
    message_report(recipient_id=first.recipient_id, message_id=first.message_id)
    read = crowd.crowd_evidence

    def read_then_a_report_arrives(**kwargs):
        evidence = read(**kwargs)
        message_report(recipient_id=late.recipient_id, message_id=late.message_id)
        return evidence

    monkeypatch.setattr(crowd, "crowd_evidence", read_then_a_report_arrives)
    with time_machine.travel(timezone.now(), tick=False):  # made at the check's own moment
        crowd_check(sender_id="c-spam")

    unchecked = SpamReport.objects.filter(crowd_checked_at__isnull=True)
    assert list(unchecked.values_list("message__message_id", flat=True)) == [late.message_id]


def test_reports_too_old_for_any_window_are_marked_counted_not_swept_for_ever() -> None:
    SenderFactory(account_id="c-old")
    message = wrote("c-old", "f-1")
    with time_machine.travel(timezone.now() - timedelta(days=3)):
        message_report(recipient_id=message.recipient_id, message_id=message.message_id)

    assert senders_awaiting_crowd_check() == ["c-old"]
    crowd_check(sender_id="c-old")

    assert senders_awaiting_crowd_check() == []


def test_the_what_if_counts_each_window_as_the_live_check_after_it_did() -> None:
    # Links go one step: a shares an organization with b and an identity key with d, but b and
    # d are not linked. The live check after each block counts the blocked account's own group
    # (1, 2, 3 and 2 blockers): nobody is stopped at 4, and the what-if must agree.
    SenderFactory(account_id="c-a", organization_id="org-x", identity_key="id-j")
    SenderFactory(account_id="c-b", organization_id="org-x")
    SenderFactory(account_id="c-d", identity_key="id-j")
    for sender, freelancer in (("c-a", "f-1"), ("c-d", "f-2"), ("c-d", "f-3"), ("c-b", "f-4")):
        wrote(sender, freelancer)
        blocked_by(sender, freelancer)

    policy = Policy(crowd_blocks=4, crowd_reports=3, crowd_window_hours=24)
    assert crowd_what_if(policy=policy, days=7) == []
    assert crowd_what_if(policy=Policy(crowd_blocks=3, crowd_reports=3), days=7) == ["c-d"]


def test_an_account_cleared_elsewhere_does_not_spend_the_evidence_against_a_new_group() -> None:
    SenderFactory(account_id="c-old")
    Sender.objects.filter(account_id="c-old").update(crowd_cleared_at=timezone.now())
    SenderFactory(account_id="c-target", organization_id="org-1")
    for n in range(5):
        wrote("c-target", f"f-{n}")
    blocked_by("c-target", "f-0", "f-1", "f-2", "f-3")
    Block.objects.update(created_at=timezone.now() - timedelta(hours=2))  # before c-old's clear
    Sender.objects.filter(account_id="c-old").update(organization_id="org-1")  # joins the group

    blocked_by("c-target", "f-4")

    assert standing("c-target") == "under_review"  # c-old's clearance spent none of it


def test_a_clearance_made_while_a_check_counts_is_not_undone_by_it(monkeypatch) -> None:
    from django.contrib.auth import get_user_model

    from review.services import crowd_clear

    SenderFactory(account_id="c-wave")
    messages = [wrote("c-wave", f"f-{n}") for n in range(6)]
    blocked_by("c-wave", *[f"f-{n}" for n in range(5)])
    assert standing("c-wave") == "under_review"
    staff = get_user_model().objects.create(username="staff", is_staff=True)
    read = crowd.crowd_evidence

    def read_then_staff_clear(**kwargs):
        evidence = read(**kwargs)
        if standing("c-wave") == "under_review":  # staff clear it right after this read
            crowd_clear(account_id="c-wave", reason="A real agency", actor_id=staff.pk)
        return evidence

    monkeypatch.setattr(crowd, "crowd_evidence", read_then_staff_clear)

    crowd_check(sender_id="c-wave")  # a check the fifth block queued, running late

    assert standing("c-wave") == "good"
    messages[5].refresh_from_db()
    assert messages[5].decision == Outcome.DELIVER  # released, and not pulled back again
