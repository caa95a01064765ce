"""What the outputs say when LAs are missing from the release (config allow_missing_las).

One statement, `notice.incomplete`, names the missing LAs of each period and the areas whose
totals they leave incomplete; the bulletin, every chart's notes and every factsheet show it.
"""

from __future__ import annotations

import polars as pl

from .. import formatting
from ..indicators.compute import MISSING, NATIONAL, REGIONAL
from ..indicators.tables import AREA_TABLE, COUNT, LA_TABLE, IndicatorTables
from .ids import INCOMPLETE_NOTICE as NOTICE_ID
from .ids import SHORT_INCOMPLETE_NOTICE as SHORT_NOTICE_ID
from .model import Cited, Says

MOST_NAMES = 10  # names listed per period; the rest are counted


def missing_frame(tables: IndicatorTables) -> pl.DataFrame:
    return tables.la.filter(pl.col(MISSING)).sort("period", "la_name")


def incomplete_note(says: Says, tables: IndicatorTables) -> None:
    """'Local authorities missing from this release ...: 13 in November 2024 (Barnet, ...).
    Figures for England and North East cover only the local authorities present: ...', and a
    short form for the factsheets, which counts the missing LAs without naming them (the
    factsheet stays one page). Nothing when every LA is present."""
    missing = missing_frame(tables)
    if not missing.height:
        return
    periods = missing["period"].unique().sort().to_list()

    def missing_in(s: Cited, period: str) -> str:
        count = s.count(LA_TABLE, {"period": period, MISSING: True})
        return f"{count} in {formatting.period_label(period)}"

    def named(s: Cited, period: str) -> str:
        rows = tables.rows(LA_TABLE, missing.filter(pl.col("period") == period))
        names = [s.text(row, "la_name") for row in rows[:MOST_NAMES]]
        more = len(rows) - len(names)
        return ", ".join(names) + (f" and {formatting.count(more)} more" if more else "")

    areas = tables.areas.filter(pl.col("las_missing") > 0)
    incomplete = areas.filter(pl.col("geographic_level").is_in([NATIONAL, REGIONAL])).sort(
        pl.col("geographic_level") != NATIONAL, "area_name", "period"
    )
    incomplete = tables.rows(AREA_TABLE, incomplete.unique("area_code", keep="first",
                                                           maintain_order=True))  # fmt: skip

    def incomplete_areas(s: Cited) -> str:
        for row in incomplete:
            s.basis(row, "las_missing", COUNT)
        return formatting.listed([s.text(row, "area_name") for row in incomplete])

    says.say(
        NOTICE_ID,
        "notice",
        lambda s: (
            f"Local authorities missing from this release, shown as not available: "
            f"{'; '.join(f'{missing_in(s, p)} ({named(s, p)})' for p in periods)}. Figures for "
            f"{incomplete_areas(s)} cover only the local authorities present: their rates are of "
            "those local authorities, and their counts and changes are not shown, since they would "
            "understate the totals."
        ),
    )
    says.say(
        SHORT_NOTICE_ID,
        "notice",
        lambda s: (
            f"Local authorities missing from this release: "
            f"{formatting.listed([missing_in(s, p) for p in periods])}. Figures for "
            f"{incomplete_areas(s)} cover only those present."
        ),
    )
