"""Why contact details were shared: an allowed purpose ("scoping") or not (None).

Sharing an email is allowed when it serves the work on the platform: an access invite to a
project tool so that the freelancer can scope the job ("I've invited you to our GA4 property",
"add me as a viewer on Figma and I'll quote", "share repo access"), or sharing files once a
contract exists. The test is made of phrase *families*, not sentences: an access word (invite,
viewer, share the folder, give you access) next to a project tool or a scoping word (quote,
estimate, scope, audit), or a contract that already exists next to an access word or tool.

Messenger handles and phone numbers are never for an access invite, and an invitation to go
around the platform's fees ("email me direct, we'll cut out the fees") spoils any purpose.
"""

from __future__ import annotations

import re

from .contacts import ContactFindings
from .normalize import skeleton

SCOPING = "scoping"

# An invitation to a workspace, or the permission it grants.
_ACCESS = re.compile(
    r"\b(?:invit(?:e|es|ed|ing|ation)|add(?:ed|ing)?\s+(?:you|me|them)\s+(?:as|to|on)|"
    r"share(?:d|s)?\s+(?:it|them|the|this|that|our|my|access|with|read)|give\s+(?:you|me)\s+access|"
    r"grant(?:ed)?\s+(?:you\s+|me\s+)?access|(?:viewer|editor|reporter|guest|read[-\s]?only|view|"
    r"edit|commenter|collaborator|developer|maintainer|member|analyst)\s+(?:access|role|rights|"
    r"permissions?|seat|account)|as\s+a\s+(?:viewer|editor|guest|collaborator|member|commenter)|"
    r"(?:repo|repository|board|folder|drive|workspace|property|project|file|dashboard)\s+access|"
    r"access\s+(?:to|for)\s+(?:the|our|your|my)|onboard(?:ed|ing)?\s+(?:you|me))\b"
)
# Project tools a client invites a freelancer to, by name.
_TOOLS = re.compile(
    r"\b(?:ga4|google\s+analytics|analytics|search\s+console|tag\s+manager|gtm|looker(?:\s+studio)?|"
    r"data\s+studio|figma|figjam|miro|trello|jira|confluence|asana|notion|clickup|monday\.com|"
    r"basecamp|github|gitlab|bitbucket|repo|repository|google\s+drive|drive|dropbox|box\.com|"
    r"frame\.io|airtable|webflow|shopify|wordpress|wp\s+admin|squarespace|wix|aws|gcp|azure|"
    r"vercel|netlify|firebase|heroku|canva|adobe|lucidchart|linear|sentry|hubspot|salesforce|"
    r"mailchimp|klaviyo|semrush|ahrefs|hotjar|mixpanel|amplitude|tableau|power\s+bi|google\s+ads|"
    r"ads\s+manager|business\s+manager|ad\s+account|app\s+store\s+connect|testflight|play\s+console|"
    r"zeplin|invision|sketch|storybook|postman|docker\s+hub|google\s+docs?|google\s+sheets?|"
    r"sharepoint|onedrive|jenkins|circleci|board|property|workspace|dashboards?)\b"
)
# Words that say the access is for sizing up the work.
_SCOPE = re.compile(
    r"\b(?:scope|scoping|quote|quoting|estimate|estimating|audit|assess|evaluate|review|look\s+at|"
    r"look\s+(?:over|through)|go\s+(?:over|through)|take\s+a\s+look|proposal|price\s+it|"
    r"before\s+(?:we\s+)?(?:finali[sz]e|start|sign))\b"
)
# A contract already in place.
_CONTRACT = re.compile(
    r"\b(?:contract\s+(?:is\s+|has\s+been\s+)?(?:signed|accepted|live|active|started|in\s+place|"
    r"approved|funded)|(?:signed|accepted|started)\s+the\s+contract|now\s+that\s+(?:the\s+contract|"
    r"we(?:'re|\s+are)\s+(?:under\s+contract|working)|you(?:'re|\s+are)\s+hired)|milestone\s+"
    r"(?:is\s+)?(?:funded|approved)|offer\s+(?:is\s+)?accepted|you(?:'re|\s+are)\s+hired)\b"
)
# Going around the platform's fees or moving the conversation off it.
_EVASION = re.compile(
    r"\b(?:(?:cut\s+out|avoid|skip|bypass|save\s+on|get\s+around)\s+(?:the\s+|their\s+|platform\s+)*"
    r"(?:fees?|commission|cut)|outside\s+(?:of\s+)?(?:the|this)\s+(?:platform|site|app)|"
    r"off[-\s]+(?:the\s+)?(?:platform|site|app)|pay\s+(?:you\s+|me\s+)?directly|"
    r"email\s+me\s+direct(?:ly)?|instead\s+of\s+(?:this|the)\s+(?:app|site|platform|chat))\b"
)
# Sites of the tools above: a link to one, with an invite, is part of the same access.
_TOOL_DOMAINS = (
    "figma.com", "miro.com", "trello.com", "atlassian.net", "atlassian.com", "asana.com",
    "notion.so", "notion.site", "github.com", "gitlab.com", "bitbucket.org", "drive.google.com",
    "docs.google.com", "analytics.google.com", "lookerstudio.google.com", "frame.io", "f.io",
    "dropbox.com", "airtable.com", "webflow.com", "canva.com", "loom.com", "clickup.com",
)  # fmt: skip


def _is_tool_url(url: str) -> bool:
    host = url.split("://", 1)[-1].split("/", 1)[0].removeprefix("www.")
    return any(host == domain or host.endswith("." + domain) for domain in _TOOL_DOMAINS)


def contact_purpose(text: str, findings: ContactFindings) -> str | None:
    """Return "scoping" when the contact details in `text` serve an allowed purpose, else None."""
    if not findings or findings.phones or findings.handles:
        return None
    if findings.urls and not all(_is_tool_url(url) for url in findings.urls):
        return None
    folded = skeleton(text)
    if _EVASION.search(folded):
        return None
    access = _ACCESS.search(folded) is not None
    tool = _TOOLS.search(folded) is not None or any(map(_is_tool_url, findings.urls))
    scope = _SCOPE.search(folded) is not None
    contract = _CONTRACT.search(folded) is not None
    if (access and (tool or scope)) or (contract and (access or tool)):
        return SCOPING
    return None
