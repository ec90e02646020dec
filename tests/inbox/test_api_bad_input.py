"""Bad input of every kind gets the contract's JSON error with a 4xx and stores nothing."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from inbox.models import Connection, DecisionRecord, Message, NewContact, Sender
from preferences.models import Freelancer
from tests.factories import SenderFactory

pytestmark = pytest.mark.usefixtures("frozen_now")

FACTS = {
    "display_name": "Acme Ltd",
    "organization_id": "org-17",
    "identity_key": "pm-fp-9c1e",
    "billing_verified": True,
    "spent_last_12_months_cents": 150_000,
    "joined_at": "2025-03-01T00:00:00Z",
    "first_payment_at": "2025-03-10T00:00:00Z",
    "standing": "good",
}
MESSAGE = {
    "message_id": "m-1001",
    "sender_id": "c-42",
    "recipient_id": "f-7",
    "kind": "direct",
    "thread_id": "t-9",
    "body": "Hi, are you available for a WordPress job?",
    "sent_at": "2026-11-20T10:00:00Z",
    "sender": FACTS,
}
CONNECTION = {"client_id": "c-1", "freelancer_id": "f-1", "kind": "contract"}

# The existing sender that PUT targets: a bad PUT must leave its facts as they are.
SENDER_PATH = "/api/v1/senders/c-existing"
ENDPOINTS: dict[str, tuple[str, str, dict[str, Any]]] = {
    "messages": ("post", "/api/v1/messages", MESSAGE),
    "senders": ("put", SENDER_PATH, FACTS),
    "connections": ("post", "/api/v1/connections", CONNECTION),
}
OK_STATUS = {"messages": 201, "senders": 200, "connections": 201}

STRING_FIELDS = {
    "messages": ["message_id", "sender_id", "recipient_id", "kind", "thread_id", "body"],
    "senders": ["display_name", "organization_id", "identity_key", "standing"],
    "connections": ["client_id", "freelancer_id", "kind"],
}
ID_FIELDS = {
    "messages": ["message_id", "sender_id", "recipient_id", "thread_id"],
    "senders": ["organization_id", "identity_key"],
    "connections": ["client_id", "freelancer_id"],
}
OPTIONAL_IDS = {"thread_id", "organization_id", "identity_key"}
REQUIRED = {
    "messages": ["message_id", "sender_id", "recipient_id", "kind", "body"],
    "senders": [
        "display_name",
        "billing_verified",
        "spent_last_12_months_cents",
        "joined_at",
        "standing",
    ],
    "connections": ["client_id", "freelancer_id", "kind"],
}
TIMESTAMP_FIELDS = {
    "messages": ["sent_at"],
    "senders": ["joined_at", "first_payment_at"],
}
BAD_TIMESTAMPS = [
    ("2025-03-01T00:00:00", "no-zone"),
    ("2025-03-01", "date-only"),
    ("2025-03-01 00:00", "no-zone-space"),
    ("yesterday", "words"),
    ("", "empty"),
    ("2025-02-30T00:00:00Z", "february-30"),
    ("2025-13-01T00:00:00Z", "month-13"),
    ("2025-03-01T25:00:00Z", "hour-25"),
    ("2025-03-01T00:00:00+24:00", "offset-24h"),
    ("9999-12-31T23:00:00-05:00", "year-9999-negative-offset"),
    ("9999-12-31T23:59:59Z", "year-9999"),
    ("3000-01-01T00:00:00Z", "year-3000"),
    ("1969-12-31T23:59:59Z", "before-1970"),
    ("0001-01-01T00:00:00Z", "year-1"),
    (1_700_000_000, "epoch-number"),
    (True, "boolean"),
    (["2025-03-01T00:00:00Z"], "list"),
]
ID_TRIMMED = ()
BAD_IDS: list[tuple[str, str, Any]] = [
    ("has space", "space", ()),
    (" m-1", "leading-space", ID_TRIMMED),
    ("m-1 ", "trailing-space", ID_TRIMMED),
    ("m-1\n", "trailing-newline", ID_TRIMMED),
    ("a/b", "slash", ()),
    ("x" * 129, "129-chars", ()),
    ("-leading-dash", "leading-dash", ()),
    ("m\x001", "nul", ()),
    ("caf\u00e9", "non-ascii", ()),
    ("", "empty", ()),
]
WRONG_TYPES_FOR_STRINGS = [(42, "number"), (4.2, "float"), (True, "boolean"), (["a"], "list")]
WRONG_TYPES_FOR_STRINGS.append(({"a": "b"}, "object"))


def _case(endpoint: str, path: str, value: Any, case_id: str, marks: Any = ()) -> Any:
    """A table row: set `path` (dotted for the nested sender) to `value`; the error names it."""
    return pytest.param(endpoint, path, value, id=f"{endpoint}-{path}-{case_id}", marks=marks)


def _field_cases() -> list[Any]:
    cases = []
    for endpoint, fields in STRING_FIELDS.items():
        for field in fields:
            for value, case_id in WRONG_TYPES_FOR_STRINGS:
                cases.append(_case(endpoint, field, value, case_id))
    for endpoint, fields in ID_FIELDS.items():
        for field in fields:
            for value, case_id, marks in BAD_IDS:
                if value == "" and field in OPTIONAL_IDS:
                    continue  # an empty optional id means "none" (accepted below)
                cases.append(_case(endpoint, field, value, case_id, marks=marks))
    for endpoint, fields in TIMESTAMP_FIELDS.items():
        for field in fields:
            for value, case_id in BAD_TIMESTAMPS:
                cases.append(_case(endpoint, field, value, case_id))
    for endpoint, fields in REQUIRED.items():
        for field in fields:
            cases.append(_case(endpoint, field, None, "null"))
    for prefix in ("senders", "messages"):
        nested = "" if prefix == "senders" else "sender."
        for value, case_id in [
            ("true", "string-true"),
            ("false", "string-false"),
            (1, "one"),
            (0, "zero"),
            ("yes", "yes"),
            ([], "list"),
        ]:
            cases.append(_case(prefix, f"{nested}billing_verified", value, case_id))
        for value, case_id in [
            ("150000", "string"),
            (1500.0, "float-whole"),
            (1500.5, "float"),
            (1e20, "float-exponent"),
            (True, "boolean"),
            (-1, "negative"),
            (2**63, "two-to-63"),
            (2**64, "two-to-64"),
            (10**30, "huge"),
            ([150_000], "list"),
            ({"cents": 1}, "object"),
        ]:
            cases.append(_case(prefix, f"{nested}spent_last_12_months_cents", value, case_id))
        for value, case_id in [("bad", "unknown"), ("GOOD", "upper-case"), ("", "empty")]:
            cases.append(_case(prefix, f"{nested}standing", value, case_id))
        cases.append(_case(prefix, f"{nested}display_name", "", "empty"))
        cases.append(_case(prefix, f"{nested}display_name", "Acme\x00Ltd", "nul"))
        cases.append(_case(prefix, f"{nested}display_name", "x" * 201, "201-chars"))
    for value, case_id in [("email", "unknown"), ("DIRECT", "upper-case"), ("", "empty")]:
        cases.append(_case("messages", "kind", value, case_id))
    for value, case_id in [("friend", "unknown"), ("Contract", "capitalised"), ("", "empty")]:
        cases.append(_case("connections", "kind", value, case_id))
    cases += [
        _case("messages", "body", "Hello\x00world", "nul"),
        _case("messages", "body", "a" * (64 * 1024 + 1), "65537-ascii-bytes"),
        # Characters under the limit, UTF-8 bytes over it.
        _case("messages", "body", "\u00e9" * (32 * 1024 + 1), "2-byte-chars-over"),
        _case("messages", "body", "\u20ac" * 21846, "3-byte-chars-over"),
        _case("messages", "body", "\U0001f600" * (16 * 1024 + 1), "4-byte-chars-over"),
        _case("messages", "sender", "c-42", "string"),
        _case("messages", "sender", [FACTS], "list"),
        _case("messages", "sender", True, "boolean"),
        _case("messages", "recipient_id", "c-42", "same-as-sender"),
    ]
    return cases


def _set(body: dict[str, Any], path: str, value: Any) -> None:
    *parents, name = path.split(".")
    for parent in parents:
        body = body[parent]
    if value is _MISSING:
        del body[name]
    else:
        body[name] = value


_MISSING = object()


def _missing_cases() -> list[Any]:
    cases = [
        pytest.param(endpoint, field, id=f"{endpoint}-{field}")
        for endpoint, fields in REQUIRED.items()
        for field in fields
    ]
    cases += [
        pytest.param("messages", f"sender.{field}", id=f"messages-sender.{field}")
        for field in REQUIRED["senders"]
    ]
    return cases


@pytest.fixture
def stored(db: None) -> Any:
    """Return a snapshot function of everything the three endpoints could write."""
    SenderFactory(account_id="c-existing", display_name="Existing Ltd", organization_id="org-1")

    def snapshot() -> dict[str, Any]:
        return {
            "senders": list(Sender.objects.order_by("id").values()),
            "connections": list(Connection.objects.order_by("id").values()),
            "messages": list(Message.objects.order_by("id").values()),
            "history": DecisionRecord.objects.count(),
            "contacts": NewContact.objects.count(),
            "freelancers": Freelancer.objects.count(),
        }

    return snapshot


def assert_json_error(response: Any, *, status: int | None = None) -> dict[str, Any]:
    """Assert the contract's error shape with a 4xx status; return the error."""
    if status is None:
        assert 400 <= response.status_code < 500, response.content[:500]
    else:
        assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert isinstance(error["code"], str)
    assert error["code"]
    assert isinstance(error["message"], str)
    assert error["message"]
    return error


