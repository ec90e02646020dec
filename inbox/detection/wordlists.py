"""Read the word lists and tables that the detectors keep as data files in `data/`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"


def word_list(name: str) -> tuple[str, ...]:
    """Return the entries of `data/<name>.txt` in order: one a line, without `#` comment lines."""
    lines = (DATA_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def word_set(name: str) -> frozenset[str]:
    """Return the entries of `data/<name>.txt` as a set."""
    return frozenset(word_list(name))


def table(name: str) -> Any:
    """Return the contents of `data/<name>.json`."""
    return json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))
