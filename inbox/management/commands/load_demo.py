"""Load demo data through the services, so every decision in it is a real one; safe to rerun."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Count
from django.utils import timezone

from common.errors import Conflict
from inbox import selectors
from inbox.models import DecidedBy, Message, Outcome, ServiceToken
from inbox.services import (
    MessageIn,
    connection_create,
    message_check,
    message_transition,
    quarantine_release,
    sender_upsert,
    service_token_create,
    service_token_revoke,
    token_hash,
)
from preferences.selectors import freelancer_get
from preferences.services import (
    allowed_create,
    block_create,
    freelancer_get_or_create,
    freelancer_login_set,
    preferences_update,
)

DEMO_PREFIX = "demo-"
DEMO_TOKEN_NAME = "demo"  # noqa: S105 (the key's name, not the key)
ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "admin-demo-password"  # noqa: S105 (a printed demo login, not a secret)
DECISION_ORDER = (
    Outcome.DELIVER,
    Outcome.REQUEST,
    Outcome.HOLD,
    Outcome.QUARANTINE,
    Outcome.REJECT,
)

# --- Senders ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SenderSpec:
    """A client account; dates are days before today, so the facts stay true whenever loaded."""

    account_id: str
    display_name: str
    organization_id: str = ""
    identity_key: str = ""
    billing_verified: bool = True
    spent_last_12_months_cents: int = 1_250_000
    joined_days_ago: int = 400
    first_payment_days_ago: int | None = 380
    standing: str = "good"
    note: str = "eligible"

    def facts(self, today: datetime) -> dict[str, Any]:
        first_payment = self.first_payment_days_ago
        return {
            "display_name": self.display_name,
            "organization_id": self.organization_id or None,
            "identity_key": self.identity_key or None,
            "billing_verified": self.billing_verified,
            "spent_last_12_months_cents": self.spent_last_12_months_cents,
            "joined_at": today - timedelta(days=self.joined_days_ago),
            "first_payment_at": (
                today - timedelta(days=first_payment) if first_payment is not None else None
            ),
            "standing": self.standing,
        }


SENDERS = (
    # Eligible: verified billing, over $1,000 spent, on the platform and paying for over 90 days.
    SenderSpec("c-acme-hiring", "Acme Ltd (Hiring)", "org-acme", "pm-fp-acme-01"),
    SenderSpec("c-acme-design", "Acme Ltd (Design Team)", "org-acme", "pm-fp-acme-02"),
    SenderSpec("c-northwind", "Northwind Traders", identity_key="pm-fp-9c1e"),
    SenderSpec(
        "c-northwind-labs",
        "Northwind Labs",
        identity_key="pm-fp-9c1e",
        note="eligible; shares an identity key with c-northwind",
    ),
    SenderSpec("c-oakridge", "Oakridge Dental Clinic", spent_last_12_months_cents=310_000),
    SenderSpec("c-lena", "Lena Fischer", spent_last_12_months_cents=185_000),
    SenderSpec("c-greenleaf", "Greenleaf Organics", spent_last_12_months_cents=540_000),
    SenderSpec("c-maple", "Maple & Birch Interiors", spent_last_12_months_cents=220_000),
    SenderSpec("c-brightpath", "BrightPath Media", spent_last_12_months_cents=760_000),
    SenderSpec("c-globex", "Globex Talent Partners", joined_days_ago=700),
    SenderSpec("c-rapidhire", "RapidHire Recruiting", spent_last_12_months_cents=2_900_000),
    # A display name that must come out escaped wherever it is shown.
    SenderSpec(
        "c-initech",
        'Initech "IT" <img src=x onerror=alert(2)>',
        note="eligible; hostile display name for escaping tests",
    ),
    # Ineligible, one rule each where real life allows it.
    SenderSpec("c-sunny", "Sunny Side Café", billing_verified=False, note="billing not verified"),
    SenderSpec(
        "c-pixelpine",
        "Pixel & Pine Studio",
        spent_last_12_months_cents=100_000,
        note="spent exactly $1,000.00 (must be over)",
    ),
    SenderSpec(
        "c-quickstart",
        "Quickstart Ventures",
        spent_last_12_months_cents=180_000,
        joined_days_ago=20,
        first_payment_days_ago=12,
        note="joined 20 days ago (too new, and no payment over 90 days old)",
    ),
    SenderSpec(
        "c-marlow",
        "Marlow Consulting",
        spent_last_12_months_cents=210_000,
        joined_days_ago=300,
        first_payment_days_ago=40,
        note="first payment 40 days ago (no payment history)",
    ),
    SenderSpec("c-harbor", "Harbor Logistics", standing="on_hold", note="standing on_hold"),
    SenderSpec("c-cryptoyield", "Crypto Yield Partners", standing="suspended", note="suspended"),
)

# --- Freelancers, relationships and preferences ----------------------------------------------


@dataclass(frozen=True)
class FreelancerSpec:
    account_id: str
    password: str = ""  # empty: no web login
    changes: dict[str, Any] = field(default_factory=dict)


FREELANCERS = (
    FreelancerSpec(
        "f-anna",
        "anna-demo-password",
        {
            "direct": "requests",
            "job_invite": "allow",
            "keyword_filters": ["crypto", "telegram", "wire transfer"],
        },
    ),
    FreelancerSpec("f-ben", "ben-demo-password"),
    FreelancerSpec("f-carla", changes={"direct": "off", "job_invite": "off"}),
)

CONNECTIONS = (
    ("c-acme-hiring", "f-ben", "contract"),
    ("c-oakridge", "f-anna", "proposal"),
    ("c-harbor", "f-anna", "contract"),
    ("c-lena", "f-ben", "invite_accepted"),
)

BLOCKS = (
    ("f-ben", "c-brightpath", "account"),
    ("f-anna", "c-acme-hiring", "organization"),  # covers c-acme-design too
    ("f-anna", "c-northwind", "linked"),  # covers c-northwind-labs (same identity key)
)

ALLOWED = (("f-anna", "c-lena"),)

# --- Messages --------------------------------------------------------------------------------

# What happens after the policy decided: the scan passes or quarantines a held message, or the
# freelancer releases a quarantined one.
SCAN_PASS, SCAN_SCAM, RELEASE = "scan_pass", "scan_scam", "release"


@dataclass(frozen=True)
class MessageSpec:
    number: int
    sender_id: str
    recipient_id: str
    kind: str
    body: str
    expect: str
    then: str = ""

    @property
    def message_id(self) -> str:
        return f"{DEMO_PREFIX}m-{self.number:02d}"


SCAM_BODY = (
    "Hello dear! I am HR manager at Globex and your profile was selected for a remote "
    "data-entry role, $45/hour, no interview needed. Let's continue on Telegram @globex_hr_sarah "
    "because this site is slow. I'll send you a check for $2,800 to buy your equipment, deposit "
    "it and send the rest back to our vendor. Fill in the form today: https://bit.ly/3xYzQ7a"
)
HOSTILE_BODY = (
    "Hi Anna, quick question about your portfolio <script>alert(1)</script> — "
    'see <a href="javascript:alert(document.cookie)">our brief</a> or '
    "[the spec](javascript:alert('xss')). Thanks! <img src=x onerror=alert(3)>"
)
LIMITED_TARGETS = ("f-dmitri", "f-emma", "f-farid", "f-gita", "f-hugo", "f-ivy")
RAPIDHIRE_BODY = (
    "Hi! RapidHire is staffing a 6-month Shopify project for a European retailer. "
    "Are you available for a 20-minute call this week?"
)

MESSAGES = (
    # deliver: an established pair.
    MessageSpec(
        1,
        "c-acme-hiring",
        "f-ben",
        "direct",
        "Hi Ben, following up on the onboarding-flow milestone: could you share the updated "
        "Figma file by Thursday? The team loved the first draft.",
        Outcome.DELIVER,
    ),
    MessageSpec(
        2,
        "c-oakridge",
        "f-anna",
        "reply",
        "Thanks for the proposal, Anna. The appointment widget and the reminder e-mails are "
        "exactly what we need. Can you start on the 1st?",
        Outcome.DELIVER,
    ),
    # quarantine by Anna's keyword filter, then released by Anna: delivered.
    MessageSpec(
        3,
        "c-oakridge",
        "f-anna",
        "reply",
        "Also, I saw the Telegram bot you built for the bakery down the road. Could we get "
        "something similar for appointment reminders?",
        Outcome.DELIVER,
        then=RELEASE,
    ),
    # A trusted sender: skips Anna's requests mode; first contact is held, the scan passes.
    MessageSpec(
        4,
        "c-lena",
        "f-anna",
        "direct",
        "Hi Anna, it's Lena from the design meetup. I have a small Django fix for my shop, "
        "about two days of work. Interested?",
        Outcome.DELIVER,
        then=SCAN_PASS,
    ),
    # request: Anna takes unsolicited messages as requests (held first, then the follow-up).
    MessageSpec(
        5,
        "c-greenleaf",
        "f-anna",
        "direct",
        "Hello Anna, Greenleaf Organics here. We are rebuilding our online store and your "
        "e-commerce work caught our eye. Would you have time for a call next week?",
        Outcome.REQUEST,
        then=SCAN_PASS,
    ),
    MessageSpec(
        6,
        "c-greenleaf",
        "f-anna",
        "direct",
        "Just following up on my note from earlier. Our budget is about $6,000 for phase one.",
        Outcome.REQUEST,
    ),
    MessageSpec(7, "c-initech", "f-anna", "direct", HOSTILE_BODY, Outcome.REQUEST, SCAN_PASS),
    # quarantine: keyword filter, blocks of each scope, and a scam caught by the scan.
    MessageSpec(
        8,
        "c-maple",
        "f-anna",
        "job_invite",
        "You're invited to our job 'Landing page for a furniture launch'. We can pay in crypto "
        "(USDT) or by wire transfer, whichever you prefer.",
        Outcome.QUARANTINE,
    ),
    MessageSpec(
        9,
        "c-acme-design",
        "f-anna",
        "direct",
        "Hi Anna, Acme's design team here. We'd love your help with our icon set.",
        Outcome.QUARANTINE,
    ),
    MessageSpec(
        10,
        "c-northwind-labs",
        "f-anna",
        "direct",
        "Hi again Anna, this is Northwind Labs, a different team from Northwind Traders. "
        "Please hear us out.",
        Outcome.QUARANTINE,
    ),
    MessageSpec(
        11,
        "c-brightpath",
        "f-ben",
        "direct",
        "Ben, we need that video edit TODAY. Call me back immediately.",
        Outcome.QUARANTINE,
    ),
    MessageSpec(12, "c-globex", "f-ben", "direct", SCAM_BODY, Outcome.QUARANTINE, SCAN_SCAM),
    # hold: unsolicited first contact waiting for the scan.
    MessageSpec(
        13,
        "c-northwind",
        "f-ben",
        "direct",
        "Hi Ben, Northwind Traders here. We're looking for a React Native developer for a "
        "3-month contract. Would you be open to a quick chat?",
        Outcome.HOLD,
    ),
    # The daily limit: RapidHire contacts six new freelancers; five are held, the sixth rejected.
    *(
        MessageSpec(
            14 + index,
            "c-rapidhire",
            recipient,
            "direct",
            RAPIDHIRE_BODY,
            Outcome.HOLD if index < 5 else Outcome.REJECT,
        )
        for index, recipient in enumerate(LIMITED_TARGETS)
    ),
    # reject: eligibility, standing (even for a connected pair), opt-out, unknown sender.
    MessageSpec(
        20,
        "c-sunny",
        "f-ben",
        "direct",
        "Hi Ben, we need a menu page for our café.",
        Outcome.REJECT,
    ),
    MessageSpec(
        21,
        "c-pixelpine",
        "f-ben",
        "job_invite",
        "You're invited to 'Brand refresh for Pixel & Pine'.",
        Outcome.REJECT,
    ),
    MessageSpec(
        22,
        "c-quickstart",
        "f-ben",
        "direct",
        "Hey Ben, we just joined and want an MVP built fast. Ping me!",
        Outcome.REJECT,
    ),
    MessageSpec(
        23,
        "c-marlow",
        "f-ben",
        "direct",
        "Dear Ben, Marlow Consulting would like to discuss a reporting dashboard.",
        Outcome.REJECT,
    ),
    MessageSpec(
        24,
        "c-harbor",
        "f-anna",
        "direct",
        "Anna, can you push the tracking-page fix tonight?",
        Outcome.REJECT,
    ),
    MessageSpec(
        25,
        "c-cryptoyield",
        "f-ben",
        "direct",
        "Earn 3% a day with our yield program!",
        Outcome.REJECT,
    ),
    MessageSpec(
        26,
        "c-lena",
        "f-carla",
        "direct",
        "Hi Carla, do you have time for a logo?",
        Outcome.REJECT,
    ),
    MessageSpec(
        27,
        "c-unknown-7781",
        "f-ben",
        "direct",
        "hello are you available",
        Outcome.REJECT,
    ),
)
# Minutes between one demo message and the next, ending a few minutes before now.
MESSAGE_SPACING = timedelta(minutes=9)

# What the scan says (inbox.policy.scan_outcome's wording). The demo settles these messages itself
# so their history shows a scan step on any machine; the rest of the held ones wait for the worker.
SCAN_PASSED_REASONS = [{"code": "scan_passed", "detail": "The content scan found nothing wrong."}]
SCAM_REASONS = [
    {
        "code": "scam",
        "detail": "Looks like a scam: asks to move the conversation off the platform, asks for "
        "money or equipment purchases up front, contains a shortened link.",
    }
]


class Command(BaseCommand):
    help = "Load demo senders, freelancers, preferences and messages; running it again is safe."

    def add_arguments(self, parser: CommandParser) -> None:
        port = os.environ.get("PORT", "8000")
        parser.add_argument(
            "--base-url",
            default=f"http://127.0.0.1:{port}",
            help="Where the server will answer, for the printed hints.",
        )

    def handle(self, *args: Any, base_url: str, **options: Any) -> None:
        now = timezone.now()
        today = now.replace(hour=0, minute=0, second=0, microsecond=0)
        policy = selectors.policy_get_active()

        for sender in SENDERS:
            sender_upsert(account_id=sender.account_id, facts=sender.facts(today))
        logins = [self._freelancer(spec) for spec in FREELANCERS]
        for client_id, freelancer_id, kind in CONNECTIONS:
            connection_create(client_id=client_id, freelancer_id=freelancer_id, kind=kind)
        for account_id, sender_id, scope in BLOCKS:
            block_create(account_id=account_id, sender_id=sender_id, scope=scope)
        for account_id, sender_id in ALLOWED:
            allowed_create(account_id=account_id, sender_id=sender_id)
        already = set(
            Message.objects.filter(
                message_id__in=[spec.message_id for spec in MESSAGES]
            ).values_list("message_id", flat=True)
        )
        # Only a message checked in this run is compared with what the demo expects: one an
        # earlier run loaded has lived since (the worker scanned it, someone released it).
        mismatches = [
            f"{spec.message_id}: expected {spec.expect}, got {decision}"
            for spec in MESSAGES
            if (decision := self._message(spec, now)) != spec.expect
            and spec.message_id not in already
        ]
        logins.append(self._admin())
        key, new_key = self._service_key()
        self._summary(
            base_url, policy.version, logins, key, mismatches, already=len(already), new_key=new_key
        )

    # --- Steps -------------------------------------------------------------------------------

    def _freelancer(self, spec: FreelancerSpec) -> tuple[str, str]:
        if spec.changes:
            preferences_update(account_id=spec.account_id, changes=spec.changes)
        else:
            freelancer_get_or_create(account_id=spec.account_id)
        if not spec.password:
            return spec.account_id, ""
        freelancer = freelancer_get(account_id=spec.account_id)
        user = freelancer.user if freelancer else None
        # Reset only when needed, so a rerun changes nothing and the printed login always works.
        if user is None or not user.check_password(spec.password):
            freelancer_login_set(account_id=spec.account_id, password=spec.password)
        return spec.account_id, spec.password

    def _admin(self) -> tuple[str, str]:
        user_model = get_user_model()
        user = user_model.objects.filter(username=ADMIN_USERNAME).first()
        if user is None:
            user_model.objects.create_superuser(
                username=ADMIN_USERNAME, email="admin@example.com", password=ADMIN_PASSWORD
            )
            return ADMIN_USERNAME, ADMIN_PASSWORD
        if user.check_password(ADMIN_PASSWORD):
            return ADMIN_USERNAME, ADMIN_PASSWORD
        # Someone's own admin account: leave it alone.
        return ADMIN_USERNAME, "(existing account, password unchanged)"

    def _message(self, spec: MessageSpec, now: datetime) -> str:
        position = len(MESSAGES) - spec.number
        at = now - MESSAGE_SPACING * position - timedelta(minutes=3)
        incoming = MessageIn(
            message_id=spec.message_id,
            sender_id=spec.sender_id,
            recipient_id=spec.recipient_id,
            kind=spec.kind,
            body=spec.body,
            thread_id=f"{DEMO_PREFIX}t-{spec.sender_id}-{spec.recipient_id}",
            sent_at=at,
        )
        try:
            message, _ = message_check(incoming=incoming, now=at)
        except Conflict:
            # An older demo stored a different text under this id; keep it rather than fail.
            return "an older demo message with this id"
        # Each follow-up runs only from the state the policy left, so a rerun is a no-op.
        if spec.then in (SCAN_PASS, SCAN_SCAM) and message.decision == Outcome.HOLD:
            to: str = Outcome.QUARANTINE
            reasons = SCAM_REASONS
            if spec.then == SCAN_PASS:
                to, reasons = message.pass_decision, SCAN_PASSED_REASONS
            message_transition(
                message=message,
                to=to,
                reasons=reasons,
                by=DecidedBy.SCAN,
                now=at + timedelta(seconds=4),
            )
        if (
            spec.then == RELEASE
            and message.decision == Outcome.QUARANTINE
            and selectors.message_history(message=message).count() == 1
        ):
            recipient = freelancer_get(account_id=spec.recipient_id)
            quarantine_release(
                recipient_id=spec.recipient_id,
                message_id=spec.message_id,
                by=DecidedBy.FREELANCER,
                actor_id=recipient.user_id if recipient else None,
            )
            message.refresh_from_db()
        return message.decision

    def _service_key(self) -> tuple[str, bool]:
        """Return the demo key and whether it is new.

        Keys are stored hashed, so the demo keeps its key in a file of this machine's local
        state (`var/`, never committed): a rerun prints the same key, and saved scripts keep
        working. Only when that key no longer works (a new database, a revocation) is a new one
        made, the old demo keys revoked, and the change said plainly.
        """
        saved = self._saved_key()
        live = ServiceToken.objects.filter(name=DEMO_TOKEN_NAME, revoked_at__isnull=True)
        if saved and live.filter(key_hash=token_hash(saved)).exists():
            return saved, False
        for token in live:
            service_token_revoke(token=token)
        _, key = service_token_create(name=DEMO_TOKEN_NAME)
        path = Path(settings.DEMO_KEY_FILE)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(key + "\n")
        path.chmod(0o600)
        return key, True

    def _saved_key(self) -> str:
        try:
            return Path(settings.DEMO_KEY_FILE).read_text().strip()
        except OSError:
            return ""

    # --- Output ------------------------------------------------------------------------------

    def _summary(
        self,
        base_url: str,
        policy_version: str,
        logins: list[tuple[str, str]],
        key: str,
        mismatches: list[str],
        *,
        already: int,
        new_key: bool,
    ) -> None:
        write = self.stdout.write
        counts = dict(
            Message.objects.filter(message_id__startswith=DEMO_PREFIX)
            .values_list("decision")
            .annotate(total=Count("id"))
            .values_list("decision", "total")
        )
        examples = {spec.expect: spec.message_id for spec in reversed(MESSAGES)}
        write("")
        write(self.style.SUCCESS(f"Demo data loaded (policy {policy_version})."))
        write("")
        write(f"  Web UI    {base_url}/")
        write(f"  API docs  {base_url}/api/docs/")
        write(f"  Admin     {base_url}/admin/")
        write(f"  Review    {base_url}/review/   (trust & safety, sign in as admin)")
        write("")
        write("  Logins (username / password):")
        for username, password in logins:
            if password:
                write(f"    {username:<8} {password}")
        write("")
        if already:
            write(
                f"  Messages by decision, as they are now ({already} were loaded by an earlier "
                "run; the worker may have scanned them since):"
            )
        else:
            write("  Messages by decision:")
        for decision in DECISION_ORDER:
            write(
                f"    {decision:<11} {counts.get(decision, 0):>3}   e.g. {examples.get(decision)}"
            )
        for mismatch in mismatches:
            write(self.style.WARNING(f"  Note: {mismatch}; the active policy may differ."))
        write("")
        if new_key:
            write(
                f"  Service key (name {DEMO_TOKEN_NAME!r}; NEW: earlier demo keys are revoked; "
                f"kept in {settings.DEMO_KEY_FILE} for the next run):"
            )
        else:
            write(f"  Service key (name {DEMO_TOKEN_NAME!r}; the same as the last run):")
        write(f"    {key}")
        write("")
        write("  Try it:")
        write(f"    curl -s -X POST {base_url}/api/v1/messages \\")
        write(f'      -H "Authorization: Bearer {key}" -H "Content-Type: application/json" \\')
        write(
            '      -d \'{"message_id": "try-1", "sender_id": "c-lena", '
            '"recipient_id": "f-ben", "kind": "direct", '
            '"body": "Hi Ben, are you free for a WordPress job?"}\''
        )
        write(
            f'    curl -s -H "Authorization: Bearer {key}" '
            f"{base_url}/api/v1/messages/{DEMO_PREFIX}m-12"
        )
        write("  More keys: manage.py create_service_token NAME")
        write("")
