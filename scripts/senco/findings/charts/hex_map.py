"""Chart 6, the hex map: every LA shaded by its coverage band.

Bands hold about equal numbers of LAs and are cut at the values readers see (rounded as printed),
so an LA always falls in the band its printed figure belongs to. Each band is a finding whose
filter picks its LAs; the drawing colours exactly those.
"""

from __future__ import annotations

import json
from functools import cache

import polars as pl

from ... import formatting, paths
from ...core.reference import la_numbers, read_la_codes
from ...indicators.tables import COVERAGE, LA_TABLE, IndicatorTables
from ..model import Cited, Says, Where, text_column
from .common import ChartSays, require

NAME = "hex_map"
BANDS = 5
ATTRIBUTION = (
    "Hex map layout: House of Commons Library, upper-tier local authorities 2023, "
    "Open Parliament Licence v3.0."
)


def band_id(index: int) -> str:
    return f"band.{index}"


def displayed(value: float, decimal_places: int) -> float:
    """A proportion rounded as it is shown (23.45% -> 0.235 at one decimal place of a percentage),
    so a value always falls in the band its printed figure belongs to."""
    return float(formatting.number(value * 100, decimal_places).replace(",", "")) / 100


def coverage_bands(values: list[float], count: int = BANDS) -> list[tuple[float, float]]:
    """Up to `count` bands of about equal numbers of LAs, as (lower, upper) displayed values.

    Breaks are taken at distinct values, so few distinct values give fewer bands, never an
    empty or back-to-front one.
    """
    ordered = sorted(values)
    distinct = sorted(set(ordered))
    breaks = sorted({ordered[int(len(ordered) * index / count)] for index in range(1, count)})
    breaks = [b for b in breaks if b > distinct[0]]
    lowers = [distinct[0], *breaks]
    uppers = [max(v for v in distinct if v < b) for b in breaks] + [distinct[-1]]
    return list(zip(lowers, uppers, strict=True))


def band_filters(rows: pl.DataFrame, period: str, decimal_places: int) -> list[Where]:
    """Each band as a filter on the unrounded values: from the smallest value shown at the
    band's lower bound, up to (not including) the next band's."""
    values = rows[COVERAGE].drop_nulls().to_list()
    shown = {value: displayed(value, decimal_places) for value in values}
    bands = coverage_bands(list(shown.values()))
    starts = [min(v for v in values if shown[v] >= low) for low, _ in bands]
    filters = []
    for index, start in enumerate(starts):
        test = {"at_least": start}
        if index + 1 < len(starts):
            test["below"] = starts[index + 1]
        filters.append({"period": period, COVERAGE: test})
    return filters


@cache
def layout_las() -> tuple[frozenset[str], frozenset[str]]:
    """The codes of the LAs the map's layout draws, and their DfE numbers (kept across a
    recode, so a recoded LA is still on the map)."""
    codes = frozenset(json.loads(paths.HEXMAP_LAYOUT.read_text(encoding="utf-8"))
                      ["local_authorities"])  # fmt: skip
    numbers = frozenset(
        la_numbers(codes, read_la_codes(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV))
    )
    return codes, numbers


def off_the_map(rows: pl.DataFrame) -> pl.DataFrame:
    """LAs the layout has no hexes for (an LA made after 2023, say), by name."""
    codes, numbers = layout_las()
    return rows.filter(
        ~pl.col("new_la_code").is_in(sorted(codes)) & ~pl.col("old_la_code").is_in(sorted(numbers))
    ).sort("la_name", "new_la_code")


def band_label(s: Cited, bands: list[Where], index: int) -> str:
    """A band as the legend gives it, contiguous with the next: '3.9% to under 5.2%' (the next
    band's lowest value as shown), the highest band '9.1% to 16.7%' (its lowest and highest)."""
    low = s.stat(LA_TABLE, bands[index], "min", COVERAGE, COVERAGE).shown
    if index + 1 < len(bands):
        above = s.stat(LA_TABLE, bands[index + 1], "min", COVERAGE, COVERAGE).shown
        return f"{low} to under {above}"
    high = s.stat(LA_TABLE, bands[index], "max", COVERAGE, COVERAGE).shown
    return low if low == high else f"{low} to {high}"


def regions_by_share(tables: IndicatorTables, top: Where) -> pl.DataFrame:
    """The regions with LAs in the highest band, by the share of their LAs (with a value) in it:
    regions differ in size, so a count alone would favour the largest (London's 6 is 6 of 33)."""
    return (
        tables.la_frame(top["period"])
        .filter(pl.col(COVERAGE).is_not_null())
        .group_by("region_code")
        .agg(top=(pl.col(COVERAGE) >= top[COVERAGE]["at_least"]).sum(), las=pl.len())
        .filter(pl.col("top") > 0)
        .with_columns(share=pl.col("top") / pl.col("las"))
        .sort(["share", "region_code"], descending=[True, False])
    )


def share_in(s: Cited, top: Where, code: str) -> str:
    """'4 of 10': a region's LAs in the highest band, of those with a value."""
    with_value = {"period": top["period"], COVERAGE: {"not_null": True}, "region_code": code}
    return f"{s.count(LA_TABLE, {**top, 'region_code': code})} of {s.count(LA_TABLE, with_value)}"


