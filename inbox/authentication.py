"""Bearer-key authentication for the messaging system's service calls."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from .models import ServiceToken
from .services import token_hash

_LAST_USED_RESOLUTION = timedelta(minutes=1)
_ACTIVE_KEY = (
    "SELECT id, name, last_used_at FROM inbox_servicetoken"
    " WHERE key_hash = %s AND revoked_at IS NULL"
)


class ServiceClient:
    """The principal of a request made with a service key."""

    is_authenticated = True
    is_active = True
    is_staff = False
    is_anonymous = False

    def __init__(self, token: ServiceToken) -> None:
        self.token = token

    def __str__(self) -> str:
        return f"service:{self.token.name}"


class ServiceTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer <key>`; the key's SHA-256 is looked up, never the key itself."""

    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Send the key as `Authorization: Bearer <key>`.")
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("The key is not valid.") from None
        # Not cached here: a cache filled by a request racing a revocation would keep the key
        # alive. (`KnownKeys` caches for a caller that confirms the key in its own read.)
        # One indexed row read on every request: a plain statement, not a query the ORM builds.
        token = active_key(key)
        if token is None:
            raise exceptions.AuthenticationFailed("The key is not valid or has been revoked.")
        note_use(token)
        return ServiceClient(token), token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword


def bearer_key(request: HttpRequest) -> str | None:
    """Return the key of a well-formed `Authorization: Bearer <key>` header, else None."""
    # DRF's reading of the header (it only reads META), so both paths split it the same way.
    header = authentication.get_authorization_header(request).split()  # type: ignore[arg-type]
    if len(header) != 2 or header[0].lower() != b"bearer":
        return None
    try:
        return header[1].decode("ascii")
    except UnicodeDecodeError:
        return None


def active_key(key: str) -> ServiceToken | None:
    """Return the active service token of `key`, or None."""
    return next(iter(ServiceToken.objects.raw(_ACTIVE_KEY, [token_hash(key)])), None)


def note_use(token: ServiceToken) -> None:
    """Record when `token` was last used, to the minute (one write a minute, not a request)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > _LAST_USED_RESOLUTION:
        # Never after a revocation: a revoked key's last use is before it.
        ServiceToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(last_used_at=now)
        token.last_used_at = now


class KnownKeys:
    """Active service keys this process has seen, by their hash, for a caller that confirms them.

    A cached key may have been revoked since: whoever uses one must confirm it in a read of its
    own before it writes anything (the delivery check reads `key_active` with everything else,
    issue 13) and `forget` it when it is gone. Only keys found active are kept, so the cache
    holds at most one entry per service token, whatever keys a caller tries.
    """

    def __init__(self) -> None:
        self._tokens: dict[str, ServiceToken] = {}

    def token(self, key: str) -> ServiceToken | None:
        """Return the cached or active token of `key`, or None when it is not an active key.

        The caller confirms it, then calls `note_use`."""
        digest = token_hash(key)
        token = self._tokens.get(digest)
        if token is None:
            token = active_key(key)
            if token is None:
                return None
            self._tokens[digest] = token
        return token

    def forget(self, key: str) -> None:
        self._tokens.pop(token_hash(key), None)


class ServiceTokenScheme(OpenApiAuthenticationExtension):
    """Describe the bearer key in the OpenAPI schema."""

    target_class = "inbox.authentication.ServiceTokenAuthentication"
    name = "serviceKey"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A key from create_service_token.",
        }
