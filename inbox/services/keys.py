"""The messaging system's API keys: created (shown once), revoked; only a hash is stored."""

from __future__ import annotations

import hashlib
import secrets

from django.utils import timezone

from common.errors import Invalid

from ..models import (
    ServiceToken,
)

# --- Service tokens --------------------------------------------------------------------------

TOKEN_PREFIX = "igk_"  # noqa: S105 (a marker that makes leaked keys greppable, not a secret)


def token_hash(key: str) -> str:
    # Keys are 256-bit random strings, so a fast hash is enough; no password stretching needed.
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def service_token_create(*, name: str) -> tuple[ServiceToken, str]:
    """Create an API key; return the stored token and the key, which is shown only this once."""
    if not name.strip():
        raise Invalid("A service token needs a name.", fields={"name": ["This field is required."]})
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ServiceToken.objects.create(
        name=name.strip(), prefix=key[: len(TOKEN_PREFIX) + 6], key_hash=token_hash(key)
    )
    return token, key


def service_token_revoke(*, token: ServiceToken) -> ServiceToken:
    """Revoke a key; the next request with it is refused."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
