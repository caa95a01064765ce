"""Chart 2, coverage of every LA with its interval, ranked within one panel per region."""

from __future__ import annotations

import polars as pl

from ... import formatting
from ...indicators.compute import HIGHER, LOWER
from ...indicators.tables import COVERAGE, LA_TABLE, IndicatorTables
from ..model import Cited, Says, text_column
from .common import ChartSays, require, tied_names

NAME = "coverage_by_la"


def describe(says: Says, tables: IndicatorTables) -> None:
    require(tables.la, [COVERAGE, f"{COVERAGE}_ci_low", f"{COVERAGE}_ci_high"], LA_TABLE)
    chart = ChartSays(says, NAME)
    period = tables.latest
    period_label = formatting.period_label(period)
    rows = tables.la_frame(period)
    chart.subtitle(
        f"{tables.label(COVERAGE)} with 95% confidence intervals, by local authority within "
        f"region, {period_label}"
    )
    ranked = rows.filter(pl.col(COVERAGE).is_not_null())
    if ranked.height == 0:
        chart.no_data(f"Coverage is not available for any LA in {period_label}.")
        return
    # A small base is never named as highest or lowest: its rate is unstable.
    stable = ranked.filter(pl.col("small_base").not_())
    compared = stable if stable.height else ranked
    lowest, highest = compared[COVERAGE].min(), compared[COVERAGE].max()
    stable_where = {"period": period, "small_base": False} if stable.height else {"period": period}
    among = (
        f"Among local authorities with {formatting.count(tables.small_base_min)} or more "
        f"eligible settings, coverage"
        if stable.height and stable.height < ranked.height
        else "Coverage"
    )

    def named(s: Cited, value: float) -> str:
        return tied_names(s, tables, LA_TABLE, {**stable_where, COVERAGE: value}, "la_name")

    top = tables.rows(LA_TABLE, compared.filter(pl.col(COVERAGE) == highest).head(1))[0]
    bottom = tables.rows(LA_TABLE, compared.filter(pl.col(COVERAGE) == lowest).head(1))[0]
    if lowest == highest:
        title = chart.title(
            lambda s: (
                f"{among} was {s.value(top, COVERAGE)} in every local authority in {period_label}"
            )
        )
    else:
        title = chart.title(
            lambda s: (
                f"{among} ranged from {s.value(bottom, COVERAGE)} in {named(s, lowest)} to "
                f"{s.value(top, COVERAGE)} in {named(s, highest)} in {period_label}"
            )
        )
    qualifier = " (not counting small bases)" if compared is stable and among != "Coverage" else ""
    # Small bases are marked where their names are drawn.
    for row in tables.rows(LA_TABLE, rows.filter(pl.col("small_base")).sort("new_la_code")):
        chart.mark(f"name.{row['new_la_code']}", "label", lambda s, row=row: s.la_name(row))
    england = tables.england(period)
    chart.mark("england", "reference", lambda s: f"England ({s.value(england, COVERAGE)})")
    at_period = {"period": period}
    unavailable = rows.height - ranked.height
    chart.alt(
        lambda s: (
            f"Dot plot of coverage with 95% confidence intervals for each of "
            f"{s.count(LA_TABLE, {**at_period, COVERAGE: {'not_null': True}})} local authorities"
            + (" with a value" if unavailable else "")
            + ", in one panel per region, sorted "
            f"from highest to lowest within each region, {period_label}. England coverage is "
            f"{s.value(england, COVERAGE)}. Highest{qualifier}: {named(s, highest)} "
            f"{s.value(top, COVERAGE)}; lowest: {named(s, lowest)} {s.value(bottom, COVERAGE)}. "
            f"{s.count(LA_TABLE, {**at_period, 'coverage_vs_england': HIGHER})} LAs were higher "
            f"than England and {s.count(LA_TABLE, {**at_period, 'coverage_vs_england': LOWER})} "
            f"lower, allowing for the variation between local authorities."
            + (
                f" Coverage is not available for "
                f"{s.count(LA_TABLE, {**at_period, COVERAGE: {'not_null': False}})} local "
                "authorities."
                if unavailable
                else ""
            )
        )
    )
    chart.note(
        "Each interval shows the uncertainty of one local authority's own coverage. Whether a "
        "local authority is higher or lower than England is judged against wider limits that "
        "allow for the variation between local authorities (the funnel plot), so an interval "
        "that misses England's line does not by itself make it higher or lower."
    )
    chart.table(title, *data_table(says, tables, rows))


def data_table(says: Says, tables: IndicatorTables, rows: pl.DataFrame) -> tuple[list, list]:
    """Every LA of the period, by region and from highest coverage, with its interval."""
    columns = [
        text_column("la_name", "Local authority"),
        text_column("region_name", "Region"),
        says.column(COVERAGE),
        says.column(f"{COVERAGE}_ci_low", "Lower 95% limit", COVERAGE),
        says.column(f"{COVERAGE}_ci_high", "Upper 95% limit", COVERAGE),
        says.column("coverage_vs_england"),
    ]
    ordered = rows.sort(
        "region_code", pl.col(COVERAGE).fill_null(-1.0), "la_name", descending=[False, True, False]
    )
    table = [
        [
            says.la_name_cell(row),
            says.cell(row, "region_name", "text"),
            says.cell(row, COVERAGE),
            says.cell(row, f"{COVERAGE}_ci_low", COVERAGE),
            says.cell(row, f"{COVERAGE}_ci_high", COVERAGE),
            says.cell(row, "coverage_vs_england"),
        ]
        for row in tables.rows(LA_TABLE, ordered)
    ]
    return columns, table
