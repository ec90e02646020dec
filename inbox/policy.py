"""The delivery decision as one pure function: facts in, a verdict with reasons out.

Nothing here touches the database, the cache or the clock: `decide` is given everything it needs
(the policy, the recipient's preferences, the sender's facts, the relationship and the counters)
so it can be tested exhaustively and explained line by line. The rules apply in the contract's
order, and the first that decides ends the check:

    standing → blocks → allow list → mode → eligibility → daily limit → keyword filters → hold
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from common.text import find_phrases
from preferences.choices import BlockEntry, ContactMode, RecipientPrefs, mode_in_effect

from .contact_rule import CONTACT_RULE_CODES, FLAG
from .vocabulary import MessageKind, Outcome, ReasonCode, Standing

DELIVER, REQUEST, HOLD, QUARANTINE, REJECT = (
    Outcome.DELIVER,
    Outcome.REQUEST,
    Outcome.HOLD,
    Outcome.QUARANTINE,
    Outcome.REJECT,
)
ALLOW, REQUESTS, OFF = ContactMode.ALLOW, ContactMode.REQUESTS, ContactMode.OFF
UNDER_REVIEW = Standing.UNDER_REVIEW
UNSOLICITED_KINDS = (MessageKind.DIRECT, MessageKind.JOB_INVITE)

# Eligibility rules, each with the reason code a sender sees when it fails.
ELIGIBILITY_RULES: Mapping[str, str] = {
    "billing_verified": ReasonCode.BILLING_NOT_VERIFIED,
    "spend": ReasonCode.SPEND_BELOW_THRESHOLD,
    "account_age": ReasonCode.ACCOUNT_TOO_NEW,
    "payment_history": ReasonCode.NO_PAYMENT_HISTORY,
    "good_standing": ReasonCode.ACCOUNT_NOT_IN_GOOD_STANDING,
}
FORUM_ELIGIBILITY: dict[str, Any] = {"all": list(ELIGIBILITY_RULES)}
HELP_CENTRE_ELIGIBILITY: dict[str, Any] = {
    "all": ["billing_verified", "good_standing", {"any": ["spend", "payment_history"]}]
}
BLOCK_REASONS: Mapping[str, str] = {
    "account": ReasonCode.BLOCKED_SENDER,
    "organization": ReasonCode.BLOCKED_ORGANIZATION,
    "linked": ReasonCode.BLOCKED_LINKED_ACCOUNT,
}


def pulled_back_by_block(scope: str) -> dict[str, str]:
    """The reason stored when a block moves a message the freelancer could see to quarantine."""
    return {
        "code": BLOCK_REASONS[scope],
        "detail": "Moved to quarantine because the freelancer blocked the sender.",
    }


# Codes the sender may be shown; every other code is for the messaging system only.
SENDER_VISIBLE_CODES = frozenset(
    {
        ReasonCode.RECIPIENT_NOT_ACCEPTING,
        ReasonCode.DAILY_NEW_CONNECTION_LIMIT,
        *ELIGIBILITY_RULES.values(),
    }
)


# --- Inputs ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PolicyRules:
    """The thresholds of one policy version."""

    version: str
    min_spend_cents: int = 100_000
    min_account_age: timedelta = timedelta(days=90)
    min_payment_age: timedelta = timedelta(days=90)
    eligibility: Mapping[str, Any] = field(default_factory=lambda: FORUM_ELIGIBILITY)
    daily_new_contact_limit: int = 5
    daily_limit_window: timedelta = timedelta(hours=24)
    hold_unsolicited_for_scan: bool = True
    default_modes: Mapping[str, str] = field(
        default_factory=lambda: {"direct": ALLOW, "job_invite": ALLOW}
    )


@dataclass(frozen=True)
class SenderFacts:
    """What the messaging system told us about the sender (CONTRACT §1)."""

    account_id: str
    billing_verified: bool
    spent_last_12_months_cents: int
    joined_at: datetime
    first_payment_at: datetime | None
    standing: str
    organization_id: str = ""
    identity_key: str = ""
    display_name: str = ""


@dataclass(frozen=True)
class ContactCounter:
    """The sender's new-contact counter for the current window."""

    already_contacted: bool = False
    recent_count: int = 0
    oldest_recent_at: datetime | None = None


