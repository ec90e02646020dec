"""Contact details in a message (emails, phones, links, handles), found through disguise."""

from .domains import SHORTENERS
from .find import find_contacts
from .findings import EMAIL, HANDLE, PHONE, URL, ContactFindings, Span
from .messengers import NETWORKS, name_messengers
from .phones import DEFAULT_REGION

__all__ = [
    "DEFAULT_REGION",
    "EMAIL",
    "HANDLE",
    "NETWORKS",
    "PHONE",
    "SHORTENERS",
    "URL",
    "ContactFindings",
    "Span",
    "find_contacts",
    "name_messengers",
]
