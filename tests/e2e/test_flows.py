"""The freelancer's main flows in a real headless Chromium, checked on the page and in the database.

Run alone with: pytest tests/e2e -q (needs /usr/bin/chromium; skipped without it).
Refresh docs/screenshots/ with: UPDATE_SCREENSHOTS=1 pytest tests/e2e -k screenshots
(otherwise they go to a temporary directory, so an ordinary test run leaves the tree clean).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Dialog, Locator, Page, expect

from inbox.models import Message, Outcome
from inbox.pipeline.pull_back import block_pull_back
from preferences.models import Block, Freelancer
from preferences.services import allowed_create, block_create, preferences_update
from tests.e2e.conftest import CHROMIUM, NO_CHROMIUM, PHONE, client, eventually, incoming, sign_in
from tests.factories import FreelancerFactory

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM),
    pytest.mark.django_db(transaction=True),
]

DOCS_SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"

SCAM_REASONS = [
    {
        "code": "scam",
        "detail": "Looks like a scam: asks to move the conversation off the platform, asks for "
        "money or equipment purchases up front, contains a shortened link.",
    }
]
CAMPAIGN_REASONS = [
    {"code": "campaign", "detail": "The same text was sent to 38 freelancers within 24 hours."}
]
HOSTILE_NAME = 'Initech "IT" <img src=x onerror=alert(2)>'
HOSTILE_BODY = (
    "Hi, quick question about your portfolio <script>alert(1)</script> — "
    'see <a href="javascript:alert(document.cookie)">our brief</a> or '
    "[the spec](javascript:alert('xss')). Thanks! <img src=x onerror=alert(3)>"
)
SCAM_BODY = (
    "Hello dear! I am HR manager at Globex and your profile was selected for a remote "
    "data-entry role, $45/hour, no interview needed. Let's continue on WhatsApp +1 555 0100 "
    "because this site is slow. I'll send you a check for $2,800 to buy your equipment, deposit "
    "it and send the rest back to our vendor. Fill in the form today: https://bit.ly/3xYzQ7a"
)


def item(page: Page, text: str) -> Locator:
    """The review list entry whose text contains `text` (a sender's name, usually)."""
    return page.locator("#review li.item", has_text=text)


@pytest.fixture
def review_inbox(alice: Any) -> dict[str, Message]:
    """alice takes unsolicited messages as requests and filters "crypto"; five are waiting."""
    account = alice.account_id
    preferences_update(
        account_id=account, changes={"direct": "requests", "keyword_filters": ["crypto"]}
    )
    for account_id, name in (
        ("c-greenleaf", "Greenleaf Organics"),
        ("c-oakridge", "Oakridge Dental Clinic"),
        ("c-maple", "Maple & Birch Interiors"),
        ("c-globex", "Globex Talent Partners"),
        ("c-brightpath", "BrightPath Media"),
    ):
        client(account_id, name)
    return {
        "greenleaf": incoming(
            "m-greenleaf",
            sender_id="c-greenleaf",
            recipient_id=account,
            body="Hello, we are rebuilding our online store. Time for a call next week?",
            end_in=Outcome.REQUEST,
        ),
        "oakridge": incoming(
            "m-oakridge",
            sender_id="c-oakridge",
            recipient_id=account,
            body="Could you build an appointment-reminder widget for our clinic?",
            end_in=Outcome.REQUEST,
        ),
        "maple": incoming(
            "m-maple",
            sender_id="c-maple",
            recipient_id=account,
            body="Landing page for a furniture launch. We can pay in crypto (USDT).",
            end_in=Outcome.QUARANTINE,
        ),
        "globex": incoming(
            "m-globex",
            sender_id="c-globex",
            recipient_id=account,
            body=SCAM_BODY,
            end_in=Outcome.QUARANTINE,
            reasons=SCAM_REASONS,
        ),
        "brightpath": incoming(
            "m-brightpath",
            sender_id="c-brightpath",
            recipient_id=account,
            body="We are hiring 40 video editors today, reply YES to get the brief.",
            end_in=Outcome.QUARANTINE,
            reasons=CAMPAIGN_REASONS,
        ),
    }


# --- 1. Contact modes ----------------------------------------------------------------------


def test_sign_in_and_switch_direct_messages_to_requests(page: Page, alice: Any) -> None:
    sign_in(page, alice.account_id)
    page.get_by_role("link", name="Who can contact me").click()
    page.wait_for_url("**/settings/contact/")
    direct = page.get_by_role("group", name="Direct messages")
    requests = direct.get_by_role("radio", name="Message requests")
    expect(requests).not_to_be_checked()

    requests.check()  # HTMX posts the form on change; no Save button is involved

    expect(page.locator("#contact-form .saved")).to_contain_text("Saved")
    eventually(
        lambda: Freelancer.objects.get(pk=alice.pk).direct_mode == "requests",
        what="direct_mode to be saved as requests",
    )
    page.reload()
    expect(
        page.get_by_role("group", name="Direct messages").get_by_role(
            "radio", name="Message requests"
        )
    ).to_be_checked()
    expect(page.locator("#contact-form .saved")).to_have_text("")


def test_choosing_a_direct_mode_leaves_job_invites_on_the_policy_default(
    page: Page, alice: Any
) -> None:
    sign_in(page, alice.account_id)
    page.goto("/settings/contact/")
    page.get_by_role("group", name="Direct messages").get_by_role("radio", name="Nobody").check()
    expect(page.locator("#contact-form .saved")).to_contain_text("Saved")
    eventually(
        lambda: Freelancer.objects.get(pk=alice.pk).direct_mode == "off",
        what="direct_mode to be saved as off",
    )
    assert Freelancer.objects.get(pk=alice.pk).job_invite_mode == ""


# --- 2.-4. Review actions ------------------------------------------------------------------


def test_block_a_sender_from_a_quarantined_preview(
    page: Page, alice: Any, review_inbox: dict[str, Message]
) -> None:
    # Globex also wrote earlier, and alice accepted that request: the block pulls it back.
    earlier = incoming(
        "m-globex-earlier",
        sender_id="c-globex",
        recipient_id=alice.account_id,
        body="Hello, are you available for a short data-entry task?",
        end_in=Outcome.REQUEST,
    )
    sign_in(page, alice.account_id)
    globex = item(page, "Globex Talent Partners").filter(has_text="HR manager")
    expect(globex).to_have_count(1)
    expect(globex.locator(".why")).to_contain_text("Looks like a scam")

    globex.get_by_role("button", name=re.compile(r"^Block\b")).click()

    # The message stays, marked, with nothing offered that no longer applies.
    notice = page.locator("#review .notice").first
    expect(notice).to_contain_text("Blocked the sender of 1 message")
    expect(notice).to_contain_text("stay in your quarantine")
    expect(globex).to_have_count(1)
    expect(globex.locator(".badge")).to_have_text("Blocked sender")
    expect(globex.get_by_role("button", name=re.compile(r"^Block\b"))).to_have_count(0)
    expect(globex.get_by_role("button", name=re.compile(r"^Let through\b"))).to_have_count(0)
    expect(page.locator("#pull-back")).to_contain_text("Moving the blocked sender's other")
    block = Block.objects.get(freelancer=alice, sender_id="c-globex", scope="account")
    message = Message.objects.get(message_id="m-globex")
    assert message.dismissed_at is None
    assert message.body == SCAM_BODY
    assert message.decision == Outcome.QUARANTINE

    # The worker pulls back the earlier request; the page follows without a reload.
    page.evaluate("window.reloadedMarker = 1")
    block_pull_back(block_id=block.pk)
    expect(page.locator("#review .notice").filter(has_text="Done:")).to_contain_text(
        "Done: moved 1 message of the blocked sender"
    )
    expect(page.locator("#pull-back")).to_have_count(0)
    assert page.evaluate("window.reloadedMarker") == 1
    requests = page.locator("section[aria-labelledby=requests-title]")
    expect(requests.locator("li.item", has_text="Globex")).to_have_count(0)
    expect(item(page, "Globex Talent Partners")).to_have_count(2)
    earlier.refresh_from_db()
    assert earlier.decision == Outcome.QUARANTINE

    page.get_by_role("link", name="Blocked", exact=True).click()
    page.wait_for_url("**/settings/blocked/")
    row = page.get_by_role("row").filter(has_text="c-globex")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("This account")


def test_let_a_quarantined_message_through(
    page: Page, alice: Any, review_inbox: dict[str, Message]
) -> None:
    sign_in(page, alice.account_id)
    maple = item(page, "Maple & Birch Interiors")
    expect(maple.locator(".why")).to_contain_text("crypto")

    maple.get_by_role("button", name=re.compile(r"^Let through\b")).click()

    expect(maple).to_have_count(0)
    expect(page.locator("#review .notice")).to_have_text("Let 1 message through to your inbox.")
    eventually(
        lambda: Message.objects.get(message_id="m-maple").decision == Outcome.DELIVER,
        what="m-maple to be delivered",
    )
    released = Message.objects.get(message_id="m-maple")
    assert released.dismissed_at is None
    assert released.body  # delivered messages keep their text
    page.reload()
    expect(item(page, "Maple & Birch Interiors")).to_have_count(0)


def test_bulk_delete_purges_the_selected_messages(
    page: Page, alice: Any, review_inbox: dict[str, Message]
) -> None:
    sign_in(page, alice.account_id)
    chosen = {
        "Greenleaf Organics": "m-greenleaf",  # a request
        "Globex Talent Partners": "m-globex",  # quarantined
        "BrightPath Media": "m-brightpath",  # quarantined
    }
    for name in chosen:
        item(page, name).get_by_role("checkbox").check()
    page.locator("#bulk-action").select_option(label="Delete")
    page.get_by_role("button", name="Apply to selected").click()

    expect(page.locator("#review .notice")).to_have_text("Deleted 3 messages.")
    for name in chosen:
        expect(item(page, name)).to_have_count(0)
    expect(item(page, "Oakridge Dental Clinic")).to_have_count(1)
    expect(item(page, "Maple & Birch Interiors")).to_have_count(1)
    eventually(
        lambda: all(
            m.body == "" and m.body_purged_at is not None and m.dismissed_at is not None
            for m in Message.objects.filter(message_id__in=chosen.values())
        ),
        what="the selected messages' bodies to be purged",
    )
    # A deleted request leaves the requests list for quarantine; the untouched ones keep text.
    assert Message.objects.get(message_id="m-greenleaf").decision == Outcome.QUARANTINE
    untouched = Message.objects.filter(message_id__in=["m-oakridge", "m-maple"])
    assert all(m.body and m.dismissed_at is None for m in untouched)


# --- 5. Hostile content --------------------------------------------------------------------


def test_hostile_message_is_shown_as_inert_text(
    page: Page, alice: Any, review_inbox: dict[str, Message]
) -> None:
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    client("c-initech", HOSTILE_NAME)
    incoming(
        "m-hostile",
        sender_id="c-initech",
        recipient_id=alice.account_id,
        body=HOSTILE_BODY,
        end_in=Outcome.REQUEST,
    )
    sign_in(page, alice.account_id)
    page.wait_for_load_state("load")  # broken images have fired their onerror by now

    hostile = item(page, "Initech")
    expect(hostile).to_have_count(1)
    expect(hostile.locator(".from strong")).to_have_text(HOSTILE_NAME)
    preview = hostile.locator(".preview")
    expect(preview).to_contain_text("<script>alert(1)</script>")
    expect(preview).to_contain_text('<a href="javascript:alert(document.cookie)">')
    expect(preview.locator("a")).to_have_count(0)
    expect(page.locator("#review a, #review img, #review script")).to_have_count(0)

    # HTMX re-renders the list after an action, and HTMX runs <script> tags it swaps in:
    # the hostile item must stay inert through a swap too.
    item(page, "Oakridge Dental Clinic").get_by_role("checkbox").check()
    page.locator("#bulk-action").select_option(label="Report spam")
    page.get_by_role("button", name="Apply to selected").click()
    expect(page.locator("#review .notice")).to_contain_text("Reported 1 message as spam")
    expect(item(page, "Initech").locator(".preview")).to_contain_text("<script>alert(1)</script>")
    expect(page.locator("#review a, #review img, #review script")).to_have_count(0)
    page.wait_for_load_state("load")
    assert dialogs == []
    assert page.evaluate("document.cookie.includes('xss')") is False


# --- 6. Keyboard ---------------------------------------------------------------------------


def test_review_page_works_from_the_keyboard(
    page: Page, alice: Any, review_inbox: dict[str, Message]
) -> None:
    sign_in(page, alice.account_id)
    first = page.locator("#review li.item").first
    checkbox = first.get_by_role("checkbox")
    checkbox_id = checkbox.get_attribute("id")

    for _ in range(30):  # header, side navigation and toolbar come first
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == checkbox_id:
            break
    expect(checkbox).to_be_focused()

    page.keyboard.press("Space")
    expect(checkbox).to_be_checked()
    page.keyboard.press("Space")
    expect(checkbox).not_to_be_checked()

    page.keyboard.press("Tab")
    accept = first.get_by_role("button", name=re.compile(r"^Accept\b"))
    expect(accept).to_be_focused()
    outline = accept.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none", "the focused button shows no focus ring"
    # Enter on this button is the per-message action flow, covered (and currently failing) by
    # test_let_a_quarantined_message_through. Moving around and ticking boxes changed nothing:
    waiting = Message.objects.filter(recipient_id=alice.account_id, dismissed_at__isnull=True)
    assert set(waiting.values_list("decision", flat=True)) == {Outcome.REQUEST, Outcome.QUARANTINE}
    assert waiting.count() == len(review_inbox)


# --- 7. Phone ------------------------------------------------------------------------------


def test_review_page_fits_a_phone_screen(
    browser: Browser, live_server: Any, alice: Any, review_inbox: dict[str, Message]
) -> None:
    # Long unbroken strings are what usually push a phone layout sideways.
    client("c-" + "x" * 120, "Averyveryverylongcompanynamewithoutanyspaces" * 2)
    incoming(
        "m-long",
        sender_id="c-" + "x" * 120,
        recipient_id=alice.account_id,
        body="https://example.com/" + "a" * 180,
        end_in=Outcome.REQUEST,
    )
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True
    )
    try:
        page = context.new_page()
        sign_in(page, alice.account_id)
        expect(page.locator("#review li.item")).to_have_count(6)
        widths = page.evaluate(
            "({scroll: document.documentElement.scrollWidth,"
            " client: document.documentElement.clientWidth})"
        )
        assert widths["scroll"] <= widths["client"], widths
        # The bulk bar is one short row that stays in sight; the block scope only when blocking.
        bar = page.locator("#review-form .toolbar")
        expect(page.get_by_role("button", name="Apply", exact=True)).to_be_in_viewport()
        box = bar.bounding_box()
        assert box is not None and box["height"] <= 56, box
        expect(page.locator("#bulk-scope")).to_be_hidden()
        page.locator("#bulk-action").select_option("block")
        expect(page.locator("#bulk-scope")).to_be_visible()
        box = bar.bounding_box()
        assert box is not None and box["height"] <= 100, box
        # Every page's link, the current one above all, is in sight without scrolling sideways.
        for name in ("Requests & quarantine", "Digest & export"):
            link = page.get_by_role("navigation", name="Settings").get_by_role("link", name=name)
            expect(link).to_be_in_viewport()
        page.get_by_role("link", name="Digest & export").click()
        current = page.locator(".side a[aria-current=page]")
        expect(current).to_have_text("Digest & export")
        expect(current).to_be_in_viewport()
    finally:
        context.close()


