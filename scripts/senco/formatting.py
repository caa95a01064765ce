"""How numbers are shown to readers: the one place that rounds and formats.

Precision comes from the indicator definitions (`workflow/indicators.yaml`), so 0.2345 with one
decimal place shows as 23.5%. Values are rounded half away from zero, as statistical publications
do, not to even (Python's round) which would show 0.0125 as 1.2%.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

from .published import MONTHS

NOT_AVAILABLE = "not available"


def _rounded(value: float, decimal_places: int) -> Decimal:
    quantum = Decimal(1).scaleb(-decimal_places)
    # repr() gives the shortest decimal that round-trips, so 0.0125 is rounded as 0.0125.
    return Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and not math.isfinite(value))


def count(value, *, missing: str = NOT_AVAILABLE) -> str:
    """A whole number with thousands separators: 52499 -> '52,499'."""
    if _missing(value):
        return missing
    return f"{int(value):,}"


def number(value, decimal_places: int, *, missing: str = NOT_AVAILABLE) -> str:
    if _missing(value):
        return missing
    return f"{_rounded(value, decimal_places):,.{decimal_places}f}"


def percent(proportion, decimal_places: int = 1, *, missing: str = NOT_AVAILABLE) -> str:
    """A proportion as a percentage: 0.2345 -> '23.5%'."""
    if _missing(proportion):
        return missing
    return number(proportion * 100, decimal_places) + "%"


def percentage_points(
    difference,
    decimal_places: int = 1,
    *,
    missing: str = NOT_AVAILABLE,
    unit: bool = True,
) -> str:
    """A signed difference of proportions: 0.0123 -> '+1.2 percentage points' ('+1.2' without
    the unit, when the sentence names it once: 'from -0.6 to +1.9 percentage points')."""
    if _missing(difference):
        return missing
    shown = number(difference * 100, decimal_places)
    sign = (
        "+" if not shown.startswith("-") and _rounded(difference * 100, decimal_places) != 0 else ""
    )
    return f"{sign}{shown} percentage points" if unit else f"{sign}{shown}"


def interval(low, high, decimal_places: int = 1, *, missing: str = NOT_AVAILABLE) -> str:
    """A confidence interval of proportions: '4.6% to 12.7%'."""
    if _missing(low) or _missing(high):
        return missing
    return f"{percent(low, decimal_places)} to {percent(high, decimal_places)}"


def by_unit(
    value, unit: str, decimal_places: int, *, missing: str = NOT_AVAILABLE, words: bool = True
) -> str:
    """Format a value by the unit named in the indicator definitions; `words=False` leaves out
    a unit written as words (percentage points), for a sentence that names it once."""
    if unit == "count":
        return count(value, missing=missing)
    if unit == "percent":
        return percent(value, decimal_places, missing=missing)
    if unit == "percentage points":
        return percentage_points(value, decimal_places, missing=missing, unit=words)
    if unit in ("ratio", "rank"):
        return number(value, decimal_places, missing=missing)
    if unit == "category":
        return missing if value is None else str(value)
    raise ValueError(f"unknown unit {unit!r}")


def period_label(period: str) -> str:
    """'2024-06' -> 'June 2024'."""
    year, month = period.split("-")
    return f"{MONTHS[int(month) - 1]} {year}"


def ordinal(shown: str) -> str:
    """'12' -> '12th', '1' -> '1st', '22' -> '22nd' (a number as already shown)."""
    if not shown.isdigit():
        return shown
    value = int(shown)
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{shown}{suffix}"


def file_size(size: int) -> str:
    """A file's size as a link shows it: '12 KB' (at least 1), or '1.4 MB'."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def listed(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


SMALL_NUMBERS = ("none", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                 "ten")  # fmt: skip


def in_words(value: int) -> str:
    """A small count as prose writes it: 10 -> 'ten' (figures from 11, as GOV.UK style says)."""
    return SMALL_NUMBERS[value] if 0 <= value < len(SMALL_NUMBERS) else count(value)