@dataclass(frozen=True)
class CheckInput:
    sender_id: str
    kind: str
    body: str
    sender: SenderFacts | None
    recipient: RecipientPrefs
    connected: bool
    counter: ContactCounter
    now: datetime


# --- Output ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    code: str
    detail: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "detail": self.detail}


@dataclass(frozen=True)
class Verdict:
    decision: str
    reasons: tuple[Reason, ...]
    # What a held message becomes when its scan passes (deliver, or request for `requests` mode).
    pass_decision: str
    unsolicited: bool
    counts_as_new_contact: bool
    retry_after: int | None = None
    trace: tuple[dict[str, Any], ...] = ()


# --- The decision ----------------------------------------------------------------------------


def is_unsolicited(*, kind: str, connected: bool) -> bool:
    """Return whether a message needs permission: direct or invite (or reply) with no connection."""
    return not connected and kind in (*UNSOLICITED_KINDS, "reply")


def effective_mode(*, kind: str, prefs: RecipientPrefs, policy: PolicyRules) -> str:
    """Return the recipient's mode for this kind; an unconnected reply counts as direct."""
    mode_kind = "job_invite" if kind == "job_invite" else "direct"
    return mode_in_effect(prefs.modes.get(mode_kind), policy.default_modes.get(mode_kind, ALLOW))


def decide(check: CheckInput, policy: PolicyRules) -> Verdict:
    """Return the decision for one message under one policy."""
    trace: list[dict[str, Any]] = []
    sender = check.sender
    unsolicited = is_unsolicited(kind=check.kind, connected=check.connected)
    first_contact = unsolicited and not check.counter.already_contacted
    pass_decision = DELIVER

    def verdict(decision: str, reasons: list[Reason], retry_after: int | None = None) -> Verdict:
        return Verdict(
            decision=decision,
            reasons=tuple(reasons),
            pass_decision=pass_decision,
            unsolicited=unsolicited,
            counts_as_new_contact=first_contact and decision != REJECT,
            retry_after=retry_after,
            trace=tuple(trace),
        )

    # 1. Standing applies to every message, solicited or not; a sender under review (the crowd
    # signal) may still write where a relationship exists, but nothing unsolicited gets through.
    standing = sender.standing if sender else None
    under_review = standing == UNDER_REVIEW
    passed = standing in (None, "good") or (under_review and not unsolicited)
    trace.append({"rule": "standing", "standing": standing, "passed": passed})
    if under_review and unsolicited:
        return verdict(QUARANTINE, [_under_review_reason()])
    if sender is not None and not passed:
        return verdict(REJECT, [_standing_reason()])

    # 2. Blocks quarantine silently: the sender sees the message as sent.
    block_reasons = matching_blocks(check.sender_id, sender, check.recipient.blocks)
    trace.append({"rule": "blocks", "matched": [r.code for r in block_reasons]})
    if block_reasons:
        return verdict(QUARANTINE, block_reasons)

    # 3. Trusted senders skip mode, eligibility, the limit and keyword filters.
    allowed = check.recipient.allows_sender
    trace.append({"rule": "allow_list", "allowed": allowed})

    if not allowed and unsolicited:
        # 4. The recipient's mode for this kind of contact.
        mode = effective_mode(kind=check.kind, prefs=check.recipient, policy=policy)
        trace.append({"rule": "mode", "kind": check.kind, "mode": mode})
        if mode == OFF:
            return verdict(REJECT, [_not_accepting_reason(check.kind)])
        if mode == REQUESTS:
            pass_decision = REQUEST

        # 5. Eligibility: one reason per failed rule.
        failed = eligibility_failures(sender, policy, check.now)
        trace.append({"rule": "eligibility", "expression": policy.eligibility, "failed": failed})
        if failed:
            return verdict(
                REJECT, [_eligibility_reason(rule, policy, sender, check.now) for rule in failed]
            )

        # 6. The daily limit counts new freelancers, not messages.
        counter = check.counter
        over_limit = first_contact and counter.recent_count >= policy.daily_new_contact_limit
        trace.append(
            {"rule": "daily_limit", "first_contact": first_contact, "recent": counter.recent_count}
        )
        if over_limit:
            retry_after = _retry_after(counter.oldest_recent_at, policy, check.now)
            return verdict(REJECT, [_limit_reason(policy, retry_after)], retry_after)

    if not allowed:
        # 7. Keyword filters quarantine any message that contains a filtered word or phrase.
        matched = find_phrases(check.body, check.recipient.keyword_filters)
        trace.append({"rule": "keyword_filters", "matched": matched})
        if matched:
            return verdict(QUARANTINE, [_keyword_reason(matched)])

    # 8. First contact waits for the scan when the policy says so.
    hold = first_contact and policy.hold_unsolicited_for_scan
    trace.append({"rule": "hold_for_scan", "held": hold})
    if hold:
        return verdict(
            HOLD, [Reason(ReasonCode.SCAN_PENDING, "Held until the content scan has finished.")]
        )

    if pass_decision == REQUEST:
        return verdict(REQUEST, [_request_reason()])
    return verdict(DELIVER, [])


