"""A freelancer's preferences API (CONTRACT §7): modes, keyword filters, blocks, trusted senders."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from common.api import FreelancerApi
from common.fields import (
    IdField,
    InputSerializer,
    StrictBooleanField,
    StrictCharField,
    StrictChoiceField,
)
from common.pagination import page_schema

from . import selectors, services
from .choices import BlockScope, ContactMode
from .models import AllowedSender, Block


class PreferencesSerializer(InputSerializer):
    direct = StrictChoiceField(choices=ContactMode.choices, required=False)
    job_invite = StrictChoiceField(choices=ContactMode.choices, required=False)
    keyword_filters = serializers.ListField(
        child=StrictCharField(
            max_length=services.MAX_KEYWORD_LENGTH,
            help_text="A word or phrase with at least one letter or digit.",
        ),
        max_length=services.MAX_KEYWORD_FILTERS,
        required=False,
    )
    digest_enabled = StrictBooleanField(required=False)


class PreferencesApi(FreelancerApi):
    """Who may contact the freelancer unsolicited, and their keyword filters."""

    @extend_schema(responses={200: PreferencesSerializer})
    def get(self, request: Request, account_id: str) -> Response:
        return Response(
            selectors.preferences_in_effect(selectors.freelancer_get(account_id=account_id))
        )

    @extend_schema(request=PreferencesSerializer, responses={200: PreferencesSerializer})
    def patch(self, request: Request, account_id: str) -> Response:
        changes = PreferencesSerializer(data=request.data)
        changes.is_valid(raise_exception=True)
        freelancer = services.preferences_update(
            account_id=account_id, changes=changes.validated_data
        )
        return Response(selectors.preferences_in_effect(freelancer))


class BlockSerializer(serializers.ModelSerializer):
    class Meta:
        model = Block
        fields = ["id", "sender_id", "scope", "organization_id", "identity_key", "created_at"]


class BlockListCreateApi(FreelancerApi):
    """The freelancer's blocks."""

    class BlockInputSerializer(InputSerializer):
        sender_id = IdField()
        scope = StrictChoiceField(
            choices=BlockScope.choices,
            required=False,
            default="account",
            help_text="`organization` needs a sender with an organization_id, `linked` one "
            "with linked accounts (a shared identity_key); 400 otherwise.",
        )

    @extend_schema(**page_schema(BlockSerializer, "BlockPage"))
    def get(self, request: Request, account_id: str) -> Response:
        freelancer = selectors.freelancer_get(account_id=account_id)
        blocks = selectors.block_list(freelancer=freelancer) if freelancer else Block.objects.none()
        return self.paginate(request, blocks, BlockSerializer)

    @extend_schema(
        request=BlockInputSerializer, responses={200: BlockSerializer, 201: BlockSerializer}
    )
    def post(self, request: Request, account_id: str) -> Response:
        incoming = self.BlockInputSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        block, created = services.block_create(account_id=account_id, **incoming.validated_data)
        return Response(
            BlockSerializer(block).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class BlockDeleteApi(FreelancerApi):
    @extend_schema(responses={204: None})
    def delete(self, request: Request, account_id: str, block_id: int) -> Response:
        services.block_delete(account_id=account_id, block_id=block_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AllowedSerializer(serializers.ModelSerializer):
    class Meta:
        model = AllowedSender
        fields = ["id", "sender_id", "created_at"]


class AllowedListCreateApi(FreelancerApi):
    """Senders the freelancer trusts."""

    class AllowedInputSerializer(InputSerializer):
        sender_id = IdField()

    @extend_schema(**page_schema(AllowedSerializer, "AllowedPage"))
    def get(self, request: Request, account_id: str) -> Response:
        freelancer = selectors.freelancer_get(account_id=account_id)
        allowed = (
            selectors.allowed_list(freelancer=freelancer)
            if freelancer
            else AllowedSender.objects.none()
        )
        return self.paginate(request, allowed, AllowedSerializer)

    @extend_schema(
        request=AllowedInputSerializer, responses={200: AllowedSerializer, 201: AllowedSerializer}
    )
    def post(self, request: Request, account_id: str) -> Response:
        incoming = self.AllowedInputSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        allowed, created = services.allowed_create(
            account_id=account_id, sender_id=incoming.validated_data["sender_id"]
        )
        return Response(
            AllowedSerializer(allowed).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class AllowedDeleteApi(FreelancerApi):
    @extend_schema(responses={204: None})
    def delete(self, request: Request, account_id: str, allowed_id: int) -> Response:
        services.allowed_delete(account_id=account_id, allowed_id=allowed_id)
        return Response(status=status.HTTP_204_NO_CONTENT)
