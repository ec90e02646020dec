"""Signing in, and where each person lands."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.test import Client

from preferences.models import Freelancer
from tests.pages import page
from tests.preferences.views.support import (
    PASSWORD,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


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
