"""What a receiver answered is recorded even if the database drops out for a moment after it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone

from inbox.outbox import _while_the_database_is_away

pytestmark = pytest.mark.django_db


def test_the_write_is_retried_until_the_database_answers():
    tries = []

    def write() -> None:
        tries.append(1)
        if len(tries) < 3:
            raise OperationalError("terminating connection due to administrator command")

    _while_the_database_is_away(write, until=timezone.now() + timedelta(minutes=1))

    assert len(tries) == 3


def test_it_gives_up_when_the_claim_runs_out():
    def write() -> None:
        raise OperationalError("connection refused")

    with pytest.raises(OperationalError):
        _while_the_database_is_away(write, until=timezone.now() - timedelta(seconds=1))


def test_other_errors_are_not_retried():
    tries = []

    def write() -> None:
        tries.append(1)
        raise ValueError("a bug")

    with pytest.raises(ValueError, match="a bug"):
        _while_the_database_is_away(write, until=timezone.now() + timedelta(minutes=1))
    assert len(tries) == 1
