"""Security headers on every kind of answer, and pages that run no inline script."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\s(?:on[a-z]+|hx-on[:\w-]*)\s*=", re.IGNORECASE)


def _directives(response: Any) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return {
        part.split()[0]: " ".join(part.split()[1:]) for part in policy.split(";") if part.strip()
    }


@pytest.mark.parametrize("path", ["/login/", "/healthz", "/api/v1/messages"])
def test_every_answer_carries_the_security_headers(client, path):
    response = client.get(path)
    csp = _directives(response)
    assert csp["script-src"] == "'self'"
    assert csp["style-src"] == "'self'"
    assert csp["object-src"] == "'none'"
    assert csp["frame-ancestors"] == "'none'"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_pages_of_freelancers_and_staff_run_no_inline_script(alice: Any, staff_user: Any):
    freelancer, staff = Client(), Client()
    freelancer.force_login(alice.user)
    staff.force_login(staff_user)
    pages = [
        (freelancer, reverse("ui:review")),
        (freelancer, reverse("ui:contact")),
        (freelancer, reverse("ui:blocked")),
        (staff, reverse("review:queue")),
        (staff, reverse("review:senders")),
        (Client(), reverse("login")),
    ]
    for client, path in pages:
        page = client.get(path).content.decode()
        assert not INLINE_SCRIPT.search(page), path
        assert not EVENT_HANDLER.search(page), path


def test_the_swagger_ui_loads_its_script_from_a_url(service):
    page = service.get("/api/docs/").content.decode()
    assert not INLINE_SCRIPT.search(page)
    assert service.get("/api/docs/", {"script": ""}).status_code == 200
