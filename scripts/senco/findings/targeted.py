"""How the targeted LAs compare with the others: one rule, wherever it is said."""

from __future__ import annotations

from ..indicators.tables import Row
from .model import Cited

DIFFERENCE = "coverage_difference"  # targeted minus other LAs, on the targeted group's row


def direction(cited: Cited, targeted: Row | None) -> str | None:
    """'higher', 'lower' or 'similar' by the interval that allows for variation between LAs
    (the bootstrap over LAs), whose limits are cited as what the claim rests on; None when
    the interval is not available. The limits are cited on `cited`, the statement saying it."""
    if targeted is None or targeted[f"{DIFFERENCE}_ci_low"] is None:
        return None
    low = cited.basis(targeted, f"{DIFFERENCE}_ci_low", DIFFERENCE)
    high = cited.basis(targeted, f"{DIFFERENCE}_ci_high", DIFFERENCE)
    return "higher" if low > 0 else "lower" if high < 0 else "similar"
