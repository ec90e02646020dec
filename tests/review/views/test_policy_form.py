"""Policy editing in words: money in dollars, the sender rules rule by rule, JSON kept."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from inbox.models import Policy
from inbox.policy import FORUM_ELIGIBILITY, HELP_CENTRE_ELIGIBILITY, eligibility_choices
from inbox.selectors import policy_get_active
from tests.pages import Document
from tests.review.views.support import html, policy_form_data

pytestmark = pytest.mark.django_db

NEW = reverse("review:policy-new")


def checked_mode(page: Document) -> str | None:
    radios = page.find("input", type="radio", name="eligibility_mode")
    return next((attrs.get("value") for attrs in radios if "checked" in attrs), None)


def by_rule(policy: Policy, **rules: str) -> dict[str, Any]:
    data = policy_form_data(policy)
    data["eligibility_mode"] = "rules"
    for rule in ("billing_verified", "spend", "account_age", "payment_history", "good_standing"):
        data[f"rule_{rule}"] = rules.get(rule, "off")
    return data


def test_the_form_shows_money_in_dollars_and_each_rule_as_a_choice(
    staff_web: Client, world: dict[str, Any]
):
    page = Document(html(staff_web.get(NEW)))

    assert page.find("input", name="min_spend_dollars", value="1000")
    assert "Minimum spend in the last 12 months ($)" in page.text
    assert not page.find("input", name="min_spend_cents")
    assert checked_mode(page) == "rules"
    for rule in ("billing_verified", "spend", "account_age", "payment_history", "good_standing"):
        assert page.find("select", name=f"rule_{rule}")
    chosen = [attrs.get("value") for attrs in page.find("option") if "selected" in attrs]
    assert chosen.count("required") == 5  # the published rules: all five required


def test_rules_chosen_one_by_one_make_the_expression(staff_web: Client, world: dict[str, Any]):
    data = by_rule(
        policy_get_active(),
        billing_verified="required",
        good_standing="required",
        spend="alternative",
        payment_history="alternative",
    )
    data["min_spend_dollars"] = "2500.50"

    response = staff_web.post(NEW, data)

    assert response.status_code == 302
    draft = Policy.objects.order_by("-number").first()
    assert draft is not None
    assert draft.eligibility == HELP_CENTRE_ELIGIBILITY
    assert draft.min_spend_cents == 250_050


def test_one_alternative_alone_is_simply_required(staff_web: Client, world: dict[str, Any]):
    data = by_rule(policy_get_active(), good_standing="required", spend="alternative")

    staff_web.post(NEW, data)

    draft = Policy.objects.order_by("-number").first()
    assert draft is not None and draft.eligibility == {"all": ["good_standing", "spend"]}


def test_no_rule_at_all_is_refused(staff_web: Client, world: dict[str, Any]):
    before = Policy.objects.count()

    response = staff_web.post(NEW, by_rule(policy_get_active()))

    assert response.status_code == 400
    assert "Choose at least one rule a sender must meet." in html(response)
    assert Policy.objects.count() == before


@pytest.mark.parametrize("dollars", ["-1", "ten", "1.005"])
def test_a_spend_that_is_not_an_amount_in_dollars_is_refused(
    staff_web: Client, world: dict[str, Any], dollars: str
):
    before = Policy.objects.count()
    data = {**by_rule(policy_get_active(), spend="required"), "min_spend_dollars": dollars}

    response = staff_web.post(NEW, data)

    assert response.status_code == 400
    assert Policy.objects.count() == before


def test_an_expression_the_choices_cannot_show_is_edited_as_json(
    staff_web: Client, world: dict[str, Any]
):
    nested = {"any": [{"all": ["spend", "account_age"]}, "payment_history"]}
    Policy.objects.filter(is_active=True).update(eligibility=nested)

    page = Document(html(staff_web.get(NEW)))

    assert checked_mode(page) == "json"
    assert any("open" in attrs for attrs in page.find("details"))


def test_the_forum_reading_round_trips_through_the_choices(
    staff_web: Client, world: dict[str, Any]
):
    data = by_rule(policy_get_active(), **dict.fromkeys(FORUM_ELIGIBILITY["all"], "required"))

    staff_web.post(NEW, data)

    draft = Policy.objects.order_by("-number").first()
    assert draft is not None and draft.eligibility == FORUM_ELIGIBILITY


@pytest.mark.parametrize(
    "expression",
    [
        {"any": [{"all": ["spend"]}, "spend"]},
        {"all": [{"any": ["spend"]}, {"any": ["account_age"]}]},
        {"all": "spend"},
        {"none": ["spend"]},
        ["spend"],
        "vibes",
        {"all": [{"any": [{"all": ["spend"]}]}]},
    ],
)
def test_expressions_beyond_the_choices_are_recognised_as_such(expression: Any) -> None:
    assert eligibility_choices(expression) is None


def in_words(policy: Policy, **fields: Any) -> dict[str, Any]:
    data = policy_form_data(policy)
    data["contact_mode"] = "words"
    data.update({"purpose_scoping": "on", "purpose_after_contract": "on", "contact_action": "flag"})
    data["contact_notice"] = policy.contact_rule["sender_notice"]
    for name, value in fields.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def test_the_contact_rule_is_shown_in_words(staff_web: Client, world: dict[str, Any]):
    page = Document(html(staff_web.get(NEW)))

    modes = page.find("input", type="radio", name="contact_mode")
    assert [attrs.get("value") for attrs in modes if "checked" in attrs] == ["words"]
    assert "Allowed: An access invite to scope a job" in page.text
    assert "Allowed: Sharing after a contract exists" in page.text
    for purpose in ("scoping", "after_contract"):
        assert "checked" in page.find("input", name=f"purpose_{purpose}")[0]
    chosen = [a.get("value") for a in page.find("option") if "selected" in a]
    assert "flag" in chosen
    assert "Share contact details only to invite the freelancer" in page.text
    assert page.find("textarea", name="contact_rule_json")  # the JSON, kept for export


def test_the_contact_rule_chosen_in_words_is_the_drafts_rule(
    staff_web: Client, world: dict[str, Any]
):
    data = in_words(
        policy_get_active(),
        purpose_scoping=None,  # unticked
        contact_action="quarantine",
        contact_notice="  Keep it on the platform, please.  ",
    )

    response = staff_web.post(NEW, data)

    assert response.status_code == 302
    rule = Policy.objects.latest("number").contact_rule
    assert [purpose["key"] for purpose in rule["allowed_purposes"]] == ["after_contract"]
    assert rule["allowed_purposes"][0]["label"] == "Sharing after a contract exists"
    assert (rule["action"], rule["sender_notice"]) == (
        "quarantine",
        "Keep it on the platform, please.",
    )


def test_a_contact_rule_without_a_notice_is_refused_and_nothing_saved(
    staff_web: Client, world: dict[str, Any]
):
    before = Policy.objects.count()

    response = staff_web.post(NEW, in_words(policy_get_active(), contact_notice="   "))

    assert response.status_code == 400
    assert "sender_notice is the text a sender is shown" in Document(html(response)).text
    assert Policy.objects.count() == before


def test_a_contact_rule_with_a_purpose_the_form_does_not_know_opens_as_json(
    staff_web: Client, world: dict[str, Any]
):
    rule = dict(policy_get_active().contact_rule)
    rule["allowed_purposes"] = [
        *rule["allowed_purposes"],
        {"key": "nda", "label": "Under an NDA", "description": ""},
    ]
    Policy.objects.filter(is_active=True).update(contact_rule=rule)

    page = Document(html(staff_web.get(NEW)))

    modes = page.find("input", type="radio", name="contact_mode")
    assert [attrs.get("value") for attrs in modes if "checked" in attrs] == ["json"]
    assert "Under an NDA" in page.text  # in the JSON box, as saved
    data = in_words(policy_get_active(), contact_rule_json=json.dumps(rule), contact_action="flag")
    assert staff_web.post(NEW, data).status_code == 302  # edited in words after all
    kept = Policy.objects.latest("number").contact_rule["allowed_purposes"]
    assert [purpose["key"] for purpose in kept] == ["scoping", "after_contract", "nda"]


def test_a_version_exports_as_json_that_a_draft_takes(staff_web: Client, world: dict[str, Any]):
    active = policy_get_active()

    response = staff_web.get(reverse("review:policy-export", args=[active.number]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="policy-{active.version}.json"'
    exported = response.json()
    assert exported.pop("version") == active.version
    assert exported.pop("note") == active.note
    assert exported == active.rule_values()
    page = Document(html(staff_web.get(reverse("review:policy", args=[active.number]))))
    (link,) = page.find("a", href=reverse("review:policy-export", args=[active.number]))
    assert "download" in link
