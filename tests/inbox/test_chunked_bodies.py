"""A chunked request body is answered 411 in the error shape, never read as empty."""

from __future__ import annotations

import pytest

from inbox.models import Message

pytestmark = pytest.mark.django_db


def test_chunked_body_without_a_length_is_a_411_that_says_why(service):
    response = service.post(
        "/api/v1/messages",
        data=b'{"message_id": "m-1"}',
        content_type="application/json",
        HTTP_TRANSFER_ENCODING="chunked",
        CONTENT_LENGTH="",
    )
    assert response.status_code == 411
    error = response.json()["error"]
    assert error["code"] == "length_required"
    assert "Content-Length" in error["message"]
    assert not Message.objects.exists()


def test_a_body_with_its_length_is_read_as_before(service):
    response = service.post(
        "/api/v1/messages", data=b"{}", content_type="application/json", CONTENT_LENGTH="2"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"


def test_liveness_is_untouched(client):
    assert client.get("/healthz").status_code == 200
