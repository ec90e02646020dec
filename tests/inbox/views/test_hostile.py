"""The freelancer's quarantine page: hostile bodies and names are shown inert."""

from __future__ import annotations

import pytest
from django.test import Client

from inbox.detection.preview import PREVIEW_CHARS
from tests.factories import SenderFactory
from tests.inbox.views.support import (
    ACT,
    HTMX,
    REVIEW,
    assert_inert,
    previews,
    quarantined,
    quarantined_by_block,
    requested,
    state,
)
from tests.pages import Document

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


HOSTILE_NAME = '<script>alert("name")</script>'


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ("<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"),
        ('<a href="javascript:alert(1)">x</a>', '<a href="javascript:alert(1)">x</a>'),
        ("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ('"><svg onload=alert(1)>', '"><svg onload=alert(1)>'),
        ("Invoice\u202egpj.exe attached", "Invoicegpj.exe attached"),
        ("zero\u200bwidth and\u0007bell", "zerowidth andbell"),
        (
            "Pay at https://pay.evil.example/login or www.evil.example now",
            "Pay at hxxps://pay[.]evil[.]example/login or www[.]evil[.]example now",
        ),
        ("HTTP://EVIL.EXAMPLE/x", "hxxp://EVIL[.]EXAMPLE/x"),
    ],
    ids=[
        "script",
        "img-onerror",
        "javascript-link",
        "entities",
        "attribute-break",
        "rtl-override",
        "invisible",
        "links",
        "upper-case-link",
    ],
)
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx-partial"])
def test_hostile_bodies_and_names_are_shown_as_inert_text(
    web: Client, body: str, shown: str, headers: dict[str, str]
):
    SenderFactory(account_id="c-evil", display_name=HOSTILE_NAME)
    message = quarantined(sender_id="c-evil", body=body)
    victim = requested(sender_id="c-other", body="plain")

    if headers:
        response = web.post(ACT, {"one": f"report:{victim.message_id}"}, headers=HTMX)
    else:
        response = web.get(REVIEW)

    assert response.status_code == 200
    markup = response.content.decode()
    assert shown in previews(markup)
    assert "<script>alert" not in markup
    assert "<img" not in markup
    assert "<svg" not in markup
    assert 'href="javascript:' not in markup
    assert "\u202e" not in markup
    assert_inert(markup)
    document = Document(markup)
    assert HOSTILE_NAME in document.text
    assert document.find("label", **{"for": "select-quarantine-1"})
    assert message.message_id in document.listed("quarantine")


def test_html_entities_in_a_body_are_not_decoded_into_markup(web: Client):
    quarantined(body="&lt;script&gt;alert(1)&lt;/script&gt;")

    markup = web.get(REVIEW).content.decode()

    assert "&amp;lt;script&amp;gt;" in markup
    assert "&lt;script&gt;" not in markup.replace("&amp;lt;script&amp;gt;", "")


def test_a_ten_thousand_character_line_renders_with_a_capped_preview(web: Client):
    quarantined(body="A" * 10_000)

    response = web.get(REVIEW)

    assert response.status_code == 200
    (preview,) = previews(response.content.decode())
    assert len(preview) == PREVIEW_CHARS
    assert preview == "A" * (PREVIEW_CHARS - 1) + "…"
    assert "A" * PREVIEW_CHARS not in response.content.decode()


def test_a_long_link_is_defanged_and_capped(web: Client):
    quarantined(body="https://" + "a" * 5_000 + ".example/")

    (preview,) = previews(web.get(REVIEW).content.decode())

    assert preview.startswith("hxxps://aaaa")
    assert len(preview) == PREVIEW_CHARS
    assert "https://" not in preview


def test_a_message_is_never_opened_by_the_review_page(web: Client):
    message = quarantined_by_block(body="Visit https://tracker.example/pixel.png?id=7 to see")

    markup = web.get(REVIEW).content.decode()

    assert "https://tracker.example" not in markup
    assert_inert(markup)
    assert state(message)["history"] == [("quarantine", "policy", None)]


def test_bidi_controls_in_a_senders_name_are_not_rendered(web: Client):
    SenderFactory(account_id="c-evil", display_name="Support \u202etnuocca")
    quarantined(sender_id="c-evil")

    markup = web.get(REVIEW).content.decode()

    assert "\u202e" not in markup
