"""HTMX helpers: the request as django-htmx leaves it, and the answer to a form post."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request as django-htmx's middleware leaves it (for type checking)."""

    htmx: HtmxDetails


def respond(
    request: HtmxHttpRequest, template: str, context: dict[str, Any], *, fallback: str
) -> HttpResponse:
    """Render the page's partial for HTMX, or redirect after a plain form post (PRG)."""
    if request.htmx:
        return render(request, template, context)
    if context.get("notice"):
        messages.success(request, context["notice"])
    return redirect(fallback)


def respond_to_form(
    request: HtmxHttpRequest,
    *,
    failed: bool,
    context: dict[str, Any],
    partial: str,
    page: str,
    fallback: str,
) -> HttpResponse:
    """Answer a form post: the partial for HTMX; without HTMX the whole page again when the form
    failed (400), else a redirect that shows the notice (PRG)."""
    status = 400 if failed else 200
    if request.htmx:
        return render(request, partial, context, status=status)
    if failed:
        return render(request, page, context, status=status)
    messages.success(request, context["notice"])
    return redirect(fallback)
