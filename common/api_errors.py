"""The contract's error shape for every API failure: {"error": {"code", "message", "fields"}}."""

from __future__ import annotations

import json
import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from rest_framework import exceptions, status
from rest_framework.parsers import BaseParser
from rest_framework.response import Response
from rest_framework.views import set_rollback

from .errors import DATABASE_UNAVAILABLE, DomainError, error_body

logger = logging.getLogger(__name__)

UNAVAILABLE = "The service's database is briefly unavailable. Retry after the Retry-After seconds."

_CODES = {
    exceptions.ParseError: "malformed_json",
    exceptions.AuthenticationFailed: "not_authenticated",
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.PermissionDenied: "permission_denied",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.NotAcceptable: "not_acceptable",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.Throttled: "throttled",
    exceptions.ValidationError: "validation_error",
}


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is larger than the API accepts."
    default_code = "request_too_large"


class LimitedJSONParser(BaseParser):
    """A JSON parser that refuses bodies over DATA_UPLOAD_MAX_MEMORY_SIZE before reading them.

    Not a subclass of DRF's JSONParser on purpose: for those DRF reads `request.body` first,
    which raises Django's RequestDataTooBig (an HTML 400) before any size check here could run.
    """

    media_type = "application/json"

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        request = (parser_context or {}).get("request")
        declared = int(request.META.get("CONTENT_LENGTH") or 0) if request is not None else 0
        if declared > limit:
            raise RequestTooLarge(f"The request body is over {limit // 1024} KiB.")
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise RequestTooLarge(f"The request body is over {limit // 1024} KiB.")
        try:
            return json.loads(raw.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as error:
            raise exceptions.ParseError(f"The body is not valid JSON: {error}") from None
        except RecursionError:
            raise exceptions.ParseError("The body is nested too deeply.") from None


def exception_handler(exc: Exception, context: dict[str, Any]) -> HttpResponse | None:
    """Render every API error in the contract's shape; unknown exceptions stay 500s."""
    if isinstance(exc, DomainError):
        set_rollback()
        return Response(error_body(exc.code, exc.message, exc.fields), status=exc.status)
    if isinstance(exc, DATABASE_UNAVAILABLE):
        return json_unavailable(context["request"], exc)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        return None
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header  # type: ignore[attr-defined]
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))  # type: ignore[attr-defined]
    code = _CODES.get(type(exc), getattr(exc, "default_code", "error"))
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail)
        if not isinstance(fields, dict):
            fields = {"non_field_errors": fields}
        message = "The request has invalid fields: " + ", ".join(sorted(fields)) + "."
        response = Response(error_body(code, message, fields), status=exc.status_code)
    else:
        response = Response(error_body(code, str(exc.detail)), status=exc.status_code)
    for name, value in headers.items():
        response[name] = value
    set_rollback()
    return response


def _flatten(detail: Any) -> Any:
    if isinstance(detail, dict):
        return {str(key): _flatten(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_flatten(item) for item in detail]
    return str(detail)


def json_not_found(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    """Answer unknown URLs with the contract's JSON error (handler404)."""
    return JsonResponse(error_body("not_found", "Nothing is at this address."), status=404)


def json_bad_request(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    """Answer requests Django refuses before any view (handler400) with JSON."""
    return JsonResponse(error_body("bad_request", "The request could not be read."), status=400)


def json_server_error(request: HttpRequest) -> JsonResponse:
    """Answer unexpected failures with JSON, never an HTML page (handler500)."""
    return JsonResponse(
        error_body("server_error", "Something went wrong on our side; it has been logged."),
        status=500,
    )


def _retry_after() -> str:
    return str(settings.DATABASE_RETRY_AFTER_SECONDS)


def json_unavailable(request: HttpRequest, exception: Exception) -> JsonResponse:
    """Answer 503 in the error shape, with Retry-After: the database is down for a moment (from
    an API view, or from handler500 where the failure reached none)."""
    logger.warning("Database unavailable: %s", exception)
    response = JsonResponse(error_body("unavailable", UNAVAILABLE), status=503)
    response["Retry-After"] = _retry_after()
    return response


def page_unavailable(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The web pages' 503: a plain page that needs no database (no session, no user)."""
    logger.warning("Database unavailable: %s", exception)
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = _retry_after()
    return response
