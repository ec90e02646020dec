"""Forms of the trust & safety review UI: queue filters and actions, standing, policy drafts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from inbox.contact_rule import (
    DEFAULT_CONTACT_RULE,
    FLAG,
    contact_rule_action,
    validate_contact_rule,
)
from inbox.forms import PolicyDraftForm
from inbox.models import POLICY_RULE_FIELDS, Outcome, Standing
from inbox.policy import (
    ELIGIBILITY_RULES,
    RULE_ALTERNATIVE,
    RULE_OFF,
    RULE_REQUIRED,
    eligibility_choices,
    eligibility_from_choices,
    validate_eligibility,
)

from .selectors import FLAGGED, QUEUE_COPIES, QUEUE_SORTS, QUEUE_STATES, QueueFilter
from .services import CLEAR_FLAG

REVIEWABLE_CHOICES = [
    ("", "Any"),
    (Outcome.QUARANTINE.value, Outcome.QUARANTINE.label),
    (Outcome.REQUEST.value, Outcome.REQUEST.label),
    (Outcome.HOLD.value, Outcome.HOLD.label),
    (FLAGGED, "Flagged (delivered)"),
]
# Queue action → (staff.review_act action, label); "claim"/"unclaim" only take the claim.
QUEUE_ACTIONS: dict[str, str] = {
    "claim": "Claim",
    "unclaim": "Unclaim",
    "release": "Release (deliver)",
    "confirm_spam": "Confirm spam",
    "confirm_scam": "Confirm scam",
    "delete": "Delete",
    CLEAR_FLAG: "Clear flag (leave delivered)",
}
# A campaign is judged as one: confirming is first (the default), releasing last (and asked
# again before it delivers more than one copy).
CAMPAIGN_ACTIONS = {
    key: QUEUE_ACTIONS[key] for key in ("confirm_spam", "confirm_scam", "delete", "release")
}
REASON_MAX = 1000


def review_call(action: str) -> tuple[str, str]:
    """Return `staff.review_act`'s (action, label) for a queue action."""
    if action.startswith("confirm_"):
        return "confirm", action.removeprefix("confirm_")
    return action, ""


class IdListField(forms.MultipleChoiceField):
    """A list of message ids; which ones may be acted on is decided against the queue."""

    def valid_value(self, value: Any) -> bool:
        return isinstance(value, str) and 0 < len(value) <= 128


