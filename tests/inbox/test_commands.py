"""Management commands: service keys (create, list, revoke) and freelancer logins."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from inbox.models import ServiceToken
from preferences.models import Freelancer
from tests.conftest import JsonClient, sign_in

pytestmark = pytest.mark.django_db

PROBE = "/api/v1/messages/m-unknown"
SENDER_FACTS = {
    "display_name": "Acme Ltd",
    "billing_verified": True,
    "spent_last_12_months_cents": 150_000,
    "joined_at": "2025-03-01T00:00:00Z",
    "standing": "good",
}


def run(*args: str) -> str:
    """Run a management command; return its stdout."""
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue()


def client_for(key: str) -> JsonClient:
    client = JsonClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def new_key(name: str) -> str:
    return run("create_service_token", name).splitlines()[-1]


# --- Service keys ----------------------------------------------------------------------------


def test_create_service_token_prints_a_working_key_as_its_last_line():
    output = run("create_service_token", "messaging-prod")

    key = output.splitlines()[-1]
    response = client_for(key).send("put", "/api/v1/senders/c-42", SENDER_FACTS)
    assert response.status_code == 200, response.content
    assert ServiceToken.objects.get().name == "messaging-prod"


def test_create_service_token_makes_a_new_key_each_time():
    first, second = new_key("a"), new_key("a")

    assert first != second
    assert client_for(first).get(PROBE).status_code == 404
    assert client_for(second).get(PROBE).status_code == 404


def test_create_service_token_with_a_blank_name_fails_cleanly():
    with pytest.raises(CommandError):
        run("create_service_token", "   ")


def test_list_service_tokens_shows_names_and_prefixes_but_never_keys():
    active = new_key("messaging-prod")
    revoked = new_key("old-laptop")
    run("revoke_service_token", str(ServiceToken.objects.get(name="old-laptop").pk))

    output = run("list_service_tokens")

    for token in ServiceToken.objects.all():
        assert token.name in output
        assert token.prefix in output
        assert token.key_hash not in output
    for token, key in zip(ServiceToken.objects.order_by("id"), (active, revoked), strict=True):
        assert key not in output
        assert key[len(token.prefix) :] not in output
    lines = output.splitlines()
    assert len(lines) == 2
    assert "active" in next(line for line in lines if "messaging-prod" in line)
    assert "revoked" in next(line for line in lines if "old-laptop" in line)


def test_revoke_service_token_by_id_refuses_the_key_next():
    key = new_key("messaging-prod")
    client = client_for(key)
    assert client.get(PROBE).status_code == 404

    output = run("revoke_service_token", str(ServiceToken.objects.get().pk))

    assert "Revoked" in output
    assert client.get(PROBE).status_code == 401
    assert ServiceToken.objects.get().revoked_at is not None


@pytest.mark.parametrize("suffix", ["", "…"], ids=["prefix", "prefix-as-listed"])
def test_revoke_service_token_by_prefix_refuses_the_key_next(suffix):
    key = new_key("messaging-prod")
    keep = new_key("other")
    client = client_for(key)
    assert client.get(PROBE).status_code == 404
    prefix = ServiceToken.objects.get(name="messaging-prod").prefix

    run("revoke_service_token", prefix + suffix)

    assert client.get(PROBE).status_code == 401
    assert client_for(keep).get(PROBE).status_code == 404


@pytest.mark.parametrize("token", ["999999", "igk_nothing", ""])
def test_revoking_an_unknown_token_is_an_error(token):
    key = new_key("messaging-prod")

    with pytest.raises(CommandError):
        run("revoke_service_token", token)

    assert client_for(key).get(PROBE).status_code == 404


def test_revoking_an_ambiguous_prefix_is_an_error():
    for n in range(2):
        ServiceToken.objects.create(name=f"t{n}", prefix="igk_same00", key_hash=f"{n}" * 64)

    with pytest.raises(CommandError):
        run("revoke_service_token", "igk_same00")

    assert not ServiceToken.objects.filter(revoked_at__isnull=False).exists()


# --- Freelancer logins -----------------------------------------------------------------------


def test_create_freelancer_creates_a_login_linked_to_the_freelancer():
    output = run("create_freelancer", "f-7", "--password", "s3cret-Passphrase")

    freelancer = Freelancer.objects.get(account_id="f-7")
    assert freelancer.user is not None
    assert freelancer.user.username == "f-7"
    assert "f-7" in output
    client = Client()
    assert sign_in(client, "f-7", "s3cret-Passphrase")


def test_freelancer_created_by_the_command_can_use_their_own_api_only():
    run("create_freelancer", "f-7", "--password", "s3cret-Passphrase")
    run("create_freelancer", "f-8", "--password", "another-Passphrase")
    client = JsonClient()
    assert sign_in(client, "f-7", "s3cret-Passphrase")

    assert client.get("/api/v1/freelancers/f-7/preferences").status_code == 200
    assert client.get("/api/v1/freelancers/f-8/preferences").status_code == 404


def test_create_freelancer_again_resets_the_password():
    run("create_freelancer", "f-7", "--password", "first-Passphrase")

    run("create_freelancer", "f-7", "--password", "second-Passphrase")

    client = Client()
    assert not sign_in(client, "f-7", "first-Passphrase")
    assert sign_in(client, "f-7", "second-Passphrase")
    assert get_user_model().objects.filter(username="f-7").count() == 1
    assert Freelancer.objects.filter(account_id="f-7").count() == 1


def test_create_freelancer_keeps_preferences_set_before_the_login_existed():
    Freelancer.objects.create(account_id="f-7", direct_mode="off", keyword_filters=["crypto"])

    run("create_freelancer", "f-7", "--password", "s3cret-Passphrase")

    freelancer = Freelancer.objects.get(account_id="f-7")
    assert freelancer.user is not None
    assert (freelancer.direct_mode, freelancer.keyword_filters) == ("off", ["crypto"])


@pytest.mark.parametrize(
    "account_id",
    [
        pytest.param("not valid", id="space"),
        pytest.param("-f-7", id="leading-dash"),
        pytest.param("f/7", id="slash"),
        pytest.param("f-" + "7" * 127, id="too-long"),
        pytest.param("", id="empty"),
    ],
)
def test_create_freelancer_refuses_an_invalid_account_id(account_id):
    with pytest.raises(CommandError):
        run("create_freelancer", account_id, "--password", "s3cret-Passphrase")

    assert not Freelancer.objects.exists()
    assert not get_user_model().objects.exists()


def test_create_freelancer_refuses_an_empty_password():
    with pytest.raises(CommandError):
        run("create_freelancer", "f-7", "--password", "")

    assert not Freelancer.objects.exists()


def test_create_freelancer_needs_a_password():
    with pytest.raises(CommandError):
        run("create_freelancer", "f-7")

    assert not Freelancer.objects.exists()


@pytest.mark.parametrize("weak", ["1", "password", "12345678901", "qwertyuiop"])
def test_create_freelancer_refuses_a_weak_password_and_creates_nothing(weak):
    with pytest.raises(CommandError, match="too weak"):
        run("create_freelancer", "f-7", "--password", weak)
    assert not get_user_model().objects.filter(username="f-7").exists()
    assert not Freelancer.objects.filter(account_id="f-7").exists()
