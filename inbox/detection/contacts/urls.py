"""Find links: host names with a real top-level domain, and links to public IP addresses."""

from __future__ import annotations

import ipaddress
import re

from .digits import e164_international
from .domains import tld_allowed
from .findings import HANDLE, PHONE, URL, Collector, overlaps
from .messengers import MESSENGER_LINKS
from .views import View

# A host name with a top-level domain, an optional scheme before it and path after it; whether
# it is an address or a file name is `domains.tld_allowed`'s call (previews defang with it too).
HOST_LINK = re.compile(
    r"(?<![\w@.+-])"
    r"(?P<scheme>(?:https?|ftp)://)?"
    r"(?P<host>(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?P<tld>[a-z]{2,24}))"
    r"(?![\w-])(?!\.\w)(?!\()"
    r"(?P<rest>(?::\d{2,5})?[/?#][^\s<>\"'`]*)?",
    re.IGNORECASE,
)

_URL_TRAILING = ".,;:!?)]}'\"»…"

_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"

# A link to an IP address needs a scheme, a port or a path: "1.2.3.4" alone is a version.
_IP_URL_RE = re.compile(
    r"(?<![\w@.+/-])"
    r"(?P<scheme>(?:https?|ftp)://)?"
    rf"(?P<host>{_OCTET}(?:\.{_OCTET}){{3}})(?!\d)(?!\.\d)"
    r"(?P<port>:\d{2,5})?"
    r"(?P<path>[/?#][^\s<>\"'`]*)?",
    re.IGNORECASE,
)

# Addresses that reach no one: this machine, a home or office network, "any address".
_LOCAL_NETWORKS = tuple(
    ipaddress.ip_network(network)
    for network in ("0.0.0.0/8", "10.0.0.0/8", "127.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")
)

# Words that introduce a link, so that a bare "okafor.studio" after them is one ("W: …").
_URL_CUE = re.compile(
    r"(?<![a-z])(?:(?:w|web|www)\s*:|(?:site|website|url|link|portfolio|homepage|home\s+page|blog|"
    r"visit|domain)\s*(?:is\s+|at\s+|[:=>\u2014\u2013-]\s*)?)\s*$",
    re.IGNORECASE,
)

# Products named by their domain ("the Frame.io project", "Monday.com boards"): written bare,
# they name the product rather than give a link.
_PRODUCT_DOMAINS = frozenset({"frame.io", "monday.com", "box.com", "cal.com", "dev.to", "read.cv"})


def find_urls(view: View, found: Collector, original: str) -> None:
    """Find links, and the messenger accounts that chat links name.

    A link is a host whose top-level domain is real and, when the host is bare, not mostly a
    file extension (`main.py`, `logo.ai`) or a word run into the next sentence ("sambar.life") —
    unless a scheme, a path, a word such as "site:" or "W:", or a disguise says it is an address.
    Products named by their domain ("the Frame.io project") are not links.
    """
    _find_ip_urls(view, found)
    for match in HOST_LINK.finditer(view.text):
        host = match.group("host").lower()
        tld = match.group("tld").lower()
        rest = (match.group("rest") or "").rstrip(_URL_TRAILING)
        explicit = bool(match.group("scheme")) or bool(rest)
        if not explicit and host in _PRODUCT_DOMAINS:
            continue
        # A word such as "site:" before it, or a disguise ("quirkypots . shop", "fernwood dot
        # studio"), says that a bare name is an address, whatever its top-level domain.
        cued = _URL_CUE.search(view.text, max(0, match.start() - 24), match.start()) is not None
        host_start, host_end = view.origin(*match.span("host"))
        disguised = original[host_start:host_end].lower() != host
        if not tld_allowed(host, tld, explicit=explicit or cued or disguised):
            continue
        end = match.start("rest") + len(rest) if rest else match.end("host")
        span = view.origin(match.start(), end)
        if overlaps(span, found.taken):
            continue
        scheme = (match.group("scheme") or "").lower()
        url = f"{scheme}{host}{rest}"
        found.urls[url] = None
        found.taken.append(span)
        found.add(URL, span)
        bare = f"{host}{rest}"
        for pattern, network in MESSENGER_LINKS:
            link = pattern.match(bare.removeprefix("www."))
            if link is None:
                continue
            value = link.group(1)
            if network == "whatsapp" and value.isdigit():
                e164 = e164_international(value)
                value = e164 or value
                if e164:
                    found.phones[e164] = None
                    found.add(PHONE, span)
            elif network == "telegram":
                # An invite link ("t.me/+AbC", "t.me/joinchat/…") names a group, not an account.
                invite = value.startswith(("+", "joinchat/"))
                value = f"t.me/{value}" if invite else f"@{value.lower()}"
            found.handles[(network, value)] = None
            found.add(HANDLE, span)
            break


def _find_ip_urls(view: View, found: Collector) -> None:
    """Find links to an IP address ("http://203.0.113.45:8080/demo", "198.51.100.7/work")."""
    for match in _IP_URL_RE.finditer(view.text):
        path = (match.group("path") or "").rstrip(_URL_TRAILING)
        # "10.0.0.0/16" is a network, not a page: a path names something.
        if not (match.group("scheme") or match.group("port") or re.search(r"[a-z]", path, re.I)):
            continue
        address = ipaddress.ip_address(match.group("host"))
        if any(address in network for network in _LOCAL_NETWORKS):
            continue
        end = match.start("path") + len(path) if path else match.end()
        span = view.origin(match.start(), end)
        if overlaps(span, found.taken):
            continue
        url = f"{(match.group('scheme') or '').lower()}{match.group('host')}"
        found.urls[url + (match.group("port") or "") + path] = None
        found.taken.append(span)
        found.add(URL, span)