def eligibility_failures(
    sender: SenderFacts | None, policy: PolicyRules, now: datetime
) -> list[str]:
    """Return the eligibility rules the sender fails, or [] if the expression holds."""
    passed, failed = _evaluate(policy.eligibility, sender, policy, now)
    return [] if passed else list(dict.fromkeys(failed))


def _evaluate(
    expression: Any, sender: SenderFacts | None, policy: PolicyRules, now: datetime
) -> tuple[bool, list[str]]:
    if isinstance(expression, str):
        passed = sender is not None and _rule_passes(expression, sender, policy, now)
        return passed, [] if passed else [expression]
    ((operator, operands),) = expression.items()
    results = [_evaluate(operand, sender, policy, now) for operand in operands]
    failed = [rule for passed, rules in results for rule in rules if not passed]
    if operator == "all":
        return all(passed for passed, _ in results), failed
    passed = any(passed for passed, _ in results)
    return passed, [] if passed else failed


def _rule_passes(rule: str, sender: SenderFacts, policy: PolicyRules, now: datetime) -> bool:
    if rule == "billing_verified":
        return sender.billing_verified
    if rule == "spend":
        return sender.spent_last_12_months_cents > policy.min_spend_cents
    if rule == "account_age":
        return now - sender.joined_at > policy.min_account_age
    if rule == "payment_history":
        paid = sender.first_payment_at
        return paid is not None and now - paid > policy.min_payment_age
    if rule == "good_standing":
        return sender.standing == "good"
    raise ValueError(f"unknown eligibility rule {rule!r}")


def validate_eligibility(expression: Any) -> None:
    """Raise ValueError unless `expression` is a rule name or a non-empty all/any of them."""
    if isinstance(expression, str):
        if expression not in ELIGIBILITY_RULES:
            known = ", ".join(ELIGIBILITY_RULES)
            raise ValueError(f"Unknown rule {expression!r}; known rules: {known}.")
        return
    if not isinstance(expression, dict) or len(expression) != 1:
        raise ValueError('An expression is a rule name or {"all": [...]} / {"any": [...]}.')
    ((operator, operands),) = expression.items()
    if operator not in ("all", "any"):
        raise ValueError(f"Unknown operator {operator!r}; use all or any.")
    if not isinstance(operands, list) or not operands:
        raise ValueError(f'"{operator}" needs a non-empty list.')
    for operand in operands:
        validate_eligibility(operand)


# The eligibility expressions a form of choices can show: rules all required, plus at most one
# group of alternatives (any of). Deeper nesting is edited as JSON.
RULE_REQUIRED, RULE_ALTERNATIVE, RULE_OFF = "required", "alternative", "off"


def eligibility_from_choices(choices: Mapping[str, str]) -> dict[str, Any]:
    """Build the expression: every required rule, and any one of the alternatives."""
    required: list[Any] = [rule for rule in ELIGIBILITY_RULES if choices.get(rule) == RULE_REQUIRED]
    alternatives = [rule for rule in ELIGIBILITY_RULES if choices.get(rule) == RULE_ALTERNATIVE]
    if len(alternatives) == 1:
        required += alternatives
    elif alternatives:
        required.append({"any": alternatives})
    if not required:
        raise ValueError("Choose at least one rule a sender must meet.")
    return {"all": required}


