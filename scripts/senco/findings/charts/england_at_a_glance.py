"""Chart 1, England at a glance: settings and practitioners, registered and completed."""

from __future__ import annotations

from ... import formatting
from ...indicators.tables import IndicatorTables
from ..model import Column, Says, text_column
from .common import ChartSays, require, rose_or_fell

NAME = "england_at_a_glance"
MEASURES = (
    "settings_registered",
    "settings_completed",
    "practitioners_registered",
    "practitioners_completed",
)


def shown_periods(tables: IndicatorTables) -> list[str]:
    """The first and latest periods (one, if the release has one)."""
    return list(dict.fromkeys([tables.first, tables.latest]))


def describe(says: Says, tables: IndicatorTables) -> None:
    require(tables.areas, list(MEASURES), "aggregates")
    chart = ChartSays(says, NAME)
    shown = shown_periods(tables)
    labels = [formatting.period_label(p) for p in shown]
    england = {period: tables.england(period) for period in shown}
    chart.subtitle(
        f"Number of settings and practitioners registered for and completing the SENCO "
        f"qualification, England, {' and '.join(labels)}"
    )
    latest = england[shown[-1]]
    if latest is not None and latest["las_missing"]:
        chart.no_data(
            lambda s: (
                f"England totals are not shown: {s.value(latest, 'las_missing', 'count')} "
                f"local authorities are missing from {labels[-1]}, so totals would understate them."
            )
        )
        return
    if all(latest[m] is None for m in MEASURES):
        chart.no_data("No England totals are available.")
        return
    completed = "settings_completed"
    unknown = [label for p, label in zip(shown, labels, strict=True)
               if england[p] is None or england[p][completed] is None]  # fmt: skip
    if unknown:  # a suppressed count leaves England's total unknown (never understated)

        def cited_unknown(s) -> str:
            for period in shown:
                if england[period] is not None:
                    s.basis(england[period], completed)
            return (
                f"The number of settings with a practitioner who completed the qualification "
                f"is not available for England in {formatting.listed(unknown)}"
            )

        title = chart.title(cited_unknown)
    elif len(shown) == 2:
        before, after = england[shown[0]], latest
        title = chart.title(
            lambda s: (
                f"Settings with a practitioner who completed the qualification "
                f"{rose_or_fell(s.basis(before, completed), s.basis(after, completed))} from "
                f"{s.value(before, completed)} in {labels[0]} to {s.value(after, completed)} in "
                f"{labels[1]}"
            )
        )
    else:
        title = chart.title(
            lambda s: (
                f"{s.value(latest, completed)} settings had a practitioner who had "
                f"completed the qualification by {labels[0]}"
            )
        )
    chart.alt(
        lambda s: (
            f"Bar chart of England totals in {' and '.join(labels)}. "
            + "; ".join(
                f"{tables.label(m)}: " + " then ".join(s.value(england[p], m) for p in shown)
                for m in MEASURES
            )
            + "."
        )
    )
    columns = [text_column("measure", "Measure")]
    columns += [Column(p, label, "count") for p, label in zip(shown, labels, strict=True)]
    rows = [
        [says.text_cell(tables.label(m)), *(says.cell(england[p], m) for p in shown)]
        for m in MEASURES
    ]
    chart.table(title, columns, rows)
