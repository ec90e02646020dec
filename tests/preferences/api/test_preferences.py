"""The preferences API (CONTRACT §7): contact modes and keyword filters."""

from __future__ import annotations

import pytest

from preferences.models import Freelancer
from tests.factories import (
    ConnectionFactory,
    SenderFactory,
)
from tests.preferences.api.support import (
    DEFAULT_PREFERENCES,
    check,
    codes,
    preferences_of,
    snapshot,
    url,
)

pytestmark = pytest.mark.django_db


def test_unknown_freelancer_gets_policy_defaults_without_a_row_being_created(service):
    response = service.get(url("f-never-seen", "preferences"))

    assert response.status_code == 200
    assert {key: response.json()[key] for key in DEFAULT_PREFERENCES} == DEFAULT_PREFERENCES
    assert not Freelancer.objects.filter(account_id="f-never-seen").exists()


def test_freelancer_who_never_chose_sees_the_policy_defaults(alice_client, alice):
    response = alice_client.get(url("f-alice", "preferences"))

    assert response.status_code == 200
    assert {key: response.json()[key] for key in DEFAULT_PREFERENCES} == DEFAULT_PREFERENCES


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(
            {"direct": "off"},
            {"direct": "off", "job_invite": "requests", "keyword_filters": ["bitcoin"]},
            id="direct-only",
        ),
        pytest.param(
            {"job_invite": "allow"},
            {"direct": "requests", "job_invite": "allow", "keyword_filters": ["bitcoin"]},
            id="job-invite-only",
        ),
        pytest.param(
            {"keyword_filters": ["crypto", "wire transfer"]},
            {
                "direct": "requests",
                "job_invite": "requests",
                "keyword_filters": ["crypto", "wire transfer"],
            },
            id="filters-only",
        ),
        pytest.param(
            {"keyword_filters": []},
            {"direct": "requests", "job_invite": "requests", "keyword_filters": []},
            id="filters-cleared",
        ),
        pytest.param(
            {},
            {"direct": "requests", "job_invite": "requests", "keyword_filters": ["bitcoin"]},
            id="nothing",
        ),
    ],
)
def test_patch_changes_only_the_preferences_sent(alice_client, alice, change, expected):
    alice_client.send(
        "patch",
        url("f-alice", "preferences"),
        {"direct": "requests", "job_invite": "requests", "keyword_filters": ["bitcoin"]},
    )

    response = alice_client.send("patch", url("f-alice", "preferences"), change)

    assert response.status_code == 200, response.content
    assert {key: response.json()[key] for key in expected} == expected
    after = alice_client.get(url("f-alice", "preferences")).json()
    assert {key: after[key] for key in expected} == expected


def test_patch_by_the_service_creates_the_preferences_of_an_unknown_freelancer(service):
    response = service.send("patch", url("f-new", "preferences"), {"job_invite": "off"})

    assert response.status_code == 200
    assert response.json()["job_invite"] == "off"
    assert response.json()["direct"] == "allow"
    assert preferences_of("f-new") == (("", "off", []),)


def test_chosen_mode_decides_the_next_message(service, alice_client, alice):
    SenderFactory(account_id="c-stranger")
    alice_client.send("patch", url("f-alice", "preferences"), {"direct": "off"})

    answer = check(service, "m-1", "c-stranger")

    assert answer["decision"] == "reject"
    assert codes(answer) == ["recipient_not_accepting"]


def test_keyword_filters_are_trimmed_and_deduplicated_ignoring_case(alice_client, alice):
    response = alice_client.send(
        "patch",
        url("f-alice", "preferences"),
        {
            "keyword_filters": [
                "  Crypto ",
                "crypto",
                "CRYPTO",
                "wire   transfer",
                "Wire Transfer",
                "telegram",
            ]
        },
    )

    assert response.status_code == 200, response.content
    assert response.json()["keyword_filters"] == ["Crypto", "wire transfer", "telegram"]
    assert preferences_of("f-alice")[0][2] == ["Crypto", "wire transfer", "telegram"]


def test_keyword_filters_are_stored_without_bidi_or_invisible_characters(alice_client, alice):
    response = alice_client.send(
        "patch",
        url("f-alice", "preferences"),
        {"keyword_filters": ["\u202egift\u200b card", "gift card"]},
    )

    assert response.status_code == 200, response.content
    assert response.json()["keyword_filters"] == ["gift card"]


