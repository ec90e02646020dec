"""Reasons in the freelancer's words: what the reason codes mean for the person reading them."""

from __future__ import annotations

from collections.abc import Mapping

FOR_FREELANCER: Mapping[str, str] = {
    "blocked_sender": "You blocked this client.",
    "blocked_organization": "You blocked this client's organization.",
    "blocked_linked_account": "You blocked an account linked to this client.",
    "message_request": "A client you haven't worked with yet (message request).",
    # Only requests carry it in the review list: the scan passed and the request stands.
    "scan_passed": "A client you haven't worked with yet (message request).",
    "released": "You let this message through.",
    "reported": "You reported this as spam.",
    "deleted": "You deleted this message.",
}


def reason_text(reason: Mapping[str, str]) -> str:
    """Return one plain sentence for a stored reason, for the freelancer's review list."""
    code = reason.get("code", "")
    detail = reason.get("detail", "")
    if code in FOR_FREELANCER:
        return FOR_FREELANCER[code]
    if code == "keyword_filter":
        return detail.replace("the freelancer's keyword filters", "your keyword filters")
    if code in ("spam", "scam", "campaign"):
        return detail  # already plain: "Looks like a scam: asks to move off the platform."
    return detail or code.replace("_", " ").capitalize()
