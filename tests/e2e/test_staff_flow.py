"""Trust & safety in a real headless Chromium: clear a spam wave from a filtered queue, what-if.

Run alone with: pytest tests/e2e/test_staff_flow.py -q (needs /usr/bin/chromium).
Refresh docs/screenshots/staff-*.png with: UPDATE_SCREENSHOTS=1 pytest tests/e2e/test_staff_flow.py
(otherwise they go to a temporary directory, so an ordinary run leaves the tree clean).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Page, expect

from inbox import services
from inbox.models import AuditEntry, Campaign, Message, Outcome, Sender
from inbox.pipeline.pull_back import block_pull_back
from inbox.policy import HELP_CENTRE_ELIGIBILITY
from inbox.selectors import policy_get_active
from preferences.services import block_create, block_delete
from review import bulk
from tests.e2e.conftest import CHROMIUM, NO_CHROMIUM, PASSWORD, PHONE, client, incoming
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM),
    pytest.mark.django_db(transaction=True),
]

DOCS_SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"
WAVE_BODY = (
    "Boost your freelance profile!!! 10,000 five-star reviews for $49 <script>alert(1)</script> "
    "order now at https://cheap-reviews.example/buy before it's gone"
)
SCAM_REASONS = [
    {"code": "scam", "detail": "Looks like a scam: asks for money up front, off-platform chat."}
]


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    folder = DOCS_SCREENSHOTS if os.environ.get("UPDATE_SCREENSHOTS") == "1" else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def reviewer(transactional_db: None) -> Any:
    return UserFactory(username="tess", is_staff=True)


def staff_sign_in(page: Page, username: str) -> None:
    """Sign in through the login form, asking for the review queue."""
    page.goto("/login/?next=/review/")
    page.get_by_label("Account").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/review/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Review queue")


@pytest.fixture
def spam_wave(reviewer: Any) -> dict[str, list[str]]:
    """Eight copies from c-wave among other held-back messages.

    Each recipient blocked c-wave (so the check quarantined its copy) and has lifted the block
    since: a standing block is the freelancer's, and staff cannot release past it.
    """
    client("c-wave", "Five Star Boost <b>Ltd</b>", organization_id="org-boost")
    client("c-globex", "Globex Talent Partners")
    client("c-greenleaf", "Greenleaf Organics")
    wave = []
    for i in range(8):
        block, _ = block_create(account_id=f"f-wave-{i}", sender_id="c-wave", scope="account")
        message = incoming(
            f"m-wave-{i}", sender_id="c-wave", recipient_id=f"f-wave-{i}", body=WAVE_BODY
        )
        assert message.decision == Outcome.QUARANTINE
        block_delete(account_id=f"f-wave-{i}", block_id=block.pk)
        wave.append(message.message_id)
    others = [
        incoming(
            "m-globex",
            sender_id="c-globex",
            recipient_id="f-anna",
            body="Hello dear! Remote data-entry, $45/hour. Continue on Telegram @globex_hr.",
            end_in=Outcome.QUARANTINE,
            reasons=SCAM_REASONS,
        ).message_id,
        incoming(
            "m-greenleaf",
            sender_id="c-greenleaf",
            recipient_id="f-anna",
            body="Hello, we are rebuilding our online store. Time for a call next week?",
            end_in=Outcome.REQUEST,
        ).message_id,
    ]
    Message.objects.filter(message_id="m-globex").update(spam_score=0.97, spam_label="scam")
    return {"wave": wave, "others": others}


def test_a_reviewer_releases_a_whole_filtered_wave_in_a_few_clicks(
    page: Page, reviewer: Any, spam_wave: dict[str, list[str]], screenshots: Path
) -> None:
    staff_sign_in(page, reviewer.username)
    expect(page.get_by_role("heading", name="10 messages waiting")).to_be_visible()

    page.get_by_label("Sender id").fill("c-wave")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/review/?*sender=c-wave*")
    expect(page.get_by_role("heading", name="8 messages match the filter")).to_be_visible()
    expect(page.locator("table.staff-queue tbody tr")).to_have_count(8)
    # The hostile body is inert text: no script ran, the link is defanged and not a link.
    expect(
        page.locator("table.staff-queue").get_by_text("<script>alert(1)</script>").first
    ).to_be_visible()
    expect(page.locator("table.staff-queue a", has_text="cheap-reviews")).to_have_count(0)

    page.get_by_label(re.compile(r"All 8 matching this filter")).check()
    page.get_by_label("Action", exact=True).select_option(label="Release (deliver)")
    page.get_by_label("Reason", exact=True).fill("False positive: a customer's review campaign")
    page.screenshot(path=screenshots / "staff-queue.png", full_page=True, caret="initial")
    page.get_by_role("button", name="Apply").click()

    expect(page.get_by_role("status").filter(has_text="Released 8 messages.")).to_be_visible()
    expect(page.get_by_role("heading", name="0 messages match the filter")).to_be_visible()
    decisions = dict(Message.objects.values_list("message_id", "decision"))
    assert {decisions[m] for m in spam_wave["wave"]} == {Outcome.DELIVER}
    assert [decisions[m] for m in spam_wave["others"]] == [Outcome.QUARANTINE, Outcome.REQUEST]
    entries = AuditEntry.objects.filter(action="message.release")
    assert sorted(entry.target for entry in entries) == sorted(
        f"message:{m}" for m in spam_wave["wave"]
    )
    assert {(entry.actor_id, entry.reason) for entry in entries} == {
        (reviewer.pk, "False positive: a customer's review campaign")
    }

    page.get_by_role("link", name="Clear").click()
    expect(page.get_by_role("heading", name="2 messages waiting")).to_be_visible()


def test_a_confirmed_message_leaves_the_queue_and_is_a_filter_away(
    page: Page, reviewer: Any, spam_wave: dict[str, list[str]]
) -> None:
    staff_sign_in(page, reviewer.username)
    expect(page.get_by_role("heading", name="10 messages waiting")).to_be_visible()

    page.get_by_label("Select message m-globex").check()
    page.get_by_label("Action", exact=True).select_option(label="Confirm scam")
    page.get_by_role("button", name="Apply").click()

    expect(page.get_by_role("status").filter(has_text="1 message")).to_be_visible()
    expect(page.get_by_role("heading", name="9 messages waiting")).to_be_visible()
    expect(page.get_by_label("Select message m-globex")).to_have_count(0)

    page.get_by_label("Show").select_option(label="Reviewed")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/review/?*state=reviewed*")
    expect(page.get_by_role("heading", name="1 message matches the filter")).to_be_visible()
    row = page.locator("table.staff-queue tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("m-globex")
    expect(row.locator(".staff-reviewed")).to_have_text("Reviewed just now by tess")
    assert Message.objects.get(message_id="m-globex").decision == Outcome.QUARANTINE


def test_a_campaign_is_judged_as_one(
    page: Page, reviewer: Any, spam_wave: dict[str, list[str]]
) -> None:
    client("c-wave-2", "Five Star Boost II", organization_id="org-boost")
    block, _ = block_create(account_id="f-wave-8", sender_id="c-wave-2", scope="account")
    incoming("m-wave-8", sender_id="c-wave-2", recipient_id="f-wave-8", body=WAVE_BODY)
    block_delete(account_id="f-wave-8", block_id=block.pk)
    now = timezone.now()
    campaign = Campaign.objects.create(
        signature=[], preview=WAVE_BODY, first_seen_at=now, last_seen_at=now
    )
    copies = [*spam_wave["wave"], "m-wave-8"]
    Message.objects.filter(message_id__in=copies).update(campaign=campaign)
    staff_sign_in(page, reviewer.username)

    # The queue shows the nine copies as one row that leads to the campaign.
    group = page.locator("table.staff-queue tbody tr", has_text=f"Campaign {campaign.pk}")
    expect(group).to_have_count(1)
    expect(group).to_contain_text("9 copies held.")
    expect(page.locator("table.staff-queue tbody tr")).to_have_count(3)
    group.get_by_role("link", name="Judge them as one").click()
    page.wait_for_url(f"**/review/campaigns/{campaign.pk}/")

    # Confirming is the default; releasing asks first and shows what it would do.
    expect(page.get_by_label("Action")).to_have_value("confirm_spam")
    page.get_by_label("Action").select_option(label="Release (deliver)")
    page.get_by_label("Reason").first.fill("A genuine agency")
    page.get_by_role("button", name="Apply to 9 copies").click()
    expect(page.get_by_role("heading", name="Release 9 copies?")).to_be_visible()
    assert set(
        Message.objects.filter(message_id__in=copies).values_list("decision", flat=True)
    ) == {Outcome.QUARANTINE}
    page.get_by_role("link", name="Cancel").click()

    # Confirm them all as spam, then suspend both senders at once.
    page.get_by_label("Reason").first.fill("Review-selling wave")
    page.get_by_role("button", name="Apply to 9 copies").click()
    expect(
        page.get_by_role("status").filter(has_text="Confirmed as spam 9 messages.")
    ).to_be_visible()
    page.locator("#suspend-reason").fill("Review-selling ring")
    page.get_by_role("button", name="Suspend 2 senders").click()
    expect(page.get_by_role("status").filter(has_text="Suspended 2 senders")).to_be_visible()
    standings = dict(
        Sender.objects.filter(account_id__in=["c-wave", "c-wave-2", "c-globex"]).values_list(
            "account_id", "standing_override"
        )
    )
    assert standings == {"c-wave": "suspended", "c-wave-2": "suspended", "c-globex": ""}
    assert AuditEntry.objects.filter(action="sender.standing_set").count() == 2


def test_a_large_bulk_action_runs_in_the_background_with_progress(
    page: Page, reviewer: Any, spam_wave: dict[str, list[str]], settings: Any
) -> None:
    settings.REVIEW_BULK_INLINE_MAX = 3
    staff_sign_in(page, reviewer.username)
    page.get_by_label("Sender id").fill("c-wave")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/review/?*sender=c-wave*")

    page.get_by_label(re.compile(r"All 8 matching this filter")).check()
    page.get_by_label("Action", exact=True).select_option(label="Confirm spam")
    page.get_by_label("Reason", exact=True).fill("Review-selling wave")
    page.get_by_role("button", name="Apply").click()

    page.wait_for_url("**/review/bulk/*/")
    job = page.locator("#job")
    expect(job).to_contain_text("Confirm spam: All 8 matching sender c-wave")
    expect(job.get_by_role("status")).to_contain_text("Waiting for a worker to start (8 messages)")
    bulk.bulk_jobs_run(budget_seconds=30)  # what the worker runs
    # The page follows the job by itself.
    expect(job.get_by_role("status")).to_contain_text("Finished", timeout=5_000)
    expect(job.get_by_role("status")).to_contain_text("8 done, 0 skipped, of 8.")
    expect(job.locator("progress")).to_have_attribute("value", "8")

    # Leaving and coming back: the result waits under Bulk actions.
    page.get_by_role("link", name="Queue", exact=True).click()
    page.get_by_role("link", name="Bulk actions", exact=True).click()
    row = page.get_by_role("row").filter(has_text="All 8 matching sender c-wave")
    expect(row).to_contain_text("8 done, 0 skipped")
    assert AuditEntry.objects.filter(action="message.confirm").count() == 8


def test_the_queue_is_usable_on_a_phone(
    page: Page, reviewer: Any, spam_wave: dict[str, list[str]]
) -> None:
    page.set_viewport_size(PHONE)
    staff_sign_in(page, reviewer.username)

    expect(page.get_by_role("navigation", name="Trust & safety")).to_be_visible()
    page.locator("table.staff-queue tbody tr").last.scroll_into_view_if_needed()
    # The action bar sticks to the top while the reviewer scrolls through the list.
    expect(page.get_by_role("button", name="Apply")).to_be_in_viewport()
    page_width = page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= PHONE["width"]
    # Cards, not a table to scroll sideways: no header row, each message within the screen.
    expect(page.locator("table.staff-queue thead")).to_be_hidden()
    first = page.locator("table.staff-queue tbody tr").first
    box = first.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    scroller = page.locator(".staff-scroll")
    assert scroller.evaluate("(e) => e.scrollWidth <= e.clientWidth"), "the queue scrolls sideways"
    expect(first.locator(".preview")).to_be_visible()
    expect(first.get_by_role("checkbox")).to_be_visible()


def test_a_reviewer_runs_the_what_if_on_a_draft_before_activating_it(
    page: Page, reviewer: Any, screenshots: Path
) -> None:
    for day in range(3):
        client(f"c-new-{day}", f"New Client {day}", joined_days_ago=30, first_payment_days_ago=None)
        assert (
            incoming(
                f"m-new-{day}", sender_id=f"c-new-{day}", recipient_id=f"f-{day}", body="Hi! A job?"
            ).decision
            == Outcome.REJECT
        )
        client(f"c-ok-{day}", f"Established Client {day}")
        incoming(f"m-ok-{day}", sender_id=f"c-ok-{day}", recipient_id=f"f-{day}", body="Hello!")
    draft = services.policy_draft(
        values={**policy_get_active().rule_values(), "eligibility": HELP_CENTRE_ELIGIBILITY},
        actor_id=reviewer.pk,
        note="The help centre's reading: spend or payment history",
    )
    staff_sign_in(page, reviewer.username)

    page.get_by_role("navigation", name="Trust & safety").get_by_role("link", name="Policy").click()
    page.get_by_role("link", name=draft.version, exact=True).click()
    changes = page.get_by_role("heading", name=re.compile(r"Changes against the active"))
    expect(changes).to_be_visible()
    expect(page.locator("table.staff-diff")).to_contain_text("any of (spend, payment_history)")
    page.get_by_role("button", name="Run the what-if").click()

    result = page.locator("#what-if-result")
    expect(result).to_contain_text("3 of 6 messages would change decision.")
    expect(result.locator("table").first).to_contain_text("reject")
    expect(result).to_contain_text("scan_pending")
    page.screenshot(path=screenshots / "staff-whatif.png", full_page=True, caret="initial")

    page.get_by_label("Reason", exact=True).fill("Match the help centre")
    page.get_by_role("button", name="Activate").click()

    expect(page.get_by_role("status").filter(has_text="Activated v2 (was v1)")).to_be_visible()
    assert policy_get_active().number == draft.number
    assert AuditEntry.objects.filter(action="policy.activate", target="policy:v2").count() == 1


def test_a_reviewer_reads_the_metrics_and_the_evidence_against_a_stopped_sender(
    page: Page, reviewer: Any, screenshots: Path
) -> None:
    client("c-swarm", "Swarm Staffing")
    client("c-fine", "Fine Client")
    for n in range(6):
        incoming(f"m-swarm-{n}", sender_id="c-swarm", recipient_id=f"f-s{n}", body=f"Offer {n}")
        incoming(f"m-fine-{n}", sender_id="c-fine", recipient_id=f"f-s{n}", body="Hello!")
    for n in range(5):  # five freelancers it wrote to block it: the crowd stops it
        block, _ = block_create(account_id=f"f-s{n}", sender_id="c-swarm", scope="account")
        block_pull_back(block_id=block.pk)
    assert Sender.objects.get(account_id="c-swarm").effective_standing == "under_review"
    staff_sign_in(page, reviewer.username)

    page.get_by_role("navigation", name="Trust & safety").get_by_role(
        "link", name="Metrics"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Metrics")
    expect(page.locator("svg").first).to_be_visible()  # charts drawn on the server
    page.screenshot(path=screenshots / "staff-metrics.png", full_page=True, caret="initial")

    page.goto("/review/")
    page.get_by_role("link", name=re.compile("Swarm Staffing")).first.click()
    expect(page.get_by_role("heading", name="Stopped by the crowd signal")).to_be_visible()
    page.get_by_text("When each block and report was made (5)").click()
    expect(
        page.get_by_role("list", name="The evidence, oldest first").get_by_role("listitem")
    ).to_have_count(5)
    page.screenshot(path=screenshots / "staff-crowd.png", full_page=True, caret="initial")
