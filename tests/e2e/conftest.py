"""End-to-end fixtures: a real headless Chromium (Playwright, sync API) against a live server.

The browser is started once for the tests/e2e package and stopped when its last test is done;
each test gets a fresh context (its own cookies) and page. Data is built through the services,
so every decision the pages show is a real one.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    ViewportSize,
    expect,
    sync_playwright,
)

from inbox.models import DecidedBy, Message
from inbox.services import MessageIn, message_check, message_transition, sender_upsert

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium phones home at start-up, and the closed
# network here refuses those connections (slow starts, noisy logs).
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's password
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}

NO_CHROMIUM = (
    f"End-to-end tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium); "
    "Playwright's own browser downloads are not used."
)


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip(NO_CHROMIUM)
    # Playwright's sync API drives the browser from an asyncio event loop that stays "running"
    # in this thread from start() to stop(). Django refuses ORM calls from a thread with a
    # running loop (SynchronousOnlyOperation), which would break the tests' own data set-up,
    # their database assertions and pytest-django's flush after each test. Those calls are plain
    # synchronous code that never runs inside the loop, so the guard is lifted, but only while
    # the browser is up: the variable is restored (and the loop gone) before any other package's
    # tests run, so the rest of the suite keeps Django's protection.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        playwright = sync_playwright().start()
        try:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                yield chromium
            finally:
                chromium.close()
        finally:
            playwright.stop()


@pytest.fixture
def context(browser: Browser, live_server: Any) -> Iterator[BrowserContext]:
    ctx = browser.new_context(base_url=live_server.url, viewport=DESKTOP, locale="en-US")
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    """A browser page that fails its test if the Content-Security-Policy blocked anything.

    (Screenshots pass `caret="initial"`: Playwright otherwise hides the caret with an injected
    style, which the policy rightly blocks.)
    """
    new_page = context.new_page()
    blocked: list[str] = []
    new_page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield new_page
    assert not blocked, blocked


def sign_in(page: Page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the login form and land on the review page."""
    page.goto("/login/")
    page.get_by_label("Account").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/quarantine/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Requests & quarantine")


def eventually(check: Callable[[], bool], *, timeout: float = 5.0, what: str = "") -> None:
    """Poll the database until `check()` holds, or fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"Timed out waiting for {what or check}")
        time.sleep(0.05)


def client(
    account_id: str,
    display_name: str,
    *,
    organization_id: str = "",
    identity_key: str = "",
    billing_verified: bool = True,
    spent_cents: int = 1_250_000,
    joined_days_ago: int = 400,
    first_payment_days_ago: int | None = 380,
    standing: str = "good",
) -> str:
    """Store a client's facts (dates relative to the real clock) and return its account id."""
    now = timezone.now()
    sender_upsert(
        account_id=account_id,
        facts={
            "display_name": display_name,
            "organization_id": organization_id,
            "identity_key": identity_key,
            "billing_verified": billing_verified,
            "spent_last_12_months_cents": spent_cents,
            "joined_at": now - timedelta(days=joined_days_ago),
            "first_payment_at": (
                now - timedelta(days=first_payment_days_ago)
                if first_payment_days_ago is not None
                else None
            ),
            "standing": standing,
        },
    )
    return account_id


def incoming(
    message_id: str,
    *,
    sender_id: str,
    recipient_id: str,
    body: str,
    kind: str = "direct",
    end_in: str = "",
    reasons: list[dict[str, str]] | None = None,
) -> Message:
    """Check a message as the messaging system would; optionally settle it like the scan does.

    `end_in` ("quarantine", "request") moves a message the policy left elsewhere (held for the
    scan, or delivered) with `reasons`, through message_transition.
    """
    message, _ = message_check(
        incoming=MessageIn(
            message_id=message_id,
            sender_id=sender_id,
            recipient_id=recipient_id,
            kind=kind,
            body=body,
        )
    )
    if end_in and message.decision != end_in:
        moved = message_transition(
            message=message,
            to=end_in,
            reasons=reasons
            or [{"code": "scan_passed", "detail": "The content scan found nothing wrong."}],
            by=DecidedBy.SCAN,
        )
        assert moved, f"{message_id}: cannot move from {message.decision} to {end_in}"
    message.refresh_from_db()
    if end_in:
        assert message.decision == end_in, message.decision
    return message