def test_block_a_client_picked_by_name(page: Page, alice: Any) -> None:
    client("c-northwind", "Northwind Traders", organization_id="org-nw")
    incoming("m-nw", sender_id="c-northwind", recipient_id=alice.account_id, body="Hello!")
    sign_in(page, alice.account_id)
    page.get_by_role("link", name="Blocked", exact=True).click()
    page.wait_for_url("**/settings/blocked/")

    field = page.get_by_label("Client")
    field.press_sequentially("north", delay=30)
    suggestion = page.locator("#known-senders option[value='c-northwind']")
    expect(suggestion).to_have_count(1)
    assert suggestion.text_content() == "Northwind Traders · org-nw"
    field.fill("c-northwind")  # what picking the suggestion puts in the field
    page.get_by_role("button", name="Block", exact=True).click()

    expect(page.locator("#blocked-list .notice")).to_have_text(
        "Blocked Northwind Traders (c-northwind): this account."
    )
    row = page.get_by_role("row").filter(has_text="Northwind Traders")
    expect(row).to_contain_text("c-northwind")
    assert Block.objects.filter(freelancer=alice, sender_id="c-northwind").exists()


def test_an_unknown_id_is_confirmed_before_it_is_blocked(page: Page, alice: Any) -> None:
    sign_in(page, alice.account_id)
    page.goto("/settings/blocked/")

    page.get_by_label("Client").fill("c-typo")
    page.get_by_role("button", name="Block", exact=True).click()
    expect(page.locator("#blocked-list .error")).to_contain_text(
        "No client with the id c-typo has written to you."
    )
    assert not Block.objects.exists()
    page.get_by_role("button", name="Block", exact=True).click()

    expect(page.locator("#blocked-list .notice")).to_have_text("Blocked c-typo: this account.")
    assert Block.objects.filter(freelancer=alice, sender_id="c-typo").exists()


