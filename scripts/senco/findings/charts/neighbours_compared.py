"""Chart 8, each LA against its statistical neighbours: by region, how many LAs had coverage
higher than, similar to or lower than their ten neighbours' average (the verdict of
senco.indicators.neighbours, which allows for the sampling variation of the LA and of each
neighbour)."""

from __future__ import annotations

from ... import formatting
from ...indicators.compute import REGIONAL
from ...indicators.neighbours import VERDICT, VERDICTS, compared_in
from ...indicators.tables import LA_TABLE, IndicatorTables
from ..model import Cited, Column, Says, select, text_column
from .common import ChartSays

NAME = "neighbours_compared"
# The columns of the chart and its table, in the verdicts' order: higher, similar, lower.
SHORT = ("Higher", "Similar", "Lower")


def where(period: str, verdict: str | None, region: str | None = None) -> dict:
    """The LAs of a period (of a region) with a verdict, or with none when `verdict` is None."""
    found = {"period": period, VERDICT: verdict if verdict else {"not_null": False}}
    return found | ({"region_code": region} if region else {})


def counted(s: Cited, period: str, region: str | None = None) -> str:
    """'3 higher, 7 similar, 2 lower' (and how many not compared, when any)."""
    parts = [f"{s.count(LA_TABLE, where(period, v, region))} {short.lower()}"
             for v, short in zip(VERDICTS, SHORT, strict=True)]  # fmt: skip
    if select(s.tables.la, where(period, None, region)).height:
        parts.append(f"{s.count(LA_TABLE, where(period, None, region))} not compared")
    return ", ".join(parts)


def describe(says: Says, tables: IndicatorTables) -> None:
    chart = ChartSays(says, NAME)
    period = tables.latest
    label = formatting.period_label(period)
    chart.subtitle(
        f"Local authorities by whether their coverage was higher than, similar to or lower than "
        f"the average of their ten statistical neighbours, by region, {label}"
    )
    if not compared_in(tables.la_frame(period)):
        chart.no_data("No local authority could be compared with its statistical neighbours.")
        return
    title = chart.title(
        lambda s: (
            f"Coverage was higher than the statistical neighbours' average in "
            f"{s.count(LA_TABLE, where(period, VERDICTS[0]))} local authorities and lower in "
            f"{s.count(LA_TABLE, where(period, VERDICTS[2]))}, {label}"
        )
    )
    regions = tables.rows("aggregates", tables.area_frame(period, REGIONAL).sort("area_code"))
    chart.alt(
        lambda s: (
            f"Stacked bar chart, one bar per region, of the number of local authorities whose "
            f"coverage was higher than, similar to or lower than their statistical neighbours' "
            f"average, {label}. "
            + "; ".join(
                f"{s.text(r, 'area_name')}: {counted(s, period, r['area_code'])}" for r in regions
            )  # fmt: skip
            + f". England: {counted(s, period)}."
        )
    )
    chart.note(
        "Each local authority is compared with its own ten statistical neighbours (DfE's May "
        "2025 groups), which may be in other regions; the bars count local authorities by "
        "their own region."
    )
    columns = [text_column("area_name", "Region"),
               *(Column(v, f"{short} than neighbours' average" if short != "Similar"
                        else "Similar to neighbours' average", "count")
                 for v, short in zip(VERDICTS, SHORT, strict=True)),
               Column("not_compared", "Not compared", "count")]  # fmt: skip
    rows = []
    for region, name in [(r["area_code"], r) for r in regions] + [(None, None)]:
        cells = [says.cell(name, "area_name", "text") if name else says.text_cell("England")]
        for verdict in (*VERDICTS, None):
            cell = says.composing()
            cells.append(cell.cell(cell.count(LA_TABLE, where(period, verdict, region))))
        rows.append(cells)
    chart.table(title, columns, rows)
