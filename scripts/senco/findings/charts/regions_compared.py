"""Chart 4, the regions compared: coverage and reach with their intervals."""

from __future__ import annotations

import polars as pl

from ... import formatting
from ...indicators.compute import REGIONAL
from ...indicators.tables import AREA_TABLE, COVERAGE, IndicatorTables
from ..model import Cited, Says, known, text_column
from .common import ChartSays, listed, tied_names

NAME = "regions_compared"
MEASURES = (COVERAGE, "registered_rate")


def describe(says: Says, tables: IndicatorTables) -> None:
    chart = ChartSays(says, NAME)
    period = tables.latest
    period_label = formatting.period_label(period)
    regions = tables.area_frame(period, REGIONAL)
    chart.subtitle(
        f"{tables.label(COVERAGE)} and {tables.label('registered_rate').lower()} with 95% "
        f"confidence intervals, by region, England, {period_label}"
    )
    available = regions.filter(pl.col(COVERAGE).is_not_null())
    if available.height == 0:
        chart.no_data("Regional coverage is not available.")
        return
    highest, lowest = available[COVERAGE].max(), available[COVERAGE].min()
    level = {"period": period, "geographic_level": REGIONAL}

    def named(s: Cited, value: float) -> str:
        return tied_names(s, tables, AREA_TABLE, {**level, COVERAGE: value}, "area_name", "regions")

    def first_at(value: float):
        frame = available.filter(pl.col(COVERAGE) == value).sort("area_code").head(1)
        return tables.rows(AREA_TABLE, frame)[0]

    if highest == lowest:
        title = chart.title(
            lambda s: f"Coverage was {s.value(first_at(highest), COVERAGE)} in every region"
        )
    else:
        title = chart.title(
            lambda s: (
                f"Coverage was highest in {named(s, highest)} "
                f"({s.value(first_at(highest), COVERAGE)}) and lowest in {named(s, lowest)} "
                f"({s.value(first_at(lowest), COVERAGE)})"
            )
        )
    england = tables.england(period)
    for measure in MEASURES:
        chart.mark(f"england.{measure}", "reference",
                   lambda s, measure=measure: f"England {s.value(england, measure)}")  # fmt: skip
    # Highest coverage first, then England.
    ordered = tables.rows(
        AREA_TABLE, regions.sort(pl.col(COVERAGE).fill_null(-1.0), "area_code", descending=True)
    )
    shown = [row for row in ordered if known(row, COVERAGE)]
    alt = chart.statement("alt_text", "alt_text")
    unavailable = [alt.text(row, "area_name") for row in ordered if not known(row, COVERAGE)]
    counted = {**level, COVERAGE: {"not_null": True}}
    alt.say(
        f"Two bar charts with 95% confidence intervals of the {alt.count(AREA_TABLE, counted)} "
        + ("regions with a value" if unavailable else "regions")
        + f", sorted by coverage, {period_label}. Coverage, then reach: "
        + "; ".join(
            f"{alt.text(r, 'area_name')} {alt.value(r, COVERAGE)}, "
            f"{alt.value(r, 'registered_rate')}"
            for r in shown
        )
        + f". England: {alt.value(england, COVERAGE)} and "
        f"{alt.value(england, 'registered_rate')}."
        + (f" Not available: {listed(unavailable)}." if unavailable else "")
    )
    chart.note(
        "A region's interval treats every setting as independent and does not allow for the "
        "variation between its local authorities, so it understates how uncertain a comparison "
        "between regions is: intervals that do not overlap are not, on their own, evidence of a "
        "real difference."
    )
    chart.table(title, *data_table(says, [*ordered, england]))


def data_table(says: Says, rows: list) -> tuple[list, list]:
    """Each region, then England: coverage and reach with their intervals."""
    columns = [text_column("area_name", "Region")]
    for measure in MEASURES:
        columns += [
            says.column(measure),
            says.column(f"{measure}_ci_low", "Lower 95% limit", measure),
            says.column(f"{measure}_ci_high", "Upper 95% limit", measure),
        ]
    table = [
        [says.cell(row, "area_name", "text")]
        + [
            says.cell(row, column, measure)
            for measure in MEASURES
            for column in (measure, f"{measure}_ci_low", f"{measure}_ci_high")
        ]
        for row in rows
    ]
    return columns, table
