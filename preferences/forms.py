"""Forms of the freelancer's settings pages (validation only; writes go through services)."""

from __future__ import annotations

from django import forms
from django.urls import reverse_lazy

from common.fields import ID_HELP, ID_PATTERN

from .choices import BlockScope, ContactMode
from .services import MAX_KEYWORD_LENGTH


class ContactModesForm(forms.Form):
    direct = forms.ChoiceField(choices=ContactMode.choices, widget=forms.RadioSelect)
    job_invite = forms.ChoiceField(choices=ContactMode.choices, widget=forms.RadioSelect)


class SenderForm(forms.Form):
    """A client picked by name (the list suggests those who wrote to the freelancer) or typed by
    account id. An id nobody by that id has written from is confirmed by sending it again."""

    sender_id = forms.RegexField(
        regex=rf"^{ID_PATTERN}\Z",
        max_length=128,
        label="Client",
        help_text="Type a name or an account id, then pick from the list.",
        error_messages={"invalid": ID_HELP},
        widget=forms.TextInput(
            attrs={
                "placeholder": "Name or account id",
                "autocomplete": "off",
                "list": "known-senders",
                "hx-get": reverse_lazy("ui:sender-search"),
                "hx-trigger": "input changed delay:200ms",
                "hx-target": "#known-senders",
                "hx-swap": "innerHTML",
                "hx-sync": "this:replace",
            }
        ),
    )
    # The id the freelancer already confirmed after the "nobody by that id" warning.
    confirmed_id = forms.CharField(required=False, widget=forms.HiddenInput)

    def confirm_unknown(self, *, known: bool) -> bool:
        """Return whether to go ahead: the id is known, or was confirmed; otherwise warn."""
        sender_id = self.cleaned_data["sender_id"]
        if known or self.cleaned_data.get("confirmed_id") == sender_id:
            return True
        self.add_error(
            "sender_id",
            f"No client with the id {sender_id} has written to you. Check the id; to go ahead "
            "anyway, send it again.",
        )
        # The page comes back with the id confirmed: the same click again goes ahead.
        self.data = {**{name: self.data.get(name) for name in self.data}, "confirmed_id": sender_id}
        return False


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
