"""Shared fixtures: personas (a service, a freelancer, a stranger, a staff reviewer) and time."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.http import HttpRequest
from django.test import Client
from rest_framework.test import APIClient

from inbox.services import service_token_create
from tests.factories import NOW, FreelancerFactory, UserFactory


class JsonClient(APIClient):
    """An APIClient whose helpers send JSON bodies."""

    def send(self, method: str, path: str, body: Any = None, **extra: Any) -> Any:
        data = json.dumps(body) if body is not None else None
        return getattr(self, method.lower())(
            path, data=data, content_type="application/json", **extra
        )


@pytest.fixture(autouse=True)
def _clear_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def frozen_now() -> Iterator[time_machine.Traveller]:
    """Freeze the clock at tests.factories.NOW (the sender factory's reference time)."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def service_key(db: None) -> str:
    _, key = service_token_create(name="tests")
    return key


@pytest.fixture
def service(service_key: str) -> JsonClient:
    """The messaging system: a client with a valid service key."""
    client = JsonClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {service_key}")
    return client


@pytest.fixture
def anonymous() -> JsonClient:
    return JsonClient()


@pytest.fixture
def alice(db: None) -> Any:
    """A freelancer with a web login."""
    return FreelancerFactory(account_id="f-alice")


@pytest.fixture
def bob(db: None) -> Any:
    """Another freelancer: a stranger to alice's data."""
    return FreelancerFactory(account_id="f-bob")


@pytest.fixture
def alice_client(alice: Any) -> JsonClient:
    client = JsonClient()
    client.force_login(alice.user)
    return client


@pytest.fixture
def bob_client(bob: Any) -> JsonClient:
    client = JsonClient()
    client.force_login(bob.user)
    return client


@pytest.fixture
def web(client: Client, alice: Any) -> Client:
    """Alice's browser, signed in (the freelancer's pages)."""
    client.force_login(alice.user)
    return client


@pytest.fixture
def bob_web(bob: Any) -> Client:
    """Bob's browser, signed in: a stranger to alice's pages."""
    client = Client()
    client.force_login(bob.user)
    return client


@pytest.fixture
def staff_user(db: None) -> Any:
    return UserFactory(username="reviewer", is_staff=True)


@pytest.fixture
def staff_client(staff_user: Any) -> JsonClient:
    client = JsonClient()
    client.force_login(staff_user)
    return client


def sign_in(client: Any, username: str, password: str) -> bool:
    """Return whether `client` signs in with these credentials, as the login form would.

    Password-guessing protection (django-axes) needs the request an attempt came from;
    `Client.login` alone does not pass one.
    """
    request = HttpRequest()
    request.META["REMOTE_ADDR"] = "127.0.0.1"
    return bool(client.login(request=request, username=username, password=password))
