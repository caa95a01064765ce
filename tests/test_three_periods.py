"""A release of three periods, with Barnsley and Sheffield under their 2025 codes in the third:
change is shown since the previous period and since the first, each labelled as computed."""

from __future__ import annotations

import csv
import io

import polars as pl
import pytest

from samples import neighbour_groups, synthetic_release
from senco import paths
from senco.clean.release import clean_release
from senco.core.reference import load_lookup
from senco.findings.build import build
from senco.indicators.compute import (
    definitions_table,
    la_indicators,
    load_definitions,
    rates_from,
)
from senco.indicators.tables import IndicatorTables
from senco.indicators.targeted import load_targeted_codes

RECODED = {"E08000016": "E08000038", "E08000019": "E08000039"}  # from 1 May 2025
BARNSLEY = "E08000038"


def three_period_release() -> bytes:
    """June and November 2024 as generated, and June 2025: November's counts with one more
    completing setting wherever a registered setting had not completed, under 2025 codes."""
    rows = list(csv.reader(io.StringIO(synthetic_release().decode("utf-8"), newline="")))
    later = []
    for row in rows[1:]:
        if row[1] != "November":
            continue
        row = ["2025", "June", *row[2:6], RECODED.get(row[6], row[6]), *row[7:]]
        later.append(row)
    registered = {(r[6], r[8]): r for r in later}
    for row in later:
        if row[8] == "Completed":
            ceiling = int(registered[(row[6], "Registered")][9])
            row[9] = str(min(ceiling, int(row[9]) + 1))
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows([*rows, *later])
    return buffer.getvalue().encode("utf-8")


@pytest.fixture(scope="module")
def tables() -> IndicatorTables:
    lookup = load_lookup(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV)
    clean = clean_release(three_period_release(), "three.csv", lookup, synthetic=True).table
    spec = load_definitions(paths.INDICATOR_DEFINITIONS)
    targeted = load_targeted_codes(paths.TARGETED_CODES_CSV)["new_la_code"].to_list()
    groups, group_rows = neighbour_groups()
    la, areas = la_indicators(clean, targeted, rates_from(spec), 30, neighbours=groups)
    return IndicatorTables(la, areas, definitions_table(spec), True, 30, group_rows)


def test_a_recoded_la_is_one_la_across_the_three_periods(tables):
    barnsley = tables.la.filter(pl.col("new_la_code") == BARNSLEY).sort("period")
    assert barnsley["period"].to_list() == ["2024-06", "2024-11", "2025-06"]
    assert tables.la.filter(pl.col("new_la_code") == "E08000016").height == 0
    assert barnsley["targeted"].all()  # the 2022 list named Barnsley


def test_change_is_computed_since_the_previous_period_and_since_the_first(tables):
    la = tables.la.sort("new_la_code", "period")
    by_period = {p: la.filter(pl.col("period") == p) for p in ("2024-06", "2024-11", "2025-06")}
    first, previous, last = by_period["2024-06"], by_period["2024-11"], by_period["2025-06"]
    assert last["coverage_rate_change"].to_list() == pytest.approx(
        (last["coverage_rate"] - previous["coverage_rate"]).to_list()
    )
    assert last["coverage_rate_change_since_first"].to_list() == pytest.approx(
        (last["coverage_rate"] - first["coverage_rate"]).to_list()
    )
    assert (last["settings_completed_change_since_first"]
            == last["settings_completed"] - first["settings_completed"]).all()  # fmt: skip
    # With two periods behind it, November's change since the first is its change.
    assert previous["coverage_rate_change_since_first"].to_list() == pytest.approx(
        previous["coverage_rate_change"].to_list()
    )
    england = tables.england("2025-06")
    assert england["coverage_rate_change_since_first"] == pytest.approx(
        england["coverage_rate"] - tables.england("2024-06")["coverage_rate"]
    )


def test_the_factsheet_labels_each_change_with_the_period_it_is_from(tables):
    record = build(tables, [BARNSLEY]).as_dict()
    texts = {f["id"]: f.get("text") for f in record["findings"]}
    change = texts[f"factsheet.{BARNSLEY}.change"]
    row = tables.la_row("2025-06", BARNSLEY)
    assert "by June 2025, 1 more than in November 2024" in change
    since = row["settings_completed_change_since_first"]
    assert f"Since June 2024: {since} more settings; coverage rose by " in change
    assert texts[f"factsheet.{BARNSLEY}.name"] == "Barnsley"
