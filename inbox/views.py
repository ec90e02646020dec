"""The freelancer's review of message requests and quarantine: safe previews, nothing opened.

Listing never changes a message and never tells the sender anything; only the actions do, through
the same services the API uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import reswap, retarget

from common.htmx import HtmxHttpRequest, respond
from preferences.choices import BlockScope
from preferences.models import Freelancer
from preferences.selectors import blocks_pulling_back, pull_back_progress
from preferences.views import freelancer_required

from . import selectors, services
from .detection.preview import safe_preview
from .explain import moved_here, reasons_text
from .models import Message, Outcome, Sender
from .vocabulary import FreelancerAction

ACTIONS = dict(FreelancerAction.choices)


class ReviewActionForm(forms.Form):
    action = forms.ChoiceField(choices=list(ACTIONS.items()))
    message_ids = forms.MultipleChoiceField(
        choices=(),
        error_messages={
            "required": "Select at least one message.",
        },
    )
    scope = forms.ChoiceField(choices=BlockScope.choices, required=False)

    def __init__(self, *args: Any, allowed_ids: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["message_ids"]
        assert isinstance(field, forms.MultipleChoiceField)  # noqa: S101 (declared above)
        field.choices = [(mid, mid) for mid in allowed_ids]


@dataclass(frozen=True)
class ReviewItem:
    message: Message
    sender: Sender | None
    preview: str
    reasons: list[str]
    # The freelancer blocked the sender (by any scope): Block and Let through no longer apply.
    blocked: bool = False
    # It was in their inbox or requests, and something else moved it here.
    moved: bool = False
    # Trust & safety decide on it (Message.held_for_staff): no Let through.
    held_for_staff: bool = False

    @property
    def days_on_platform(self) -> int | None:
        if self.sender is None:
            return None
        return max((timezone.now() - self.sender.joined_at).days, 0)

    @property
    def spend_dollars(self) -> str | None:
        if self.sender is None:
            return None
        return f"${self.sender.spent_last_12_months_cents // 100:,}"


def review_items(freelancer: Freelancer, *, kind: str) -> list[ReviewItem]:
    queryset = selectors.messages_for_review(recipient_id=freelancer.account_id)
    queryset = queryset.filter(decision=kind)[:200]
    page = list(queryset)
    found = Sender.objects.in_bulk({m.sender_id for m in page}, field_name="account_id")
    senders = {m.sender_id: found.get(m.sender_id) for m in page}
    blocked = selectors.senders_blocked(recipient_id=freelancer.account_id, senders=senders)
    # A quarantined message the freelancer had already seen says where it went and why.
    shown = (
        selectors.messages_shown_before(message_pks=[m.pk for m in page])
        if kind == Outcome.QUARANTINE
        else {}
    )
    return [
        ReviewItem(
            message=message,
            sender=senders.get(message.sender_id),
            preview=safe_preview(message.body),
            reasons=reasons_text(message.reasons, moved_from=shown.get(message.pk, "")),
            blocked=message.sender_id in blocked,
            moved=moved_here(message.reasons, moved_from=shown.get(message.pk, "")),
            held_for_staff=message.held_for_staff(senders.get(message.sender_id)),
        )
        for message in page
    ]


def _context(freelancer: Freelancer, **extra: Any) -> dict[str, Any]:
    return {
        "requests": review_items(freelancer, kind="request"),
        "quarantined": (quarantined := review_items(freelancer, kind="quarantine")),
        "moved_here": sum(item.moved for item in quarantined),
        "actions": ACTIONS,
        "scopes": BlockScope.choices,
        "section": "review",
        "new_account_days": selectors.policy_get_active().min_account_age_days,
        "pulling_back": blocks_pulling_back(account_id=freelancer.account_id),
        **extra,
    }


def home(request: HtmxHttpRequest) -> HttpResponse:
    """Send reviewers to their queue and freelancers to theirs."""
    if request.user.is_authenticated and request.user.is_staff:
        return redirect("review:queue")
    return redirect("ui:review")


@freelancer_required
def review(request: HtmxHttpRequest, freelancer: Freelancer) -> HttpResponse:
    return render(request, "inbox/review.html", _context(freelancer))


@freelancer_required
@require_POST
def review_act(request: HtmxHttpRequest, freelancer: Freelancer) -> HttpResponse:
    """Apply one action to one or many messages of this freelancer."""
    allowed_ids = list(
        selectors.messages_for_review(recipient_id=freelancer.account_id).values_list(
            "message_id", flat=True
        )
    )
    data = request.POST.copy()
    if "one" in data:  # a button on one message: "release:m-1"; its Block covers the account
        action, _, message_id = str(data["one"]).partition(":")
        data.setlist("message_ids", [message_id])
        data["action"] = action
        data["scope"] = BlockScope.ACCOUNT
    form = ReviewActionForm(data, allowed_ids=allowed_ids)
    if not form.is_valid():
        errors = "; ".join(str(e) for errors in form.errors.values() for e in errors)
        context = _context(freelancer, error=f"Nothing changed: {errors}")
        template = "inbox/_review_lists.html" if request.htmx else "inbox/review.html"
        return render(request, template, context, status=400)
    action = form.cleaned_data["action"]
    message_ids = form.cleaned_data["message_ids"]
    result = services.quarantine_act(
        recipient_id=freelancer.account_id,
        actor_id=freelancer.user_id,
        action=action,
        message_ids=message_ids,
        scope=form.cleaned_data.get("scope") or BlockScope.ACCOUNT,
    )
    notice = _notice(action, result.done, len(message_ids), result.problems)
    return respond(
        request,
        "inbox/_review_lists.html",
        _context(freelancer, notice=notice),
        fallback="ui:review",
    )


@freelancer_required
@require_GET
def review_pull_back(request: HtmxHttpRequest, freelancer: Freelancer) -> HttpResponse:
    """Poll the pull-back of the blocks just made: nothing while it runs (204), then the lists
    with what moved."""
    try:
        block_ids = [int(part) for part in request.GET.get("blocks", "").split(",") if part]
    except ValueError:
        return HttpResponseBadRequest("`blocks` is a comma-separated list of block ids.")
    finished, moved = pull_back_progress(account_id=freelancer.account_id, block_ids=block_ids)
    if not finished:
        return HttpResponse(status=204)
    notice = _pulled_back_notice(moved)
    response = respond(
        request,
        "inbox/_review_lists.html",
        _context(freelancer, notice=notice),
        fallback="ui:review",
    )
    return retarget(reswap(response, "outerHTML"), "#review")


def _notice(action: str, done: int, asked: int, problems: list[str]) -> str:
    noun = "message" if done == 1 else "messages"
    verbs: dict[str, str] = {
        FreelancerAction.RELEASE: f"Let {done} {noun} through to your inbox.",
        FreelancerAction.DELETE: f"Deleted {done} {noun}.",
        FreelancerAction.BLOCK: f"Blocked the sender of {done} {noun}. Their messages stay in "
        "your quarantine, marked as blocked, so our trust & safety team keeps the evidence; "
        "they never reach your inbox.",
        FreelancerAction.REPORT: f"Reported {done} {noun} as spam. Thank you.",
    }
    skipped = asked - done
    if not skipped:
        return verbs[action]
    why = f" ({problems[0]})" if problems else ""
    return verbs[action] + f" {skipped} could not be changed{why}."


def _pulled_back_notice(moved: int) -> str:
    if not moved:
        return "Done: none of their other messages were in your inbox or message requests."
    noun = "message" if moved == 1 else "messages"
    return (
        f"Done: moved {moved} {noun} of the blocked sender from your inbox and message requests "
        "into quarantine."
    )
