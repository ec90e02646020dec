"""Everything the delivery check reads, in as few round trips as the database allows.

`check_context` returns the facts `policy.decide` needs: the active policy, the relationship, the
sender (locked when the message is unsolicited, so that the daily limit is exact), the
recipient's preferences with the blocks that could match, and the new-contact counter read after
the lock.

On PostgreSQL that is one statement for a connected pair, and three for an unsolicited message
(everything; the sender's row lock; the counter, which must be read after the lock, since a
statement that waited for a lock still sees the data of its start). Elsewhere (SQLite, the
embedded default) the same facts come from the ORM selectors, one query each. Both paths return
equal contexts; `tests/inbox/test_check_context.py` holds them to it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import connection
from django.utils import timezone

from preferences.choices import BlockEntry, RecipientPrefs
from preferences.selectors import recipient_prefs

from . import selectors
from .models import Sender
from .policy import FORUM_ELIGIBILITY, ContactCounter, PolicyRules, SenderFacts


@dataclass(frozen=True)
class CheckContext:
    rules: PolicyRules
    connected: bool
    sender: SenderFacts | None
    recipient: RecipientPrefs
    counter: ContactCounter
    now: datetime  # read after the sender's lock: a check that waited judges its own moment
    # Whether the service key the caller vouched for (`key_id`) is still active; True when none
    # was named. The thin endpoint caches keys and learns of a revocation here, in the same read.
    key_active: bool = True


def check_context(
    *, sender_id: str, recipient_id: str, now: datetime | None = None, key_id: int | None = None
) -> CheckContext:
    """Read what the check decides on; call it inside the check's transaction.

    With `key_id`, also read whether that service key is still active (`key_active`).
    """
    if connection.vendor == "postgresql":
        return _read_in_one_statement(sender_id, recipient_id, now, key_id)
    return _read_with_the_orm(sender_id, recipient_id, now, key_id)


# --- PostgreSQL ------------------------------------------------------------------------------

_EVERYTHING = """
SELECT p.number, p.min_spend_cents, p.min_account_age_days, p.min_payment_age_days,
       p.eligibility, p.daily_new_contact_limit, p.daily_limit_window_hours,
       p.hold_unsolicited_for_scan, p.default_direct_mode, p.default_job_invite_mode,
       EXISTS (SELECT 1 FROM inbox_connection c
                WHERE (c.client_id = %(s)s AND c.freelancer_id = %(r)s)
                   OR (c.client_id = %(r)s AND c.freelancer_id = %(s)s))
       OR EXISTS (SELECT 1 FROM inbox_message m
                   WHERE m.sender_id = %(r)s AND m.recipient_id = %(s)s
                     AND m.decision = 'deliver'),
       s.account_id, s.display_name, s.billing_verified, s.spent_last_12_months_cents,
       s.joined_at, s.first_payment_at, s.standing, s.standing_override, s.organization_id,
       s.identity_key,
       f.id IS NOT NULL, f.direct_mode, f.job_invite_mode, f.keyword_filters,
       (SELECT json_agg(json_build_array(b.scope, b.sender_id, b.organization_id,
                                         b.identity_key) ORDER BY b.id)
          FROM preferences_block b
         WHERE b.freelancer_id = f.id
           AND (b.sender_id = %(s)s
                OR (b.scope = 'organization' AND s.organization_id <> ''
                    AND b.organization_id = s.organization_id)
                OR (b.scope = 'linked' AND s.identity_key <> ''
                    AND b.identity_key = s.identity_key))),
       EXISTS (SELECT 1 FROM preferences_allowedsender a
                WHERE a.freelancer_id = f.id AND a.sender_id = %(s)s),
       k.recent_count, k.oldest_recent_at, k.with_recipient,
       EXISTS (SELECT 1 FROM inbox_servicetoken t
                WHERE t.id = %(k)s AND t.revoked_at IS NULL)
  FROM (SELECT 1) AS one
  LEFT JOIN inbox_policy p ON p.is_active
  LEFT JOIN inbox_sender s ON s.account_id = %(s)s
  LEFT JOIN preferences_freelancer f ON f.account_id = %(r)s
  LEFT JOIN LATERAL (
        SELECT count(*) FILTER (WHERE n.contacted_at > w.since) AS recent_count,
               min(n.contacted_at) FILTER (WHERE n.contacted_at > w.since) AS oldest_recent_at,
               count(*) FILTER (WHERE n.recipient_id = %(r)s) AS with_recipient
          FROM (SELECT %(now)s - make_interval(hours => p.daily_limit_window_hours) AS since) w,
               inbox_newcontact n
         WHERE n.sender_id = %(s)s) AS k ON true
"""

# The same sender columns as above, in the same order.
_LOCK_SENDER = """
SELECT s.account_id, s.display_name, s.billing_verified, s.spent_last_12_months_cents,
       s.joined_at, s.first_payment_at, s.standing, s.standing_override, s.organization_id,
       s.identity_key
  FROM inbox_sender s
 WHERE s.account_id = %(s)s
   FOR UPDATE
"""

_COUNTER = """
SELECT count(*) FILTER (WHERE contacted_at > %(since)s),
       min(contacted_at) FILTER (WHERE contacted_at > %(since)s),
       count(*) FILTER (WHERE recipient_id = %(r)s)
  FROM inbox_newcontact
 WHERE sender_id = %(s)s