def assert_names_field(error: dict[str, Any], path: str) -> None:
    assert error["code"] == "validation_error"
    fields: Any = error["fields"]
    for name in path.split("."):
        assert name in fields, error
        fields = fields[name]
    assert fields, error


def send_raw(
    client: Any, method: str, path: str, raw: bytes | str, content_type: str = "application/json"
) -> Any:
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    return client.generic(method.upper(), path, data, content_type=content_type)


# --- The valid bodies are accepted (so every rejection below is about the bad part) ----------


@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_valid_body_is_accepted(service, stored, endpoint):
    method, path, valid = ENDPOINTS[endpoint]

    response = service.send(method, path, valid)

    assert response.status_code == OK_STATUS[endpoint], response.content


@pytest.mark.parametrize(
    ("endpoint", "path", "value"),
    [
        pytest.param("messages", "body", "a" * (64 * 1024), id="body-exactly-64-KiB-ascii"),
        pytest.param("messages", "body", "\u00e9" * (32 * 1024), id="body-exactly-64-KiB-2-byte"),
        pytest.param("messages", "body", "", id="body-empty"),
        pytest.param("messages", "message_id", "m" * 128, id="id-128-chars"),
        pytest.param("messages", "message_id", "A1._:@-z", id="id-every-separator"),
        pytest.param("messages", "thread_id", None, id="thread-null"),
        pytest.param("messages", "thread_id", "", id="thread-empty"),
        pytest.param("messages", "sender", None, id="sender-null"),
        pytest.param("senders", "organization_id", "", id="organization-empty"),
        pytest.param("senders", "identity_key", "", id="identity-empty"),
        pytest.param("messages", "sent_at", None, id="sent-at-null"),
        pytest.param("messages", "sent_at", "2026-11-20T12:00:00+02:00", id="sent-at-offset"),
        pytest.param("messages", "kind", "reply", id="kind-reply"),
        pytest.param("senders", "spent_last_12_months_cents", 2**63 - 1, id="cents-max"),
        pytest.param("senders", "spent_last_12_months_cents", 0, id="cents-zero"),
        pytest.param("senders", "joined_at", "1970-01-01T00:00:00Z", id="joined-1970"),
        # The year is read as written, as the schema's pattern says.
        pytest.param("senders", "joined_at", "1970-01-01T00:30:00+01:00", id="joined-1970-zoned"),
        pytest.param("messages", "sent_at", "2999-12-31T23:00:00-05:00", id="sent-2999-zoned"),
        pytest.param("senders", "organization_id", None, id="organization-null"),
        pytest.param("senders", "first_payment_at", None, id="never-paid"),
        pytest.param("senders", "display_name", "\u00c5cme \U0001f600", id="name-non-ascii"),
        pytest.param("connections", "kind", "invite_accepted", id="connection-invite-accepted"),
    ],
)
def test_boundary_values_are_accepted(service, stored, endpoint, path, value):
    method, url, valid = ENDPOINTS[endpoint]
    body = copy.deepcopy(valid)
    _set(body, path, value)

    response = service.send(method, url, body)

    assert response.status_code == OK_STATUS[endpoint], response.content[:500]


