"""The freelancer's settings pages: sign-in, who may use them, every form with and without HTMX."""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from typing import Any, cast
from urllib.parse import quote

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from common.fields import ID_HELP
from inbox.policy import HELP_CENTRE_ELIGIBILITY
from inbox.services import policy_activate, policy_draft
from preferences.models import AllowedSender, Block, Freelancer
from preferences.services import MAX_KEYWORD_FILTERS, preferences_update
from tests.factories import AllowedSenderFactory, BlockFactory, SenderFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

HTMX = {"HX-Request": "true"}
PASSWORD = "s3cret-Passphrase"
# htmx 2's default `htmx.config.responseHandling` (django-htmx serves htmx 2.0.x).
HTMX_DEFAULT_RESPONSE_HANDLING: list[dict[str, Any]] = [
    {"code": "204", "swap": False},
    {"code": "[23]..", "swap": True},
    {"code": "[45]..", "swap": False, "error": True},
]
FREELANCER_PAGES = [
    "ui:review",
    "ui:contact",
    "ui:blocked",
    "ui:trusted",
    "ui:filters",
    "ui:digest",
    "ui:export",
]
POST_ONLY = [
    ("ui:review-act", {}),
    ("ui:block-add", {}),
    ("ui:block-remove", {"block_id": 1}),
    ("ui:trusted-add", {}),
    ("ui:trusted-remove", {"allowed_id": 1}),
    ("ui:filter-add", {}),
    ("ui:filter-remove", {}),
]


class Document(HTMLParser):
    """A parsed page: its start tags with their attributes, and its visible text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._text: list[str] = []
        self._hidden = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._hidden += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._text.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self._text).split())

    def find(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [
            found
            for name, found in self.tags
            if name == tag and all(found.get(key) == value for key, value in attrs.items())
        ]

    def checked(self, name: str) -> list[str | None]:
        return [attrs.get("value") for attrs in self.find("input", name=name) if "checked" in attrs]


def page(response: Any) -> Document:
    return Document(response.content.decode())


def settings_of(account_id: str) -> dict[str, Any]:
    """Return everything a freelancer can change on these pages, to compare before and after."""
    freelancer = Freelancer.objects.get(account_id=account_id)
    return {
        "direct": freelancer.direct_mode,
        "job_invite": freelancer.job_invite_mode,
        "keyword_filters": list(freelancer.keyword_filters),
        "digest_enabled": freelancer.digest_enabled,
        "blocks": sorted(freelancer.blocks.values_list("sender_id", "scope")),
        "trusted": sorted(freelancer.allowed.values_list("sender_id", flat=True)),
    }


def a_block(freelancer: Any, sender_id: str, **fields: Any) -> Block:
    return cast(Block, BlockFactory(freelancer=freelancer, sender_id=sender_id, **fields))


def a_trusted_sender(freelancer: Any, sender_id: str) -> AllowedSender:
    return cast(AllowedSender, AllowedSenderFactory(freelancer=freelancer, sender_id=sender_id))


def htmx_swaps(page_html: str, status: int) -> bool:
    """Return whether htmx, configured as this page configures it, swaps a `status` response in."""
    handling = HTMX_DEFAULT_RESPONSE_HANDLING
    for meta in Document(page_html).find("meta", name="htmx-config"):
        handling = json.loads(meta.get("content") or "{}").get("responseHandling", handling)
    for rule in handling:
        if re.search(rule["code"], str(status)):  # htmx tests `new RegExp(code)` the same way
            return bool(rule.get("swap"))
    return False


@pytest.fixture
def web(client: Client, alice: Any) -> Client:
    """Alice's browser, signed in."""
    client.force_login(alice.user)
    return client


@pytest.fixture
def bob_web(bob: Any) -> Client:
    client = Client()
    client.force_login(bob.user)
    return client


# --- Signing in ------------------------------------------------------------------------------


@pytest.fixture
def created_login(db: None) -> str:
    """A freelancer login made the way operators make them: `manage.py create_freelancer`."""
    call_command("create_freelancer", "f-7", "--password", PASSWORD, stdout=io.StringIO())
    return "f-7"