def test_keyword_filter_quarantines_a_matching_message(service, alice_client, alice):
    SenderFactory(account_id="c-known")
    ConnectionFactory(client_id="c-known", freelancer_id="f-alice")
    alice_client.send("patch", url("f-alice", "preferences"), {"keyword_filters": ["crypto"]})

    answer = check(service, "m-1", "c-known", body="Let's talk about CRYPTO payments.")

    assert answer["decision"] == "quarantine"
    assert codes(answer) == ["keyword_filter"]


INVALID_PREFERENCES = [
    pytest.param({"direct": "sometimes"}, "direct", id="unknown-mode"),
    pytest.param({"direct": "Allow"}, "direct", id="mode-wrong-case"),
    pytest.param({"direct": None}, "direct", id="mode-null"),
    pytest.param({"direct": ["off"]}, "direct", id="mode-not-a-string"),
    pytest.param({"direct": "off", "job_invite": "never"}, "job_invite", id="one-bad-mode"),
    pytest.param({"keyword_filters": "crypto"}, "keyword_filters", id="filters-a-string"),
    pytest.param({"keyword_filters": {"crypto": True}}, "keyword_filters", id="filters-object"),
    pytest.param({"keyword_filters": None}, "keyword_filters", id="filters-null"),
    pytest.param({"keyword_filters": ["crypto", 7]}, "keyword_filters", id="number-item"),
    pytest.param({"keyword_filters": [None]}, "keyword_filters", id="null-item"),
    pytest.param({"keyword_filters": [["crypto"]]}, "keyword_filters", id="list-item"),
    pytest.param({"keyword_filters": ["x" * 101]}, "keyword_filters", id="too-long"),
    pytest.param({"keyword_filters": ["   "]}, "keyword_filters", id="blank"),
    pytest.param({"keyword_filters": ["?!..."]}, "keyword_filters", id="punctuation-only"),
    pytest.param(
        {"direct": "off", "keyword_filters": ["crypto", "--"]},
        "keyword_filters",
        id="good-mode-with-punctuation-filter",
    ),
    pytest.param(
        {"keyword_filters": [f"word{n}" for n in range(201)]},
        "keyword_filters",
        id="too-many",
    ),
    pytest.param({"digest_enabled": "yes"}, "digest_enabled", id="digest-not-boolean"),
]


@pytest.mark.parametrize(("change", "field"), INVALID_PREFERENCES)
def test_invalid_preferences_are_refused_with_fields_and_change_nothing(
    alice_client, alice, change, field
):
    alice_client.send(
        "patch",
        url("f-alice", "preferences"),
        {"direct": "requests", "job_invite": "off", "keyword_filters": ["bitcoin"]},
    )
    before = snapshot()

    response = alice_client.send("patch", url("f-alice", "preferences"), change)

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert error["message"]
    assert field in error["fields"]
    assert snapshot() == before
    after = alice_client.get(url("f-alice", "preferences")).json()
    assert (after["direct"], after["job_invite"], after["keyword_filters"]) == (
        "requests",
        "off",
        ["bitcoin"],
    )


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"direct": "sometimes"}, id="bad-mode"),
        pytest.param({"keyword_filters": "crypto"}, id="filters-not-a-list"),
    ],
)
def test_refused_patch_for_an_unknown_freelancer_creates_no_row(service, change):
    response = service.send("patch", url("f-never-seen", "preferences"), change)

    assert response.status_code == 400
    assert not Freelancer.objects.filter(account_id="f-never-seen").exists()


def test_refused_punctuation_filter_for_an_unknown_freelancer_creates_no_row(service):
    response = service.send(
        "patch", url("f-never-seen", "preferences"), {"keyword_filters": ["!!!"]}
    )

    assert response.status_code == 400
    assert not Freelancer.objects.filter(account_id="f-never-seen").exists()


def test_malformed_json_is_refused_with_a_json_error(alice_client, alice):
    response = alice_client.patch(
        url("f-alice", "preferences"), data="{not json", content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed_json"
    assert preferences_of("f-alice") == (("", "", []),)


def test_a_non_object_body_is_refused(alice_client, alice):
    response = alice_client.send("patch", url("f-alice", "preferences"), ["direct", "off"])

    assert response.status_code == 400
    assert preferences_of("f-alice") == (("", "", []),)