# --- Bad fields ------------------------------------------------------------------------------


@pytest.mark.parametrize(("endpoint", "path", "value"), _field_cases())
def test_bad_field_is_refused_naming_the_field_and_nothing_is_stored(
    service, stored, endpoint, path, value
):
    method, url, valid = ENDPOINTS[endpoint]
    body = copy.deepcopy(valid)
    _set(body, path, value)
    before = stored()

    response = service.send(method, url, body)

    error = assert_json_error(response, status=400)
    assert_names_field(error, path)
    assert stored() == before


@pytest.mark.parametrize(("endpoint", "path"), _missing_cases())
def test_missing_required_field_is_refused_naming_the_field(service, stored, endpoint, path):
    method, url, valid = ENDPOINTS[endpoint]
    body = copy.deepcopy(valid)
    _set(body, path, _MISSING)
    before = stored()

    response = service.send(method, url, body)

    error = assert_json_error(response, status=400)
    assert_names_field(error, path)
    assert stored() == before


ECHOED_SURROGATE = ()
SURROGATE_FIELDS: list[tuple[str, str, Any]] = [
    ("messages", "body", ()),
    ("messages", "message_id", ()),
    ("messages", "kind", ECHOED_SURROGATE),
    ("messages", "sent_at", ()),
    ("messages", "sender.display_name", ()),
    ("messages", "sender.standing", ECHOED_SURROGATE),
    ("senders", "display_name", ()),
    ("senders", "organization_id", ()),
    ("senders", "standing", ECHOED_SURROGATE),
    ("senders", "joined_at", ()),
    ("connections", "client_id", ()),
    ("connections", "kind", ECHOED_SURROGATE),
]


