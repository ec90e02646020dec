"""Forms of the freelancer's settings pages (validation only; writes go through services)."""

from __future__ import annotations

from django import forms

from common.fields import ID_HELP, ID_PATTERN

from .choices import BlockScope, ContactMode
from .services import MAX_KEYWORD_LENGTH


class ContactModesForm(forms.Form):
    direct = forms.ChoiceField(choices=ContactMode.choices, widget=forms.RadioSelect)
    job_invite = forms.ChoiceField(choices=ContactMode.choices, widget=forms.RadioSelect)


class SenderForm(forms.Form):
    sender_id = forms.RegexField(
        regex=rf"^{ID_PATTERN}\Z",
        max_length=128,
        label="Client account id",
        error_messages={"invalid": ID_HELP},
        widget=forms.TextInput(attrs={"placeholder": "e.g. c-42", "autocomplete": "off"}),
    )


class BlockForm(SenderForm):
    scope = forms.ChoiceField(choices=BlockScope.choices, initial=BlockScope.ACCOUNT)


class KeywordForm(forms.Form):
    phrase = forms.CharField(
        max_length=MAX_KEYWORD_LENGTH,
        label="Word or phrase",
        widget=forms.TextInput(attrs={"placeholder": "e.g. crypto", "autocomplete": "off"}),
    )


class DigestForm(forms.Form):
    digest_enabled = forms.BooleanField(required=False, label="Send me a daily digest")
