"""A field the API does not know is refused by name (400), never silently dropped."""

from __future__ import annotations

from typing import Any

import pytest

from inbox.models import Connection, Message, Sender
from preferences.models import AllowedSender, Block, Freelancer
from tests.factories import SenderFactory
from tests.inbox.test_api_bad_input import CONNECTION, FACTS, MESSAGE

pytestmark = pytest.mark.usefixtures("frozen_now")


def stored() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Sender, Message, Connection, Freelancer, Block, AllowedSender)
    )


WRITES: list[tuple[str, str, dict[str, Any], str]] = [
    ("put", "/api/v1/senders/c-existing", {**FACTS, "organisation_id": "org-9"}, "organisation_id"),
    ("post", "/api/v1/messages", {**MESSAGE, "bodyy": "x"}, "bodyy"),
    ("post", "/api/v1/connections", {**CONNECTION, "knd": "reply"}, "knd"),
    ("post", "/api/v1/analyze", {"text": "hi", "txt": "hi"}, "txt"),
    ("patch", "/api/v1/freelancers/f-alice/preferences", {"dircet": "off"}, "dircet"),
    ("post", "/api/v1/freelancers/f-alice/blocks", {"sender_id": "c-1", "scop": "x"}, "scop"),
    ("post", "/api/v1/freelancers/f-alice/allowed", {"sender_id": "c-1", "note": "x"}, "note"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "path", "body", "unknown"), WRITES)
def test_unknown_field_is_refused_by_name_and_nothing_changes(service, method, path, body, unknown):
    SenderFactory(account_id="c-existing", organization_id="org-1")
    before = stored()

    response = service.send(method, path, body)

    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert unknown in error["fields"]
    assert unknown in error["message"]
    assert stored() == before
    assert Sender.objects.get(account_id="c-existing").organization_id == "org-1"


@pytest.mark.django_db
def test_unknown_field_inside_the_inline_sender_facts_is_refused(service):
    body = {**MESSAGE, "sender": {**FACTS, "organisation_id": "org-9"}}
    response = service.send("post", "/api/v1/messages", body)
    assert response.status_code == 400
    assert "organisation_id" in response.json()["error"]["fields"]["sender"]
    assert not Message.objects.exists()
