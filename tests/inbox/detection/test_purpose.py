"""Tests of the allowed purpose of shared contact details: phrase families, not a list of tools."""

from __future__ import annotations

import pytest

from inbox.detection.contacts import find_contacts
from inbox.detection.purpose import contact_purpose


def _purpose(text: str) -> str | None:
    return contact_purpose(text, find_contacts(text))


SCOPING = [
    # A role or permission next to a scoping word, for a tool that is in no list.
    pytest.param(
        "Postmark console viewer: ops.rue@example.com, I'll look at the bounces and quote",
        id="viewer-role",
    ),
    pytest.param(
        "A read-only Chargebee seat for fin.ada@example.org please, then I'll size the migration",
        id="read-only-seat",
    ),
    pytest.param(
        "Add qa.ben@example.net as a restricted user in Bugsnag and I'll estimate the fixes",
        id="add-as-restricted-user",
    ),
    pytest.param(
        "Could you give pm.iris@example.com comment only rights? Then I can price the copy edits",
        id="comment-only",
    ),
    pytest.param(
        "Please add dev.omar@example.io to the Render team so I can scope the deploy work",
        id="add-to-team",
    ),
    pytest.param(
        "To bid properly I need Segment workspace access: data.lin@example.net (analyst is fine)",
        id="workspace-access",
    ),
    pytest.param(
        "A Metabase share to bi.kofi@example.com would let me quote the dashboards",
        id="share-to",
    ),
    # A tool named for the address with a strong scoping word, without an access word.
    pytest.param(
        "For the Retool admin: tools.eve@example.org. I'll go through the apps and estimate",
        id="tool-and-estimate",
    ),
    # A contract, milestone or offer in place: any address or work link may be shared.
    pytest.param(
        "The contract's live — invoices and drafts can go to acct.noa@example.com", id="contract"
    ),
    pytest.param(
        "Milestone 2 is funded, send the cleaned files to data.yui@example.net", id="milestone"
    ),
    pytest.param(
        "Offer accepted! The test server is at https://qa.helio-app.example.org/login-page-copy",
        id="offer-and-link",
    ),
    pytest.param("We've just signed, my address for the kickoff is lea@example.com", id="signed"),
    pytest.param(
        "We have a contract now, so send your questions to ops.ilse@example.net", id="have-contract"
    ),
    pytest.param(
        "Now that you're hired, please add cto.ravi@example.com to the Sentry org", id="hired"
    ),
]


@pytest.mark.parametrize("text", SCOPING)
def test_access_for_the_work_or_after_a_contract_is_scoping(text):
    assert _purpose(text) == "scoping"


NOT_SCOPING = [
    # Writing directly is not access, even with a tool and a price named.
    pytest.param(
        "I loved your Figma case studies, email me at ola.b@example.com for a quote",
        id="email-me-for-a-quote",
    ),
    pytest.param(
        "My email is kim.r@example.org, I'll check your Shopify store and quote there",
        id="my-email-is",
    ),
    # Going around the platform spoils any purpose.
    pytest.param(
        "Invite me to the Notion at nia@example.com and pay me via PayPal instead",
        id="pay-via-paypal",
    ),
    pytest.param(
        "Skip the platform: add sam@example.net as a viewer in GA4 and we settle up by bank"
        " transfer",
        id="skip-the-platform",
    ),
    pytest.param(
        "Forget the Jira invite, mail me at jo@example.com and we'll handle the payment privately",
        id="payment-privately",
    ),
    pytest.param(
        "Let's take this off the app — Miro invite to lu@example.org and I'll quote",
        id="off-the-app",
    ),
    # A contract still to come is no contract.
    pytest.param(
        "Once the contract is signed, write to me at ivo@example.com", id="contract-to-come"
    ),
    pytest.param("After we sign I'll invite hr.dee@example.net to our Slack", id="after-we-sign"),
    # Links after a contract that hide where they lead or ask for a password.
    pytest.param("Contract started, the brief is at bit.ly/br13f-x", id="shortener"),
    pytest.param(
        "Contract accepted. Confirm your password at payout-check.example.net/verify",
        id="credentials",
    ),
    # A link before any contract that is not a project tool.
    pytest.param(
        "Add me as a viewer, details at my-tools.example.net/brief, then I'll quote",
        id="foreign-link",
    ),
    # Phones and messengers are never for access.
    pytest.param(
        "Contract signed! WhatsApp me on +44 7700 900 155 for the files", id="phone-after-contract"
    ),
    # An access word taken back does not ask for access.
    pytest.param(
        "No need for the Asana invite, just write to me at mo@example.com and I'll quote",
        id="access-taken-back",
    ),
    # A tool's name inside the address itself names no tool.
    pytest.param(
        "For the bill, my bookkeeper is ledger.miro@example.org, she handles quotes",
        id="tool-inside-address",
    ),
    # No access, no tool, no contract.
    pytest.param("hi, this is pia@example.com, talk soon", id="plain"),
]


@pytest.mark.parametrize("text", NOT_SCOPING)
def test_contact_details_without_an_allowed_purpose_are_not_scoping(text):
    assert _purpose(text) is None
