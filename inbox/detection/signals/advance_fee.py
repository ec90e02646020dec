"""Advance-fee fraud: a share of a large sum, an inheritance or a prize offered to the reader."""

from __future__ import annotations

from .phrases import family

_MILLIONS = (
    r"(?:(?:us\s?\$|usd|\$|£|€|gbp|eur)\s?\d[\d,.]*\s?(?:m|mn|million|billion)\b|\d[\d,.]*\s?"
    r"(?:m|mn|million|billion)\s+(?:us\s+)?(?:dollars|usd|pounds|euros|gbp|eur)|"
    r"(?:million|billion)\s+(?:us\s+)?(?:dollars|pounds|euros))"
)

# The story every such letter tells: funds nobody claims, a dead client's estate, a transfer
# that needs a foreigner's account, a cut of the sum, a prize never entered for. Each phrase is
# aimed at the reader as the one chosen to receive the money.
_ADVANCE_FEE = family(
    r"next\s+of\s+kin",
    r"(?:deceased|late)\s+(?:client|customer|depositor|husband|father|mr|mrs|dr|engineer|"
    r"businessman|investor)",
    r"unclaimed\s+(?:funds?|inheritance|deposits?|consignment|estate|sum)|dormant\s+(?:account|"
    r"funds?)|abandoned\s+(?:funds?|consignment|sum)",
    rf"(?:transfer|release|remit|claim|move)\w*\s+(?:of\s+)?(?:this\s+|the\s+|these\s+)?(?:sum|"
    rf"funds?|money|amount|inheritance|consignment)\b[^.!?\n]{{0,80}}?{_MILLIONS}",
    rf"{_MILLIONS}[^.!?\n]{{0,80}}?\b(?:into\s+(?:your|a\s+foreign)|(?:to|in)\s+your\s+"
    rf"(?:bank\s+)?account|as\s+(?:the\s+)?beneficiary|(?:your|for\s+your)\s+"
    r"(?:share|assistance|cooperation))",
    r"\d{1,2}(?:\.\d+)?\s?(?:%|percent|per\s+cent)\s+of\s+the\s+(?:total\s+)?(?:sum|funds?|"
    r"amount|money)",
    r"(?:foreign|overseas|reliable|trustworthy|honest)\s+(?:business\s+)?partner\s+(?:to|who)\s+"
    r"(?:receive|assist|help|stand)|stand\s+as\s+(?:the\s+)?(?:next\s+of\s+kin|beneficiary)",
    r"(?:strictly|highly|absolutely)\s+confidential\b[^.!?\n]{0,60}?\b(?:transaction|business|"
    r"proposal|deal|transfer)|confidential\s+business\s+(?:proposal|transaction|relationship)",
    r"(?:lottery|lotto|sweepstakes?|jackpot)\b[^.!?\n]{0,60}?\b(?:winner|won|winning|award\w*|"
    r"prize)|winning\s+number\s+\w*\d|(?:ticket|reference|batch)\s+number\s+\w*\d"
    r"[^.!?\n]{0,80}?\b(?:prize|won|winner|winnings|claim\w*)\b",
    r"(?:claims?|fiduciary|remittance|paying)\s+(?:agent|officer)|(?:diplomatic|security)\s+"
    r"(?:courier|company|vault)\b[^.!?\n]{0,60}?\b(?:consignment|box|trunk|funds?)",
    r"(?:compensation|beneficiary|inheritance)\s+(?:fund|payment|sum)\s+(?:of|worth|valued)",
)


def advance_fee(text: str) -> bool:
    """Return whether `text` offers the reader a share of a large sum, an estate or a prize."""
    return _ADVANCE_FEE.search(text) is not None
