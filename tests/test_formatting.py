"""Numbers as readers see them."""

from __future__ import annotations

import pytest

from senco import formatting


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [
        (0.2345, 1, "23.5%"),
        (0.0125, 1, "1.3%"),  # half away from zero, not to even
        (0.07692307692307693, 1, "7.7%"),
        (1.0, 1, "100.0%"),
        (0.0, 1, "0.0%"),
        (0.123456, 2, "12.35%"),
    ],
)
def test_percent(value, places, shown):
    assert formatting.percent(value, places) == shown


@pytest.mark.parametrize("missing", [None, float("nan"), float("inf")])
def test_missing_values_are_never_shown_as_numbers(missing):
    assert formatting.percent(missing) == "not available"
    assert formatting.count(missing, missing="x") == "x"
    assert formatting.interval(missing, 0.5) == "not available"


def test_counts_and_other_units():
    assert formatting.count(52499) == "52,499"
    assert formatting.count(7) == "7"
    assert formatting.number(1.0564516, 2) == "1.06"
    assert formatting.percentage_points(0.01775) == "+1.8 percentage points"
    assert formatting.percentage_points(-0.01775) == "-1.8 percentage points"
    assert formatting.percentage_points(0.0) == "0.0 percentage points"
    assert formatting.percentage_points(0.01775, unit=False) == "+1.8"
    assert formatting.by_unit(-0.006, "percentage points", 1, words=False) == "-0.6"
    assert formatting.interval(0.04550, 0.12715) == "4.6% to 12.7%"
    assert formatting.by_unit(0.2345, "percent", 1) == "23.5%"
    assert formatting.by_unit(3539, "count", 0) == "3,539"
    assert formatting.by_unit("lower", "category", 0) == "lower"
    with pytest.raises(ValueError, match="unknown unit"):
        formatting.by_unit(1, "furlongs", 0)


def test_period_label():
    assert formatting.period_label("2024-06") == "June 2024"
    assert formatting.period_label("2024-11") == "November 2024"


def test_prefixed_formats_drop_the_sign_or_the_unit_words():
    from senco.indicators.tables import BARE, SIZE, show

    formats = {"coverage_rate_change": ("percentage points", 1), "coverage_rate": ("percent", 1)}
    assert show(formats, "coverage_rate_change", 0.019) == "+1.9 percentage points"
    assert show(formats, f"{SIZE}coverage_rate_change", 0.019) == "1.9 percentage points"
    assert show(formats, f"{BARE}coverage_rate_change", -0.006) == "-0.6"
    assert show(formats, f"{SIZE}{BARE}coverage_rate_change", 0.037) == "3.7"
    assert show(formats, f"{BARE}coverage_rate", 0.067) == "6.7%"  # a symbol is not words
    with pytest.raises(Exception, match="no format"):
        show(formats, f"{BARE}unknown", 1)
