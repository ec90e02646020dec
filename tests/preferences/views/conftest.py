"""Fixtures the tests of views share."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client


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