def test_sign_in_with_a_created_login_lands_on_the_review_page(client: Client, created_login):
    response = client.post("/login/", {"username": created_login, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/"
    landing = client.get(response["Location"], follow=True)
    assert landing.redirect_chain == [("/quarantine/", 302)]
    assert landing.status_code == 200
    assert "Requests & quarantine" in page(landing).text
    user_id = Freelancer.objects.get(account_id=created_login).user_id
    assert client.session[SESSION_KEY] == str(user_id)


def test_sign_in_with_a_wrong_password_shows_an_error_and_stays_signed_out(
    client: Client, created_login
):
    response = client.post("/login/", {"username": created_login, "password": "not-it"})

    assert response.status_code == 200
    document = page(response)
    assert "That account and password don't match. Try again." in document.text
    assert document.find("input", name="username", value=created_login)
    assert SESSION_KEY not in client.session
    assert client.get("/quarantine/").status_code == 302


def test_sign_in_returns_to_the_page_that_asked_for_it(client: Client, created_login):
    asked = client.get("/settings/blocked/")
    login_page = client.get(asked["Location"])
    assert page(login_page).find("input", name="next", value="/settings/blocked/")

    response = client.post(
        "/login/",
        {"username": created_login, "password": PASSWORD, "next": "/settings/blocked/"},
    )

    assert response["Location"] == "/settings/blocked/"


def test_sign_in_never_sends_the_freelancer_to_another_site(client: Client, created_login):
    response = client.post(
        "/login/",
        {"username": created_login, "password": PASSWORD, "next": "https://evil.example/phish"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/")["Location"] == "/quarantine/"


def test_signing_out_ends_the_session(web: Client):
    response = web.post("/logout/")

    assert response.status_code == 302
    assert response["Location"] == "/login/"
    assert SESSION_KEY not in web.session
    assert web.get("/settings/blocked/").status_code == 302


# --- Who may use the pages -------------------------------------------------------------------


@pytest.mark.parametrize("name", FREELANCER_PAGES)
def test_anonymous_visitor_is_sent_to_sign_in_from_every_page(client: Client, name: str):
    url = reverse(name)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"/login/?next={quote(url)}"


@pytest.mark.parametrize(("name", "kwargs"), POST_ONLY)
def test_anonymous_post_is_sent_to_sign_in_and_changes_nothing(
    client: Client, alice: Any, name: str, kwargs: dict[str, int]
):
    block = a_block(alice, "c-1")
    a_trusted_sender(alice, "c-2")
    before = settings_of("f-alice")
    kwargs = {key: block.pk if key == "block_id" else value for key, value in kwargs.items()}

    response = client.post(
        reverse(name, kwargs=kwargs), {"sender_id": "c-9", "scope": "account", "phrase": "x"}
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")
    assert settings_of("f-alice") == before


@pytest.mark.parametrize("name", FREELANCER_PAGES)
def test_signed_in_user_without_a_freelancer_gets_404_on_every_page(
    client: Client, staff_user: Any, name: str
):
    client.force_login(staff_user)

    assert client.get(reverse(name)).status_code == 404


@pytest.mark.parametrize(("name", "kwargs"), POST_ONLY)
def test_signed_in_user_without_a_freelancer_gets_404_on_every_action(
    client: Client, staff_user: Any, name: str, kwargs: dict[str, int]
):
    client.force_login(staff_user)

    response = client.post(reverse(name, kwargs=kwargs), {"sender_id": "c-9", "phrase": "x"})

    assert response.status_code == 404
    assert not Block.objects.exists()
    assert not AllowedSender.objects.exists()


@pytest.mark.parametrize(("name", "kwargs"), POST_ONLY)
def test_actions_refuse_get(web: Client, name: str, kwargs: dict[str, int]):
    assert web.get(reverse(name, kwargs=kwargs)).status_code == 405


def test_every_page_marks_where_the_freelancer_is_in_the_navigation(web: Client):
    for name in FREELANCER_PAGES[:-1]:
        current = page(web.get(reverse(name))).find("a", **{"aria-current": "page"})
        assert [link["href"] for link in current] == [reverse(name)]


# --- Who can contact me ----------------------------------------------------------------------


def test_contact_page_shows_the_policy_defaults_to_a_freelancer_who_never_chose(web: Client):
    document = page(web.get(reverse("ui:contact")))

    assert document.checked("direct") == ["allow"]
    assert document.checked("job_invite") == ["allow"]


def test_contact_page_shows_the_modes_the_freelancer_chose(web: Client):
    preferences_update(account_id="f-alice", changes={"direct": "requests", "job_invite": "off"})

    document = page(web.get(reverse("ui:contact")))

    assert document.checked("direct") == ["requests"]
    assert document.checked("job_invite") == ["off"]


def test_contact_page_explains_the_active_policy_rules(web: Client):
    text = page(web.get(reverse("ui:contact"))).text

    assert "has a verified billing method" in text
    assert "has spent more than $1,000 on the platform in the last 12 months" in text
    assert "joined the platform more than 90 days ago" in text
    assert "made a payment more than 90 days ago" in text
    assert "is in good standing" in text
    assert "contacts at most 5 new freelancers in 24 hours" in text


def test_contact_page_follows_a_newly_activated_policy(web: Client, staff_user: Any):
    policy = policy_draft(
        values={
            "eligibility": HELP_CENTRE_ELIGIBILITY,
            "min_spend_cents": 250_000,
            "min_payment_age_days": 30,
            "daily_new_contact_limit": 3,
            "daily_limit_window_hours": 12,
        },
        actor_id=staff_user.pk,
    )
    policy_activate(policy=policy, reason="For this test.")

    text = page(web.get(reverse("ui:contact"))).text

    assert (
        "has spent more than $2,500 on the platform in the last 12 months or "
        "made a payment more than 30 days ago"
    ) in text
    assert "has a verified billing method" in text
    assert "is in good standing" in text
    assert "joined the platform" not in text
    assert "$1,000" not in text
    assert "contacts at most 3 new freelancers in 12 hours" in text


def test_contact_page_explains_a_policy_whose_eligibility_is_a_single_rule(web: Client):
    policy_activate(
        policy=policy_draft(values={"eligibility": "billing_verified"}), reason="For this test."
    )

    response = web.get(reverse("ui:contact"))

    assert response.status_code == 200
    assert "has a verified billing method" in page(response).text


def test_saving_contact_modes_with_a_plain_post_redirects_and_saves(web: Client):
    response = web.post(reverse("ui:contact"), {"direct": "requests", "job_invite": "off"})

    assert response.status_code == 302
    assert response["Location"] == reverse("ui:contact")
    saved = settings_of("f-alice")
    assert (saved["direct"], saved["job_invite"]) == ("requests", "off")
    after = page(web.get(response["Location"]))
    assert "Saved." in after.text
    assert after.checked("direct") == ["requests"]


def test_saving_contact_modes_with_htmx_returns_the_form_saying_saved(web: Client):
    response = web.post(
        reverse("ui:contact"), {"direct": "off", "job_invite": "requests"}, headers=HTMX
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<form id="contact-form"')
    assert "<html" not in html
    document = Document(html)
    assert "Saved. New messages follow this choice right away." in document.text
    assert document.checked("direct") == ["off"]
    saved = settings_of("f-alice")
    assert (saved["direct"], saved["job_invite"]) == ("off", "requests")


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
@pytest.mark.parametrize(
    "data",
    [
        {"direct": "everyone", "job_invite": "allow"},
        {"direct": "allow"},
        {"direct": "<script>", "job_invite": "off"},
    ],
    ids=["unknown-mode", "missing-kind", "hostile-value"],
)
def test_invalid_contact_modes_are_refused_and_change_nothing(
    web: Client, headers: dict[str, str], data: dict[str, str]
):
    preferences_update(account_id="f-alice", changes={"direct": "requests"})
    before = settings_of("f-alice")

    response = web.post(reverse("ui:contact"), data, headers=headers)

    assert response.status_code == 400
    assert "Saved" not in page(response).text
    assert "<script>" not in response.content.decode()
    assert settings_of("f-alice") == before


# --- Blocked ---------------------------------------------------------------------------------


def test_blocked_page_lists_sender_scope_and_date(web: Client, alice: Any):
    a_block(alice, "c-1", scope="account")
    a_block(alice, "c-2", scope="organization", organization_id="org-9")

    response = web.get(reverse("ui:blocked"))

    document = page(response)
    assert "c-1 This account Nov 20, 2026" in document.text
    assert "c-2 Their whole organization (org-9) Nov 20, 2026" in document.text
    assert document.find("time", datetime="2026-11-20T10:00:00+00:00")
    assert document.find("button", **{"aria-label": "Unblock c-1"})


def test_blocked_page_says_so_when_nobody_is_blocked(web: Client):
    assert "You haven't blocked anyone." in page(web.get(reverse("ui:blocked"))).text


def test_blocking_an_account_with_a_plain_post_redirects_and_confirms(web: Client):
    response = web.post(reverse("ui:block-add"), {"sender_id": "c-1", "scope": "account"})

    assert response.status_code == 302
    assert response["Location"] == reverse("ui:blocked")
    assert settings_of("f-alice")["blocks"] == [("c-1", "account")]
    assert "Blocked c-1 (this account)." in page(web.get(response["Location"])).text


def test_blocking_an_organization_with_htmx_captures_it_and_returns_the_list(web: Client):
    SenderFactory(account_id="c-1", organization_id="org-1")

    response = web.post(
        reverse("ui:block-add"), {"sender_id": "c-1", "scope": "organization"}, headers=HTMX
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="blocked-list">')
    text = Document(html).text
    assert "Blocked c-1 (their whole organization)." in text
    assert "Their whole organization (org-1)" in text
    block = Block.objects.get(freelancer__account_id="f-alice")
    assert (block.sender_id, block.scope, block.organization_id) == ("c-1", "organization", "org-1")


def test_blocking_linked_accounts_captures_the_identity_key(web: Client):
    SenderFactory(account_id="c-1", identity_key="person-7")

    response = web.post(reverse("ui:block-add"), {"sender_id": "c-1", "scope": "linked"})

    assert response.status_code == 302
    block = Block.objects.get(freelancer__account_id="f-alice")
    assert (block.scope, block.identity_key) == ("linked", "person-7")


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
@pytest.mark.parametrize(
    ("scope", "error"),
    [
        ("organization", "This sender has no known organization; block the account instead."),
        ("linked", "No accounts are known to be linked to this sender; block the account instead."),
    ],
)
def test_blocking_a_wider_scope_the_sender_lacks_shows_a_clear_error(
    web: Client, headers: dict[str, str], scope: str, error: str
):
    SenderFactory(account_id="c-1", organization_id="", identity_key="")

    response = web.post(
        reverse("ui:block-add"), {"sender_id": "c-1", "scope": scope}, headers=headers
    )

    assert response.status_code == 400
    assert error in page(response).text
    assert not Block.objects.exists()


@pytest.mark.parametrize(
    ("sender_id", "error"),
    [
        ("c 1", ID_HELP),
        ("<script>alert(1)</script>", ID_HELP),
        ("c" * 129, "Ensure this value has at most 128 characters (it has 129)."),
        ("", "This field is required."),
    ],
    ids=["space", "markup", "too-long", "empty"],
)
def test_blocking_an_invalid_account_id_is_refused(web: Client, sender_id: str, error: str):
    response = web.post(reverse("ui:block-add"), {"sender_id": sender_id, "scope": "account"})

    assert response.status_code == 400
    assert error in page(response).text
    assert "<script>alert" not in response.content.decode()
    assert not Block.objects.exists()


def test_blocking_with_an_unknown_scope_is_refused(web: Client):
    response = web.post(reverse("ui:block-add"), {"sender_id": "c-1", "scope": "everyone"})

    assert response.status_code == 400
    assert "Select a valid choice." in page(response).text
    assert not Block.objects.exists()


def test_blocking_the_same_sender_twice_keeps_one_block(web: Client):
    web.post(reverse("ui:block-add"), {"sender_id": "c-1", "scope": "account"})

    response = web.post(
        reverse("ui:block-add"), {"sender_id": "c-1", "scope": "account"}, headers=HTMX
    )

    assert response.status_code == 200
    assert "Already blocked c-1 (this account)." in page(response).text
    assert Block.objects.filter(freelancer__account_id="f-alice").count() == 1


def test_unblocking_with_htmx_returns_the_list_with_an_undo_that_restores_the_block(
    web: Client, alice: Any
):
    SenderFactory(account_id="c-1", organization_id="org-1")
    block = a_block(alice, "c-1", scope="organization", organization_id="org-1")

    response = web.post(reverse("ui:block-remove", args=[block.pk]), headers=HTMX)

    assert response.status_code == 200
    document = page(response)
    assert "Unblocked c-1." in document.text
    assert not Block.objects.exists()
    undo_forms = document.find("form", action=reverse("ui:block-add"), **{"class": "inline"})
    assert len(undo_forms) == 1
    assert document.find("input", type="hidden", name="sender_id", value="c-1")
    assert document.find("input", type="hidden", name="scope", value="organization")

    undone = web.post(
        reverse("ui:block-add"), {"sender_id": "c-1", "scope": "organization"}, headers=HTMX
    )

    assert undone.status_code == 200
    restored = Block.objects.get(freelancer=alice)
    assert (restored.sender_id, restored.scope, restored.organization_id) == (
        "c-1",
        "organization",
        "org-1",
    )


def test_unblocking_with_a_plain_post_redirects_to_the_list(web: Client, alice: Any):
    block = a_block(alice, "c-1")

    response = web.post(reverse("ui:block-remove", args=[block.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("ui:blocked")
    assert not Block.objects.filter(pk=block.pk).exists()


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_unblocking_another_freelancers_block_is_404_and_changes_nothing(
    web: Client, bob: Any, headers: dict[str, str]
):
    theirs = a_block(bob, "c-1")
    before = settings_of("f-bob")

    response = web.post(reverse("ui:block-remove", args=[theirs.pk]), headers=headers)

    assert response.status_code == 404
    assert settings_of("f-bob") == before


def test_unblocking_a_block_that_does_not_exist_is_404(web: Client):
    assert web.post(reverse("ui:block-remove", args=[999_999])).status_code == 404


def test_blocking_with_htmx_does_not_leave_a_stale_notice_for_the_next_page(web: Client):
    web.post(reverse("ui:block-add"), {"sender_id": "c-1", "scope": "account"}, headers=HTMX)

    later = page(web.get(reverse("ui:trusted")))

    assert "Blocked c-1" not in later.text


# --- Trusted senders -------------------------------------------------------------------------


def test_trusted_page_lists_trusted_senders(web: Client, alice: Any):
    a_trusted_sender(alice, "c-1")

    document = page(web.get(reverse("ui:trusted")))

    assert "c-1" in document.text
    assert document.find("button", **{"aria-label": "Stop trusting c-1"})


def test_trusted_page_says_so_when_nobody_is_trusted(web: Client):
    assert "No trusted senders yet." in page(web.get(reverse("ui:trusted"))).text


def test_trusting_a_sender_with_a_plain_post_redirects_and_saves(web: Client):
    response = web.post(reverse("ui:trusted-add"), {"sender_id": "c-1"})

    assert response.status_code == 302
    assert response["Location"] == reverse("ui:trusted")
    assert settings_of("f-alice")["trusted"] == ["c-1"]


def test_trusting_a_sender_with_htmx_returns_the_list(web: Client):
    response = web.post(reverse("ui:trusted-add"), {"sender_id": "c-1"}, headers=HTMX)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="trusted-list">')
    assert "c-1 is now trusted." in Document(html).text
    assert settings_of("f-alice")["trusted"] == ["c-1"]


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
@pytest.mark.parametrize(
    ("sender_id", "error"),
    [
        ("c 1", ID_HELP),
        ("-c1", ID_HELP),
        ("c-1/../admin", ID_HELP),
        ("c" * 129, "Ensure this value has at most 128 characters (it has 129)."),
        ("", "This field is required."),
    ],
    ids=["space", "leading-dash", "slash", "too-long", "empty"],
)
def test_trusting_an_invalid_account_id_is_refused(
    web: Client, headers: dict[str, str], sender_id: str, error: str
):
    response = web.post(reverse("ui:trusted-add"), {"sender_id": sender_id}, headers=headers)

    assert response.status_code == 400
    assert error in page(response).text
    assert not AllowedSender.objects.exists()


def test_trusting_the_same_sender_twice_keeps_one_entry(web: Client):
    web.post(reverse("ui:trusted-add"), {"sender_id": "c-1"})

    response = web.post(reverse("ui:trusted-add"), {"sender_id": "c-1"}, headers=HTMX)

    assert response.status_code == 200
    assert AllowedSender.objects.filter(freelancer__account_id="f-alice").count() == 1


def test_removing_a_trusted_sender_with_htmx_returns_the_list(web: Client, alice: Any):
    entry = a_trusted_sender(alice, "c-1")

    response = web.post(reverse("ui:trusted-remove", args=[entry.pk]), headers=HTMX)

    assert response.status_code == 200
    text = page(response).text
    assert "Removed." in text
    assert "No trusted senders yet." in text
    assert not AllowedSender.objects.exists()


def test_removing_a_trusted_sender_with_a_plain_post_redirects(web: Client, alice: Any):
    entry = a_trusted_sender(alice, "c-1")

    response = web.post(reverse("ui:trusted-remove", args=[entry.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("ui:trusted")
    assert not AllowedSender.objects.exists()


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_removing_another_freelancers_trusted_sender_is_404_and_changes_nothing(
    web: Client, bob: Any, headers: dict[str, str]
):
    theirs = a_trusted_sender(bob, "c-1")

    response = web.post(reverse("ui:trusted-remove", args=[theirs.pk]), headers=headers)

    assert response.status_code == 404
    assert settings_of("f-bob")["trusted"] == ["c-1"]


# --- Keyword filters -------------------------------------------------------------------------


def test_filters_page_lists_filters_with_a_remove_button_each(web: Client):
    preferences_update(account_id="f-alice", changes={"keyword_filters": ["crypto", "telegram"]})

    document = page(web.get(reverse("ui:filters")))

    assert document.find("button", **{"aria-label": "Remove filter crypto"})
    assert document.find("button", **{"aria-label": "Remove filter telegram"})


def test_filters_page_says_so_when_there_are_none(web: Client):
    assert "No keyword filters yet." in page(web.get(reverse("ui:filters"))).text


def test_adding_a_filter_with_a_plain_post_redirects_and_saves_it_tidied(web: Client):
    response = web.post(reverse("ui:filter-add"), {"phrase": "  crypto    wallet "})

    assert response.status_code == 302
    assert response["Location"] == reverse("ui:filters")
    assert settings_of("f-alice")["keyword_filters"] == ["crypto wallet"]


def test_adding_a_filter_with_htmx_returns_the_list(web: Client):
    preferences_update(account_id="f-alice", changes={"keyword_filters": ["telegram"]})

    response = web.post(reverse("ui:filter-add"), {"phrase": "crypto"}, headers=HTMX)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="filter-list">')
    assert "Filtering “crypto”." in Document(html).text
    assert settings_of("f-alice")["keyword_filters"] == ["telegram", "crypto"]


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
@pytest.mark.parametrize(
    ("phrase", "error"),
    [
        ("!!!", "A filter needs letters or digits to match anything."),
        ("x" * 101, "Ensure this value has at most 100 characters (it has 101)."),
        ("   ", "This field is required."),
    ],
    ids=["punctuation-only", "too-long", "blank"],
)
def test_invalid_filters_are_refused_and_change_nothing(
    web: Client, headers: dict[str, str], phrase: str, error: str
):
    preferences_update(account_id="f-alice", changes={"keyword_filters": ["crypto"]})

    response = web.post(reverse("ui:filter-add"), {"phrase": phrase}, headers=headers)

    assert response.status_code == 400
    assert error in page(response).text
    assert settings_of("f-alice")["keyword_filters"] == ["crypto"]


def test_a_filter_past_the_limit_is_refused(web: Client):
    full = [f"word{number}" for number in range(MAX_KEYWORD_FILTERS)]
    preferences_update(account_id="f-alice", changes={"keyword_filters": full})

    response = web.post(reverse("ui:filter-add"), {"phrase": "one more"}, headers=HTMX)

    assert response.status_code == 400
    assert f"At most {MAX_KEYWORD_FILTERS} filters." in page(response).text
    assert settings_of("f-alice")["keyword_filters"] == full


def test_adding_a_filter_twice_or_in_another_case_keeps_one(web: Client):
    web.post(reverse("ui:filter-add"), {"phrase": "crypto"})
    web.post(reverse("ui:filter-add"), {"phrase": "crypto"})
    web.post(reverse("ui:filter-add"), {"phrase": "CRYPTO"})

    assert settings_of("f-alice")["keyword_filters"] == ["crypto"]


def test_removing_a_filter_with_htmx_returns_the_list_without_it(web: Client):
    preferences_update(account_id="f-alice", changes={"keyword_filters": ["crypto", "telegram"]})

    response = web.post(reverse("ui:filter-remove"), {"phrase": "crypto"}, headers=HTMX)

    assert response.status_code == 200
    assert "Removed “crypto”." in page(response).text
    assert settings_of("f-alice")["keyword_filters"] == ["telegram"]


def test_removing_a_filter_with_a_plain_post_redirects(web: Client):
    preferences_update(account_id="f-alice", changes={"keyword_filters": ["crypto"]})

    response = web.post(reverse("ui:filter-remove"), {"phrase": "crypto"})

    assert response.status_code == 302
    assert response["Location"] == reverse("ui:filters")
    assert settings_of("f-alice")["keyword_filters"] == []


def test_removing_a_filter_that_is_not_there_changes_nothing(web: Client):
    preferences_update(account_id="f-alice", changes={"keyword_filters": ["crypto"]})

    response = web.post(reverse("ui:filter-remove"), {"phrase": "telegram"})

    assert response.status_code == 302
    assert settings_of("f-alice")["keyword_filters"] == ["crypto"]


def test_a_hostile_filter_is_shown_escaped_and_its_remove_button_round_trips(web: Client):
    hostile = '"><script>alert(1)</script>'
    web.post(reverse("ui:filter-add"), {"phrase": hostile})
    assert settings_of("f-alice")["keyword_filters"] == [hostile]

    response = web.get(reverse("ui:filters"))

    html = response.content.decode()
    assert "<script>alert" not in html
    document = Document(html)
    assert document.find("input", type="hidden", name="phrase", value=hostile)
    assert hostile in document.text
    web.post(reverse("ui:filter-remove"), {"phrase": hostile})
    assert settings_of("f-alice")["keyword_filters"] == []


# --- Digest and export -----------------------------------------------------------------------


def test_digest_is_off_by_default(web: Client):
    document = page(web.get(reverse("ui:digest")))

    assert document.find("input", name="digest_enabled")
    assert document.checked("digest_enabled") == []
    assert settings_of("f-alice")["digest_enabled"] is False


def test_digest_can_be_turned_on_and_off_again(web: Client):
    on = web.post(reverse("ui:digest"), {"digest_enabled": "on"})

    assert on.status_code == 302
    assert on["Location"] == reverse("ui:digest")
    assert settings_of("f-alice")["digest_enabled"] is True
    shown = page(web.get(reverse("ui:digest")))
    assert shown.checked("digest_enabled") == [None]
    assert "Saved." in shown.text

    off = web.post(reverse("ui:digest"), {})

    assert off.status_code == 302
    assert settings_of("f-alice")["digest_enabled"] is False
    assert page(web.get(reverse("ui:digest"))).checked("digest_enabled") == []


def test_digest_toggle_with_htmx_returns_the_form_saying_saved(web: Client):
    response = web.post(reverse("ui:digest"), {"digest_enabled": "on"}, headers=HTMX)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<form id="digest-form"')
    document = Document(html)
    assert "Saved." in document.text
    assert document.checked("digest_enabled") == [None]
    assert settings_of("f-alice")["digest_enabled"] is True


def test_digest_page_offers_the_export_download(web: Client):
    links = page(web.get(reverse("ui:digest"))).find("a", href=reverse("ui:export"))

    assert len(links) == 1
    assert "download" in links[0]


def test_export_downloads_the_freelancers_own_settings_as_json(web: Client, alice: Any, bob: Any):
    preferences_update(
        account_id="f-alice",
        changes={"direct": "requests", "keyword_filters": ["crypto"], "digest_enabled": True},
    )
    a_block(alice, "c-1", scope="organization", organization_id="org-1")
    a_trusted_sender(alice, "c-2")
    preferences_update(account_id="f-bob", changes={"keyword_filters": ["bobs-secret-word"]})
    a_block(bob, "c-bob-blocked")
    a_trusted_sender(bob, "c-bob-trusted")

    response = web.get(reverse("ui:export"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="inbox-guard-f-alice.json"'
    data = json.loads(response.content)
    assert data["account_id"] == "f-alice"
    assert data["preferences"] == {
        "direct": "requests",
        "job_invite": "allow",
        "keyword_filters": ["crypto"],
        "digest_enabled": True,
    }
    assert data["blocks"] == [
        {
            "sender_id": "c-1",
            "scope": "organization",
            "organization_id": "org-1",
            "created_at": "2026-11-20T10:00:00+00:00",
        }
    ]
    assert data["trusted_senders"] == [
        {"sender_id": "c-2", "created_at": "2026-11-20T10:00:00+00:00"}
    ]
    body = response.content.decode()
    assert "f-bob" not in body
    assert "bob" not in body


# --- Owner isolation -------------------------------------------------------------------------


def test_another_freelancer_never_sees_alices_settings_on_any_page(bob_web: Client, alice: Any):
    preferences_update(account_id="f-alice", changes={"keyword_filters": ["alicesecretword"]})
    a_block(alice, "c-alice-blocked")
    a_trusted_sender(alice, "c-alice-trusted")

    for name in FREELANCER_PAGES:
        body = bob_web.get(reverse(name)).content.decode()
        assert "alice" not in body, name


# --- HTMX and errors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("ui:contact", {"direct": "everyone", "job_invite": "allow"}),
        ("ui:block-add", {"sender_id": "c 1", "scope": "account"}),
        ("ui:trusted-add", {"sender_id": "c 1"}),
        ("ui:filter-add", {"phrase": "!!!"}),
    ],
)
def test_htmx_users_see_validation_errors(web: Client, name: str, data: dict[str, str]):
    shell = web.get(reverse("ui:contact")).content.decode()

    response = web.post(reverse(name), data, headers=HTMX)

    assert response.status_code == 400
    assert htmx_swaps(shell, response.status_code)


# --- CSRF ------------------------------------------------------------------------------------


def csrf_cases(alice: Any) -> list[tuple[str, dict[str, str]]]:
    block = a_block(alice, "c-1")
    entry = a_trusted_sender(alice, "c-2")
    preferences_update(account_id="f-alice", changes={"keyword_filters": ["crypto"]})
    return [
        (reverse("ui:contact"), {"direct": "off", "job_invite": "off"}),
        (reverse("ui:block-add"), {"sender_id": "c-9", "scope": "account"}),
        (reverse("ui:block-remove", args=[block.pk]), {}),
        (reverse("ui:trusted-add"), {"sender_id": "c-9"}),
        (reverse("ui:trusted-remove", args=[entry.pk]), {}),
        (reverse("ui:filter-add"), {"phrase": "telegram"}),
        (reverse("ui:filter-remove"), {"phrase": "crypto"}),
        (reverse("ui:digest"), {"digest_enabled": "on"}),
    ]


@pytest.mark.parametrize("case", range(8))
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_posts_without_a_csrf_token_are_refused_and_change_nothing(
    alice: Any, case: int, headers: dict[str, str]
):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice.user)
    url, data = csrf_cases(alice)[case]
    browser.get(reverse("ui:contact"))  # the CSRF cookie is set; the token is still not sent
    before = settings_of("f-alice")

    response = browser.post(url, data, headers=headers)

    assert response.status_code == 403
    assert settings_of("f-alice") == before


@pytest.mark.parametrize("case", range(8))
def test_posts_with_the_pages_csrf_token_are_accepted(alice: Any, case: int):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice.user)
    url, data = csrf_cases(alice)[case]
    shell = page(browser.get(reverse("ui:contact")))
    token = shell.find("input", name="csrfmiddlewaretoken")[0]["value"]
    before = settings_of("f-alice")

    response = browser.post(url, {**data, "csrfmiddlewaretoken": token})

    assert response.status_code == 302
    assert settings_of("f-alice") != before
