"""The API schema and Swagger UI: the service key and staff by default, public by a setting."""

from __future__ import annotations

import pytest
from django.test import override_settings
from rest_framework.permissions import AllowAny

from common.permissions import IsServiceOrStaff
from config.urls import docs_permissions

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/api/schema/", "/api/docs/"])
def test_anonymous_and_freelancers_cannot_read_the_api_docs(anonymous, alice_client, path):
    assert anonymous.get(path).status_code in {401, 403}
    assert alice_client.get(path).status_code == 403


@pytest.mark.parametrize("path", ["/api/schema/", "/api/docs/"])
def test_service_key_and_staff_read_the_api_docs(service, staff_client, path):
    assert service.get(path).status_code == 200
    assert staff_client.get(path).status_code == 200


def test_the_setting_makes_the_docs_public():
    with override_settings(API_DOCS_PUBLIC=True):
        assert docs_permissions() == [AllowAny]
    with override_settings(API_DOCS_PUBLIC=False):
        assert docs_permissions() == [IsServiceOrStaff]
