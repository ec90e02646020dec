"""Forms of the inbox's own models, shared by the Django admin and the review UI."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms

from .contact_rule import validate_contact_rule
from .models import POLICY_RULE_FIELDS, Policy
from .policy import validate_eligibility


def _validated(value: Any, validate: Callable[[Any], None]) -> Any:
    try:
        validate(value)
    except ValueError as error:
        raise forms.ValidationError(str(error)) from None
    return value


class PolicyDraftForm(forms.ModelForm):
    """Every threshold of a version; validated by the model's own validators."""

    class Meta:
        model = Policy
        fields = ["note", *POLICY_RULE_FIELDS]
        widgets = {
            "eligibility": forms.Textarea({"rows": 4, "spellcheck": "false"}),
            "contact_rule": forms.Textarea({"rows": 8, "spellcheck": "false"}),
            "note": forms.TextInput(),
        }
        help_texts = {
            "eligibility": 'JSON: a rule name, or {"all": [...]} / {"any": [...]} of rules, '
            "nested. Rules: billing_verified, spend, account_age, payment_history, "
            "good_standing.",
        }

    def clean_contact_rule(self) -> Any:
        return _validated(self.cleaned_data["contact_rule"], validate_contact_rule)

    def clean_eligibility(self) -> Any:
        return _validated(self.cleaned_data["eligibility"], validate_eligibility)

    def rule_values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in POLICY_RULE_FIELDS}
