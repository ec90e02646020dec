"""Links that deceive: look-alike and shortened links, booby-trapped files."""

from __future__ import annotations

import re

from common.text import skeleton

from ..contacts import SHORTENERS, ContactFindings
from ..wordlists import table, word_set
from .phrases import family

# Brands that phishing domains imitate, with the domains that really are theirs.
_BRANDS: dict[str, tuple[str, ...]] = {
    brand: tuple(domains) for brand, domains in table("brands").items()
}

# Words that phishing domains string together ("contracts-freelance-center", "secure-login").
_BAIT_WORDS = word_set("bait_words")

# Free hosting whose subdomains anyone can register: the subdomain is the registered name.
_HOSTING_SUFFIXES = word_set("hosting_suffixes")

# Labels that end a domain name: in front of another domain ("figma.com.design-view.io") they
# dress a foreign site up as the brand.
_TLD_LABELS = frozenset({"com", "net", "org", "io", "co", "app", "me", "dev"})

_LEET_DIGITS = str.maketrans("013457", "oleast")


def _registrable(host: str) -> str:
    labels = host.split(".")
    # "example.co.uk" is registered under "co.uk": keep three labels for such suffixes, and
    # "name.pages.dev" under "pages.dev".
    if len(labels) >= 3 and (
        labels[-2] in ("co", "com", "org", "net", "ac", "gov")
        or ".".join(labels[-2:]) in _HOSTING_SUFFIXES
    ):
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


# Country-code suffixes that stand in for ".com" in typo-squats ("upwork.co", "paypal.cm").
_TYPO_COUNTRIES = frozenset({"co", "cm", "om"})


def _is_country_suffix(suffix: str) -> bool:
    """Return whether `suffix` is a country's ("ca", "co.jp", "com.au"): a brand's own site there.

    Large brands hold their name under the country codes (amazon.ca, google.de, paypal.fr), so
    the bare brand under one is theirs, except where the country code is a typo of ".com".
    """
    labels = suffix.split(".")
    if len(labels) == 2 and labels[0] in ("co", "com"):
        labels = labels[1:]
    return len(labels) == 1 and len(labels[0]) == 2 and labels[0] not in _TYPO_COUNTRIES