@pytest.mark.parametrize(
    ("endpoint", "path"),
    [pytest.param(e, p, id=f"{e}-{p}", marks=m) for e, p, m in SURROGATE_FIELDS],
)
def test_lone_surrogate_escape_is_refused_naming_the_field(service, stored, endpoint, path):
    method, url, valid = ENDPOINTS[endpoint]
    body = copy.deepcopy(valid)
    _set(body, path, "@@SURROGATE@@")
    # json.dumps cannot write a lone surrogate escape by itself, so put it into the raw text.
    raw = json.dumps(body).replace("@@SURROGATE@@", "abc\\ud800def")
    before = stored()

    response = send_raw(service, method, url, raw)

    error = assert_json_error(response, status=400)
    assert_names_field(error, path)
    assert stored() == before


# --- Bodies that are not a JSON object -------------------------------------------------------

NOT_AN_OBJECT = [
    pytest.param(b"not json", "malformed_json", id="words"),
    pytest.param(b"{", "malformed_json", id="truncated"),
    pytest.param(b"{'message_id': 'm-1'}", "malformed_json", id="single-quotes"),
    pytest.param(b'{"message_id": "m-1",}', "malformed_json", id="trailing-comma"),
    pytest.param(b"\xff\xfe{}", "malformed_json", id="not-utf8"),
    pytest.param(b'{"body": "caf\xe9"}', "malformed_json", id="latin1-in-string"),
    pytest.param(b'{"spent_last_12_months_cents": ' + b"9" * 5000 + b"}", None, id="5000-digits"),
    pytest.param(
        b"[" * 100_000 + b"]" * 100_000,
        "malformed_json",
        id="deeply-nested-100k",
    ),
    pytest.param(b"[]", "validation_error", id="empty-list"),
    pytest.param(b'[{"message_id": "m-1"}]', "validation_error", id="list-of-object"),
    pytest.param(b'"text"', "validation_error", id="string"),
    pytest.param(b"42", "validation_error", id="number"),
    pytest.param(b"true", "validation_error", id="boolean"),
    pytest.param(b"null", "validation_error", id="null"),
    pytest.param(b"NaN", "validation_error", id="nan"),
    pytest.param(b"{}", "validation_error", id="empty-object"),
    pytest.param(b"", "validation_error", id="empty-body"),
]


