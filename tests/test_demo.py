"""The demo data: real decisions in every state, working logins and key, safe to load twice."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count
from django.test import Client

from inbox.models import (
    Connection,
    DecidedBy,
    DecisionRecord,
    Message,
    NewContact,
    Sender,
    ServiceToken,
)
from inbox.services import message_transition, service_token_revoke
from preferences.models import AllowedSender, Block, Freelancer
from tests.conftest import JsonClient, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _demo_key_file(settings: Any, tmp_path: Path) -> None:
    """Each test's demo keeps its key in a file of its own, not in this checkout's var/."""
    settings.DEMO_KEY_FILE = tmp_path / "demo-service-key"


KEY = re.compile(r"^\s+(igk_\S+)$", re.MULTILINE)


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def printed_key(output: str) -> str:
    keys = set(KEY.findall(output))
    assert len(keys) == 1, output
    return keys.pop()


def bearer(key: str) -> JsonClient:
    client = JsonClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def snapshot() -> dict[str, object]:
    return {
        "decisions": dict(
            Message.objects.values_list("decision")
            .annotate(n=Count("id"))
            .values_list("decision", "n")
        ),
        "history": DecisionRecord.objects.count(),
        "senders": Sender.objects.count(),
        "connections": Connection.objects.count(),
        "freelancers": Freelancer.objects.count(),
        "blocks": Block.objects.count(),
        "allowed": AllowedSender.objects.count(),
        "new_contacts": NewContact.objects.count(),
        "users": get_user_model().objects.count(),
    }


def test_demo_has_messages_in_every_decision() -> None:
    output = load_demo()

    decisions = set(Message.objects.values_list("decision", flat=True))
    assert decisions == {"deliver", "request", "hold", "quarantine", "reject"}
    assert "Messages by decision:" in output
    assert "Note:" not in output  # every message got the decision the demo expects


# Each demo message shows one rule of the contract at work.
EXPECTED = {
    "demo-m-01": ("deliver", []),
    "demo-m-03": ("deliver", ["released"]),
    "demo-m-04": ("deliver", ["scan_passed"]),
    "demo-m-05": ("request", ["scan_passed"]),
    "demo-m-06": ("request", ["message_request"]),
    "demo-m-08": ("quarantine", ["keyword_filter"]),
    "demo-m-09": ("quarantine", ["blocked_organization"]),
    "demo-m-10": ("quarantine", ["blocked_linked_account"]),
    "demo-m-11": ("quarantine", ["blocked_sender"]),
    "demo-m-12": ("quarantine", ["scam"]),
    "demo-m-13": ("hold", ["scan_pending"]),
    "demo-m-19": ("reject", ["daily_new_connection_limit"]),
    "demo-m-20": ("reject", ["billing_not_verified"]),
    "demo-m-21": ("reject", ["spend_below_threshold"]),
    "demo-m-22": ("reject", ["account_too_new", "no_payment_history"]),
    "demo-m-23": ("reject", ["no_payment_history"]),
    "demo-m-24": ("reject", ["account_not_in_good_standing"]),
    "demo-m-25": ("reject", ["account_not_in_good_standing"]),
    "demo-m-26": ("reject", ["recipient_not_accepting"]),
}


def test_demo_messages_show_the_rules() -> None:
    load_demo()

    found = {
        message.message_id: (message.decision, [reason["code"] for reason in message.reasons])
        for message in Message.objects.filter(message_id__in=EXPECTED)
    }
    assert found == EXPECTED


def test_demo_daily_limit_rejects_the_sixth_new_freelancer() -> None:
    load_demo()

    rapidhire = list(Message.objects.filter(sender_id="c-rapidhire").order_by("message_id"))
    assert [message.decision for message in rapidhire] == ["hold"] * 5 + ["reject"]
    assert len({message.recipient_id for message in rapidhire}) == 6
    assert (rapidhire[-1].retry_after or 0) > 0


def test_demo_spend_of_exactly_one_thousand_dollars_is_not_enough() -> None:
    load_demo()

    assert Sender.objects.get(account_id="c-pixelpine").spent_last_12_months_cents == 100_000


@pytest.mark.parametrize(
    ("username", "password"),
    [("f-anna", "anna-demo-password"), ("f-ben", "ben-demo-password")],
)
def test_demo_freelancer_logins_work(username: str, password: str) -> None:
    output = load_demo()
    client = JsonClient()

    assert re.search(rf"^\s+{username}\s+{password}$", output, re.MULTILINE)
    assert sign_in(client, username, password)
    own = client.get(f"/api/v1/freelancers/{username}/quarantine")
    assert own.status_code == 200
    assert own.json()["results"]
    other = "f-ben" if username == "f-anna" else "f-anna"
    assert client.get(f"/api/v1/freelancers/{other}/quarantine").status_code == 404


def test_demo_admin_can_sign_in_to_the_admin() -> None:
    output = load_demo()
    client = Client()

    assert re.search(r"^\s+admin\s+admin-demo-password$", output, re.MULTILINE)
    assert sign_in(client, "admin", "admin-demo-password")
    assert client.get("/admin/").status_code == 200


def test_demo_keeps_an_existing_admin_password() -> None:
    get_user_model().objects.create_superuser(username="admin", password="mine-not-the-demo")

    output = load_demo()

    assert "admin-demo-password" not in output
    assert sign_in(Client(), "admin", "mine-not-the-demo")


def test_printed_service_key_works() -> None:
    service = bearer(printed_key(load_demo()))

    state = service.get("/api/v1/messages/demo-m-12")
    assert state.status_code == 200
    assert state.json()["decision"] == "quarantine"
    assert [entry["by"] for entry in state.json()["history"]] == ["policy", "scan"]
    checked = service.send(
        "POST",
        "/api/v1/messages",
        {
            "message_id": "try-1",
            "sender_id": "c-lena",
            "recipient_id": "f-ben",
            "kind": "direct",
            "body": "Hi Ben, are you free for a WordPress job?",
        },
    )
    assert checked.status_code == 201
    assert checked.json()["decision"] == "deliver"  # Lena and Ben are connected


def test_loading_twice_changes_nothing_and_keeps_the_key() -> None:
    first = load_demo()
    before = snapshot()

    second = load_demo()

    assert snapshot() == before
    assert printed_key(second) == printed_key(first)
    assert "NEW: earlier demo keys are revoked" in first
    assert "the same as the last run" in second
    assert bearer(printed_key(second)).get("/api/v1/messages/demo-m-01").status_code == 200
    assert ServiceToken.objects.filter(name="demo", revoked_at__isnull=True).count() == 1


def test_a_rerun_reports_the_demo_as_it_is_after_the_worker_scanned_it() -> None:
    load_demo()
    # What the worker does between runs: the held messages get scanned and move on.
    held = Message.objects.filter(message_id__startswith="demo-", decision="hold")
    assert held.exists()
    for message in held:
        message_transition(message=message, to="deliver", reasons=[], by=DecidedBy.SCAN)

    output = load_demo()

    assert "expected" not in output  # no false alarm about messages that simply moved on
    assert "were loaded by an earlier run; the worker may have scanned them since" in output
    assert re.search(r"hold\s+0\b", output)


def test_a_revoked_demo_key_is_replaced_and_the_change_said_plainly() -> None:
    first = printed_key(load_demo())
    service_token_revoke(token=ServiceToken.objects.get(name="demo", revoked_at__isnull=True))

    output = load_demo()

    assert printed_key(output) != first
    assert "NEW: earlier demo keys are revoked" in output
    assert bearer(printed_key(output)).get("/api/v1/messages/demo-m-01").status_code == 200


def test_the_demo_key_file_is_private(settings: Any) -> None:
    load_demo()

    assert Path(settings.DEMO_KEY_FILE).stat().st_mode & 0o777 == 0o600
