"""The freelancer's settings pages: who may contact them, blocks, trusted senders, filters."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from common.errors import DomainError
from common.htmx import HtmxHttpRequest, respond, respond_to_form

from . import selectors, services
from .forms import BlockForm, ContactModesForm, DigestForm, KeywordForm, SenderForm
from .models import Freelancer
from .ports import SenderIdentity, policy_facts, senders_known_to

View = Callable[..., HttpResponse]


def freelancer_required(view: View) -> View:
    """Sign-in required, and the user must be a freelancer (staff use the review pages)."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        freelancer = getattr(request.user, "freelancer", None)
        if freelancer is None:
            raise Http404("No freelancer account is linked to this login.")
        return view(request, freelancer, *args, **kwargs)

    return wrapper


MODE_EXPLANATIONS = {
    "allow": "Clients who meet the platform's rules reach your inbox directly.",
    "requests": "Their messages wait in Message requests until you accept; they can't tell if "
    "you've seen them.",
    "off": "Clients you haven't worked with can't send this; they are told you're not accepting "
    "it and to use a job post instead.",
}


@freelancer_required
@require_http_methods(["GET", "POST"])
def contact_settings(request: HtmxHttpRequest, freelancer: Freelancer) -> HttpResponse:
    current = selectors.preferences_in_effect(freelancer)
    form = ContactModesForm(request.POST or None, initial=current)
    saved = False
    if request.method == "POST" and form.is_valid():
        # Only what changed: an untouched mode stays "policy default" and follows policy changes.
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        services.preferences_update(account_id=freelancer.account_id, changes=changes)
        saved = True
        if not request.htmx:
            messages.success(request, "Saved.")
            return redirect("ui:contact")
    context = {
        "form": form,
        "saved": saved,
        "rules": policy_facts().sender_rules,
        "explanations": MODE_EXPLANATIONS,
        "section": "contact",
    }
    template = "preferences/_contact_form.html" if request.htmx else "preferences/contact.html"
    return render(request, template, context, status=400 if form.errors else 200)


def _named(freelancer: Freelancer, entries: Iterable[Any]) -> list[tuple[Any, SenderIdentity]]:
    """Pair each entry (a block, a trusted sender) with what is known of its sender: the name
    and organization of a sender who wrote to this freelancer, else the account id alone."""
    entries = list(entries)
    known = {
        sender.account_id: sender
        for sender in senders_known_to(
            freelancer.account_id, ids=[entry.sender_id for entry in entries]
        )
    }
    return [
        (entry, known.get(entry.sender_id) or SenderIdentity(account_id=entry.sender_id))
        for entry in entries
    ]


def _known(freelancer: Freelancer, sender_id: str) -> SenderIdentity | None:
    """What is known of a sender who wrote to the freelancer (None: nobody by that id did)."""
    found = senders_known_to(freelancer.account_id, ids=[sender_id])
    return found[0] if found else None


def _called(sender_id: str, known: SenderIdentity | None) -> str:
    """A sender as the notices call them: "Name (id)" if they wrote to the freelancer."""
    return f"{known.display_name} ({sender_id})" if known and known.display_name else sender_id


@freelancer_required
def sender_search(request: HtmxHttpRequest, freelancer: Freelancer) -> HttpResponse:
    """The suggestions for the client field: senders who wrote to this freelancer, by name or id
    (the `<option>`s of its datalist)."""
    query = request.GET.get("sender_id", "")[:128]
    found = senders_known_to(freelancer.account_id, query=query, limit=20)
    return render(request, "preferences/_sender_options.html", {"senders": found})


def _blocked_context(freelancer: Freelancer, **extra: Any) -> dict[str, Any]:
    return {
        "blocks": _named(freelancer, selectors.block_list(freelancer=freelancer)),
        "form": BlockForm(),
        "section": "blocked",
        **extra,
    }


@freelancer_required
def blocked(request: HtmxHttpRequest, freelancer: Freelancer) -> HttpResponse:
    return render(request, "preferences/blocked.html", _blocked_context(freelancer))


@freelancer_required
@require_POST
def block_add(request: HtmxHttpRequest, freelancer: Freelancer) -> HttpResponse:
    form = BlockForm(request.POST)
    extra: dict[str, Any] = {}
    known = _known(freelancer, form.cleaned_data["sender_id"]) if form.is_valid() else None
    if form.is_valid() and form.confirm_unknown(known=known is not None):
        try:
            block, created = services.block_create(
                account_id=freelancer.account_id,
                sender_id=form.cleaned_data["sender_id"],
                scope=form.cleaned_data["scope"],
            )
        except DomainError as error:
            form.add_error("scope", error.message)
        else:
            verb = "Blocked" if created else "Already blocked"
            who = _called(block.sender_id, known)
            extra["notice"] = f"{verb} {who}: {block.get_scope_display().lower()}."
    if form.errors:
        extra["form"] = form
    return respond_to_form(
        request,
        failed=bool(form.errors),
        context=_blocked_context(freelancer, **extra),
        partial="preferences/_blocked_list.html",
        page="preferences/blocked.html",
        fallback="ui:blocked",
    )


@freelancer_required
@require_POST
def block_remove(request: HtmxHttpRequest, freelancer: Freelancer, block_id: int) -> HttpResponse:
    block = selectors.block_list(freelancer=freelancer).filter(pk=block_id).first()
    if block is None:
        raise Http404("No such block.")
    services.block_delete(account_id=freelancer.account_id, block_id=block.pk)
    undo = {"sender_id": block.sender_id, "scope": block.scope}
    notice = f"Unblocked {_called(block.sender_id, _known(freelancer, block.sender_id))}."
    context = _blocked_context(freelancer, undo=undo, notice=notice)
    return respond(request, "preferences/_blocked_list.html", context, fallback="ui:blocked")


