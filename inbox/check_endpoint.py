"""`POST /api/v1/messages` without DRF's per-request machinery (issue 13, the thin endpoint).

The delivery check runs on every message of the marketplace, and DRF's dispatch (its Request,
content negotiation, a fresh serializer whose declared fields are deep-copied for every request,
its Response) was about a quarter of the check's Python time. This view answers a plain, valid
request itself with the very same pieces, built once per process: `MessageCheckApi`'s input
serializer (its `run_validation`, which changes no state), the service, `DecisionOutputSerializer`
and DRF's JSON renderer. The service key is looked up once per process (`KnownKeys`) and
confirmed by the check's own read of everything (`key_active`): a key revoked since is refused on
its next request, with nothing written, by DRF.

Everything else goes to `MessageCheckApi` unchanged: a missing or wrong key, a session, another
media type or `Accept`, a query string (`?format=`), a body that is too large, not JSON or not
valid, an error from the service (which DRF then runs again: the check is idempotent). So
every error is DRF's own answer, and the OpenAPI description is `MessageCheckApi`'s (the
wrapper carries its `cls`). `tests/inbox/api_messages/test_thin_endpoint.py` checks that both
paths answer byte for byte the same.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from rest_framework import exceptions
from rest_framework.renderers import JSONRenderer

from common.errors import DATABASE_UNAVAILABLE, DomainError

from .api import DecisionOutputSerializer, MessageCheckApi, message_check
from .authentication import KnownKeys, bearer_key, note_use
from .services import KeyRevoked

_MEDIA_TYPES = frozenset({"application/json", "application/json;charset=utf-8"})
# What DRF's content negotiation answers with JSON (the API's only renderer).
_ACCEPTS = frozenset({"", "*/*", "application/json", "application/*"})

_input = MessageCheckApi.MessageCheckInputSerializer()
_output = DecisionOutputSerializer()
_renderer = JSONRenderer()
# Service keys by hash, confirmed by the check's own read (no key query per request; a revoked
# key is refused on its next request all the same).
_keys = KnownKeys()
_allow = ", ".join(MessageCheckApi().allowed_methods)  # the header DRF's view adds

View = Callable[[HttpRequest], HttpResponse]


def message_check_view() -> View:
    """Return the URL's view: the fast path, falling back to `MessageCheckApi`."""
    full_view = MessageCheckApi.as_view()

    @functools.wraps(full_view)  # its cls, initkwargs and csrf_exempt: the schema and CSRF
    def view(request: HttpRequest) -> HttpResponse:
        answer = thin_answer(request)
        return full_view(request) if answer is None else answer

    return view


def thin_answer(request: HttpRequest) -> HttpResponse | None:
    """Return the answer to a plain, valid, authenticated check, or None to let DRF answer."""
    meta = request.META
    if request.method != "POST" or meta.get("QUERY_STRING"):  # DRF reads ?format=
        return None
    if meta.get("CONTENT_TYPE", "").lower().replace(" ", "") not in _MEDIA_TYPES:
        return None
    if meta.get("HTTP_ACCEPT", "") not in _ACCEPTS:
        return None
    try:
        length = int(meta.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    if not 0 < length <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
        return None
    try:
        return _check(request)
    except (DomainError, *DATABASE_UNAVAILABLE):
        return None  # the check is idempotent: DRF runs it again and words the error


def _check(request: HttpRequest) -> HttpResponse | None:
    key = bearer_key(request)
    token = None if key is None else _keys.token(key)
    if key is None or token is None:
        return None
    try:
        data = json.loads(request.body.decode("utf-8"))
        validated = _input.run_validation(data)
    except (ValueError, UnicodeDecodeError, RecursionError, exceptions.ValidationError):
        return None  # json's errors are ValueErrors; DRF words each of these its own way
    try:
        message, created = message_check(validated, confirm_key=token.pk)
    except KeyRevoked:
        _keys.forget(key)  # revoked since this process cached it: DRF refuses it
        return None
    note_use(token)
    response = HttpResponse(
        _renderer.render(_output.to_representation(message)),
        status=201 if created else 200,
        content_type="application/json",
    )
    response["Allow"] = _allow
    return response
