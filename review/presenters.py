"""A message as a reviewer reads it: its body with findings marked, its history, its facts."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from inbox.detection.preview import safe_preview
from inbox.models import (
    POLICY_RULE_FIELDS,
    AuditEntry,
    DecisionRecord,
    Message,
    Policy,
    Sender,
)
from inbox.policy import SIGNAL_EXPLANATIONS

from .selectors import audit_for
from .services import FLAGGABLE

# --- A message's audit -----------------------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    """A piece of a message's text; `kind` is set when it is a contact detail the scan found."""

    text: str
    kind: str = ""


@dataclass
class HistoryEntry:
    record: DecisionRecord
    rules: list[tuple[str, list[tuple[str, str]]]]  # rule, [(fact, value)]
    inputs: list[tuple[str, str]]


@dataclass
class MessageAudit:
    message: Message
    sender: Sender | None
    preview: str
    pieces: list[Piece]
    truncated: bool
    history: list[HistoryEntry]
    audit: list[AuditEntry]
    signals: list[tuple[str, str]] = field(default_factory=list)  # (signal, plain words)

    @property
    def is_flagged(self) -> bool:
        return self.message.flagged_at is not None and self.message.decision in FLAGGABLE


HIGHLIGHT_CHARS = 2000


def readable(value: Any) -> str:
    """Return a value as short plain text: yes/no, a dash for nothing, JSON for structures."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else "none"
    return str(value)


def flatten(data: Any, prefix: str = "") -> list[tuple[str, str]]:
    """Return nested data as (dotted key, readable value) pairs."""
    if isinstance(data, dict) and data:
        pairs: list[tuple[str, str]] = []
        for key, value in data.items():
            pairs.extend(flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return pairs
    return [(prefix or "value", readable(data))]


def highlighted_body(
    body: str, matches: list[dict[str, Any]], *, limit: int = HIGHLIGHT_CHARS
) -> tuple[list[Piece], bool]:
    """Split the start of `body` into plain and contact-detail pieces; each piece is inert text.

    Spans index the original body. Each piece goes through `safe_preview` on its own (control
    and bidi characters removed, links defanged) so a span boundary never changes meaning.
    """
    text = body[:limit]
    spans = sorted(
        (int(m["start"]), int(m["end"]), str(m.get("kind", "")))
        for m in matches
        if isinstance(m, dict) and "start" in m and "end" in m
    )
    pieces: list[Piece] = []
    position = 0
    for start, end, kind in spans:
        start, end = max(start, position), min(end, len(text))
        if start >= end:
            continue
        if start > position:
            pieces.append(Piece(_inert(text[position:start])))
        pieces.append(Piece(_inert(text[start:end]), kind or "contact"))
        position = end
    if position < len(text):
        pieces.append(Piece(_inert(text[position:])))
    return [piece for piece in pieces if piece.text], len(body) > limit


def _inert(text: str) -> str:
    # Keep the spaces at the edges of a piece (safe_preview strips them) so words stay apart.
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() and text.strip() else ""
    return lead + safe_preview(text, limit=len(text) + 1) + trail


def message_audit(*, message_id: str) -> MessageAudit | None:
    """Return a message's decisions (rules fired, their inputs, the version) and admin actions."""
    message = (
        Message.objects.select_related("campaign", "claimed_by")
        .filter(message_id=message_id)
        .first()
    )
    if message is None:
        return None
    history = [
        HistoryEntry(
            record=record,
            rules=[
                (
                    str(step.get("rule", "?")),
                    [(key, readable(value)) for key, value in step.items() if key != "rule"],
                )
                for step in record.trace
                if isinstance(step, dict)
            ],
            inputs=flatten(record.inputs) if record.inputs else [],
        )
        for record in message.history.select_related("actor").order_by("at", "id")
    ]
    analysis = message.analysis or {}
    matches = analysis.get("matches") or []
    pieces, truncated = highlighted_body(message.body, matches)
    signals = [
        (str(signal), SIGNAL_EXPLANATIONS.get(str(signal), ""))
        for signal in (analysis.get("spam") or {}).get("signals") or ()
    ]
    return MessageAudit(
        message=message,
        sender=Sender.objects.filter(account_id=message.sender_id).first(),
        preview=safe_preview(message.body),
        pieces=pieces,
        truncated=truncated,
        history=history,
        audit=audit_for(target=f"message:{message_id}", limit=200),
        signals=signals,
    )


# --- Policy versions, in words -------------------------------------------------------------


def describe_eligibility(expression: Any) -> str:
    """Return an eligibility expression as words: all of (…), any of (…)."""
    if isinstance(expression, str):
        return expression
    if isinstance(expression, dict) and len(expression) == 1:
        ((operator, operands),) = expression.items()
        if isinstance(operands, list):
            inner = ", ".join(describe_eligibility(operand) for operand in operands)
            return f"{'all' if operator == 'all' else 'any'} of ({inner})"
    return readable(expression)


def policy_value_text(name: str, value: Any) -> str:
    """Return one threshold of a policy version as a reviewer reads it."""
    if name == "eligibility":
        return describe_eligibility(value)
    if name == "min_spend_cents":
        return f"${value / 100:,.2f}"
    if name.endswith("_days"):
        return f"{value} day{'s' if value != 1 else ''}"
    if name.endswith("_hours"):
        return f"{value} hour{'s' if value != 1 else ''}"
    return readable(value)


def policy_field_label(name: str) -> str:
    model_field = Policy._meta.get_field(name)
    return str(getattr(model_field, "verbose_name", name)).capitalize()


def policy_values(policy: Policy) -> list[tuple[str, str, str]]:
    """Return (field, label, readable value) for every threshold of a version."""
    return [
        (name, policy_field_label(name), policy_value_text(name, getattr(policy, name)))
        for name in POLICY_RULE_FIELDS
    ]