def _one_substitution(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def _imitates(token: str, brand: str) -> bool:
    """Return whether one label of a domain imitates `brand` ("paypa1", "secure-paypal")."""
    unleeted = token.translate(_LEET_DIGITS).replace("rn", "m").replace("vv", "w")
    for candidate in dict.fromkeys((token, unleeted)):
        if candidate == brand:
            return True
        # "paypalsecure" carries the brand; "pineapple" only contains five letters of one.
        if len(brand) >= 6 and (candidate.startswith(brand) or candidate.endswith(brand)):
            return True
        if len(brand) >= 6 and _one_substitution(candidate, brand):
            return True
    return False


def is_lookalike_domain(host: str, *, written: str = "") -> bool:
    """Return whether `host` imitates a brand or the platform, or hides letters behind others.

    `written` is the host as the sender wrote it: if it is not ASCII, the sender used look-alike
    characters, which no honest link needs.
    """
    host = host.lower().removeprefix("www.")
    if "xn--" in host or (written and not written.isascii()):
        return True
    registrable = _registrable(host)
    if any(registrable in official for official in _BRANDS.values()):
        return False
    name, suffix = registrable.split(".", 1)
    if name in _BRANDS and _is_country_suffix(suffix):
        return False
    prefix = host.removesuffix(registrable).strip(".")
    # "paypal.com.secure-login.io": a whole domain name in front of the real one.
    if any(label in _TLD_LABELS for label in prefix.split(".")[1:]):
        return True
    tokens = [token for token in re.split(r"[.-]", host.removesuffix("." + suffix)) if token]
    if any(_imitates(token, brand) for token in tokens for brand in _BRANDS):
        return True
    words = name.translate(_LEET_DIGITS).split("-")
    return sum(word in _BAIT_WORDS for word in words) >= 2


# Files that run when opened: nobody shares a brief as a program.
_EXECUTABLE = re.compile(r"\.(?:exe|scr|bat|cmd|msi|apk|jar|vbs|ps1|dmg|pkg|com)(?:[?#]|$)")

# An archive with a password (which hides it from scanners), or an instruction to run what is
# inside one: the way malware travels as a "brief".
_BOOBY_TRAP = family(
    # (From the start of the file's name: a bare "." cannot follow a letter in a family.)
    r"[\w-]+\.(?:zip|rar|7z)\b[^\n]{0,80}?\b(?:password|passcode|pw|pwd)\b",
    r"(?:password|passcode|pw|pwd)\b[^\n]{0,40}?[\w-]+\.(?:zip|rar|7z)\b",
    r"(?:run|open|launch|install|execute)\s+(?:the\s+)?(?:viewer|installer|launcher|setup|exe|"
    r"program|reader|player|plugin)\s+(?:inside|in\s+(?:it|the\s+(?:zip|archive|folder)))",
    r"(?:install|download)\s+(?:our|the|this)\s+(?:secure\s+)?(?:pdf\s+|document\s+|file\s+)?"
    r"(?:viewer|reader)\b",
    # A program or a macro document to open, and the warnings to click through.
    r"[\w-]+\.(?:exe|scr|bat|cmd|msi|apk|jar|vbs|ps1|hta|lnk|docm|xlsm|pptm)\b",
    r"enable\s+(?:the\s+)?(?:macros?|content|editing\s+and\s+(?:then\s+)?enable\s+content)|"
    r"run\s+anyway|(?:ignore|click\s+through|dismiss)\s+(?:the\s+)?(?:windows\s+|security\s+)?"
    r"warning",
    # Consent phishing: an app that asks for access to the reader's account.
    r"(?:ask|asks|request|requests)\s+(?:for\s+)?(?:permission|"
    r"access)\b[^.!?\n]{0,40}?\b(?:just\s+)?"
    r"(?:allow|accept|grant|approve)\s+it",
    r"scan\s+(?:this|the)\s+qr\b[^.!?\n]{0,60}\b(?:view|open|sign|log|portal|contract|verify|"
    r"confirm)",
)

# A warning about a file: "do not open it", "delete it without opening".
_WARNING = family(
    r"(?:do\s+not|don'?t|never)\s+(?:\w+\s+)?(?:open|run|click|download|execute|launch)|"
    r"delete\s+(?:it|them|the\s+(?:e-?mail|message|attachment))|without\s+opening",
)

# A domain named as an example ("look-alike domains like paypa1.com") is not a link to follow.
_EXAMPLE_BEFORE = re.compile(
    r"(?:like|such\s+as|e\.?g\.?|for\s+example|for\s+instance|i\.e\.?)[\s:,]*(?:[\w.-]+\s+"
    r"(?:or|and|,)\s+)?$"
)


def url_host(url: str) -> str:
    return url.split("://", 1)[-1].split("/", 1)[0].split("?", 1)[0].split(":", 1)[0]


def shortened_link(findings: ContactFindings) -> bool:
    """Return whether a link goes through a link shortener."""
    return any(url_host(url) in SHORTENERS for url in findings.urls)


def lookalike_link(text: str, findings: ContactFindings, folded: str) -> bool:
    """Return whether a link or an address imitates a brand, or a file is booby-trapped.

    `folded` is `text` after `skeleton` and `name_messengers`. Domains named as examples
    ("look-alike domains like paypa1.com") are not links to follow.
    """
    hosts = [url_host(url) for url in findings.urls]
    email_hosts = [email.rsplit("@", 1)[-1] for email in findings.emails]
    spans = [span for span in findings.matches if span.kind in ("url", "email")]
    written = [url_host(text[span.start : span.end].rsplit("@", 1)[-1]) for span in spans]
    examples = " ".join(
        skeleton(text[span.start : span.end]).replace(" ", "")
        for span in spans
        if _EXAMPLE_BEFORE.search(skeleton(text[max(0, span.start - 40) : span.start]))
    )
    linked = [host for host in hosts + email_hosts if not (examples and host in examples)]
    trap = _BOOBY_TRAP.search(folded)
    # "If you receive it, do not open it": IT's warning about the file, not a file to open.
    if trap and _WARNING.search(folded[max(0, trap.start() - 120) : trap.end() + 120]):
        trap = None
    return (
        any(is_lookalike_domain(host) for host in linked)
        or any(
            _EXECUTABLE.search(url.split("://", 1)[-1].partition("/")[2]) for url in findings.urls
        )
        or any(not host.isascii() for host in written)
        or trap is not None
    )