def eligibility_choices(expression: Any) -> dict[str, str] | None:
    """Return each rule's choice for an expression of that shape, or None for any other."""
    choices = dict.fromkeys(ELIGIBILITY_RULES, RULE_OFF)
    if isinstance(expression, str) and expression in ELIGIBILITY_RULES:
        return choices | {expression: RULE_REQUIRED}
    if not isinstance(expression, dict) or len(expression) != 1:
        return None
    ((operator, operands),) = expression.items()
    if not isinstance(operands, list):
        return None
    if operator == "any" and all(_is_rule(operand) for operand in operands):
        return choices | dict.fromkeys(operands, RULE_ALTERNATIVE)
    if operator != "all":
        return None
    groups = 0
    for operand in operands:
        if _is_rule(operand):
            choices[operand] = RULE_REQUIRED
        elif (
            isinstance(operand, dict)
            and list(operand) == ["any"]
            and isinstance(operand["any"], list)
            and all(_is_rule(rule) for rule in operand["any"])
        ):
            groups += 1
            choices |= dict.fromkeys(operand["any"], RULE_ALTERNATIVE)
        else:
            return None
    return choices if groups <= 1 else None


def _is_rule(operand: Any) -> bool:
    return isinstance(operand, str) and operand in ELIGIBILITY_RULES


def matching_blocks(
    sender_id: str, sender: SenderFacts | None, blocks: tuple[BlockEntry, ...]
) -> list[Reason]:
    """Return a reason for each scope of the recipient's blocks that covers this sender."""
    organization = sender.organization_id if sender else ""
    identity = sender.identity_key if sender else ""
    scopes = set()
    for block in blocks:
        if block.scope == "account" and block.sender_id == sender_id:
            scopes.add("account")
        elif block.scope == "organization" and (
            block.sender_id == sender_id or (organization and block.organization_id == organization)
        ):
            scopes.add("organization")
        elif block.scope == "linked" and (
            block.sender_id == sender_id or (identity and block.identity_key == identity)
        ):
            scopes.add("linked")
    details = {
        "account": "The freelancer blocked this sender.",
        "organization": "The freelancer blocked this sender's organization.",
        "linked": "The freelancer blocked an account linked to this sender.",
    }
    return [
        Reason(BLOCK_REASONS[scope], details[scope]) for scope in BLOCK_REASONS if scope in scopes
    ]


def _retry_after(oldest: datetime | None, policy: PolicyRules, now: datetime) -> int:
    if oldest is None:
        return math.ceil(policy.daily_limit_window.total_seconds())
    return max(1, math.ceil((oldest + policy.daily_limit_window - now).total_seconds()))


# --- Reasons a person reads ------------------------------------------------------------------


def _under_review_reason() -> Reason:
    return Reason(
        ReasonCode.REPORTED_BY_MANY,
        "Held for trust & safety: many freelancers blocked or reported this sender.",
    )


def _standing_reason() -> Reason:
    return Reason(
        ReasonCode.ACCOUNT_NOT_IN_GOOD_STANDING,
        "Your account is not in good standing, so you cannot send messages. Contact support.",
    )


def _not_accepting_reason(kind: str) -> Reason:
    what = "job invites" if kind == "job_invite" else "messages"
    return Reason(
        ReasonCode.RECIPIENT_NOT_ACCEPTING,
        f"This freelancer is not accepting {what} from clients they have not worked with. "
        "Invite them through a job post instead.",
    )


def _eligibility_reason(
    rule: str, policy: PolicyRules, sender: SenderFacts | None, now: datetime
) -> Reason:
    code = ELIGIBILITY_RULES[rule]
    if rule == "billing_verified":
        return Reason(code, "Add and verify a billing method to message freelancers first.")
    if rule == "spend":
        amount = _money(policy.min_spend_cents)
        return Reason(code, f"You need to have spent more than {amount} in the last 12 months.")
    if rule == "account_age":
        days = policy.min_account_age.days
        detail = f"Your account must be more than {days} days old"
        if sender is not None:
            eligible_at = _when(sender.joined_at + policy.min_account_age)
            detail += f"; you can message freelancers first after {eligible_at}"
        return Reason(code, detail + ".")
    if rule == "payment_history":
        days = policy.min_payment_age.days
        detail = f"You need a payment made more than {days} days ago"
        if sender is not None and sender.first_payment_at is not None:
            detail += (
                f"; yours qualifies after {_when(sender.first_payment_at + policy.min_payment_age)}"
            )
        return Reason(code, detail + ".")
    return Reason(code, "Your account must be in good standing to message freelancers first.")