def describe(says: Says, tables: IndicatorTables) -> None:
    require(tables.la, [COVERAGE], LA_TABLE)
    chart = ChartSays(says, NAME)
    period = tables.latest
    period_label = formatting.period_label(period)
    rows = tables.la_frame(period)
    chart.subtitle(
        f"{tables.label(COVERAGE)}, by local authority, England (hex map), {period_label}"
    )
    if rows[COVERAGE].drop_nulls().len() == 0:
        chart.no_data(f"Coverage is not available for any LA in {period_label}.")
        return
    filters = band_filters(rows, period, tables.definition(COVERAGE)["decimal_places"])

    def band_text(s: Cited, index: int) -> str:
        return band_label(s, filters, index)

    # The legend: each band with the number of LAs in it, then those without a value (not
    # counted: the map also hatches LAs its layout has and the release lacks).
    for index, where in enumerate(filters):
        band = chart.statement(band_id(index), "band")
        count = band.count(LA_TABLE, where)
        band.say(f"{band_text(band, index)} ({count})")
    chart.mark("not_available", "band", "Not available")
    top = filters[-1]
    leading = regions_by_share(tables, top)

    def share(s: Cited, code: str) -> str:
        return share_in(s, top, code)

    if len(filters) == 1:
        title = chart.title(
            lambda s: f"Coverage was {band_text(s, 0)} in every local authority in {period_label}"
        )
    else:
        tied = leading.filter(pl.col("share") == leading["share"][0])["region_code"].to_list()
        s = chart.statement("title", "title")
        lowest_top = s.stat(LA_TABLE, top, "min", COVERAGE, COVERAGE).shown
        total = s.count(LA_TABLE, top)
        regions = formatting.listed(
            [f"{s.text(tables.region(period, code), 'area_name')} ({share(s, code)})"
             for code in tied]
        )  # fmt: skip
        title = s.say(
            f"{total} local authorities had coverage of {lowest_top} or more in {period_label}; "
            f"the largest share of a region's local authorities was in {regions}"
        ).text
    alt = chart.statement("alt_text", "alt_text")
    by_region = "; ".join(
        f"{alt.text(tables.region(period, code), 'area_name')} {share(alt, code)}"
        for code in leading["region_code"]
    )
    missing = tables.rows(LA_TABLE, rows.filter(pl.col(COVERAGE).is_null()).sort("la_name"))
    alt.say(
        f"Map of England's {alt.count(LA_TABLE, {'period': period})} local authorities, each "
        f"drawn as a block of hexagons roughly where it lies, shaded by coverage in "
        f"{period_label} in {len(filters)} bands, the lowest {band_text(alt, 0)} (lightest), "
        f"the highest {band_text(alt, len(filters) - 1)} (darkest). LAs in the highest band "
        f"by region: "
        f"{by_region}. "
        + (
            f"Not available: {', '.join(alt.text(r, 'la_name') for r in missing)}."
            if missing
            else "Every LA has a value."
        )
    )
    chart.note(ATTRIBUTION)
    unmapped = tables.rows(LA_TABLE, off_the_map(rows))
    if unmapped:
        chart.note(lambda s: (
            f"Not on the map, whose layout has no hexes for "
            f"{'it' if len(unmapped) == 1 else 'them'}: "
            f"{formatting.listed([s.text(row, 'la_name') for row in unmapped])} "
            f"(in the table below)."
        ))  # fmt: skip
    hexes_and_table(says, chart, tables, rows, filters, title)


def hexes_and_table(
    says: Says,
    chart: ChartSays,
    tables: IndicatorTables,
    rows: pl.DataFrame,
    filters: list[Where],
    title: str,
) -> None:
    """Each LA's hexes named with its value, and the table of every LA with its band."""
    band_of = {}
    for index, where in enumerate(filters):
        for code in rows.filter(
            pl.col(COVERAGE) >= where[COVERAGE]["at_least"],
            pl.col(COVERAGE) < where[COVERAGE].get("below", float("inf")),
        )["new_la_code"]:
            band_of[code] = index

    def band_cell(row):
        index = band_of.get(row["new_la_code"])
        if index is None:
            return says.text_cell(formatting.NOT_AVAILABLE)
        # The LA is in the band: a filter of the band and the LA picks one row.
        cell = says.composing()
        cell.stat(LA_TABLE, {**filters[index], "new_la_code": row["new_la_code"]}, "count",
                  basis=True)  # fmt: skip
        return cell.cell(band_label(cell, filters, index))

    # Each LA's hexes carry its name and value, for hover and screen readers in the HTML.
    for row in tables.rows(LA_TABLE, rows.sort("new_la_code")):
        chart.mark(
            f"la.{row['new_la_code']}",
            "label",
            lambda s, row=row: (
                f"{s.la_name(row)}, {s.text(row, 'region_name')}: coverage {s.value(row, COVERAGE)}"
            ),
        )

    columns = [
        text_column("la_name", "Local authority"),
        text_column("region_name", "Region"),
        says.column(COVERAGE),
        text_column("band", "Band on the map"),
    ]
    table = [
        [
            says.la_name_cell(row),
            says.cell(row, "region_name", "text"),
            says.cell(row, COVERAGE),
            band_cell(row),
        ]
        for row in tables.rows(LA_TABLE, rows.sort("la_name", "new_la_code"))
    ]
    chart.table(title, columns, table)
