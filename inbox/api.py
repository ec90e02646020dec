"""The messaging system's API (CONTRACT §1-§4): sender facts, connections, delivery checks."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api import FreelancerApi
from common.errors import NotFound
from common.fields import (
    AwareDateTimeField,
    IdField,
    InputSerializer,
    StrictBooleanField,
    StrictCharField,
    StrictChoiceField,
    StrictIntegerField,
)
from common.pagination import ResultsPagination, page_schema
from common.permissions import IsServiceOrStaff, is_service

from . import selectors, services
from .contact_rule import CONTACT_RULE_ACTIONS, CONTACT_RULE_CODES
from .detection.preview import safe_preview
from .models import ConnectionKind, DecidedBy, Message, MessageKind, Sender, Standing
from .vocabulary import CONTRACT_STANDINGS

MAX_CENTS = 2**63 - 1


class SenderFactsSerializer(InputSerializer):
    display_name = StrictCharField(max_length=200)
    organization_id = IdField(required=False, allow_null=True, allow_blank=True)
    identity_key = IdField(required=False, allow_null=True, allow_blank=True)
    billing_verified = StrictBooleanField()
    spent_last_12_months_cents = StrictIntegerField(min_value=0, max_value=MAX_CENTS)
    joined_at = AwareDateTimeField()
    first_payment_at = AwareDateTimeField(required=False, allow_null=True)
    standing = StrictChoiceField(
        choices=[(value, Standing(value).label) for value in CONTRACT_STANDINGS]
    )


class SenderOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Sender
        fields = ["account_id", *services.SENDER_FACT_FIELDS, "updated_at"]


class SenderUpsertApi(APIView):
    """Keep the service's picture of a sender current (idempotent upsert)."""

    @extend_schema(request=SenderFactsSerializer, responses={200: SenderOutputSerializer})
    def put(self, request: Request, account_id: str) -> Response:
        facts = SenderFactsSerializer(data=request.data)
        facts.is_valid(raise_exception=True)
        sender, _ = services.sender_upsert(account_id=account_id, facts=facts.validated_data)
        return Response(SenderOutputSerializer(sender).data)