def _limit_reason(policy: PolicyRules, retry_after: int) -> Reason:
    hours = policy.daily_limit_window.total_seconds() / 3600
    return Reason(
        ReasonCode.DAILY_NEW_CONNECTION_LIMIT,
        f"You can contact at most {policy.daily_new_contact_limit} new freelancers in "
        f"{hours:g} hours. Try again in {_duration(retry_after)}.",
    )


# The keyword filter's reason, worded once; `whose` is the freelancer's or "your".
KEYWORD_FILTER_DETAIL = "Matches {whose} keyword filters: {listed}."


def _keyword_reason(matched: list[str]) -> Reason:
    listed = ", ".join(f'"{phrase}"' for phrase in matched)
    return Reason(
        ReasonCode.KEYWORD_FILTER,
        KEYWORD_FILTER_DETAIL.format(whose="the freelancer's", listed=listed),
    )


def keyword_reason_for_freelancer(detail: str) -> str:
    """Return a stored keyword-filter reason as the freelancer reads it ("your filters")."""
    prefix = KEYWORD_FILTER_DETAIL.split("{listed}")[0].format(whose="the freelancer's")
    listed = detail.removeprefix(prefix).removesuffix(".")
    return KEYWORD_FILTER_DETAIL.format(whose="your", listed=listed)


def _request_reason() -> Reason:
    return Reason(
        ReasonCode.MESSAGE_REQUEST, "The freelancer receives unsolicited contact as requests."
    )


def _money(cents: int) -> str:
    return f"${cents // 100:,}.{cents % 100:02d}"


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _duration(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} seconds"
    minutes = math.ceil(seconds / 60)
    if minutes < 120:
        return f"{minutes} minutes"
    return f"{math.ceil(minutes / 60)} hours"


# --- After the scan --------------------------------------------------------------------------

SIGNAL_EXPLANATIONS: Mapping[str, str] = {
    "offsite_move": "asks to move the conversation off the platform",
    "platform_evasion": "gives a reason to avoid the platform or its fees",
    "money_upfront": "asks for money or equipment purchases up front",
    "personal_data": "asks for personal or financial data",
    "urgency": "pushes for urgent action",
    "shortened_link": "contains a shortened link",
    "lookalike_link": "contains a look-alike link",
    "crypto": "mentions crypto payments",
    "task_scam": "looks like a paid-tasks scheme",
    "advance_fee": "offers a share of a large sum, an inheritance or a prize",
    "account_phishing": "threatens an account and asks to confirm its details",
    "mass_pitch": "looks like a mass pitch",
    "promo": "advertises something",
    "premium_rate": "uses premium-rate texts or calls",
    "new_sender": "comes from a brand-new account",
    ReasonCode.CAMPAIGN: "was sent to many freelancers",
}


# How a scan's spam or scam finding is worded ("Looks like a scam: …"); explain reads it back.
SCAN_VERDICT_PREFIX = "Looks like"


@dataclass(frozen=True)
class ScanFindings:
    """What the scan found: the analyzer's label and score, campaign membership, the contact
    rule's findings, and whether the recipient trusted the sender when the message was checked."""

    label: str
    score: float
    signals: tuple[str, ...] = ()
    campaign_recipients: int | None = None
    contact_codes: tuple[str, ...] = ()
    trusted_sender: bool = False


@dataclass(frozen=True)
class ScanOutcome:
    """Where a scanned message goes and why; `flagged`: it was not quarantined, but staff look.

    `decision` equal to the message's current one means it stays where it is and the reasons
    are recorded in its history.
    """

    decision: str
    reasons: tuple[Reason, ...]
    flagged: bool = False