WORDS_ON_ONE_LINE = """(element) => {
  const text = element.firstChild;
  let start = 0;
  return text.textContent.split("-").map((word) => {
    const range = document.createRange();
    range.setStart(text, start);
    range.setEnd(text, start + word.length);
    start += word.length + 1;
    return [word, range.getClientRects().length];
  });
}"""


def test_long_ids_do_not_break_inside_a_word_on_a_phone(
    browser: Browser, live_server: Any, alice: Any
) -> None:
    long_id = "c-northwind-interior-design-studio-international"
    client(long_id, "Northwind Interior Design Studio International Holdings")
    incoming(
        "m-long-id",
        sender_id=long_id,
        recipient_id=alice.account_id,
        body="Hi",
        end_in=Outcome.REQUEST,
    )
    block_create(account_id=alice.account_id, sender_id=long_id, scope="account")
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True
    )
    try:
        page = context.new_page()
        sign_in(page, alice.account_id)
        for where in ("/quarantine/", "/settings/blocked/"):
            page.goto(where)
            shown = page.get_by_text(long_id, exact=True).first
            expect(shown).to_be_visible()
            words = shown.evaluate(WORDS_ON_ONE_LINE)
            assert all(lines == 1 for _, lines in words), (where, words)
            widths = page.evaluate(
                "({scroll: document.documentElement.scrollWidth,"
                " client: document.documentElement.clientWidth})"
            )
            assert widths["scroll"] <= widths["client"], (where, widths)
    finally:
        context.close()