class QueueFilterForm(forms.Form):
    reason = forms.CharField(required=False, max_length=64, label="Reason code")
    sender = forms.CharField(required=False, max_length=128, label="Sender id")
    organization = forms.CharField(required=False, max_length=128, label="Organization id")
    campaign = forms.IntegerField(required=False, min_value=1, label="Campaign")
    decision = forms.ChoiceField(required=False, choices=REVIEWABLE_CHOICES, label="Decision")
    min_score = forms.FloatField(required=False, min_value=0, max_value=1, label="Min. score")
    date_from = forms.DateField(
        required=False, label="Received from", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        required=False, label="Received to", widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = forms.ChoiceField(required=False, choices=list(QUEUE_SORTS.items()), label="Sort")
    hide_claimed = forms.BooleanField(required=False, label="Hide others' claims")
    state = forms.ChoiceField(
        required=False, choices=list(QUEUE_STATES.items()), label="Show", initial="open"
    )
    copies = forms.ChoiceField(
        required=False, choices=list(QUEUE_COPIES.items()), label="Campaign copies"
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date is before the start date.")
        return cleaned

    def to_filter(self) -> QueueFilter:
        data = self.cleaned_data
        return QueueFilter(
            reason=data.get("reason") or "",
            sender_id=data.get("sender") or "",
            organization_id=data.get("organization") or "",
            campaign_id=data.get("campaign"),
            decision=data.get("decision") or "",
            min_score=data.get("min_score"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            hide_claimed=bool(data.get("hide_claimed")),
            sort=data.get("sort") or "score",
            state=data.get("state") or "open",
            copies=data.get("copies") or "grouped",
        )


class QueueActionForm(forms.Form):
    action = forms.ChoiceField(choices=list(QUEUE_ACTIONS.items()))
    scope = forms.ChoiceField(
        choices=[("selected", "Selected messages"), ("filter", "All matching this filter")],
        initial="selected",
    )
    message_ids = IdListField(required=False)
    # The count the reviewer saw on the "all matching" button: the filter must still match it.
    expected = forms.IntegerField(required=False, min_value=0)
    reason = forms.CharField(required=False, max_length=REASON_MAX, strip=True)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        scope = cleaned.get("scope")
        action = cleaned.get("action", "")
        if scope == "selected" and not cleaned.get("message_ids"):
            self.add_error("message_ids", "Select at least one message, or act on all matching.")
        if scope == "filter":
            if cleaned.get("expected") is None:
                self.add_error("expected", "Reload the queue: the matching count is missing.")
            if "claim" not in action and not cleaned.get("reason"):
                self.add_error("reason", "Say why: a reason is required for a whole filter.")
        return cleaned


class CampaignActionForm(forms.Form):
    action = forms.ChoiceField(choices=list(CAMPAIGN_ACTIONS.items()), initial="confirm_spam")
    reason = forms.CharField(max_length=REASON_MAX, strip=True)
    # Releasing many copies is asked twice: the second post carries the count the reviewer saw.
    confirmed = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def needs_confirmation(self, held: int) -> bool:
        """Return whether this is a release of more than one copy not yet confirmed for `held`."""
        return (
            self.cleaned_data["action"] == "release"
            and held > 1
            and self.cleaned_data.get("confirmed") != held
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = "Say why: a reason is required."


class ReasonForm(forms.Form):
    reason = forms.CharField(max_length=REASON_MAX, strip=True, widget=forms.Textarea({"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = "Say why: a reason is required."


class StandingForm(ReasonForm):
    standing = forms.ChoiceField(
        choices=[
            (Standing.ON_HOLD.value, "Put on hold"),
            (Standing.SUSPENDED.value, "Suspend"),
            (Standing.GOOD.value, "Restore good standing"),
        ]
    )


class SenderSearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label="Account id, organization or name")


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(required=False, label="Action")
    target = forms.CharField(required=False, max_length=200, label="Target contains")

    def __init__(self, *args: Any, actions: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["action"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 (declared above)
        field.choices = [("", "Any"), *((action, action) for action in actions)]


class WhatIfForm(forms.Form):
    days = forms.IntegerField(min_value=1, max_value=30, initial=7, label="Days to replay")


RULES = tuple(ELIGIBILITY_RULES)
RULE_CHOICES = [
    (RULE_REQUIRED, "Required"),
    (RULE_ALTERNATIVE, "One of the alternatives"),
    (RULE_OFF, "Not checked"),
]
RULE_LABELS = {
    "billing_verified": "Verified billing method",
    "spend": "Spend in the last 12 months",
    "account_age": "Account age",
    "payment_history": "A payment long enough ago",
    "good_standing": "Good standing",
}


class PolicyEditForm(PolicyDraftForm):
    """A draft as a reviewer edits it: money in dollars, eligibility as a choice per rule
    (required, or one of a group of alternatives), with the JSON kept for what a form of
    choices cannot show and for export."""

    min_spend_dollars = forms.DecimalField(
        label="Minimum spend in the last 12 months ($)",
        help_text="A sender must have spent more than this.",
        min_value=Decimal(0),
        max_value=Decimal(10**10),
        decimal_places=2,
        widget=forms.NumberInput({"step": "0.01"}),
    )
    eligibility_mode = forms.ChoiceField(
        label="Edit the sender rules",
        choices=[("rules", "Rule by rule"), ("json", "As JSON")],
        widget=forms.RadioSelect,
        initial="rules",
    )
    eligibility_json = forms.JSONField(
        label="Sender rules as JSON",
        required=False,
        widget=forms.Textarea({"rows": 4, "spellcheck": "false"}),
        help_text='A rule name, or {"all": [...]} / {"any": [...]} of rules, nested. '
        "Used when “As JSON” is chosen; always shows the rules as saved.",
    )

    contact_mode = forms.ChoiceField(
        label="Edit the contact rule",
        choices=[("words", "In words"), ("json", "As JSON")],
        widget=forms.RadioSelect,
        initial="words",
    )
    contact_action = forms.ChoiceField(
        label="What the scan does with contact details shared for no allowed purpose, or a "
        "proposal to pay outside the platform",
        choices=[
            (FLAG, "Deliver as decided and flag the message for staff"),
            (Outcome.QUARANTINE, "Quarantine the message"),
        ],
        required=False,
    )
    contact_notice = forms.CharField(
        label="What a sender is told before sharing contact details",
        widget=forms.Textarea({"rows": 3}),
        required=False,
    )
    contact_rule_json = forms.JSONField(
        label="Contact rule as JSON",
        required=False,
        widget=forms.Textarea({"rows": 8, "spellcheck": "false"}),
        help_text="Used when “As JSON” is chosen; always shows the rule as saved.",
    )

    class Meta(PolicyDraftForm.Meta):
        fields = [
            "note",
            *(
                f
                for f in POLICY_RULE_FIELDS
                if f not in ("min_spend_cents", "eligibility", "contact_rule")
            ),
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for rule in ELIGIBILITY_RULES:
            self.fields[f"rule_{rule}"] = forms.ChoiceField(
                label=RULE_LABELS.get(rule, rule), choices=RULE_CHOICES, required=False
            )
        initial = self.initial
        if "min_spend_cents" in initial:
            initial["min_spend_dollars"] = Decimal(initial["min_spend_cents"]) / 100
        if "eligibility" in initial:
            expression = initial["eligibility"]
            initial["eligibility_json"] = expression
            choices = eligibility_choices(expression)
            initial["eligibility_mode"] = "rules" if choices is not None else "json"
            for rule, choice in (choices or {}).items():
                initial[f"rule_{rule}"] = choice
        for key, purpose in _known_purposes(initial.get("contact_rule")).items():
            self.fields[f"purpose_{key}"] = forms.BooleanField(
                label=f"Allowed: {purpose['label']}",
                help_text=purpose.get("description", ""),
                required=False,
            )
        if "contact_rule" in initial:
            rule = initial["contact_rule"]
            initial["contact_rule_json"] = rule
            initial["contact_action"] = contact_rule_action(rule)
            initial["contact_notice"] = rule.get("sender_notice", "")
            allowed = {purpose.get("key") for purpose in rule.get("allowed_purposes", ())}
            for key in _known_purposes(rule):
                initial[f"purpose_{key}"] = key in allowed
            in_words = allowed <= set(_known_purposes(None))
            initial["contact_mode"] = "words" if in_words else "json"
        order = ["note", "min_spend_dollars", "eligibility_mode"]
        order += [f"rule_{rule}" for rule in ELIGIBILITY_RULES]
        order += ["eligibility_json", "contact_mode", "contact_action", "contact_notice"]
        order += [*self.purpose_names, "contact_rule_json"]
        self.order_fields(order)

    @property
    def threshold_fields(self) -> list[forms.BoundField]:
        """The fields shown one by one, after the sender rules and the contact rule."""
        return [self[name] for name in self.Meta.fields if name != "note"]

    @property
    def purpose_names(self) -> list[str]:
        return [name for name in self.fields if name.startswith("purpose_")]

    @property
    def purpose_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.purpose_names]

    @property
    def rule_fields(self) -> list[forms.BoundField]:
        return [self[f"rule_{rule}"] for rule in ELIGIBILITY_RULES]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        dollars = cleaned.get("min_spend_dollars")
        if dollars is not None:
            cleaned["min_spend_cents"] = int(dollars * 100)
        try:
            if cleaned.get("eligibility_mode") == "json":
                expression = cleaned.get("eligibility_json")
                validate_eligibility(expression)
            else:
                choices = {
                    rule: cleaned.get(f"rule_{rule}") or RULE_OFF for rule in ELIGIBILITY_RULES
                }
                expression = eligibility_from_choices(choices)
        except ValueError as error:
            field = "eligibility_json" if cleaned.get("eligibility_mode") == "json" else None
            self.add_error(field, str(error))
        else:
            cleaned["eligibility"] = expression
        in_json = cleaned.get("contact_mode") == "json"
        rule = cleaned.get("contact_rule_json") if in_json else self._contact_rule_in_words()
        try:
            validate_contact_rule(rule)
        except ValueError as error:
            self.add_error("contact_rule_json" if in_json else "contact_notice", str(error))
        else:
            cleaned["contact_rule"] = rule
        return cleaned

    def _contact_rule_in_words(self) -> dict[str, Any]:
        cleaned = self.cleaned_data
        saved = cleaned.get("contact_rule_json")
        saved = saved if isinstance(saved, dict) else {}
        known = _known_purposes(saved)
        # Purposes the form has no box for stay as the JSON has them.
        others = [
            purpose
            for purpose in saved.get("allowed_purposes") or ()
            if not (isinstance(purpose, dict) and purpose.get("key") in known)
        ]
        return {
            "allowed_purposes": [
                *(purpose for key, purpose in known.items() if cleaned.get(f"purpose_{key}")),
                *others,
            ],
            "sender_notice": (cleaned.get("contact_notice") or "").strip(),
            "action": cleaned.get("contact_action") or FLAG,
        }


def _known_purposes(rule: Any) -> dict[str, dict[str, Any]]:
    """The purposes the detector knows (scoping, after a contract), worded as `rule` words
    them where it names them, else as the default rule does."""
    known = {purpose["key"]: purpose for purpose in DEFAULT_CONTACT_RULE["allowed_purposes"]}
    if isinstance(rule, dict):
        for purpose in rule.get("allowed_purposes") or ():
            if isinstance(purpose, dict) and purpose.get("key") in known:
                known[purpose["key"]] = purpose
    return known


class AppealDecisionForm(forms.Form):
    outcome = forms.ChoiceField(choices=[("uphold", "Uphold"), ("overturn", "Overturn")])
    reason = forms.CharField(max_length=REASON_MAX, strip=True)
