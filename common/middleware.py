"""Request plumbing the API's parsers cannot see: bodies sent without a length."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

from .errors import error_body

LENGTH_REQUIRED = (
    "Send the body with a Content-Length header: chunked transfer encoding is not supported."
)


def length_required(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable:
    """Answer 411 to a chunked body instead of reading it as empty.

    WSGI servers pass a chunked body without a CONTENT_LENGTH, and Django reads such a body as
    empty, so a chunked `POST /api/v1/messages` would be refused as "field required" — a wrong
    answer about a request that was never read.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        chunked = "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
        if chunked and not request.META.get("CONTENT_LENGTH"):
            return JsonResponse(error_body("length_required", LENGTH_REQUIRED), status=411)
        return get_response(request)

    return middleware
