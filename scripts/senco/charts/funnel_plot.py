"""Chart 3, the funnel plot: coverage against size, with limits around England's coverage."""

from __future__ import annotations

import polars as pl

from .. import formatting
from ..findings.model import Says, text_column
from ..indicators import FUNNEL_BANDS
from ..tables import LA_TABLE, IndicatorTables
from .common import COVERAGE, ChartSays, require

NAME = "funnel_plot"
ABOVE, BELOW = FUNNEL_BANDS[-1], FUNNEL_BANDS[0]


def label_id(la_code: str) -> str:
    """The piece naming one LA on the chart (`label.<code>`)."""
    return f"label.{la_code}"


def describe(says: Says, tables: IndicatorTables) -> None:
    require(tables.la, [COVERAGE, "settings_total", "coverage_funnel_band"], LA_TABLE)
    chart = ChartSays(says, NAME)
    period = tables.latest
    period_label = formatting.period_label(period)
    england = tables.england(period)
    chart.subtitle(
        f"{tables.label(COVERAGE)} against the number of eligible settings, with 95% and 99.8% "
        f"limits around England's coverage, by local authority, {period_label}"
    )
    ranked = {"period": period, COVERAGE: {"not_null": True}}
    if tables.la_frame(period).filter(pl.col(COVERAGE).is_not_null()).height == 0 or (
        england[COVERAGE] is None
    ):
        chart.no_data(f"Coverage is not available to compare with England in {period_label}.")
        return

    def outside(*bands: str) -> str:
        return says.count(LA_TABLE, {**ranked, "coverage_funnel_band": list(bands)})

    title = chart.title(
        f"{outside(BELOW, ABOVE)} of {says.count(LA_TABLE, ranked)} local authorities had "
        f"coverage outside the 99.8% limits around England's {says.value(england, COVERAGE)}: "
        f"{outside(ABOVE)} above and {outside(BELOW)} below"
    )
    chart.mark("england", "reference", f"England ({says.value(england, COVERAGE)})")
    # Only the LAs outside the 99.8% limits are named on the chart.
    named = tables.rows(
        LA_TABLE,
        tables.la_frame(period)
        .filter(pl.col("coverage_funnel_band").is_in([BELOW, ABOVE]))
        .sort(COVERAGE, "new_la_code", descending=[True, False]),
    )
    for row in named:
        says.basis(row, "coverage_funnel_band")
        chart.mark(label_id(row["new_la_code"]), "label", says.text(row, "la_name"))

    def listed(band: str) -> str:
        members = [row for row in named if row["coverage_funnel_band"] == band]
        return ", ".join(
            f"{says.text(row, 'la_name')} {says.value(row, COVERAGE)}" for row in members
        )

    chart.alt(
        f"Funnel plot of coverage against the number of eligible settings for "
        f"{says.count(LA_TABLE, ranked)} local authorities, {period_label}, with England's "
        f"coverage of {says.value(england, COVERAGE)} and 95% and 99.8% limits that narrow as "
        f"the number of settings grows. Above the 99.8% limit ({outside(ABOVE)}): "
        f"{listed(ABOVE) or 'none'}. Below it ({outside(BELOW)}): {listed(BELOW) or 'none'}."
    )
    columns = [
        text_column("la_name", "Local authority"),
        says.column("settings_total"),
        says.column(COVERAGE),
        says.column("coverage_funnel_low_998", "Lower 99.8% limit", COVERAGE),
        says.column("coverage_funnel_high_998", "Upper 99.8% limit", COVERAGE),
        says.column("coverage_funnel_band"),
    ]
    table = [
        [
            says.cell(row, "la_name", "text"),
            says.cell(row, "settings_total"),
            says.cell(row, COVERAGE),
            says.cell(row, "coverage_funnel_low_998", COVERAGE),
            says.cell(row, "coverage_funnel_high_998", COVERAGE),
            says.cell(row, "coverage_funnel_band"),
        ]
        for row in tables.rows(LA_TABLE, tables.la_frame(period).sort("la_name", "new_la_code"))
    ]
    chart.table(title, columns, table)