def _simple_list_context(freelancer: Freelancer, **extra: Any) -> dict[str, Any]:
    return {
        "allowed": _named(freelancer, selectors.allowed_list(freelancer=freelancer)),
        "keywords": list(freelancer.keyword_filters or []),
        "allowed_form": SenderForm(),
        "keyword_form": KeywordForm(),
        "digest_form": DigestForm(initial={"digest_enabled": freelancer.digest_enabled}),
        **extra,
    }


@freelancer_required
def trusted(request: HtmxHttpRequest, freelancer: Freelancer) -> HttpResponse:
    context = _simple_list_context(freelancer, section="trusted")
    return render(request, "preferences/trusted.html", context)


@freelancer_required
@require_POST
def trusted_add(request: HtmxHttpRequest, freelancer: Freelancer) -> HttpResponse:
    form = SenderForm(request.POST)
    extra: dict[str, Any] = {"section": "trusted"}
    known = _known(freelancer, form.cleaned_data["sender_id"]) if form.is_valid() else None
    if form.is_valid() and form.confirm_unknown(known=known is not None):
        sender_id = form.cleaned_data["sender_id"]
        services.allowed_create(account_id=freelancer.account_id, sender_id=sender_id)
        extra["notice"] = f"{_called(sender_id, known)} is now trusted."
    else:
        extra["allowed_form"] = form
    return respond_to_form(
        request,
        failed=bool(form.errors),
        context=_simple_list_context(freelancer, **extra),
        partial="preferences/_trusted_list.html",
        page="preferences/trusted.html",
        fallback="ui:trusted",
    )


@freelancer_required
@require_POST
def trusted_remove(
    request: HtmxHttpRequest, freelancer: Freelancer, allowed_id: int
) -> HttpResponse:
    try:
        services.allowed_delete(account_id=freelancer.account_id, allowed_id=allowed_id)
    except DomainError:
        raise Http404("No such trusted sender.") from None
    context = _simple_list_context(freelancer, section="trusted", notice="Removed.")
    return respond(request, "preferences/_trusted_list.html", context, fallback="ui:trusted")


@freelancer_required
def filters(request: HtmxHttpRequest, freelancer: Freelancer) -> HttpResponse:
    context = _simple_list_context(freelancer, section="filters")
    return render(request, "preferences/filters.html", context)


@freelancer_required
@require_POST
def filter_add(request: HtmxHttpRequest, freelancer: Freelancer) -> HttpResponse:
    form = KeywordForm(request.POST)
    extra: dict[str, Any] = {"section": "filters"}
    if form.is_valid():
        phrase = form.cleaned_data["phrase"]
        before = list(freelancer.keyword_filters or [])
        try:
            freelancer = services.preferences_update(
                account_id=freelancer.account_id, changes={"keyword_filters": [*before, phrase]}
            )
        except DomainError as error:
            form.add_error(
                "phrase", error.fields["keyword_filters"][0] if error.fields else error.message
            )
        else:
            added = len(freelancer.keyword_filters) > len(before)
            extra["notice"] = f"Filtering “{phrase}”." if added else "That filter is already on."
    if form.errors:
        extra["keyword_form"] = form
    return respond_to_form(
        request,
        failed=bool(form.errors),
        context=_simple_list_context(freelancer, **extra),
        partial="preferences/_filter_list.html",
        page="preferences/filters.html",
        fallback="ui:filters",
    )


@freelancer_required
@require_POST
def filter_remove(request: HtmxHttpRequest, freelancer: Freelancer) -> HttpResponse:
    phrase = request.POST.get("phrase", "")
    remaining = [kept for kept in freelancer.keyword_filters or [] if kept != phrase]
    freelancer = services.preferences_update(
        account_id=freelancer.account_id, changes={"keyword_filters": remaining}
    )
    context = _simple_list_context(freelancer, section="filters", notice=f"Removed “{phrase}”.")
    return respond(request, "preferences/_filter_list.html", context, fallback="ui:filters")


@freelancer_required
@require_http_methods(["GET", "POST"])
def digest(request: HtmxHttpRequest, freelancer: Freelancer) -> HttpResponse:
    if request.method == "POST":
        form = DigestForm(request.POST)
        form.is_valid()
        freelancer = services.preferences_update(
            account_id=freelancer.account_id,
            changes={"digest_enabled": form.cleaned_data.get("digest_enabled", False)},
        )
        if not request.htmx:
            messages.success(request, "Saved.")
            return redirect("ui:digest")
    context = _simple_list_context(freelancer, section="digest", saved=request.method == "POST")
    template = "preferences/_digest_form.html" if request.htmx else "preferences/digest.html"
    return render(request, template, context)


@freelancer_required
def export(request: HtmxHttpRequest, freelancer: Freelancer) -> HttpResponse:
    """Download the freelancer's own settings and lists as JSON."""
    data = {
        "account_id": freelancer.account_id,
        "preferences": selectors.preferences_in_effect(freelancer),
        "blocks": [
            {
                "sender_id": block.sender_id,
                "scope": block.scope,
                "organization_id": block.organization_id or None,
                "created_at": block.created_at.isoformat(),
            }
            for block in selectors.block_list(freelancer=freelancer)
        ],
        "trusted_senders": [
            {"sender_id": entry.sender_id, "created_at": entry.created_at.isoformat()}
            for entry in selectors.allowed_list(freelancer=freelancer)
        ],
    }
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="inbox-guard-{freelancer.account_id}.json"'
    )
    return response
