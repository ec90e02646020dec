"""The trust & safety review UI (staff only): queue, campaigns, senders, audits, policy, metrics.

Views are thin: they validate a form, call one `review.services` action (which writes the audit
entry in the same transaction) and render. Reads come from `review.selectors`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from common.errors import DomainError
from common.htmx import HtmxHttpRequest
from inbox import selectors, services
from inbox.models import Appeal, Campaign, EventState, Message, Outcome, Policy, Standing

from . import bulk, charts, presenters, stats
from . import selectors as reads
from . import services as actions
from .forms import (
    CAMPAIGN_ACTIONS,
    QUEUE_ACTIONS,
    AppealDecisionForm,
    AuditFilterForm,
    CampaignActionForm,
    PolicyEditForm,
    QueueActionForm,
    QueueFilterForm,
    ReasonForm,
    SenderSearchForm,
    StandingForm,
    WhatIfForm,
    review_call,
)
from .models import BulkJob

View = Callable[..., HttpResponse]
PAGE_SIZE = 50

DONE_VERBS = {
    "release": "Released",
    "confirm": "Confirmed",
    "delete": "Deleted",
    actions.CLEAR_FLAG: "Cleared the flag of",
}


def staff_required(view: View) -> View:
    """Staff only: anonymous users go to the sign-in page, everyone else gets 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_staff:
            # The friendly page, not an exception: a freelancer who opens a staff page is no
            # error of ours, and Django would log the exception's traceback.
            return render(request, "403.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def _actor(request: HttpRequest) -> int:
    actor_id = request.user.pk
    assert actor_id is not None  # noqa: S101 (staff_required let only signed-in users in)
    return int(actor_id)


def _page(request: HttpRequest, items: Any, size: int = PAGE_SIZE) -> Any:
    return Paginator(items, size).get_page(request.GET.get("page"))


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _errors(form: Any) -> str:
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _result_notice(verb: str, done: int, skipped: list[str], missing: int = 0) -> str:
    notice = f"{verb} {_plural(done, 'message')}."
    if skipped:
        shown = "; ".join(skipped[:3]) + ("; …" if len(skipped) > 3 else "")
        notice += f" Skipped {len(skipped)}: {shown}."
    if missing:
        notice += f" {_plural(missing, 'selected message')} had already left the queue."
    return notice


# --- The queue -------------------------------------------------------------------------------


def _queue_context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    filter_form = QueueFilterForm(request.GET)
    if filter_form.is_valid():
        filters = filter_form.to_filter()
        queryset = reads.queue_messages(filters=filters, reviewer_id=_actor(request))
        # Campaigns are judged as one: a row each, unless the reviewer opened one campaign or
        # asked for each copy.
        each = filters.campaign_id is not None or filters.copies == "each"
        shown = queryset if each else reads.queue_grouped(queryset)
    else:
        # A filter that does not parse matches nothing, never "everything".
        queryset = shown = Message.objects.none()
    page = _page(request, shown.select_related("claimed_by", "reviewed_by"))
    return {
        "staff_section": "queue",
        "filter_form": filter_form,
        "filter_valid": filter_form.is_valid(),
        "filtered": filter_form.is_valid() and not filter_form.to_filter().is_empty,
        "page": page,
        "rows": reads.queue_rows(list(page.object_list)),
        "count": queryset.count(),
        "actions": QUEUE_ACTIONS,
        "filter_query": _query_without_page(request),
        "query": request.GET.urlencode(),
        "reason_codes": reads.KNOWN_REASON_CODES,
        "crowd_stops": reads.senders_under_review(),
        "appeals": list(reads.appeals_open()[:20]),
        "selected": set(),
        **extra,
    }


@require_GET
@staff_required
def queue(request: HttpRequest) -> HttpResponse:
    """Everything held back, across all freelancers: filter, sort, select, act."""
    return render(request, "review/queue.html", _queue_context(request))


@require_POST
@staff_required
def queue_act(request: HtmxHttpRequest) -> HttpResponse:
    """Claim, release, confirm or delete the selection, or every message matching the filter.

    The filter travels in the query string, so "all matching" acts on exactly what the queue
    page showed; the count the reviewer saw must still be the count, or nothing happens.
    """
    filter_form = QueueFilterForm(request.GET)
    form = QueueActionForm(request.POST)
    if not filter_form.is_valid():
        return _queue_answer(
            request, error="Fix the filter first; nothing changed.", status=400, action_form=form
        )
    if not form.is_valid():
        return _queue_answer(
            request, error=f"Nothing changed: {_errors(form)}", status=400, action_form=form
        )
    data = form.cleaned_data
    missing = 0
    if data["scope"] == "filter":
        targets = reads.queue_messages(filters=filter_form.to_filter(), reviewer_id=_actor(request))
        count = targets.count()
        if count != data["expected"]:
            return _queue_answer(
                request,
                error=f"The filter now matches {_plural(count, 'message')}, not "
                f"{data['expected']}. Nothing changed; check the queue and apply again.",
                status=409,
                action_form=form,
            )
        limit = settings.REVIEW_BULK_MAX
        if count > limit:
            return _queue_answer(
                request,
                error=f"The filter matches {count} messages; act on at most {limit} at a "
                "time. Narrow it (by date, say) and apply again. Nothing changed.",
                status=400,
                action_form=form,
            )
        if count > settings.REVIEW_BULK_INLINE_MAX and "claim" not in data["action"]:
            what = _filter_words(filter_form.to_filter())
            return _to_job(request, targets, data["action"], data["reason"], f"All {count} {what}")
    else:
        wanted = set(data["message_ids"])
        targets = reads.queue_base().filter(message_id__in=wanted).order_by("received_at", "id")
        missing = len(wanted) - targets.count()
    notice = _queue_apply(request, data["action"], targets, data["reason"], missing)
    return _queue_answer(request, notice=notice)


def _queue_apply(request: HttpRequest, action: str, targets: Any, reason: str, missing: int) -> str:
    actor_id = _actor(request)
    if action in ("claim", "unclaim"):
        ids = list(targets.values_list("message_id", flat=True))
        if action == "claim":
            claimed = actions.queue_claim(message_ids=ids, actor_id=actor_id)
            notice = f"Claimed {_plural(claimed, 'message')} for 30 minutes."
            if claimed < len(ids):
                notice += f" {len(ids) - claimed} are claimed by another reviewer."
            return notice
        released = actions.queue_unclaim(message_ids=ids, actor_id=actor_id)
        return f"Unclaimed {_plural(released, 'message')}."
    review_action, label = review_call(action)
    result = actions.review_act(
        messages=targets, action=review_action, label=label, actor_id=actor_id, reason=reason
    )
    verb = DONE_VERBS[review_action] + (f" as {label}" if label else "")
    return _result_notice(verb, result.done, result.skipped, missing)


def _queue_answer(
    request: HtmxHttpRequest,
    *,
    notice: str = "",
    error: str = "",
    status: int = 200,
    action_form: QueueActionForm | None = None,
) -> HttpResponse:
    """Render the queue partial for HTMX; otherwise redirect after success (PRG) or re-render."""
    # After an error the reviewer's choices stay as they were: selection, action, reason.
    kept = {"action_form": action_form, "selected": set(request.POST.getlist("message_ids"))}
    if request.htmx:
        # 200 even for a refusal: htmx's default configuration does not swap 4xx answers in,
        # and the partial carries the error (role="alert") where the reviewer is looking.
        context = _queue_context(request, notice=notice, error=error, **(kept if error else {}))
        return render(request, "review/_queue.html", context)
    if error:
        context = _queue_context(request, error=error, **kept)
        return render(request, "review/queue.html", context, status=status)
    messages.success(request, notice)
    query = request.GET.urlencode()
    return redirect(reverse("review:queue") + (f"?{query}" if query else ""))


def _filter_words(filters: Any) -> str:
    """The queue's filter in words, for a bulk job's description."""
    shown = {
        "reason": filters.reason,
        "sender": filters.sender_id,
        "organization": filters.organization_id,
        "campaign": filters.campaign_id,
        "decision": filters.decision,
        "min. score": filters.min_score,
        "from": filters.date_from,
        "to": filters.date_to,
    }
    parts = [f"{name} {value}" for name, value in shown.items() if value not in ("", None)]
    return "matching " + ", ".join(parts) if parts else "in the queue"


def _to_job(
    request: HttpRequest, targets: Any, action: str, reason: str, description: str
) -> HttpResponse:
    """Hand a large action to the worker and show its progress page."""
    job = bulk.bulk_start(
        targets=targets,
        action=action,
        reason=reason,
        description=f"{QUEUE_ACTIONS[action]}: {description}",
        actor_id=_actor(request),
    )
    url = reverse("review:job", args=[job.pk])
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(url)
    return redirect(url)


# --- Bulk jobs -------------------------------------------------------------------------------


@require_GET
@staff_required
def jobs(request: HttpRequest) -> HttpResponse:
    """Bulk actions, newest first: what runs, what finished and how it went."""
    page = _page(request, BulkJob.objects.select_related("created_by").order_by("-created_at"))
    context = {
        "staff_section": "jobs",
        "page": page,
        "inline_max": settings.REVIEW_BULK_INLINE_MAX,
    }
    return render(request, "review/jobs.html", context)


@require_GET
@staff_required
def job(request: HtmxHttpRequest, job_id: int) -> HttpResponse:
    """One bulk action's progress (the fragment is polled while it runs) and its result."""
    context = {
        "staff_section": "jobs",
        "job": get_object_or_404(BulkJob.objects.select_related("created_by"), pk=job_id),
    }
    template = "review/_job.html" if request.htmx else "review/job.html"
    return render(request, template, context)


# --- Appeals ---------------------------------------------------------------------------------


@require_POST
@staff_required
def appeal_decide(request: HttpRequest, message_id: str) -> HttpResponse:
    """Uphold or overturn the sender's appeal of this message, with a reason."""
    appeal = get_object_or_404(
        Appeal.objects.select_related("message"), message__message_id=message_id
    )
    form = AppealDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Nothing changed: {_errors(form)}")
        return redirect("review:message", message_id=message_id)
    overturn = form.cleaned_data["outcome"] == "overturn"
    try:
        actions.appeal_decide(
            appeal=appeal,
            overturn=overturn,
            reason=form.cleaned_data["reason"],
            actor_id=_actor(request),
        )
    except DomainError as error:
        messages.error(request, f"Nothing changed: {error.message}")
    else:
        verb = "Overturned: the message is delivered" if overturn else "Upheld"
        messages.success(request, f"{verb}; the messaging system is told (appeal.decided).")
    return redirect("review:message", message_id=message_id)


# --- Webhooks --------------------------------------------------------------------------------


@require_GET
@staff_required
def webhooks(request: HttpRequest) -> HttpResponse:
    """Webhook events as the messaging system gets them (or as they are recorded, locally)."""
    state = request.GET.get("state", "")
    if state not in EventState.values:
        state = ""
    context = {
        "staff_section": "webhooks",
        "page": _page(request, reads.webhook_events(state=state).select_related("message")),
        "state": state,
        "states": EventState.choices,
        "filter_query": _query_without_page(request),
        "webhook_url": settings.WEBHOOK_URL,
    }
    return render(request, "review/webhooks.html", context)


@require_GET
@staff_required
def webhook(request: HttpRequest, event_id: str) -> HttpResponse:
    event = reads.webhook_event(event_id=event_id)
    if event is None:
        raise Http404("No such event.")
    body = json.dumps({"event_id": str(event.event_id), **event.payload}, indent=2)
    context = {
        "staff_section": "webhooks",
        "event": event,
        "body": body,
        "attempts": event.attempt_log.all(),
        "webhook_url": settings.WEBHOOK_URL,
    }
    return render(request, "review/webhook.html", context)


# --- The detector and retention --------------------------------------------------------------


@require_GET
@staff_required
def system(request: HttpRequest) -> HttpResponse:
    """Which detector version scores messages, and what retention keeps and last removed."""
    return _system_page(request, ReasonForm())


def _system_page(request: HttpRequest, form: ReasonForm, status: int = 200) -> HttpResponse:
    context = {
        "staff_section": "system",
        "detector": reads.detector_overview(),
        "retention": reads.retention_overview(),
        "form": form,
    }
    return render(request, "review/system.html", context, status=status)


@require_POST
@staff_required
def detector_retrain(request: HttpRequest) -> HttpResponse:
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _system_page(request, form, status=400)
    sent = actions.detector_retrain_ask(
        reason=form.cleaned_data["reason"], actor_id=_actor(request)
    )
    if sent:
        messages.success(
            request,
            "Retraining asked for. A new version appears below when the worker is done "
            "(minutes); it is activated only if it measures no worse.",
        )
    else:
        messages.error(request, "The queue is unavailable; nothing was sent. Try again shortly.")
    return redirect("review:system")


# --- Campaigns -------------------------------------------------------------------------------


@require_GET
@staff_required
def campaigns(request: HttpRequest) -> HttpResponse:
    page = _page(request, reads.campaign_list())
    return render(request, "review/campaigns.html", {"staff_section": "campaigns", "page": page})


@require_GET
@staff_required
def campaign(request: HttpRequest, campaign_id: int) -> HttpResponse:
    return _campaign_page(request, get_object_or_404(Campaign, pk=campaign_id))


def _campaign_page(
    request: HttpRequest,
    campaign: Campaign,
    form: CampaignActionForm | None = None,
    *,
    suspend_form: ReasonForm | None = None,
    confirm_release: bool = False,
) -> HttpResponse:
    context = {
        "staff_section": "campaigns",
        "overview": reads.campaign_overview(campaign=campaign),
        "form": form or CampaignActionForm(initial={"action": "confirm_spam"}),
        "suspend_form": suspend_form or ReasonForm(),
        "actions": CAMPAIGN_ACTIONS,
        "queue_query": urlencode({"campaign": campaign.pk}),
        "confirm_release": confirm_release,
    }
    failed = (form is not None and bool(form.errors)) or (
        suspend_form is not None and bool(suspend_form.errors)
    )
    return render(request, "review/campaign.html", context, status=400 if failed else 200)


@require_POST
@staff_required
def campaign_act(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """Release, confirm or delete every copy of a campaign that is still held."""
    campaign = get_object_or_404(Campaign, pk=campaign_id)
    form = CampaignActionForm(request.POST)
    if not form.is_valid():
        return _campaign_page(request, campaign, form)
    held = reads.campaign_held(campaign=campaign)
    count = held.count()
    if form.needs_confirmation(count):
        return _campaign_page(request, campaign, form, confirm_release=True)
    if count > settings.REVIEW_BULK_INLINE_MAX:
        description = f"all {count} held copies of campaign {campaign.pk}"
        action = form.cleaned_data["action"]
        return _to_job(request, held, action, form.cleaned_data["reason"], description)
    action, label = review_call(form.cleaned_data["action"])
    result = actions.review_act(
        messages=held,
        action=action,
        label=label,
        actor_id=_actor(request),
        reason=form.cleaned_data["reason"],
    )
    verb = DONE_VERBS[action] + (f" as {label}" if label else "")
    messages.success(request, _result_notice(verb, result.done, result.skipped))
    return redirect("review:campaign", campaign_id=campaign.pk)


@require_POST
@staff_required
def campaign_suspend(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """Suspend every sender of a campaign at once (each suspension audited with the reason)."""
    campaign = get_object_or_404(Campaign, pk=campaign_id)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _campaign_page(request, campaign, suspend_form=form)
    suspended = actions.campaign_senders_suspend(
        campaign=campaign, reason=form.cleaned_data["reason"], actor_id=_actor(request)
    )
    already = len(reads.campaign_overview(campaign=campaign).senders) - suspended
    notice = f"Suspended {_plural(suspended, 'sender')} of campaign {campaign.pk}."
    if already:
        notice += f" {_plural(already, 'sender')} already suspended."
    messages.success(request, notice)
    return redirect("review:campaign", campaign_id=campaign.pk)


# --- Senders ---------------------------------------------------------------------------------


@require_GET
@staff_required
def senders(request: HttpRequest) -> HttpResponse:
    form = SenderSearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    context = {
        "staff_section": "senders",
        "form": form,
        "query": query,
        "senders": reads.sender_search(query=query),
    }
    return render(request, "review/senders.html", context)


@require_GET
@staff_required
def sender(request: HttpRequest, account_id: str) -> HttpResponse:
    return _sender_page(request, account_id)


def _sender_page(
    request: HttpRequest,
    account_id: str,
    *,
    standing_form: StandingForm | None = None,
    lift_form: ReasonForm | None = None,
    clear_form: ReasonForm | None = None,
) -> HttpResponse:
    overview = reads.sender_overview(account_id=account_id)
    if overview is None:
        raise Http404("No such sender.")
    context = {
        "staff_section": "senders",
        "overview": overview,
        "decisions": Outcome.choices,
        "standing_form": standing_form or StandingForm(),
        "lift_form": lift_form or ReasonForm(prefix="lift"),
        "clear_form": clear_form or ReasonForm(prefix="clear"),
        "queue_query": urlencode({"sender": account_id}),
    }
    crowd = reads.crowd_stop(overview.sender)
    context |= {"crowd": crowd, "crowd_events": reads.crowd_stop_events(crowd) if crowd else []}
    failed = standing_form is not None or lift_form is not None or clear_form is not None
    return render(request, "review/sender.html", context, status=400 if failed else 200)


@require_POST
@staff_required
def sender_crowd_clear(request: HttpRequest, account_id: str) -> HttpResponse:
    """Clear a sender the crowd stopped: good standing again, its held messages released."""
    form = ReasonForm(request.POST, prefix="clear")
    if not form.is_valid():
        return _sender_page(request, account_id, clear_form=form)
    try:
        released = actions.crowd_clear(
            account_id=account_id, reason=form.cleaned_data["reason"], actor_id=_actor(request)
        )
    except DomainError as error:
        form.add_error(None, error.message)
        return _sender_page(request, account_id, clear_form=form)
    messages.success(
        request,
        f"Cleared {account_id}: back in good standing; released {_plural(released, 'message')}.",
    )
    return redirect("review:sender", account_id=account_id)


@require_POST
@staff_required
def sender_standing(request: HttpRequest, account_id: str) -> HttpResponse:
    """Put a sender on hold, suspend them or restore good standing; the next check obeys."""
    form = StandingForm(request.POST)
    if not form.is_valid():
        return _sender_page(request, account_id, standing_form=form)
    try:
        actions.sender_standing_set(
            account_id=account_id,
            standing=form.cleaned_data["standing"],
            reason=form.cleaned_data["reason"],
            actor_id=_actor(request),
        )
    except DomainError as error:
        form.add_error(None, error.message)
        return _sender_page(request, account_id, standing_form=form)
    label = Standing(form.cleaned_data["standing"]).label.lower()
    messages.success(request, f"{account_id} is now {label}; the next check applies it.")
    return redirect("review:sender", account_id=account_id)


@require_POST
@staff_required
def sender_lift(request: HttpRequest, account_id: str) -> HttpResponse:
    """Remove the override: the messaging system's standing applies again."""
    form = ReasonForm(request.POST, prefix="lift")
    if not form.is_valid():
        return _sender_page(request, account_id, lift_form=form)
    try:
        lifted = actions.sender_standing_lift(
            account_id=account_id, reason=form.cleaned_data["reason"], actor_id=_actor(request)
        )
    except DomainError as error:
        form.add_error(None, error.message)
        return _sender_page(request, account_id, lift_form=form)
    label = Standing(lifted.standing).label.lower()
    messages.success(request, f"Lifted the override: {account_id} is {label} again.")
    return redirect("review:sender", account_id=account_id)


# --- A message's audit -----------------------------------------------------------------------


@require_GET
@staff_required
def message(request: HttpRequest, message_id: str) -> HttpResponse:
    """Every decision on one message: the rules that fired, their inputs, the version."""
    return _message_page(request, message_id)


def _message_page(
    request: HttpRequest, message_id: str, *, clear_flag_form: ReasonForm | None = None
) -> HttpResponse:
    audit = presenters.message_audit(message_id=message_id)
    if audit is None:
        raise Http404("No such message.")
    context = {
        "staff_section": "queue",
        "audit": audit,
        "clear_flag_form": clear_flag_form or ReasonForm(prefix="flag"),
        "appeal": Appeal.objects.filter(message__message_id=message_id)
        .select_related("decided_by")
        .first(),
    }
    return render(request, "review/message.html", context, status=400 if clear_flag_form else 200)


@require_POST
@staff_required
def message_clear_flag(request: HttpRequest, message_id: str) -> HttpResponse:
    """Clear a delivered message's review flag: the reviewer looked and it stays delivered."""
    target = get_object_or_404(Message, message_id=message_id)
    form = ReasonForm(request.POST, prefix="flag")
    if not form.is_valid():
        return _message_page(request, message_id, clear_flag_form=form)
    result = actions.review_act(
        messages=[target],
        action=actions.CLEAR_FLAG,
        actor_id=_actor(request),
        reason=form.cleaned_data["reason"],
    )
    if not result.done:
        form.add_error(None, f"Nothing changed: {'; '.join(result.skipped)}.")
        return _message_page(request, message_id, clear_flag_form=form)
    messages.success(request, "Cleared the flag; the message stays delivered.")
    return redirect("review:message", message_id=message_id)


# --- Policy ----------------------------------------------------------------------------------


@require_GET
@staff_required
def policies(request: HttpRequest) -> HttpResponse:
    context = {
        "staff_section": "policy",
        "versions": reads.policy_versions(),
        "active": selectors.policy_get_active(),
    }
    return render(request, "review/policies.html", context)


@require_http_methods(["GET", "POST"])
@staff_required
def policy_new(request: HttpRequest) -> HttpResponse:
    """A new draft, starting from every threshold of the active version."""
    active = selectors.policy_get_active()
    if request.method == "POST":
        form = PolicyEditForm(request.POST)
        if form.is_valid():
            try:
                draft = services.policy_draft(
                    values=form.rule_values(),
                    actor_id=_actor(request),
                    note=form.cleaned_data["note"],
                )
            except DomainError as error:
                problems = error.fields or {"__all__": [error.message]}
                for name, texts in problems.items():
                    for text in texts:
                        form.add_error(name if name in form.fields else None, text)
            else:
                messages.success(
                    request, f"Created draft {draft.version}. Try the what-if, then activate it."
                )
                return redirect("review:policy", number=draft.number)
        status = 400
    else:
        form = PolicyEditForm(
            initial={"note": f"Based on {active.version}", **active.rule_values()}
        )
        status = 200
    context = {"staff_section": "policy", "form": form, "active": active}
    return render(request, "review/policy_new.html", context, status=status)


def _policy_page(
    request: HttpRequest,
    policy: Policy,
    *,
    what_if: actions.WhatIf | None = None,
    what_if_form: WhatIfForm | None = None,
    activate_form: ReasonForm | None = None,
    status: int = 200,
) -> HttpResponse:
    active = selectors.policy_get_active()
    diff = [
        (
            presenters.policy_field_label(name),
            presenters.policy_value_text(name, was),
            presenters.policy_value_text(name, would_be),
        )
        for name, was, would_be in actions.policy_diff(draft=policy, active=active)
    ]
    context = {
        "staff_section": "policy",
        "policy": policy,
        "active": active,
        "values": presenters.policy_values(policy),
        "diff": diff,
        "what_if": what_if,
        # Lists, not Counters: a template's lookup on a Counter answers 0 for any method name.
        "by_reason": what_if.by_reason.most_common() if what_if else [],
        "transitions": sorted(
            (what_if.transitions.items() if what_if else []), key=lambda item: -item[1]
        ),
        "what_if_form": what_if_form or WhatIfForm(),
        "activate_form": activate_form or ReasonForm(),
        "is_rollback": policy.number < active.number,
        "audit": reads.audit_for(target=f"policy:{policy.version}"),
    }
    return render(request, "review/policy.html", context, status=status)


@require_GET
@staff_required
def policy(request: HttpRequest, number: int) -> HttpResponse:
    """One version: its thresholds, a readable diff against the active one, activation."""
    return _policy_page(request, get_object_or_404(Policy, number=number))


@require_GET
@staff_required
def policy_export(request: HttpRequest, number: int) -> HttpResponse:
    """One version's thresholds and rules as a JSON file (what a new draft takes)."""
    version = get_object_or_404(Policy, number=number)
    document = {"version": version.version, "note": version.note, **version.rule_values()}
    response = JsonResponse(document, json_dumps_params={"indent": 2, "sort_keys": True})
    response["Content-Disposition"] = f'attachment; filename="policy-{version.version}.json"'
    return response


@require_GET
@staff_required
def policy_what_if(request: HttpRequest, number: int) -> HttpResponse:
    """Replay the stored decisions of the last days under this version; change nothing."""
    version = get_object_or_404(Policy, number=number)
    form = WhatIfForm(request.GET)
    if not form.is_valid():
        return _policy_page(request, version, what_if_form=form, status=400)
    result = actions.policy_what_if(draft=version, days=form.cleaned_data["days"])
    return _policy_page(request, version, what_if=result, what_if_form=form)


@require_POST
@staff_required
def policy_activate(request: HttpRequest, number: int) -> HttpResponse:
    """Activate this version, or roll back to it; the next check uses it."""
    version = get_object_or_404(Policy, number=number)
    form = ReasonForm(request.POST)
    if form.is_valid() and version.is_active:
        form.add_error(None, f"{version.version} is already the active version.")
    if not form.is_valid():
        return _policy_page(request, version, activate_form=form, status=400)
    previous = selectors.policy_get_active()
    try:
        services.policy_activate(
            policy=version, actor_id=_actor(request), reason=form.cleaned_data["reason"]
        )
    except DomainError as error:
        form.add_error(None, error.message)
        return _policy_page(request, version, activate_form=form, status=400)
    if version.number < previous.number:
        notice = f"Rolled back from {previous.version} to {version.version}."
    else:
        notice = f"Activated {version.version} (was {previous.version})."
    messages.success(request, notice + " The next check uses it.")
    return redirect("review:policies")


# --- Activity log and metrics ----------------------------------------------------------------


@require_GET
@staff_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """Every admin action, newest first: who, what, when, why. Append-only."""
    form = AuditFilterForm(request.GET, actions=reads.audit_actions())
    entries = (
        reads.audit_entries(
            action=form.cleaned_data["action"], target=form.cleaned_data["target"].strip()
        )
        if form.is_valid()
        else reads.audit_entries().none()
    )
    context = {
        "staff_section": "audit",
        "form": form,
        "page": _page(request, entries),
        "filter_query": _query_without_page(request),
    }
    return render(request, "review/audit.html", context)


@require_GET
@staff_required
def metrics(request: HttpRequest) -> HttpResponse:
    overview = stats.metrics_overview()
    context = {
        "staff_section": "metrics",
        "overview": overview,
        "charts": charts.metrics_charts(overview),
    }
    return render(request, "review/metrics.html", context)
