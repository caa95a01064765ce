"""How the targeted LAs compare with the others: one rule, wherever it is said."""

from __future__ import annotations

from ..indicators.tables import Row
from .model import Says

DIFFERENCE = "coverage_difference"  # targeted minus other LAs, on the targeted group's row


def direction(says: Says, targeted: Row | None) -> str | None:
    """'higher', 'lower' or 'similar' by the interval that allows for variation between LAs
    (the bootstrap over LAs), whose limits are cited as what the claim rests on; None when
    the interval is not available."""
    if targeted is None or targeted[f"{DIFFERENCE}_ci_low"] is None:
        return None
    low = says.basis(targeted, f"{DIFFERENCE}_ci_low", DIFFERENCE)
    high = says.basis(targeted, f"{DIFFERENCE}_ci_high", DIFFERENCE)
    return "higher" if low > 0 else "lower" if high < 0 else "similar"
