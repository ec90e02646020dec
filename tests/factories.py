"""factory_boy factories for test data."""

from datetime import UTC, datetime, timedelta

import factory
import time_machine
from django.contrib.auth import get_user_model
from django.utils import timezone

from inbox.models import Connection, Message, Sender
from inbox.services import MessageIn, message_check
from preferences.models import AllowedSender, Block, Freelancer

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user-{n}")
    password = factory.django.Password("correct horse battery staple")


class FreelancerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Freelancer
        django_get_or_create = ("account_id",)

    account_id = factory.Sequence(lambda n: f"f-{n}")
    user = factory.SubFactory(UserFactory, username=factory.SelfAttribute("..account_id"))


class SenderFactory(factory.django.DjangoModelFactory):
    """An eligible sender under the default policy, unless told otherwise."""

    class Meta:
        model = Sender
        django_get_or_create = ("account_id",)

    account_id = factory.Sequence(lambda n: f"c-{n}")
    display_name = factory.Sequence(lambda n: f"Client {n}")
    organization_id = ""
    identity_key = ""
    billing_verified = True
    spent_last_12_months_cents = 150_000
    joined_at = NOW - timedelta(days=400)
    first_payment_at = NOW - timedelta(days=300)
    standing = "good"


class BlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Block

    freelancer = factory.SubFactory(FreelancerFactory)
    sender_id = factory.Sequence(lambda n: f"c-blocked-{n}")
    scope = "account"


class AllowedSenderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AllowedSender

    freelancer = factory.SubFactory(FreelancerFactory)
    sender_id = factory.Sequence(lambda n: f"c-trusted-{n}")


class ConnectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Connection

    client_id = factory.Sequence(lambda n: f"c-{n}")
    freelancer_id = factory.Sequence(lambda n: f"f-{n}")
    kind = "contract"


def direct_message(
    message_id: str, sender: str, recipient: str, body: str = "Hello there, a job?"
) -> Message:
    """Return a direct message put through the delivery check, as the API would."""
    message, _ = message_check(
        incoming=MessageIn(
            message_id=message_id,
            sender_id=sender,
            recipient_id=recipient,
            kind="direct",
            body=body,
        )
    )
    return message


def traffic_for_what_if(days: int) -> None:
    """Leave `days` of checks behind for a what-if replay: each day one eligible sender, and one
    who passes only the help centre's reading of the rules (new, never paid, big spender); and
    one check nine days ago, outside a week's replay."""
    now = timezone.now()
    for day in range(days):
        with time_machine.travel(now - timedelta(days=day, hours=1), tick=False):
            SenderFactory(account_id=f"c-ok-{day}")
            direct_message(f"m-ok-{day}", f"c-ok-{day}", f"f-{day}")
            SenderFactory(
                account_id=f"c-new-{day}",
                joined_at=timezone.now() - timedelta(days=30),
                first_payment_at=None,
                spent_last_12_months_cents=900_000,
            )
            direct_message(f"m-new-{day}", f"c-new-{day}", f"f-{day}")
    with time_machine.travel(now - timedelta(days=9), tick=False):
        SenderFactory(account_id="c-old", joined_at=timezone.now() - timedelta(days=10))
        direct_message("m-too-old", "c-old", "f-0")
