"""Chart 5, change by region: coverage in the previous period and the latest."""

from __future__ import annotations

import polars as pl

from ... import formatting
from ...indicators.compute import REGIONAL
from ...indicators.tables import AREA_TABLE, BARE, COVERAGE, SIZE, IndicatorTables
from ..model import Cited, Says, known, text_column
from .common import ChartSays, listed

NAME = "change_by_region"
CHANGE = "coverage_rate_change"  # since the previous period, as the indicator tables compute it


def compared_periods(tables: IndicatorTables) -> tuple[str, str] | None:
    """The previous and the latest period: what `coverage_rate_change` is computed between."""
    periods = tables.periods
    return (periods[-2], periods[-1]) if len(periods) > 1 else None


def change_title(s: Cited, tables: IndicatorTables, before: str, last: str) -> str:
    """Which way coverage moved, counting the regions with a change (those without one, where
    LAs are missing from either period, are named); cited on `s`, the title."""
    level = {"period": last, "geographic_level": REGIONAL}
    with_change = {**level, CHANGE: {"not_null": True}}
    regions = tables.area_frame(last, REGIONAL)
    usable = regions.filter(pl.col(CHANGE).is_not_null())
    rose = usable.filter(pl.col(CHANGE) > 0)
    fell = usable.filter(pl.col(CHANGE) < 0)
    span = f"between {formatting.period_label(before)} and {formatting.period_label(last)}"
    every = usable.height == regions.height
    regions_counted = "regions" if every else "regions with a change"

    def all_of(moved: str) -> str:
        if every:
            return f"Coverage {moved} in every region {span}"
        if usable.height == 1:
            return f"Coverage {moved} in the only region with a change {span}"
        counted = s.count(AREA_TABLE, with_change)
        return f"Coverage {moved} in all {counted} {regions_counted} {span}"

    if usable.height == 0:
        return f"Change in coverage {span} is not available for any region"
    if rose.height == usable.height:
        summary = all_of("rose")
    elif fell.height == usable.height:
        summary = all_of("fell")
    elif rose.height == 0 and fell.height == 0:
        summary = f"Coverage did not change in any region{'' if every else ' with a change'} {span}"
    elif rose.height == 0:
        summary = (
            f"Coverage rose in no region {span}; it fell in "
            f"{s.count(AREA_TABLE, {**level, CHANGE: {'below': 0.0}})} of the "
            f"{s.count(AREA_TABLE, with_change)} {regions_counted}"
        )
    else:
        summary = (
            f"Coverage rose in {s.count(AREA_TABLE, {**level, CHANGE: {'above': 0.0}})} of "
            f"the {s.count(AREA_TABLE, with_change)} {regions_counted} {span}"
        )
    if rose.height:
        # The range of the rises, not a leader picked from rises that differ by a point or less.
        rises = {**level, CHANGE: {"above": 0.0}}
        low, high = (s.stat(AREA_TABLE, rises, name, CHANGE, f"{SIZE}{BARE}{CHANGE}").shown
                     for name in ("min", "max"))  # fmt: skip
        summary += (
            f", by {low} percentage points" if low == high
            else f", by between {low} and {high} percentage points"
        )  # fmt: skip
    without = tables.rows(AREA_TABLE, regions.filter(pl.col(CHANGE).is_null()))
    if without:
        names = listed([s.text(row, "area_name") for row in without])
        summary += f"; change is not available for {names}"
    return summary


def describe(says: Says, tables: IndicatorTables) -> None:
    chart = ChartSays(says, NAME)
    periods = compared_periods(tables)
    if periods is None:
        chart.subtitle(f"{tables.label(COVERAGE)} by region")
        chart.no_data("Change cannot be shown: it needs two periods with coverage available.")
        return
    before, last = periods
    labels = [formatting.period_label(p) for p in periods]
    chart.subtitle(f"{tables.label(COVERAGE)} by region, {labels[0]} and {labels[1]}")
    regions = tables.area_frame(last, REGIONAL)
    if regions.filter(pl.col(CHANGE).is_not_null()).height == 0:
        chart.no_data("Change cannot be shown: it needs two periods with coverage available.")
        return
    title = chart.title(lambda s: change_title(s, tables, before, last))
    # Highest coverage in the latest period first.
    ordered = tables.rows(
        AREA_TABLE, regions.sort(pl.col(COVERAGE).fill_null(-1.0), "area_code", descending=True)
    )
    earlier = {row["area_code"]: tables.region(before, row["area_code"]) for row in ordered}

    def coverage(s: Cited, row) -> str:
        return formatting.NOT_AVAILABLE if row is None else s.value(row, COVERAGE)

    def described(s: Cited, row) -> str:
        """'London 3.2% to 5.8%', or what is not available instead."""
        previous = earlier[row["area_code"]]
        name = s.text(row, "area_name")
        if not known(previous, COVERAGE) and not known(row, COVERAGE):
            return f"{name} not available"
        span = f"{name} {coverage(s, previous)} to {coverage(s, row)}"
        return span if known(row, CHANGE) else f"{span} (change not available)"

    chart.alt(
        lambda s: (
            f"Dumbbell chart of coverage by region in {labels[0]} and {labels[1]}. "
            + "; ".join(described(s, r) for r in ordered)
            + "."
        )
    )
    columns = [
        text_column("area_name", "Region"),
        says.column("before", f"Coverage, {labels[0]}", COVERAGE),
        says.column("after", f"Coverage, {labels[1]}", COVERAGE),
        says.column(CHANGE, "Change"),
    ]
    table = []
    for row in ordered:
        previous, before_cell = earlier[row["area_code"]], says.composing()
        table.append(
            [
                says.cell(row, "area_name", "text"),
                before_cell.cell(coverage(before_cell, previous)),
                says.cell(row, COVERAGE),
                says.cell(row, CHANGE),
            ]
        )
    chart.table(title, columns, table)
