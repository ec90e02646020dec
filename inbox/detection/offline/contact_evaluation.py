"""How well the contact-detail finder does on the labelled contact sample (make eval)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..contacts import find_contacts
from ..purpose import SCOPING, contact_purpose
from .predictions import Confusion

CONTACT_KINDS = ("email", "phone", "url", "handle")


@dataclass(frozen=True, slots=True)
class ContactRow:
    """One labelled message of the contact sample."""

    text: str
    kinds: frozenset[str]  # the kinds of contact detail it holds
    scoping: bool  # shared for an allowed purpose


def load_contact_sample(data_dir: Path) -> list[ContactRow]:
    """Return the rows of `contact_sample.csv`."""
    return load_contact_rows(data_dir / "contact_sample.csv")


def load_contact_rows(path: Path) -> list[ContactRow]:
    """Return the rows of a `id,has_email,has_phone,has_url,has_handle,scoping,text` file."""
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            ContactRow(
                row["text"],
                frozenset(kind for kind in CONTACT_KINDS if row[f"has_{kind}"] == "1"),
                row["scoping"] == "1",
            )
            for row in csv.DictReader(handle)
        ]


@dataclass(frozen=True, slots=True)
class ContactResult:
    """How well contact details and their purpose are found."""

    by_kind: dict[str, Confusion]
    all_kinds: Confusion  # every (message, kind) pair counted once: micro-averaged
    any_contact: Confusion  # "has some contact detail", per message
    hard_negatives: Confusion  # messages with none: fp = something found anyway
    scoping: Confusion  # shared for an allowed purpose

    def as_dict(self) -> dict[str, Any]:
        return {
            "by_kind": {kind: c.as_dict() for kind, c in self.by_kind.items()},
            "all_kinds": self.all_kinds.as_dict(),
            "any_contact": self.any_contact.as_dict(),
            "hard_negatives": {
                "n": self.hard_negatives.n,
                "false_positives": self.hard_negatives.fp,
                "rate": round(self.hard_negatives.false_positive_rate, 4),
            },
            "scoping": self.scoping.as_dict(),
        }


def found_kinds(text: str) -> tuple[frozenset[str], bool]:
    """Return the kinds of contact detail found in `text`, and whether they are for scoping."""
    findings = find_contacts(text)
    found = {
        "email": bool(findings.emails),
        "phone": bool(findings.phones),
        "url": bool(findings.urls),
        "handle": bool(findings.handles),
    }
    kinds = frozenset(kind for kind, present in found.items() if present)
    return kinds, contact_purpose(text, findings) == SCOPING


def evaluate_contacts(rows: Sequence[ContactRow]) -> ContactResult:
    """Return per-kind, overall, hard-negative and purpose matrices over `rows`."""
    found = [found_kinds(row.text) for row in rows]
    by_kind = {
        kind: Confusion.of([kind in row.kinds for row in rows], [kind in f for f, _ in found])
        for kind in CONTACT_KINDS
    }
    empty = [i for i, row in enumerate(rows) if not row.kinds]
    return ContactResult(
        by_kind=by_kind,
        all_kinds=sum(by_kind.values(), Confusion()),
        any_contact=Confusion.of([bool(row.kinds) for row in rows], [bool(f) for f, _ in found]),
        hard_negatives=Confusion.of([False] * len(empty), [bool(found[i][0]) for i in empty]),
        scoping=Confusion.of([row.scoping for row in rows], [scoping for _, scoping in found]),
    )
