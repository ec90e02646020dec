"""Domain errors raised by services; the API maps each to the contract's JSON error."""

from __future__ import annotations

from typing import Any

from django.db import InterfaceError, OperationalError

# The database could not be reached, or dropped the connection (a restart, a failover). The API
# answers 503 with Retry-After, never a 500. A deadlock or a serialization failure is an
# OperationalError too, and a retry is the right answer to those as well.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def error_body(code: str, message: str, fields: dict[str, Any] | None = None) -> dict[str, Any]:
    """Return the contract's error shape: {"error": {"code", "message", "fields"?}}."""
    error: dict[str, Any] = {"code": code, "message": message}
    if fields:
        error["fields"] = fields
    return {"error": error}


class DomainError(Exception):
    """A request the domain refuses, with the HTTP status and code the API answers with."""

    status = 400
    code = "invalid"

    def __init__(self, message: str, *, fields: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields


class Invalid(DomainError):
    status = 400
    code = "validation_error"


class NotFound(DomainError):
    status = 404
    code = "not_found"


class Conflict(DomainError):
    status = 409
    code = "conflict"
