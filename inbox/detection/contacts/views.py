"""A rewritten text that remembers where each of its characters came from."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from common.text import skeleton


@dataclass(frozen=True, slots=True)
class View:
    """A rewritten text; character `i` came from `original[starts[i]:ends[i]]`."""

    text: str
    starts: Sequence[int]
    ends: Sequence[int]

    @classmethod
    def identity(cls, text: str) -> View:
        return cls(text, range(len(text)), range(1, len(text) + 1))

    def origin(self, start: int, end: int) -> tuple[int, int]:
        """Return the span of the original text that `self.text[start:end]` came from."""
        return self.starts[start], self.ends[max(start, end - 1)]

    def rewrite(
        self, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str | None]
    ) -> View:
        """Return the view with each match of `pattern` replaced (None keeps the match)."""
        pieces: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        last = 0
        for match in pattern.finditer(self.text):
            start, end = match.span()
            new = replace(match)
            if new is None or new == match.group(0) or end == start:
                continue
            pieces.append(self.text[last:start])
            starts.extend(self.starts[last:start])
            ends.extend(self.ends[last:start])
            # A replacement maps as a whole to the text it replaced.
            pieces.append(new)
            starts.extend([self.starts[start]] * len(new))
            ends.extend([self.ends[end - 1]] * len(new))
            last = end
        if not pieces:
            return self
        pieces.append(self.text[last:])
        starts.extend(self.starts[last:])
        ends.extend(self.ends[last:])
        return View("".join(pieces), starts, ends)


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    if unicodedata.category(char) == "Me":
        return ""  # an enclosing mark: the keycap of "3️⃣" or a circle around a letter
    if unicodedata.category(char) == "Nd":
        return str(unicodedata.decimal(char))  # a digit of any script: "০১৯" is "019"
    folded = skeleton(char)
    if folded.isascii():
        return folded
    # Accented Latin letters ("whätsapp") match as their base letter.
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c)
    )
    return stripped if stripped.isascii() and stripped else folded


def fold(text: str) -> View:
    """Return `text` with look-alikes folded to ASCII, invisibles removed, ASCII case kept."""
    if text.isascii():
        return View.identity(text)
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for index, char in enumerate(text):
        folded = char if char.isascii() else _fold_char(char)
        pieces.append(folded)
        starts.extend([index] * len(folded))
        ends.extend([index + 1] * len(folded))
    return View("".join(pieces), starts, ends)