def test_moments_are_shown_in_the_viewers_time_zone(
    browser: Browser, live_server: Any, alice: Any, review_inbox: dict[str, Message]
) -> None:
    context = browser.new_context(
        base_url=live_server.url, timezone_id="America/New_York", locale="en-US"
    )
    try:
        page = context.new_page()
        sign_in(page, alice.account_id)
        received = page.locator("#review li.item time[data-moment]").first
        expect(received).to_have_text("just now")
        # The exact time, on hover, in the browser's zone (the server wrote it in UTC).
        expect(received).to_have_attribute(
            "title", re.compile(r"^[A-Z][a-z]{2} \d+, 20\d\d, .* EST$")
        )
        page.get_by_role("link", name="Blocked", exact=True).click()
        page.get_by_label("Client").fill("c-globex")
        page.get_by_role("button", name="Block", exact=True).click()
        since = page.locator("#blocked-list time[data-moment]").first
        expect(since).to_have_text("just now")  # after an in-place update too
        expect(since).to_have_attribute("title", re.compile(r"EST$"))
    finally:
        context.close()


def test_sign_in_card_uses_its_width(page: Page) -> None:
    page.goto("/login/")
    card = page.locator(".card.narrow")
    expect(card.get_by_role("heading", name="Sign in")).to_be_visible()
    box = card.bounding_box()
    assert box is not None
    assert box["width"] >= 400, box  # max-width 420px on a 1280px-wide window