def scan_outcome(
    *,
    decision: str,
    pass_decision: str,
    findings: ScanFindings,
    spam_threshold: float,
    campaign_window: timedelta,
    contact_action: str = FLAG,
) -> ScanOutcome | None:
    """Return where a scanned message moves and why, or None to leave it as it is.

    A campaign always quarantines. A spam/scam score over the threshold quarantines, except on a
    trusted sender's message: that stays delivered and is flagged for staff review with the
    finding. Contact-rule findings (contact details for no allowed purpose, paying outside the
    platform) do what the rule's `contact_action` says: flag, or quarantine.
    """
    if decision not in (HOLD, DELIVER, REQUEST):
        return None
    if findings.campaign_recipients is not None:
        return ScanOutcome(
            QUARANTINE, (campaign_reason(findings.campaign_recipients, campaign_window),)
        )
    flags: list[Reason] = []
    if findings.label in ("spam", "scam") and findings.score >= spam_threshold:
        finding = _spam_reason(findings)
        if not findings.trusted_sender:
            return ScanOutcome(QUARANTINE, (finding,))
        flags.append(
            Reason(
                finding.code,
                f"{finding.detail} Delivered because the freelancer trusts the sender; "
                "flagged for review.",
            )
        )
    contact = tuple(
        Reason(code, CONTACT_RULE_CODES[code])
        for code in CONTACT_RULE_CODES
        if code in findings.contact_codes
    )
    if contact and contact_action == QUARANTINE:
        return ScanOutcome(QUARANTINE, contact)
    flags.extend(contact)
    settled = pass_decision if decision == HOLD else decision
    if flags:
        return ScanOutcome(settled, tuple(flags), flagged=True)
    if decision == HOLD:
        return ScanOutcome(
            settled, (Reason(ReasonCode.SCAN_PASSED, "The content scan found nothing wrong."),)
        )
    return None


def campaign_reason(recipients: int, window: timedelta) -> Reason:
    """Return why a copy of a campaign is quarantined, in the words everyone reads."""
    hours = window.total_seconds() / 3600
    return Reason(
        ReasonCode.CAMPAIGN,
        f"The same text was sent to {recipients} freelancers within {hours:g} hours.",
    )


def _spam_reason(findings: ScanFindings) -> Reason:
    explained = [SIGNAL_EXPLANATIONS[s] for s in findings.signals if s in SIGNAL_EXPLANATIONS]
    kind = "a scam" if findings.label == "scam" else "spam"
    detail = f"{SCAN_VERDICT_PREFIX} {kind}" + (f": {', '.join(explained)}." if explained else ".")
    return Reason(findings.label, detail)


# --- Replay ----------------------------------------------------------------------------------


def check_input_snapshot(check: CheckInput) -> dict[str, Any]:
    """Return everything `decide` was given except the body, as JSON-ready data."""
    sender = check.sender
    return {
        "sender_id": check.sender_id,
        "kind": check.kind,
        "connected": check.connected,
        "now": check.now.isoformat(),
        "sender": None
        if sender is None
        else {
            **{name: getattr(sender, name) for name in SenderFacts.__dataclass_fields__},
            "joined_at": sender.joined_at.isoformat(),
            "first_payment_at": sender.first_payment_at.isoformat()
            if sender.first_payment_at
            else None,
        },
        "recipient": {
            "modes": dict(check.recipient.modes),
            "keyword_filters": list(check.recipient.keyword_filters),
            "blocks": [vars(block) for block in check.recipient.blocks],
            "allows_sender": check.recipient.allows_sender,
        },
        "counter": {
            "already_contacted": check.counter.already_contacted,
            "recent_count": check.counter.recent_count,
            "oldest_recent_at": check.counter.oldest_recent_at.isoformat()
            if check.counter.oldest_recent_at
            else None,
        },
    }


def check_input_from_snapshot(snapshot: Mapping[str, Any], *, body: str) -> CheckInput:
    """Rebuild the input of a stored decision (the inverse of `check_input_snapshot`)."""
    parse = datetime.fromisoformat
    facts = snapshot["sender"]
    sender = None
    if facts is not None:
        sender = SenderFacts(
            **{
                **facts,
                "joined_at": parse(facts["joined_at"]),
                "first_payment_at": parse(facts["first_payment_at"])
                if facts["first_payment_at"]
                else None,
            }
        )
    recipient = snapshot["recipient"]
    counter = snapshot["counter"]
    return CheckInput(
        sender_id=snapshot["sender_id"],
        kind=snapshot["kind"],
        body=body,
        sender=sender,
        recipient=RecipientPrefs(
            modes=recipient["modes"],
            keyword_filters=tuple(recipient["keyword_filters"]),
            blocks=tuple(BlockEntry(**block) for block in recipient["blocks"]),
            allows_sender=recipient["allows_sender"],
        ),
        connected=snapshot["connected"],
        counter=ContactCounter(
            already_contacted=counter["already_contacted"],
            recent_count=counter["recent_count"],
            oldest_recent_at=parse(counter["oldest_recent_at"])
            if counter["oldest_recent_at"]
            else None,
        ),
        now=parse(snapshot["now"]),
    )
