"""Top-level domains and link shorteners: which host names read as a web address."""

from __future__ import annotations

import phonenumbers

from ..wordlists import table, word_set

# Top-level domains people read as an address even when written bare ("example.com").
_TLDS = table("tlds")
_CORE_TLDS = frozenset(_TLDS["core"])

# Reserved for documentation and tests (RFC 2606), and used as such in examples.
_RESERVED_TLDS = frozenset(_TLDS["reserved"])

# Newer generic TLDs that are also English words: "job.Life is good" is a missing space.
_WORD_TLDS = frozenset(_TLDS["word"])

# Country codes that are mostly file extensions (`main.py`, `logo.ai`, `notes.md`).
_FILE_TLDS = frozenset(_TLDS["file"])

# Word TLDs that are also names of members in code (`user.email`, `self.name`, `req.app`).
_CODE_WORD_TLDS = frozenset(_TLDS["code_word"])

_COUNTRY_TLDS = frozenset(
    {region.lower() for region in phonenumbers.SUPPORTED_REGIONS} | {"uk", "eu", "su", "ac"}
)

ALL_TLDS = _CORE_TLDS | _RESERVED_TLDS | _WORD_TLDS | _COUNTRY_TLDS

# Framework names that look like domains but are, in a brief, technologies.
_TECH_NAMES = frozenset({"asp.net", "ado.net", "vb.net", "dot.net"})

SHORTENERS = word_set("shorteners")


def tld_allowed(host: str, tld: str, *, explicit: bool) -> bool:
    """Return whether `host` reads as a web address rather than a file name, code or a typo.

    `explicit` is a scheme or a path after the host: "main.py/" is rare, "main.py" is a file.
    """
    if tld not in ALL_TLDS or host in _TECH_NAMES:
        return False
    if explicit or host.startswith("www."):
        return True
    labels = host.split(".")
    if tld in _CODE_WORD_TLDS or not any(char.isalpha() for char in labels[-2]):
        # "1.it is about Africa" is a numbered list.
        return False
    if tld in _FILE_TLDS:
        return len(labels) >= 3
    if tld in _WORD_TLDS:
        # "payout-center.online" is an address; "sambar.life" is two sentences run together.
        return len(labels) >= 3 or any(char in labels[-2] for char in "-0123456789")
    return True
