"""Find email addresses, and user names given for a webmail provider."""

from __future__ import annotations

import re

from ..wordlists import table
from .disguise import NOT_A_LABEL
from .domains import ALL_TLDS
from .findings import EMAIL, Collector, overlaps
from .views import View

# A user name given for a webmail provider ("my gmail is rahul.verma1998") is an address there.
_WEBMAIL_DOMAINS: dict[str, str] = table("webmail")["domains"]

_PROVIDER = rf"(?P<provider>{'|'.join(sorted(_WEBMAIL_DOMAINS, key=len, reverse=True))})"

_WEBMAIL_NAME = re.compile(
    # "gmail: name", "my yahoo id is name"
    rf"(?<![\w.@]){_PROVIDER}"
    r"(?:\s+(?:address|account|acc|id|username|user\s+name|email|mail|handle))?"
    r"\s*(?:[:=\u2014\u2013]|-+>?|\bis\b)\s*"
    r"(?P<local>[a-z0-9][a-z0-9._+-]{1,62}[a-z0-9])(?![\w@+-])(?!\.[a-z0-9])"
    # "name on gmail", "name at yahoo" (with no domain after it)
    r"|(?<![\w.@+-])(?P<before>[a-z0-9][a-z0-9._+-]{1,62}[a-z0-9])\s+(?:on|at|@)\s+"
    rf"{_PROVIDER.replace('provider', 'provider_after')}(?![\w@.-])",
    re.IGNORECASE,
)

_EMAIL_RE = re.compile(
    r"(?<![\w.+%-])"
    # An "@" must be near: without it, the optional spaces make a long text quadratic.
    r"(?=[^@\n]{1,160}@)"
    r"(?P<local>[a-z0-9_%+-]+(?:(?:\.|\s\.\s)[a-z0-9_%+-]+)*)"
    r"\s?@\s?"
    r"(?P<domain>(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.|\s\.\s))+[a-z]{2,24})"
    r"(?![\w-])",
    re.IGNORECASE,
)


def find_emails(view: View, found: Collector) -> None:
    """Find addresses, and user names given for a webmail ("my gmail is rahul.verma1998")."""
    for match in _EMAIL_RE.finditer(view.text):
        local = re.sub(r"\s", "", match.group("local")).lower()
        domain = re.sub(r"\s", "", match.group("domain")).lower()
        if (
            domain.rsplit(".", 1)[-1] not in ALL_TLDS
            or ".." in local
            # "Use 'at' and 'dot' in the guide" is prose, not use@and.in.
            or domain.split(".", 1)[0] in NOT_A_LABEL
        ):
            continue
        span = view.origin(*match.span())
        found.emails[f"{local}@{domain}"] = None
        found.taken.append(span)
        found.add(EMAIL, span)
    for match in _WEBMAIL_NAME.finditer(view.text):
        group = "local" if match.group("local") else "before"
        local = match.group(group).lower()
        provider = (match.group("provider") or match.group("provider_after")).lower()
        # A user name has letters and the marks of one ("rahul.verma1998", "kev_builds"):
        # "my outlook is good" and "gmail: 2.5 GB" are not addresses.
        if sum(char.isalpha() for char in local) < 2 or not any(
            char in "._+-0123456789" for char in local
        ):
            continue
        span = view.origin(*match.span(group))
        if overlaps(span, found.taken):
            continue
        found.emails[f"{local}@{_WEBMAIL_DOMAINS[provider]}"] = None
        found.taken.append(span)
        found.add(EMAIL, span)
