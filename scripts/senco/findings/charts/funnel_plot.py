"""Chart 3, the funnel plot: coverage against size, with limits around England's coverage that
allow for the variation between LAs (overdispersion; see senco.indicators.dispersion)."""

from __future__ import annotations

import polars as pl

from ... import formatting
from ...indicators.compute import FUNNEL_BANDS
from ...indicators.tables import COVERAGE, LA_TABLE, IndicatorTables
from ..model import Cited, Says, Statement, text_column
from .common import ChartSays, require

NAME = "funnel_plot"
BAND = "coverage_od_funnel_band"  # only LAs outside the adjusted 99.8% limits are unusual
ABOVE, BELOW = FUNNEL_BANDS[-1], FUNNEL_BANDS[0]


def label_id(la_code: str) -> str:
    """The piece naming one LA on the chart (`label.<code>`)."""
    return f"label.{la_code}"


def describe(says: Says, tables: IndicatorTables) -> None:
    require(tables.la, [COVERAGE, "settings_total", BAND], LA_TABLE)
    chart = ChartSays(says, NAME)
    period = tables.latest
    period_label = formatting.period_label(period)
    england = tables.england(period)
    chart.subtitle(
        f"{tables.label(COVERAGE)} against the number of eligible settings, with 95% and 99.8% "
        f"limits around England's coverage that allow for variation between local "
        f"authorities, by local authority, {period_label}"
    )
    ranked = {"period": period, COVERAGE: {"not_null": True}}
    if tables.la_frame(period).filter(pl.col(COVERAGE).is_not_null()).height == 0 or (
        england[COVERAGE] is None or england["coverage_tau2"] is None
    ):
        chart.no_data(f"Coverage is not available to compare with England in {period_label}.")
        return

    def outside(s: Cited, *bands: str) -> str:
        return s.count(LA_TABLE, {**ranked, BAND: list(bands)})

    title = chart.title(
        lambda s: (
            f"Allowing for variation between local authorities, "
            f"{outside(s, BELOW, ABOVE)} of {s.count(LA_TABLE, ranked)} had coverage outside the "
            f"99.8% limits around England's {s.value(england, COVERAGE)}: {outside(s, ABOVE)} "
            f"above and {outside(s, BELOW)} below"
        )
    )
    chart.mark("england", "reference", lambda s: f"England ({s.value(england, COVERAGE)})")
    chart.mark("tau2", "statistic", lambda s: s.value(england, "coverage_tau2"))
    # Only the LAs outside the adjusted 99.8% limits are named on the chart.
    named = tables.rows(
        LA_TABLE,
        tables.la_frame(period)
        .filter(pl.col(BAND).is_in([BELOW, ABOVE]))
        .sort(COVERAGE, "new_la_code", descending=[True, False]),
    )
    for row in named:
        label = chart.statement(label_id(row["new_la_code"]), "label")
        label.basis(row, BAND)
        label.say(label.text(row, "la_name"))

    def listed(s: Cited, band: str) -> str:
        members = [row for row in named if row[BAND] == band]
        return ", ".join(f"{s.text(row, 'la_name')} {s.value(row, COVERAGE)}" for row in members)

    chart.alt(
        lambda s: (
            f"Funnel plot of coverage against the number of eligible settings for "
            f"{s.count(LA_TABLE, ranked)} local authorities, {period_label}, with England's "
            f"coverage of {s.value(england, COVERAGE)} and 95% and 99.8% limits that narrow as "
            f"the number of settings grows, allowing for variation between local authorities. "
            f"Above the 99.8% limit ({outside(s, ABOVE)}): {listed(s, ABOVE) or 'none'}. Below it "
            f"({outside(s, BELOW)}): {listed(s, BELOW) or 'none'}."
        )
    )
    chart.note(lambda s: dispersion_note(s, england))
    columns = [
        text_column("la_name", "Local authority"),
        says.column("settings_total"),
        says.column(COVERAGE),
        says.column("coverage_od_funnel_low_998", "Lower 99.8% limit", COVERAGE),
        says.column("coverage_od_funnel_high_998", "Upper 99.8% limit", COVERAGE),
        says.column(BAND),
    ]
    table = [
        [
            says.la_name_cell(row),
            says.cell(row, "settings_total"),
            says.cell(row, COVERAGE),
            says.cell(row, "coverage_od_funnel_low_998", COVERAGE),
            says.cell(row, "coverage_od_funnel_high_998", COVERAGE),
            says.cell(row, BAND),
        ]
        for row in tables.rows(LA_TABLE, tables.la_frame(period).sort("la_name", "new_la_code"))
    ]
    chart.table(title, columns, table)


def dispersion_note(s: Statement, england) -> str:
    """phi in words, and what the adjusted limits mean."""
    if not england["coverage_tau2"]:
        s.basis(england, "coverage_tau2")
        return (
            f"Local authorities varied no more than chance alone would explain (overdispersion "
            f"ratio {s.value(england, 'coverage_phi')}), so the limits are those of chance "
            f"alone."
        )
    return (
        f"Local authorities varied about {s.value(england, 'coverage_phi')} times as much as "
        f"chance alone would explain, so these limits are widened to allow for real differences "
        f"between local authorities (Spiegelhalter 2005); the fainter lines are the limits of "
        f"chance alone. Only local authorities outside the 99.8% limits are named as unusual."
    )
