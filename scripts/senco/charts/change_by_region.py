"""Chart 5, change by region: coverage in the previous period and the latest."""

from __future__ import annotations

import polars as pl

from .. import formatting
from ..findings.model import Says, text_column
from ..indicators import REGIONAL
from ..tables import AREA_TABLE, COVERAGE, IndicatorTables
from .common import ChartSays, tied_names

NAME = "change_by_region"
CHANGE = "coverage_rate_change"  # since the previous period, as the indicator tables compute it


def compared_periods(tables: IndicatorTables) -> tuple[str, str] | None:
    """The previous and the latest period: what `coverage_rate_change` is computed between."""
    periods = tables.periods
    return (periods[-2], periods[-1]) if len(periods) > 1 else None


def change_title(says: Says, tables: IndicatorTables, before: str, last: str) -> str:
    """Which way coverage moved, counting every region (one without a change is named)."""
    level = {"period": last, "geographic_level": REGIONAL}
    regions = tables.area_frame(last, REGIONAL)
    usable = regions.filter(pl.col(CHANGE).is_not_null())
    rose = usable.filter(pl.col(CHANGE) > 0)
    fell = usable.filter(pl.col(CHANGE) < 0)
    span = f"between {formatting.period_label(before)} and {formatting.period_label(last)}"
    if rose.height == regions.height:
        summary = f"Coverage rose in every region {span}"
    elif rose.height == 0 and fell.height == 0:
        summary = f"Coverage did not change in any region {span}"
    elif rose.height == 0:
        summary = (
            f"Coverage rose in no region {span}; it fell in "
            f"{says.count(AREA_TABLE, {**level, CHANGE: {'below': 0.0}})} of "
            f"{says.count(AREA_TABLE, level)}"
        )
    else:
        summary = (
            f"Coverage rose in {says.count(AREA_TABLE, {**level, CHANGE: {'above': 0.0}})} of "
            f"{says.count(AREA_TABLE, level)} regions {span}"
        )
    if rose.height:
        most = rose[CHANGE].max()
        row = tables.rows(AREA_TABLE, rose.filter(pl.col(CHANGE) == most).head(1))[0]
        names = tied_names(says, tables, AREA_TABLE, {**level, CHANGE: most}, "area_name",
                           "regions")  # fmt: skip
        summary += f", most in {names} ({says.value(row, CHANGE)})"
    missing = tables.rows(AREA_TABLE, regions.filter(pl.col(CHANGE).is_null()))
    if missing:
        summary += f" (not available for {', '.join(says.text(r, 'area_name') for r in missing)})"
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
    title = chart.title(change_title(says, tables, before, last))
    # Highest coverage in the latest period first.
    ordered = tables.rows(
        AREA_TABLE, regions.sort(pl.col(COVERAGE).fill_null(-1.0), "area_code", descending=True)
    )
    earlier = {row["area_code"]: tables.region(before, row["area_code"]) for row in ordered}

    def coverage(row) -> str:
        return formatting.NOT_AVAILABLE if row is None else says.value(row, COVERAGE)

    chart.alt(
        f"Dumbbell chart of coverage by region in {labels[0]} and {labels[1]}. "
        + "; ".join(
            f"{says.text(r, 'area_name')} {coverage(earlier[r['area_code']])} to {coverage(r)}"
            for r in ordered
        )
        + "."
    )
    columns = [
        text_column("area_name", "Region"),
        says.column("before", f"Coverage, {labels[0]}", COVERAGE),
        says.column("after", f"Coverage, {labels[1]}", COVERAGE),
        says.column(CHANGE, "Change"),
    ]
    table = []
    for row in ordered:
        previous = earlier[row["area_code"]]
        table.append(
            [
                says.cell(row, "area_name", "text"),
                says.composed(coverage(previous)),
                says.cell(row, COVERAGE),
                says.cell(row, CHANGE),
            ]
        )
    chart.table(title, columns, table)