@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
@pytest.mark.parametrize(("raw", "code"), NOT_AN_OBJECT)
def test_body_that_is_not_a_json_object_is_refused(service, stored, endpoint, raw, code):
    method, url, _ = ENDPOINTS[endpoint]
    before = stored()

    response = send_raw(service, method, url, raw)

    error = assert_json_error(response, status=400)
    if code is not None:
        assert error["code"] == code
    if code == "validation_error":
        assert error["fields"]
    assert stored() == before


@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/xml", "application/x-www-form-urlencoded", "text/json"],
)
def test_wrong_content_type_is_refused_with_415(service, stored, endpoint, content_type):
    method, url, valid = ENDPOINTS[endpoint]
    before = stored()

    response = send_raw(service, method, url, json.dumps(valid), content_type=content_type)

    error = assert_json_error(response, status=415)
    assert error["code"] == "unsupported_media_type"
    assert stored() == before


@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_request_body_over_256_kib_is_refused_with_413(service, stored, endpoint):
    method, url, valid = ENDPOINTS[endpoint]
    raw = json.dumps({**valid, "padding": ""})
    raw = raw.replace('"padding": ""', '"padding": "' + "x" * (256 * 1024) + '"')
    assert len(raw.encode()) > 256 * 1024
    before = stored()

    response = send_raw(service, method, url, raw)

    error = assert_json_error(response, status=413)
    assert error["code"] == "request_too_large"
    assert stored() == before


def test_message_body_over_64_kib_is_refused_even_when_the_request_is_under_256_kib(
    service, stored
):
    body = {**MESSAGE, "body": "a" * (64 * 1024 + 1)}
    before = stored()

    response = service.send("post", "/api/v1/messages", body)

    error = assert_json_error(response, status=400)
    assert_names_field(error, "body")
    assert "64 KiB" in error["fields"]["body"][0]
    assert stored() == before


# --- Addresses and methods -------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/senders/has%20space",
        "/api/v1/senders/a/b",
        "/api/v1/senders/a%2Fb",
        "/api/v1/senders/" + "x" * 129,
        "/api/v1/senders/-dash",
        "/api/v1/senders/",
    ],
    ids=["space", "slash", "encoded-slash", "129-chars", "leading-dash", "empty"],
)
def test_sender_put_with_a_bad_account_id_in_the_path_is_404_json(service, stored, path):
    before = stored()

    response = service.send("put", path, FACTS)

    assert_json_error(response, status=404)
    assert stored() == before


@pytest.mark.parametrize(
    "path",
    ["/api/v1/nothing-here", "/api/v2/messages", "/api/v1/messages/m-1/extra", "/api/"],
    ids=["unknown", "other-version", "deeper", "api-root"],
)
@pytest.mark.parametrize("caller", ["service", "anonymous"])
def test_unknown_url_under_api_is_404_json(request, db, path, caller):
    client = request.getfixturevalue(caller)

    response = client.get(path)

    error = assert_json_error(response, status=404)
    assert error["code"] == "not_found"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/messages"),
        ("put", "/api/v1/messages"),
        ("delete", "/api/v1/messages"),
        ("post", "/api/v1/messages/m-1"),
        ("delete", "/api/v1/messages/m-1"),
        ("get", "/api/v1/senders/c-1"),
        ("post", "/api/v1/senders/c-1"),
        ("patch", "/api/v1/senders/c-1"),
        ("delete", "/api/v1/senders/c-1"),
        ("get", "/api/v1/connections"),
        ("put", "/api/v1/connections"),
    ],
    ids=lambda value: value.replace("/api/v1/", ""),
)
def test_wrong_method_is_405_json(service, stored, method, path):
    before = stored()

    response = service.send(method, path, None if method in ("get", "delete") else {})

    error = assert_json_error(response, status=405)
    assert error["code"] == "method_not_allowed"
    assert stored() == before
