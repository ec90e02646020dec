"""Why contact details were shared: an allowed purpose ("scoping") or not (None)."""

from __future__ import annotations

import re

from common.text import skeleton

from .contacts import SHORTENERS, ContactFindings

SCOPING = "scoping"

# Roles and permissions a workspace grants ("read-only", "as an editor", "analyst role", "seat").
_ROLE = (
    r"(?:read|view|comment|edit)(?:[-\s]?only)?\s+(?:access|rights|role|permissions?)|"
    r"(?:read|view|comment)[-\s]?only|viewer|editor|commenter|collaborator|contributor|analyst|"
    r"advis[eo]r|accountant|guest|agent|reporter|maintainer|(?:restricted|limited|standard|staff|"
    r"team|iam|admin|test)\s+(?:user|account|member|access|seat)|seats?|permissions?|role"
)
# An invitation to a workspace, or the permission it grants.
_ACCESS = re.compile(
    r"\b(?:invit(?:e|es|ed|ing|ation)|add(?:ed|ing)?\s+(?:\S+\s+){0,3}?(?:as|to|on|in(?:to)?)|"
    r"share(?:d|s)?\s+(?:it|them|the|this|that|our|my|access|read|view)|"
    r"share(?:d|s)?\s+(?:\S+\s+){0,3}?(?:with|to)|(?:a|the)\s+(?:\w+\s+){0,2}share|"
    r"give\s+(?:you|me|\S+)\s+(?:\w+\s+)?access|grant(?:ed)?\s+(?:\S+\s+)?access|access|"
    rf"onboard(?:ed|ing)?\s+(?:you|me)|{_ROLE})\b"
)
# Project tools a client invites a freelancer to: the best-known by name, and any name followed
# by what such a tool holds ("the DigitalOcean team", "Stripe dashboard", "GTM container").
_TOOLS = re.compile(
    r"\b(?:ga4?|google\s+analytics|analytics|search\s+console|tag\s+manager|gtm|looker|data\s+studio|"
    r"figma|figjam|miro|trello|jira|confluence|asana|notion|clickup|monday\.com|basecamp|slack|github|"
    r"gitlab|bitbucket|repo|repository|drive|dropbox|frame\.io|airtable|webflow|shopify|wordpress|"
    r"wp\s+admin|squarespace|wix|aws|iam|gcp|azure|vercel|netlify|firebase|heroku|digitalocean|"
    r"canva|adobe|lucidchart|linear|sentry|hubspot|salesforce|mailchimp|klaviyo|semrush|ahrefs|"
    r"hotjar|mixpanel|amplitude|tableau|power\s+bi|google\s+ads|ads\s+manager|business\s+manager|"
    r"ad\s+account|app\s+store\s+connect|testflight|play\s+console|zeplin|invision|sketch|postman|"
    r"google\s+(?:docs?|sheets?|slides?)|sharepoint|onedrive|stripe|xero|quickbooks|zendesk|"
    r"intercom|freshdesk|crm|cms|erp|"
    r"\w+\s+(?:console|dashboard|workspace|board|property|container|repo|base|admin|portal|org|"
    r"organi[sz]ation|tenant|instance|folder|sheet|spreadsheet))\b"
)
# Words that say the access is for sizing up the work; the first group is enough with a tool.
_STRONG_SCOPE = (
    r"scope|scoping|quote|quoting|estimate|estimating|estimation|size|sizing|price|pricing|bid|"
    r"bidding|proposal|fixed\s+price|how\s+many\s+(?:hours|pages|days)|before\s+(?:i|we)\s+"
    r"(?:start|begin|quote|price|bid|commit)"
)
_SCOPE = re.compile(
    rf"\b(?:{_STRONG_SCOPE}|audit|assess|evaluate|review|check|look\s+at|look\s+(?:over|through)|"
    r"go\s+(?:over|through)|take\s+a\s+look|before\s+(?:we\s+)?(?:finali[sz]e|start|sign))"
)
_STRONG_SCOPE_RE = re.compile(rf"\b(?:{_STRONG_SCOPE})")
# A contract already in place ("contract's active", "the milestone is funded", "we just signed").
_CONTRACT = re.compile(
    r"\b(?:contract(?:'s|\s+is|\s+has\s+been|\s+was|\s+has)?\s+(?:now\s+|just\s+|officially\s+)?"
    r"(?:signed|accepted|live|active|started|begun|in\s+place|approved|funded|open)|"
    r"(?:signed|accepted|started|opened)\s+(?:the|our|your|this)\s+contract|under\s+contract|"
    r"now\s+that\s+(?:the\s+contract|we(?:'re|\s+are)\s+working|you(?:'re|\s+are)\s+hired)|"
    r"(?:paid|funded|released)\s+(?:the\s+)?(?:first\s+)?milestone|milestone\s+(?:\d+\s+|one\s+)?"
    r"(?:is\s+|has\s+been\s+|was\s+)?(?:now\s+)?(?:funded|approved|paid|released)|"
    r"escrow\s+(?:is\s+|has\s+been\s+)?funded|offer\s+(?:is\s+|has\s+been\s+|was\s+)?accepted|"
    r"accepted\s+(?:the|my|your)\s+offer|you(?:'re|\s+are)\s+hired|"
    r"(?:we|you|i)\s+(?:now\s+)?(?:have|got)\s+(?:a|the|our)\s+(?:signed\s+)?contract|"
    r"we(?:'ve|\s+have)?\s+(?:just\s+)?signed)\b"
)
# Words that make the contract a condition or a plan: "once the contract is signed, …".
_NOT_YET = re.compile(
    r"\b(?:once|after|when|until|till|before|if|unless|as\s+soon\s+as)\s+(?:\S+\s+){0,3}$"
)
# Words that take back an access word before it: "I'd rather not use the invite".
_NEGATION = re.compile(
    r"\b(?:not|n't|no|never|without|skip|forget|instead\s+of|rather\s+than|bother\s+with)\s+"
    r"(?:[^\s,.;:!?]+\s+){0,4}$"  # within the same clause
)
# A contract still to come: "once the contract starts", "after we sign".
_FUTURE_CONTRACT = re.compile(
    r"\b(?:once|after|when|as\s+soon\s+as)\s+(?:the\s+|our\s+|your\s+|this\s+)?(?:contract|offer|"
    r"milestone|job|project)\s+(?:is\s+|gets\s+|has\s+been\s+)?(?:signed|starts|begins|started|"
    r"funded|accepted|live|active|approved)|\b(?:once|after|when|as\s+soon\s+as)\s+(?:we|you|i)\s+"
    r"(?:sign|start|accept|fund|hire)"
)
# Going around the platform's fees or moving the conversation or the payment off it.
_PAYMENT_METHOD = (
    r"bank|wire|paypal|crypto|bitcoin|btc|usdt|western\s+union|zelle|venmo|cash\s*app|payoneer|"
    r"wise|revolut"
)
_EVASION = re.compile(
    r"\b(?:(?:cut\s+out|avoid|skip|bypass|save\s+on|get\s+around|dodge|without)\s+(?:the\s+|their\s+|"
    r"this\s+|platform\s+|service\s+|site\s+|app\s+)*(?:fees?|commission|cut|platform|site|app|"
    r"middleman|upwork|fiverr)|outside\s+(?:of\s+)?(?:the|this)\s+(?:platform|site|app)|"
    r"off[-\s]+(?:the\s+|this\s+)?(?:platform|site|app)|pay\s+(?:you\s+|me\s+)?direct(?:ly)?|"
    r"e-?mail\s+me\s+direct(?:ly)?|instead\s+of\s+(?:this|the)\s+(?:app|site|platform|chat)|"
    rf"pay(?:ing|ment|ments)?\s+(?:you\s+|me\s+)?(?:\w+\s+){{0,2}}?(?:via|by|through|with|on|over|in)\s+"
    rf"(?:{_PAYMENT_METHOD})|(?:bank|wire)\s+transfer|"
    r"(?:sort|settle|handle|arrange|do|deal\s+with|work)\s+(?:out\s+)?(?:the\s+)?(?:payments?|money|"
    r"billing|invoic\w+)\s+(?:\w+\s+)?(?:ourselves|between\s+us|privately|directly|outside|"
    r"on\s+our\s+own))\b"
)
# A link that asks for a password or a wallet is a trap, whatever the contract says.
_CREDENTIALS = re.compile(
    r"\b(?:(?:log|sign)\s*in\s+(?:there\s+)?with\s+your|(?:enter|type|confirm|verify|re-?enter|"
    r"update)\s+(?:your\s+)?(?:password|credentials|login|details|account|identity|card|wallet)|"
    r"password|passcode|seed\s+phrase|wallet)\b"
)
# An invitation to write directly, which is not an access invite.
_DIRECT = re.compile(
    r"\b(?:(?:e-?mail|mail|write(?:\s+to)?|message|msg|text|contact|reach|ping)\s+me|"
    r"drop\s+me\s+a\s+(?:line|mail|note)|get\s+in\s+touch|"
    r"my\s+(?:personal\s+|private\s+)?e-?mail(?:\s+address)?\s*(?:is|:))\b"
)
# Sites of the tools above: a link to one, with an invite, is part of the same access.
_TOOL_DOMAINS = (
    "figma.com", "miro.com", "trello.com", "atlassian.net", "atlassian.com", "asana.com",
    "notion.so", "notion.site", "github.com", "gitlab.com", "bitbucket.org", "drive.google.com",
    "docs.google.com", "analytics.google.com", "lookerstudio.google.com", "frame.io", "f.io",
    "dropbox.com", "airtable.com", "webflow.com", "canva.com", "loom.com", "clickup.com",
)  # fmt: skip


