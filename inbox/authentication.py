"""Bearer-key authentication for the messaging system's service calls."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

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
        # Not cached: a cache filled by a request racing a revocation would keep the key alive.
        # One indexed row read on every request: a plain statement, not a query the ORM builds.
        token = next(iter(ServiceToken.objects.raw(_ACTIVE_KEY, [token_hash(key)])), None)
        if token is None:
            raise exceptions.AuthenticationFailed("The key is not valid or has been revoked.")
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > _LAST_USED_RESOLUTION:
            ServiceToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return ServiceClient(token), token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword


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