class ConnectionCreateApi(APIView):
    """Record that a client and a freelancer have an established relationship."""

    class ConnectionInputSerializer(InputSerializer):
        client_id = IdField()
        freelancer_id = IdField()
        kind = StrictChoiceField(choices=ConnectionKind.choices)

    class ConnectionOutputSerializer(serializers.Serializer):
        client_id = serializers.CharField()
        freelancer_id = serializers.CharField()
        kind = serializers.CharField()
        created_at = serializers.DateTimeField()

    @extend_schema(
        request=ConnectionInputSerializer,
        responses={200: ConnectionOutputSerializer, 201: ConnectionOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        incoming = self.ConnectionInputSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        connection, created = services.connection_create(**incoming.validated_data)
        return Response(
            self.ConnectionOutputSerializer(connection).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class ReasonSerializer(serializers.Serializer):
    code = serializers.CharField(
        help_text="A reason code (CONTRACT §3). Besides the contract's codes, the contact rule's "
        f"findings: {', '.join(f'`{code}`' for code in CONTACT_RULE_CODES)} (platform-policy "
        "matters, for the messaging system only; on a delivered or requested message they "
        "mean it was flagged for staff review)."
    )
    detail = serializers.CharField()


class DecisionOutputSerializer(serializers.Serializer):
    message_id = serializers.CharField()
    decision = serializers.CharField()
    reasons = ReasonSerializer(many=True)
    policy_version = serializers.CharField()
    retry_after = serializers.IntegerField(allow_null=True)


class HistoryEntrySerializer(serializers.Serializer):
    decision = serializers.CharField()
    reasons = ReasonSerializer(many=True)
    at = serializers.DateTimeField()
    by = serializers.CharField()
    policy_version = serializers.CharField()


class MessageStateSerializer(DecisionOutputSerializer):
    history = serializers.SerializerMethodField()

    def get_history(self, message: Message) -> Any:
        return HistoryEntrySerializer(selectors.message_history(message=message), many=True).data


class MessageCheckApi(APIView):
    """Decide what to do with a message before the messaging system shows it."""

    class MessageCheckInputSerializer(InputSerializer):
        message_id = IdField()
        sender_id = IdField()
        recipient_id = IdField(help_text="Must differ from sender_id.")
        kind = StrictChoiceField(choices=MessageKind.choices)
        thread_id = IdField(required=False, allow_null=True, allow_blank=True)
        body = StrictCharField(allow_blank=True, trim_whitespace=False)
        sent_at = AwareDateTimeField(required=False, allow_null=True)
        sender = SenderFactsSerializer(required=False, allow_null=True)

        def validate_body(self, body: str) -> str:
            limit = settings.MESSAGE_BODY_MAX_BYTES
            if len(body.encode("utf-8")) > limit:
                raise serializers.ValidationError(
                    f"At most {limit // 1024} KiB of UTF-8 text ({limit} bytes)."
                )
            return body

        def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
            if attrs["sender_id"] == attrs["recipient_id"]:
                raise serializers.ValidationError({"recipient_id": ["Must differ from sender_id."]})
            return attrs

    @extend_schema(
        request=MessageCheckInputSerializer,
        responses={200: DecisionOutputSerializer, 201: DecisionOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        incoming = self.MessageCheckInputSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        message, created = message_check(incoming.validated_data)
        return Response(
            DecisionOutputSerializer(message).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


def message_check(data: dict[str, Any], *, confirm_key: int | None = None) -> tuple[Message, bool]:
    """Run the delivery check on a validated request (`MessageCheckInputSerializer`).

    `confirm_key`: see `services.message_check` (the thin endpoint's cached key).
    """
    return services.message_check(
        confirm_key=confirm_key,
        incoming=services.MessageIn(
            message_id=data["message_id"],
            sender_id=data["sender_id"],
            recipient_id=data["recipient_id"],
            kind=data["kind"],
            body=data["body"],
            thread_id=data.get("thread_id") or "",
            sent_at=data.get("sent_at"),
            sender_facts=data.get("sender"),
        ),
    )


class MessageAppealApi(APIView):
    """A sender's appeal of a rejected or quarantined message (optional; idempotent)."""

    class AppealInputSerializer(InputSerializer):
        note = StrictCharField(
            max_length=2000,
            allow_blank=True,
            help_text="The sender's note for staff; may be empty (the appeal itself is the point).",
        )

    class AppealOutputSerializer(serializers.Serializer):
        message_id = serializers.CharField(source="message.message_id")
        state = serializers.CharField(help_text="open, upheld or overturned")
        created_at = serializers.DateTimeField()
        decided_at = serializers.DateTimeField(allow_null=True)

    @extend_schema(
        request=AppealInputSerializer,
        responses={200: AppealOutputSerializer, 201: AppealOutputSerializer},
    )
    def post(self, request: Request, message_id: str) -> Response:
        incoming = self.AppealInputSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        appeal, created = services.appeal_submit(
            message_id=message_id, note=incoming.validated_data["note"]
        )
        return Response(
            self.AppealOutputSerializer(appeal).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class MessageStateApi(APIView):
    """A message's current decision and its history."""

    @extend_schema(responses={200: MessageStateSerializer})
    def get(self, request: Request, message_id: str) -> Response:
        message = selectors.message_get(message_id=message_id)
        if message is None:
            raise NotFound("No message with this id.")
        return Response(MessageStateSerializer(message).data)


class QuarantineItemSerializer(serializers.Serializer):
    message_id = serializers.CharField()
    decision = serializers.CharField()
    kind = serializers.CharField()
    sender = serializers.SerializerMethodField()
    preview = serializers.SerializerMethodField()
    reasons = ReasonSerializer(many=True)
    received_at = serializers.DateTimeField()

    def get_sender(self, message: Message) -> dict[str, Any]:
        sender = self.context["senders"].get(message.sender_id)
        if sender is None:
            return {"id": message.sender_id, "display_name": None}
        return {
            "id": sender.account_id,
            "display_name": sender.display_name,
            "organization_id": sender.organization_id or None,
            "billing_verified": sender.billing_verified,
            "spent_last_12_months_cents": sender.spent_last_12_months_cents,
            "joined_at": sender.joined_at,
            "standing": sender.standing,
        }

    def get_preview(self, message: Message) -> str:
        return safe_preview(message.body)


class QuarantineListApi(FreelancerApi):
    """Quarantined and requested messages, as safe previews; reading them marks nothing read."""

    @extend_schema(**page_schema(QuarantineItemSerializer, "QuarantinePage"))
    def get(self, request: Request, account_id: str) -> Response:
        paginator = ResultsPagination()
        page = paginator.paginate_queryset(
            selectors.messages_for_review(recipient_id=account_id), request, view=self
        )
        senders = Sender.objects.in_bulk(
            {message.sender_id for message in page or []}, field_name="account_id"
        )
        items = QuarantineItemSerializer(page, many=True, context={"senders": senders})
        return paginator.get_paginated_response(items.data)


class QuarantineReleaseApi(FreelancerApi):
    """Deliver a quarantined message."""

    @extend_schema(request=None, responses={200: DecisionOutputSerializer})
    def post(self, request: Request, account_id: str, message_id: str) -> Response:
        by = DecidedBy.FREELANCER if not request.user.is_staff else DecidedBy.ADMIN
        actor_id = request.user.pk if not is_service(request) else None
        message = services.quarantine_release(
            recipient_id=account_id, message_id=message_id, by=by, actor_id=actor_id
        )
        return Response(DecisionOutputSerializer(message).data)


class ContactSerializer(serializers.Serializer):
    class HandleSerializer(serializers.Serializer):
        network = serializers.CharField()
        value = serializers.CharField()

    emails = serializers.ListField(child=serializers.CharField())
    phones = serializers.ListField(child=serializers.CharField(), help_text="E.164 if parsed.")
    urls = serializers.ListField(child=serializers.CharField())
    handles = HandleSerializer(many=True)


# An inline serializer: a declared field named `label` would shadow `Field.label`.
SpamSerializer = inline_serializer(
    name="Spam",
    fields={
        "label": serializers.CharField(help_text="ok, spam or scam (CONTRACT §6)."),
        "score": serializers.FloatField(min_value=0, max_value=1),
        "signals": serializers.ListField(child=serializers.CharField()),
    },
)


class ContactRulingSerializer(serializers.Serializer):
    has_contact = serializers.BooleanField()
    allowed_purpose = serializers.CharField(
        allow_null=True, help_text="The allowed purpose the contact details are shared for."
    )
    notice = serializers.CharField(
        allow_null=True, help_text="What to tell the sender before sending, or null."
    )
    codes = serializers.ListField(
        child=serializers.ChoiceField(choices=list(CONTACT_RULE_CODES)),
        help_text="The contact rule's findings: contact details for no allowed purpose, paying "
        "outside the platform. Never a reason to refuse the message.",
    )
    action = serializers.ChoiceField(
        choices=list(CONTACT_RULE_ACTIONS),
        allow_null=True,
        help_text="What the scan would do with the findings (null: no findings).",
    )


class AnalyzeOutputSerializer(serializers.Serializer):
    """The answer of CONTRACT §6, extended (`offplatform_payment`, `contact_rule`, …)."""

    class MatchSerializer(serializers.Serializer):
        start = serializers.IntegerField()
        end = serializers.IntegerField()
        kind = serializers.CharField()

    contact = ContactSerializer()
    contact_purpose = serializers.CharField(allow_null=True)
    spam = SpamSerializer
    offplatform_payment = serializers.BooleanField(
        help_text="The text proposes paying outside the platform (a policy matter, not fraud)."
    )
    matches = MatchSerializer(many=True, help_text="Where each contact detail is in the text.")
    model_version = serializers.CharField()
    contact_rule = ContactRulingSerializer()


class AnalyzeApi(APIView):
    """What the filters see in a text (CONTRACT §6); nothing is stored."""

    permission_classes = [IsServiceOrStaff]

    class AnalyzeInputSerializer(InputSerializer):
        text = StrictCharField(allow_blank=True, trim_whitespace=False)
        # Optional: who would send it to whom, so "sharing after a contract" can be judged.
        sender_id = IdField(required=False)
        recipient_id = IdField(required=False)

        def validate_text(self, text: str) -> str:
            limit = settings.MESSAGE_BODY_MAX_BYTES
            if len(text.encode("utf-8")) > limit:
                raise serializers.ValidationError(f"At most {limit // 1024} KiB of UTF-8 text.")
            return text

    @extend_schema(request=AnalyzeInputSerializer, responses={200: AnalyzeOutputSerializer})
    def post(self, request: Request) -> Response:
        incoming = self.AnalyzeInputSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        connected = bool(data.get("sender_id") and data.get("recipient_id")) and (
            selectors.pair_is_connected(
                sender_id=data["sender_id"], recipient_id=data["recipient_id"]
            )
        )
        analysis, ruling = selectors.text_assess(data["text"], connected=connected)
        return Response({**analysis.as_dict(), "contact_rule": ruling.as_dict()})