def _host(url: str) -> str:
    return url.split("://", 1)[-1].split("/", 1)[0].removeprefix("www.").lower()


def _is_tool_url(url: str) -> bool:
    host = _host(url)
    return any(host == domain or host.endswith("." + domain) for domain in _TOOL_DOMAINS)


def _masked(text: str, findings: ContactFindings) -> str:
    """Return `text` folded, each contact detail a blank token: "hubspot.kemi@…" names no tool."""
    pieces = []
    last = 0
    for span in findings.matches:
        if span.start >= last:
            pieces.append(text[last : span.start])
            pieces.append(" _contact_ ")
            last = span.end
    pieces.append(text[last:])
    return skeleton("".join(pieces))


def _asks_for_access(folded: str) -> bool:
    """Return whether an access word is used, and not taken back ("no need for the invite")."""
    return any(
        _NEGATION.search(folded, max(0, match.start() - 40), match.start()) is None
        for match in _ACCESS.finditer(folded)
    )


def _contract_in_place(folded: str) -> bool:
    """Return whether a contract is named as existing, not as a condition or a plan."""
    return any(
        _NOT_YET.search(folded, max(0, match.start() - 40), match.start()) is None
        for match in _CONTRACT.finditer(folded)
    )


def contact_purpose(text: str, findings: ContactFindings) -> str | None:
    """Return "scoping" when the contact details in `text` serve an allowed purpose, else None.

    Sharing an email or a link is allowed when it serves the work on the platform:

    * an access invite to a project tool so that the freelancer can scope the job ("I've invited
      you to our GA4 property", "add me as a viewer on Figma and I'll quote", "a read-only HubSpot
      seat for x@example.com, I'll size the cleanup");
    * anything shared once a contract exists ("the milestone is funded, send the exports to …",
      "now that the offer is accepted, here's the staging site").

    The test is made of phrase *families* rather than sentences or a list of every product:

    * an *access* phrase: an invitation (invite, add … as/to/on, share … with/to, give/grant
      access), a permission or a role (read-only, view only, viewer, editor, analyst, advisor,
      guest, restricted user, seat, staff account, "as an editor");
    * a *tool*: a well-known project tool by name, a link to one, or any name followed by the kind
      of thing such tools hold (a console, dashboard, workspace, board, property, container, repo,
      team, …);
    * a *scoping* word (quote, estimate, scope, size, price, bid, audit, "before I start");
    * a contract *in place* (signed, started, live, active, funded or paid milestone, accepted
      offer, "we just signed", "under contract"), not one that is yet to come ("once the contract
      starts").

    Scoping is: a contract in place; or access with a tool or a scoping word; or a tool named with a
    strong scoping word ("For the Trello board: x@example.net. I'll break the cards into an
    estimate").

    What spoils it: a phone number or a messenger handle (never for an access invite); a link that
    is not to a project tool before a contract exists, a short link, or a link next to a request for
    a password; going around the platform ("skip the platform", "cut out the fees", "pay me by bank
    transfer", "we'll sort the payment ourselves"); a contract named only as a condition; and, when
    no access is asked for, an invitation to write directly ("I reviewed your Figma portfolio, email
    me at …", "my email is …").

    The words are read in the text with each contact detail blanked out, so that "hubspot.kemi@…"
    names no tool, and an access word taken back in its clause ("no need for the Asana invite") asks
    for no access.
    """
    if not findings or findings.phones or findings.handles:
        return None
    folded = _masked(text, findings)
    if _EVASION.search(folded):
        return None
    if findings.urls and (
        any(_host(url) in SHORTENERS for url in findings.urls) or _CREDENTIALS.search(folded)
    ):
        return None  # where a short link leads is anyone's guess; a login page is a trap
    if _contract_in_place(folded):
        # Once a contract exists, sharing an address or a work resource is allowed.
        return SCOPING
    if _FUTURE_CONTRACT.search(folded):
        return None  # the sender says themselves that it is for later
    if findings.urls and not all(_is_tool_url(url) for url in findings.urls):
        return None
    access = _asks_for_access(folded)
    if _DIRECT.search(folded) and not access:
        return None
    tool = _TOOLS.search(folded) is not None or any(map(_is_tool_url, findings.urls))
    if access and (tool or _SCOPE.search(folded)):
        return SCOPING
    if tool and _STRONG_SCOPE_RE.search(folded):
        return SCOPING
    return None
