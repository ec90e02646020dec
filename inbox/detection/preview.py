"""Safe previews: plain text a freelancer can read without opening the message."""

from __future__ import annotations

import re

from common.text import strip_unsafe

from .contacts.domains import tld_allowed
from .contacts.urls import HOST_LINK

PREVIEW_CHARS = 200
# A display name is shown whole up to this length, then cut like a preview.
NAME_CHARS = 80
_URL = re.compile(r"\b(?:(?:https?|ftp)://|www\.)[^\s<>\"']+", re.IGNORECASE)
_SCHEME = re.compile(r"^(https?|ftp)://", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s+")


def defang(url: str) -> str:
    """Return a URL that no client will link or fetch: hxxp scheme and bracketed dots."""
    url = _SCHEME.sub(lambda match: match.group(1).lower().replace("t", "x", 2) + "://", url)
    return url.replace(".", "[.]")


def _defang_bare(match: re.Match[str]) -> str:
    host, tld = match.group("host").lower(), match.group("tld").lower()
    if tld_allowed(host, tld, explicit=bool(match.group("rest"))):
        return defang(match.group(0))
    return match.group(0)


def safe_preview(body: str | None, limit: int = PREVIEW_CHARS) -> str:
    """Return the first `limit` characters of `body` as inert plain text.

    A preview is inert text: control and bidi-override characters are removed, whitespace is folded,
    links, bare host names included, are defanged ("hxxps://example[.]com", "bit[.]ly/x") so no
    client turns them into links or fetches them, and the length is capped. It is still escaped
    when rendered; this is defence in depth.
    """
    if not body:
        return ""
    text = inert_text(body[: limit * 4])
    text = _WHITESPACE.sub(" ", text).strip()
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def inert_text(text: str) -> str:
    """Return `text` with control and bidi characters removed and every link defanged, its
    lines and spacing kept (for a document shown whole, such as a webhook's JSON body)."""
    text = strip_unsafe(text)
    text = _URL.sub(lambda match: defang(match.group(0)), text)
    # A host without a scheme too ("evil.example.com/wallet", "//cdn.example.net", "bit.ly/x"),
    # unless the link finder's rule reads it as a file name ("main.py") or not a host ("e.g.").
    return HOST_LINK.sub(_defang_bare, text)
