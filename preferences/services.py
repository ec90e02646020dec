"""Writes for freelancer preferences: modes, keyword filters, blocks and trusted senders."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from common.errors import Invalid, NotFound
from common.fields import ID_PATTERN
from common.text import phrase_pattern, skeleton, strip_unsafe

from .choices import BlockScope, ContactMode
from .models import AllowedSender, Block, Freelancer
from .ports import block_made, sender_identity

MAX_KEYWORD_FILTERS = 200
MAX_KEYWORD_LENGTH = 100


def freelancer_get_or_create(*, account_id: str) -> Freelancer:
    """Return the freelancer's row, creating it (with policy defaults) on first use."""
    try:
        with transaction.atomic():
            freelancer, _ = Freelancer.objects.get_or_create(account_id=account_id)
            return freelancer
    except IntegrityError:
        return Freelancer.objects.get(account_id=account_id)


def preferences_update(*, account_id: str, changes: dict[str, Any]) -> Freelancer:
    """Apply a partial update of modes, keyword filters and the digest choice.

    Everything is validated before anything is written, so a refused update changes nothing.
    """
    values: dict[str, Any] = {}
    for kind, field in (("direct", "direct_mode"), ("job_invite", "job_invite_mode")):
        if kind in changes:
            if changes[kind] not in ContactMode.values:
                raise Invalid(
                    "Unknown contact mode.", fields={kind: ["Use allow, requests or off."]}
                )
            values[field] = changes[kind]
    if "keyword_filters" in changes:
        values["keyword_filters"] = keyword_filters_clean(changes["keyword_filters"])
    if "digest_enabled" in changes:
        values["digest_enabled"] = bool(changes["digest_enabled"])
    freelancer = freelancer_get_or_create(account_id=account_id)
    if values:
        for field, value in values.items():
            setattr(freelancer, field, value)
        freelancer.save(update_fields=[*values, "updated_at"])
    return freelancer


def keyword_filters_clean(phrases: list[str]) -> list[str]:
    """Return the filters trimmed and de-duplicated (case-insensitively), or raise Invalid."""
    if len(phrases) > MAX_KEYWORD_FILTERS:
        raise Invalid(
            "Too many keyword filters.",
            fields={"keyword_filters": [f"At most {MAX_KEYWORD_FILTERS} filters."]},
        )
    cleaned: dict[str, str] = {}
    for phrase in phrases:
        text = " ".join(strip_unsafe(phrase).split())  # no bidi overrides or zero-widths
        if len(text) > MAX_KEYWORD_LENGTH:
            raise Invalid(
                "A keyword filter is too long.",
                fields={
                    "keyword_filters": [f"Each filter has at most {MAX_KEYWORD_LENGTH} characters."]
                },
            )
        if phrase_pattern(text) is None:
            raise Invalid(
                "A keyword filter has no letters or digits.",
                fields={"keyword_filters": ["A filter needs letters or digits to match anything."]},
            )
        cleaned.setdefault(skeleton(text), text)  # "crypto" with look-alikes is the same filter
    return list(cleaned.values())


def block_create(*, account_id: str, sender_id: str, scope: str) -> tuple[Block, bool]:
    """Block a sender, their organization or their linked accounts; return it and if it is new.

    The organization and identity key are captured now from the sender's facts, so the block keeps
    covering accounts that join the organization or share the key later.
    """
    if scope not in BlockScope.values:
        raise Invalid(
            "Unknown block scope.", fields={"scope": ["Use account, organization or linked."]}
        )
    freelancer = freelancer_get_or_create(account_id=account_id)
    facts = sender_identity(sender_id)
    organization_id, identity_key = facts.organization_id, facts.identity_key
    if scope == BlockScope.ORGANIZATION and not organization_id:
        raise Invalid(
            "This sender has no known organization; block the account instead.",
            fields={"scope": ["The sender has no organization."]},
        )
    if scope == BlockScope.LINKED and not identity_key:
        raise Invalid(
            "No accounts are known to be linked to this sender; block the account instead.",
            fields={"scope": ["The sender has no linked accounts."]},
        )
    try:
        with transaction.atomic():
            block, created = Block.objects.get_or_create(
                freelancer=freelancer,
                sender_id=sender_id,
                scope=scope,
                defaults={"organization_id": organization_id, "identity_key": identity_key},
            )
            if created:
                transaction.on_commit(lambda: block_made(block.pk))
            return block, created
    except IntegrityError:
        return Block.objects.get(freelancer=freelancer, sender_id=sender_id, scope=scope), False


def block_delete(*, account_id: str, block_id: int) -> None:
    """Remove one of the freelancer's blocks."""
    deleted, _ = Block.objects.filter(id=block_id, freelancer__account_id=account_id).delete()
    if not deleted:
        raise NotFound("No such block.")


def allowed_create(*, account_id: str, sender_id: str) -> tuple[AllowedSender, bool]:
    """Trust a sender; return the entry and whether it is new."""
    freelancer = freelancer_get_or_create(account_id=account_id)
    try:
        with transaction.atomic():
            return AllowedSender.objects.get_or_create(freelancer=freelancer, sender_id=sender_id)
    except IntegrityError:
        return AllowedSender.objects.get(freelancer=freelancer, sender_id=sender_id), False


def allowed_delete(*, account_id: str, allowed_id: int) -> None:
    """Stop trusting a sender."""
    deleted, _ = AllowedSender.objects.filter(
        id=allowed_id, freelancer__account_id=account_id
    ).delete()
    if not deleted:
        raise NotFound("No such trusted sender.")


def freelancer_login_set(*, account_id: str, password: str) -> tuple[Freelancer, bool]:
    """Create the freelancer's web login, or reset its password; return it and if it is new."""
    if not re.fullmatch(ID_PATTERN, account_id):
        raise Invalid(f"{account_id!r} is not a valid account id.")
    if not password:
        raise Invalid("The password may not be empty.")
    user_model = get_user_model()
    # The validators of AUTH_PASSWORD_VALIDATORS, as for every password the project sets; they
    # compare it with the account id, so they see the user it will belong to.
    try:
        validate_password(password, user=user_model(username=account_id))
    except ValidationError as error:
        raise Invalid("The password is too weak: " + " ".join(error.messages)) from None
    with transaction.atomic():
        freelancer = freelancer_get_or_create(account_id=account_id)
        user, created = user_model.objects.get_or_create(username=account_id)
        user.set_password(password)
        user.save()
        if freelancer.user_id != user.pk:
            freelancer.user = user
            freelancer.save(update_fields=["user", "updated_at"])
    return freelancer, created