"""


def _read_in_one_statement(
    sender_id: str, recipient_id: str, given_now: datetime | None, key_id: int | None
) -> CheckContext:
    now = given_now or timezone.now()
    ids = {"s": sender_id, "r": recipient_id}
    everything = {**ids, "now": now, "k": key_id}
    with connection.cursor() as cursor:
        cursor.execute(_EVERYTHING, everything)
        row = cursor.fetchone()
        if row[0] is None:  # a fresh database: create the default policy, then read again
            selectors.policy_get_active()
            cursor.execute(_EVERYTHING, everything)
            row = cursor.fetchone()
        rules = _rules(row[0:10])
        connected = bool(row[10])
        sender = _sender(row[11:21])
        counter = _counter(row[27:30])
        if not connected and sender is not None:
            # Serialise the sender's first contacts (see the module's docstring), then read the
            # sender as it is now and count after the lock.
            cursor.execute(_LOCK_SENDER, ids)
            sender = _sender(cursor.fetchone())
            now = given_now or timezone.now()
            cursor.execute(_COUNTER, {**ids, "since": now - rules.daily_limit_window})
            counter = _counter(cursor.fetchone())
    recipient = _recipient(row[21:27])
    if sender is not None and (sender.organization_id, sender.identity_key) != tuple(row[19:21]):
        # The sender's organization or identity changed while we waited for the lock: the
        # blocks that could match are not the ones read.
        recipient = recipient_prefs(
            recipient_id=recipient_id,
            sender_id=sender_id,
            organization_id=sender.organization_id,
            identity_key=sender.identity_key,
        )
    key_active = key_id is None or bool(row[30])
    return CheckContext(rules, connected, sender, recipient, counter, now, key_active)


def _rules(values: Any) -> PolicyRules:
    (number, spend, account_days, payment_days, eligibility, limit, window_hours, hold, direct,
     job_invite) = values  # fmt: skip
    return PolicyRules(
        version=f"v{number}",
        min_spend_cents=spend,
        min_account_age=timedelta(days=account_days),
        min_payment_age=timedelta(days=payment_days),
        eligibility=_json(eligibility) or FORUM_ELIGIBILITY,
        daily_new_contact_limit=limit,
        daily_limit_window=timedelta(hours=window_hours),
        hold_unsolicited_for_scan=hold,
        default_modes={"direct": direct, "job_invite": job_invite},
    )


def _sender(values: Any) -> SenderFacts | None:
    if values is None or values[0] is None:
        return None
    (account_id, display_name, billing_verified, spent, joined_at, first_payment_at, standing,
     override, organization_id, identity_key) = values  # fmt: skip
    return SenderFacts(
        account_id=account_id,
        display_name=display_name,
        billing_verified=billing_verified,
        spent_last_12_months_cents=spent,
        joined_at=joined_at,
        first_payment_at=first_payment_at,
        standing=override or standing,
        organization_id=organization_id,
        identity_key=identity_key,
    )


def _recipient(values: Any) -> RecipientPrefs:
    exists, direct, job_invite, keyword_filters, blocks, allows_sender = values
    if not exists:
        return RecipientPrefs()
    return RecipientPrefs(
        modes={"direct": direct, "job_invite": job_invite},
        keyword_filters=tuple(_json(keyword_filters) or ()),
        blocks=tuple(
            BlockEntry(scope=scope, sender_id=blocked, organization_id=org, identity_key=key)
            for scope, blocked, org, key in _json(blocks) or ()
        ),
        allows_sender=bool(allows_sender),
    )


def _json(value: Any) -> Any:
    # Django has psycopg hand JSON over as text (JSONField decodes it), raw cursors included.
    return json.loads(value) if isinstance(value, str) else value


def _counter(values: Any) -> ContactCounter:
    recent, oldest, with_recipient = values
    return ContactCounter(
        already_contacted=with_recipient > 0, recent_count=recent, oldest_recent_at=oldest
    )


# --- Any database (the ORM) ------------------------------------------------------------------


def _read_with_the_orm(
    sender_id: str, recipient_id: str, given_now: datetime | None, key_id: int | None
) -> CheckContext:
    rules = selectors.policy_rules(selectors.policy_get_active())
    connected = selectors.pair_is_connected(sender_id=sender_id, recipient_id=recipient_id)
    senders = Sender.objects.filter(account_id=sender_id)
    if not connected:
        # The daily limit is read and counted under this lock, so parallel first messages from
        # one sender are serialised and exactly `limit` of them get through. (SQLite has no row
        # locks; its IMMEDIATE transactions serialise writers instead.)
        senders = senders.select_for_update()
    sender = selectors.sender_facts(senders.first())
    now = given_now or timezone.now()
    recipient = recipient_prefs(
        recipient_id=recipient_id,
        sender_id=sender_id,
        organization_id=sender.organization_id if sender else "",
        identity_key=sender.identity_key if sender else "",
    )
    counter = selectors.contact_counter(
        sender_id=sender_id, recipient_id=recipient_id, now=now, window=rules.daily_limit_window
    )
    key_active = key_id is None or selectors.service_key_active(key_id=key_id)
    return CheckContext(rules, connected, sender, recipient, counter, now, key_active)
