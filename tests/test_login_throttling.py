"""Password guessing: after a few wrong passwords an account, or an address, is locked out."""

from __future__ import annotations

from typing import Any

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RIGHT = "correct horse battery staple"  # tests.factories.UserFactory's password


def attempt(username: str, password: str, *, address: str = "203.0.113.7") -> Any:
    return Client(REMOTE_ADDR=address).post("/login/", {"username": username, "password": password})


def test_the_right_password_signs_in_after_a_few_wrong_ones():
    UserFactory(username="f-7")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt("f-7", "wrong-guess").status_code == 200  # the form again, with its error
    assert attempt("f-7", RIGHT).status_code == 302  # signed in; the count starts again


def test_an_account_is_locked_out_after_the_failure_limit_even_with_the_right_password():
    UserFactory(username="f-7")
    for number in range(settings.AXES_FAILURE_LIMIT):
        attempt("f-7", f"guess-{number}", address=f"198.51.100.{number}")

    locked = attempt("f-7", RIGHT, address="192.0.2.99")  # another address: still locked

    assert locked.status_code == 429
    assert "Sign-in paused" in locked.content.decode()
    attempts = AccessAttempt.objects.filter(username="f-7")
    assert sum(row.failures_since_start for row in attempts) >= settings.AXES_FAILURE_LIMIT


def test_an_address_guessing_many_accounts_is_locked_out():
    UserFactory(username="f-victim")
    for number in range(settings.AXES_FAILURE_LIMIT):
        attempt(f"f-{number}", "guess", address="203.0.113.50")

    assert attempt("f-victim", RIGHT, address="203.0.113.50").status_code == 429
    assert attempt("f-victim", RIGHT, address="203.0.113.51").status_code == 302


def test_staff_see_the_attempts_in_the_admin(staff_user: Any):
    staff_user.is_superuser = True
    staff_user.save()
    attempt("f-7", "guess")
    client = Client()
    client.force_login(staff_user)
    page = client.get("/admin/axes/accessattempt/")
    assert page.status_code == 200
    assert "f-7" in page.content.decode()
