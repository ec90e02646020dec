"""The freelancer's settings pages: keyword filters."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from preferences.services import MAX_KEYWORD_FILTERS, preferences_update
from tests.pages import Document, page
from tests.preferences.views.support import (
    HTMX,
    settings_of,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def test_filters_page_lists_filters_with_a_remove_button_each(web: Client):
    preferences_update(account_id="f-alice", changes={"keyword_filters": ["crypto", "telegram"]})

    document = page(web.get(reverse("ui:filters")))

    assert document.find("button", **{"aria-label": "Remove filter crypto"})
    assert document.find("button", **{"aria-label": "Remove filter telegram"})


def test_filters_page_says_so_when_there_are_none(web: Client):
    assert "No keyword filters yet." in page(web.get(reverse("ui:filters"))).text


def test_adding_a_filter_with_a_plain_post_redirects_and_saves_it_tidied(web: Client):
    response = web.post(reverse("ui:filter-add"), {"phrase": "  crypto    wallet "})

    assert response.status_code == 302
    assert response["Location"] == reverse("ui:filters")
    assert settings_of("f-alice")["keyword_filters"] == ["crypto wallet"]


def test_adding_a_filter_with_htmx_returns_the_list(web: Client):
    preferences_update(account_id="f-alice", changes={"keyword_filters": ["telegram"]})

    response = web.post(reverse("ui:filter-add"), {"phrase": "crypto"}, headers=HTMX)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="filter-list">')
    assert "Filtering “crypto”." in Document(html).text
    assert settings_of("f-alice")["keyword_filters"] == ["telegram", "crypto"]


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
@pytest.mark.parametrize(
    ("phrase", "error"),
    [
        ("!!!", "A filter needs letters or digits to match anything."),
        ("x" * 101, "Ensure this value has at most 100 characters (it has 101)."),
        ("   ", "This field is required."),
    ],
    ids=["punctuation-only", "too-long", "blank"],
)
def test_invalid_filters_are_refused_and_change_nothing(
    web: Client, headers: dict[str, str], phrase: str, error: str
):
    preferences_update(account_id="f-alice", changes={"keyword_filters": ["crypto"]})

    response = web.post(reverse("ui:filter-add"), {"phrase": phrase}, headers=headers)

    assert response.status_code == 400
    assert error in page(response).text
    assert settings_of("f-alice")["keyword_filters"] == ["crypto"]


def test_a_filter_past_the_limit_is_refused(web: Client):
    full = [f"word{number}" for number in range(MAX_KEYWORD_FILTERS)]
    preferences_update(account_id="f-alice", changes={"keyword_filters": full})

    response = web.post(reverse("ui:filter-add"), {"phrase": "one more"}, headers=HTMX)

    assert response.status_code == 400
    assert f"At most {MAX_KEYWORD_FILTERS} filters." in page(response).text
    assert settings_of("f-alice")["keyword_filters"] == full


def test_adding_a_filter_twice_or_in_another_case_keeps_one(web: Client):
    web.post(reverse("ui:filter-add"), {"phrase": "crypto"})
    web.post(reverse("ui:filter-add"), {"phrase": "crypto"})
    web.post(reverse("ui:filter-add"), {"phrase": "CRYPTO"})

    assert settings_of("f-alice")["keyword_filters"] == ["crypto"]


def test_removing_a_filter_with_htmx_returns_the_list_without_it(web: Client):
    preferences_update(account_id="f-alice", changes={"keyword_filters": ["crypto", "telegram"]})

    response = web.post(reverse("ui:filter-remove"), {"phrase": "crypto"}, headers=HTMX)

    assert response.status_code == 200
    assert "Removed “crypto”." in page(response).text
    assert settings_of("f-alice")["keyword_filters"] == ["telegram"]


def test_removing_a_filter_with_a_plain_post_redirects(web: Client):
    preferences_update(account_id="f-alice", changes={"keyword_filters": ["crypto"]})

    response = web.post(reverse("ui:filter-remove"), {"phrase": "crypto"})

    assert response.status_code == 302
    assert response["Location"] == reverse("ui:filters")
    assert settings_of("f-alice")["keyword_filters"] == []


def test_removing_a_filter_that_is_not_there_changes_nothing(web: Client):
    preferences_update(account_id="f-alice", changes={"keyword_filters": ["crypto"]})

    response = web.post(reverse("ui:filter-remove"), {"phrase": "telegram"})

    assert response.status_code == 302
    assert settings_of("f-alice")["keyword_filters"] == ["crypto"]


def test_a_hostile_filter_is_shown_escaped_and_its_remove_button_round_trips(web: Client):
    hostile = '"><script>alert(1)</script>'
    web.post(reverse("ui:filter-add"), {"phrase": hostile})
    assert settings_of("f-alice")["keyword_filters"] == [hostile]

    response = web.get(reverse("ui:filters"))

    html = response.content.decode()
    assert "<script>alert" not in html
    document = Document(html)
    assert document.find("input", type="hidden", name="phrase", value=hostile)
    assert hostile in document.text
    web.post(reverse("ui:filter-remove"), {"phrase": hostile})
    assert settings_of("f-alice")["keyword_filters"] == []