# --- Screenshots ---------------------------------------------------------------------------


def _demo_like_data() -> Any:
    """f-anna's account as the demo shows it: requests, quarantine with reasons, and settings."""
    account = "f-anna"
    anna: Any = FreelancerFactory(account_id=account)
    preferences_update(
        account_id=account,
        changes={
            "direct": "requests",
            "job_invite": "allow",
            "keyword_filters": ["crypto", "telegram", "wire transfer"],
        },
    )
    client("c-acme-hiring", "Acme Ltd (Hiring)", organization_id="org-acme")
    client(
        "c-acme-design",
        "Acme Ltd (Design Team)",
        organization_id="org-acme",
        billing_verified=False,
        joined_days_ago=35,
        first_payment_days_ago=None,
    )
    client("c-northwind", "Northwind Traders", identity_key="pm-fp-9c1e")
    client("c-northwind-labs", "Northwind Labs", identity_key="pm-fp-9c1e", joined_days_ago=60)
    client("c-lena", "Lena Fischer", spent_cents=185_000)
    client("c-greenleaf", "Greenleaf Organics", spent_cents=540_000)
    client("c-maple", "Maple & Birch Interiors", spent_cents=220_000)
    client("c-globex", "Globex Talent Partners", joined_days_ago=700)
    client("c-rapidhire", "RapidHire Recruiting", spent_cents=2_900_000)
    client("c-initech", HOSTILE_NAME)
    block_create(account_id=account, sender_id="c-acme-hiring", scope="organization")
    block_create(account_id=account, sender_id="c-northwind", scope="linked")
    block_create(account_id=account, sender_id="c-brightpath", scope="account")
    allowed_create(account_id=account, sender_id="c-lena")

    def send(message_id: str, sender_id: str, body: str, **kwargs: Any) -> Message:
        return incoming(message_id, sender_id=sender_id, recipient_id=account, body=body, **kwargs)

    # Oldest first: the review list shows the newest on top.
    send(
        "demo-northwind-labs",
        "c-northwind-labs",
        "Hi again Anna, this is Northwind Labs, a different team from Northwind Traders. "
        "Please hear us out.",
    )
    send(
        "demo-acme-design",
        "c-acme-design",
        "Hi Anna, Acme's design team here. We'd love your help with our icon set.",
    )
    send("demo-globex", "c-globex", SCAM_BODY, end_in=Outcome.QUARANTINE, reasons=SCAM_REASONS)
    send(
        "demo-rapidhire",
        "c-rapidhire",
        "Hi! RapidHire is staffing a 6-month Shopify project for a European retailer. "
        "Are you available for a 20-minute call this week?",
        end_in=Outcome.QUARANTINE,
        reasons=CAMPAIGN_REASONS,
    )
    send(
        "demo-maple",
        "c-maple",
        "You're invited to our job 'Landing page for a furniture launch'. We can pay in crypto "
        "(USDT) or by wire transfer, whichever you prefer.",
        kind="job_invite",
    )
    send("demo-initech", "c-initech", HOSTILE_BODY, end_in=Outcome.REQUEST)
    send(
        "demo-greenleaf",
        "c-greenleaf",
        "Hello Anna, Greenleaf Organics here. We are rebuilding our online store and your "
        "e-commerce work caught our eye. Would you have time for a call next week?",
        end_in=Outcome.REQUEST,
    )
    send(
        "demo-greenleaf-2",
        "c-greenleaf",
        "Just following up on my note from earlier. Our budget is about $6,000 for phase one.",
    )
    return anna


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        return DOCS_SCREENSHOTS
    return tmp_path


