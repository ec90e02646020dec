"""The messaging system's API keys (only a hash of each is stored)."""

from __future__ import annotations

from django.db import models


class ServiceToken(models.Model):
    """An API key of the messaging system. Only a SHA-256 of the key is stored."""

    # What the permissions ask of `request.auth` (common.permissions.is_service).
    is_service_key = True

    name = models.CharField(max_length=100)
    prefix = models.CharField(
        max_length=16, help_text="The key's first characters, to tell keys apart."
    )
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
