"""Who may call what: the service key, a freelancer for their own account, staff."""

from __future__ import annotations

from typing import Any

from rest_framework import permissions
from rest_framework.request import Request

from .errors import NotFound


def is_service(request: Request) -> bool:
    """Return whether the caller authenticated with a service key (see inbox.authentication)."""
    return bool(getattr(request.auth, "is_service_key", False))


class IsService(permissions.BasePermission):
    """Only the messaging system's service key."""

    message = "This call needs a service key."

    def has_permission(self, request: Request, view: Any) -> bool:
        return is_service(request)


class IsServiceOrStaff(permissions.BasePermission):
    """The service key, or a staff reviewer's session."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return is_service(request) or bool(getattr(request.user, "is_staff", False))


class IsServiceOrSignedIn(permissions.BasePermission):
    """The service key, or a signed-in user (whose access is checked per account)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return is_service(request) or bool(request.user and request.user.is_authenticated)


def ensure_account_access(request: Request, account_id: str) -> None:
    """Raise NotFound unless the caller is the service, staff, or this freelancer.

    Someone else's account answers 404, not 403, so its existence is not revealed.
    """
    if is_service(request):
        return
    user = request.user
    if getattr(user, "is_staff", False):
        return
    freelancer = getattr(user, "freelancer", None)
    if freelancer is None or freelancer.account_id != account_id:
        raise NotFound("No such freelancer.")