def test_screenshots_of_every_page(browser: Browser, live_server: Any, screenshots: Path) -> None:
    anna = _demo_like_data()
    decisions = dict(
        Message.objects.filter(recipient_id=anna.account_id).values_list("message_id", "decision")
    )
    assert decisions == {
        "demo-northwind-labs": Outcome.QUARANTINE,  # linked-account block
        "demo-acme-design": Outcome.QUARANTINE,  # organization block
        "demo-globex": Outcome.QUARANTINE,  # scan: scam
        "demo-rapidhire": Outcome.QUARANTINE,  # scan: campaign
        "demo-maple": Outcome.QUARANTINE,  # keyword filter
        "demo-initech": Outcome.REQUEST,
        "demo-greenleaf": Outcome.REQUEST,
        "demo-greenleaf-2": Outcome.REQUEST,
    }
    screenshots.mkdir(parents=True, exist_ok=True)

    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto("/login/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
        page.screenshot(path=screenshots / "login.png", caret="initial")

        sign_in(page, anna.account_id)
        expect(page.locator("#requests-title .count")).to_have_text("3")
        expect(page.locator("#quarantine-title .count")).to_have_text("5")
        page.screenshot(path=screenshots / "review.png", full_page=True, caret="initial")

        pages = [
            ("/settings/contact/", "Who can contact me", "contact.png"),
            ("/settings/blocked/", "Blocked", "blocked.png"),
            ("/settings/trusted/", "Trusted senders", "trusted.png"),
            ("/settings/filters/", "Keyword filters", "filters.png"),
            ("/settings/digest/", "Digest & export", "digest.png"),
        ]
        for path, heading, filename in pages:
            response = page.goto(path)
            assert response is not None and response.status == 200, path
            expect(page.get_by_role("heading", level=1)).to_have_text(heading)
            page.screenshot(path=screenshots / filename, full_page=True, caret="initial")
        expect(page.get_by_role("checkbox", name="Send me a daily digest")).not_to_be_checked()
        page.goto("/settings/blocked/")
        expect(page.get_by_role("row")).to_have_count(4)  # the header and three blocks
    finally:
        context.close()

    phone = browser.new_context(
        base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True
    )
    try:
        page = phone.new_page()
        sign_in(page, anna.account_id)
        expect(page.locator("#review li.item")).to_have_count(8)
        page.screenshot(path=screenshots / "review-phone.png", caret="initial")  # one phone screen
    finally:
        phone.close()
    for name in ("login", "review", "contact", "blocked", "trusted", "filters", "digest"):
        assert (screenshots / f"{name}.png").stat().st_size > 0
    assert (screenshots / "review-phone.png").stat().st_size > 0
