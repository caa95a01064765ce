"""The derived statistics as an Explore Education Statistics (EES) data file and its `.meta.csv`,
in DfE's open data standards: one row per time period, geography and programme group (with each
LA's verdict, funnel position and small base as filters), one column per indicator, rates in per
cent, and the symbols `x` (not available) and `z` (not applicable) in place of blanks.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

import polars as pl

from .. import formatting, layout, published
from ..core.fileio import inert
from ..indicators.compute import GROUP, NATIONAL, REASON_NOT_AVAILABLE, REGIONAL, TARGETED_GROUP
from ..indicators.neighbours import VERDICT as NEIGHBOURS_VERDICT
from .release import DRAFT_NOTICE

LOCAL_AUTHORITY = "Local authority"
GROUP_FILTER = "programme_group"
TOTAL = "Total"
SMALL_BASE = "small_base"
NOT_AVAILABLE, NOT_APPLICABLE = published.SYMBOL_NOT_AVAILABLE, published.SYMBOL_NOT_APPLICABLE

# The geography and time columns EES expects, in its order.
GEOGRAPHY = (
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "old_la_code",
    "new_la_code",
    "la_name",
)


NEIGHBOURS_FILTER = NEIGHBOURS_VERDICT  # an LA's verdict against its neighbours


@dataclass(frozen=True)
class Filter:
    """A filter column of the data file: a category each row belongs to."""

    name: str  # for the LAs' own categories, the column of la_indicators it shows
    label: str
    hint: str


FILTERS = (
    Filter(GROUP_FILTER, "Programme group",
           "Whether the programme targeted the local authority"),
    Filter("coverage_vs_england", "Coverage compared with England",
           "Outside the 95% limits that allow for variation between local authorities, or not"),
    Filter("coverage_od_funnel_band", "Funnel plot position",
           "Against limits that allow for variation between local authorities; only beyond "
           "99.8% is unusual"),
    Filter(SMALL_BASE, "Small base",
           "Few eligible settings: the local authority's rates are of low reliability"),
    Filter(NEIGHBOURS_FILTER, "Coverage compared with statistical neighbours",
           "Higher or lower than the average of the local authority's ten statistical "
           "neighbours when the 95% interval of the difference excludes zero"),
)  # fmt: skip
NEIGHBOURS_GROUPING = "Statistical neighbours"
LA_FILTERS = FILTERS[1:]  # a fact of each LA; 'Total' on the rows of England and the regions
YES, NO = "Yes", "No"


@dataclass(frozen=True)
class Indicator:
    """One indicator column of the data file: its source column and how EES shows it."""

    name: str
    source: str
    unit: str  # EES indicator_unit: "" for numbers, "%" for per cent, "pp" for points
    dp: int
    grouping: str
    la_only: bool = False  # not defined for aggregates (a rank), so 'z' there
    # A small base's rank is not given alone, here as everywhere: only its interval ('x' here).
    withheld_for_small_base: bool = False

    @property
    def rate(self) -> str:
        """The indicator an interval limit belongs to (its definition and null reason)."""
        return self.source.removesuffix("_ci_low").removesuffix("_ci_high")


def indicators(definitions: pl.DataFrame) -> tuple[Indicator, ...]:
    """The data file's indicators, from the definitions table's units and precision."""
    counts = "Settings and practitioners"
    rates = "Rates, with 95% confidence intervals"
    spec = []
    for name in (
        "settings_total",
        "settings_registered",
        "settings_completed",
        "practitioners_registered",
        "practitioners_completed",
        "practitioners_not_completed",
    ):
        spec.append(Indicator(name, name, "", 0, counts))
    for rate in ("registered_rate", "coverage_rate", "completion_rate"):
        for suffix in ("", "_ci_low", "_ci_high"):
            spec.append(Indicator(f"{rate}{suffix}", f"{rate}{suffix}", "%", 1, rates))
    spec.append(
        Indicator("practitioner_completion_rate", "practitioner_completion_rate", "%", 1, rates)
    )
    spec.append(
        Indicator(
            "settings_completed_change",
            "settings_completed_change",
            "",
            0,
            "Change since the previous period",
        )
    )
    spec.append(
        Indicator(
            "coverage_rate_change",
            "coverage_rate_change",
            "pp",
            1,
            "Change since the previous period",
        )
    )
    for name in ("coverage_rank", "coverage_rank_low", "coverage_rank_high"):
        spec.append(Indicator(name, name, "", 0, "Rank of coverage", la_only=True,
                              withheld_for_small_base=name == "coverage_rank"))  # fmt: skip
    spec.append(Indicator("neighbours_with_coverage", "neighbours_with_coverage", "", 0,
                          NEIGHBOURS_GROUPING, la_only=True))  # fmt: skip
    for name in ("neighbours_coverage_average", "neighbours_coverage_min",
                 "neighbours_coverage_max"):  # fmt: skip
        spec.append(Indicator(name, name, "%", 1, NEIGHBOURS_GROUPING, la_only=True))
    rank = "coverage_rank_in_neighbours"
    for name in (rank, f"{rank}_low", f"{rank}_high"):
        spec.append(Indicator(name, name, "", 0, NEIGHBOURS_GROUPING, la_only=True,
                              withheld_for_small_base=name == rank))  # fmt: skip
    known = set(definitions["name"])
    missing = [i.source for i in spec if i.rate not in known]
    if missing:
        raise ValueError(f"indicators without a definition: {', '.join(missing)}")
    return tuple(spec)


def label(definitions: pl.DataFrame, item: Indicator) -> str:
    base = item.rate
    text = definitions.filter(pl.col("name") == base)["label"][0]
    if item.source.endswith("_ci_low"):
        text = f"{text}: lower 95% limit"
    elif item.source.endswith("_ci_high"):
        text = f"{text}: upper 95% limit"
    return text


def shown(value: pl.Expr, item: Indicator) -> pl.Expr:
    """Values as EES stores them: rates in per cent, rounded as shown (by `senco.formatting`,
    the one place that rounds), counts as whole numbers."""
    if item.unit in ("%", "pp"):
        return value.map_elements(
            lambda v: formatting.number(v * 100, item.dp).replace(",", ""), return_dtype=pl.String
        )
    return value.cast(pl.Int64).cast(pl.String)


def indicator_cell(frame: pl.DataFrame, item: Indicator, first: str, is_la: bool) -> pl.Expr:
    """One indicator's column: its values, or a symbol, never a blank. `z` (not applicable) for a
    rank outside LAs, a change in the first period, or a value with a reason other than 'not
    available'; `x` (not available) for any other missing value."""
    if item.la_only and not is_la:
        return pl.lit(NOT_APPLICABLE).alias(item.name)

    def column(name: str) -> pl.Expr:
        return pl.col(name) if name in frame.columns else pl.lit(None, pl.String)

    value, reason = column(item.source), column(f"{item.rate}_reason")
    missing = pl.when(reason.is_null() | (reason == REASON_NOT_AVAILABLE))
    cell = (
        pl.when(value.is_null())
        .then(missing.then(pl.lit(NOT_AVAILABLE)).otherwise(pl.lit(NOT_APPLICABLE)))
        .otherwise(shown(value, item))
    )
    if item.grouping.startswith("Change"):  # there is no change in the first period
        cell = pl.when(pl.col("period") == first).then(pl.lit(NOT_APPLICABLE)).otherwise(cell)
    if item.withheld_for_small_base:
        cell = (
            pl.when(pl.col(SMALL_BASE).fill_null(False)).then(pl.lit(NOT_AVAILABLE)).otherwise(cell)
        )
    return cell.alias(item.name)


TIME = {
    "time_period": pl.col("period").str.slice(0, 4),
    "time_identifier": pl.col("period").str.slice(5, 2).cast(pl.Int64)
    .replace_strict({month: name for month, name in enumerate(published.MONTHS, start=1)},
                    return_dtype=pl.String),
}  # fmt: skip
COUNTRY = {
    "country_code": pl.lit(published.COUNTRY_CODE),
    "country_name": pl.lit(published.COUNTRY_NAME),
}
NO_AREA = {name: pl.lit("") for name in ("region_code", "region_name", "old_la_code",
                                         "new_la_code", "la_name")}  # fmt: skip
NATIONAL_GEOGRAPHY = {"geographic_level": pl.lit("National"), **COUNTRY, **NO_AREA}
TARGETED, NOT_TARGETED = "Targeted", "Not targeted"


def geographies(la: pl.DataFrame, areas: pl.DataFrame) -> list[tuple[pl.DataFrame, dict, bool]]:
    """Each kind of row of the data file, in the order it comes within a period: its rows in
    order, its geography columns, and whether they are LAs."""
    level = pl.col("geographic_level")
    group_name = pl.when(pl.col("area_code") == TARGETED_GROUP[0])
    totals = {item.name: pl.lit(TOTAL) for item in LA_FILTERS}
    return [
        (areas.filter(level == NATIONAL),
         {**NATIONAL_GEOGRAPHY, GROUP_FILTER: pl.lit(TOTAL), **totals}, False),
        (areas.filter(level == GROUP).sort("area_code", descending=True),
         {**NATIONAL_GEOGRAPHY,
          GROUP_FILTER: group_name.then(pl.lit(TARGETED)).otherwise(pl.lit(NOT_TARGETED)),
          **totals},
         False),
        (areas.filter(level == REGIONAL).sort("area_code"),
         {"geographic_level": pl.lit("Regional"), **COUNTRY, **NO_AREA,
          "region_code": pl.col("area_code"), "region_name": pl.col("area_name"),
          GROUP_FILTER: pl.lit(TOTAL), **totals},
         False),
        (la.sort("new_la_code"),
         {"geographic_level": pl.lit(LOCAL_AUTHORITY), **COUNTRY,
          **{name: pl.col(name) for name in ("region_code", "region_name", "new_la_code")},
          "old_la_code": pl.col("old_la_code").fill_null(""), "la_name": pl.col("la_name"),
          GROUP_FILTER: pl.when(pl.col("targeted")).then(pl.lit(TARGETED))
          .otherwise(pl.lit(NOT_TARGETED)),
          **{item.name: la_category(item.name) for item in LA_FILTERS}},
         True),
    ]  # fmt: skip


def la_category(column: str) -> pl.Expr:
    """An LA's own category, in the words every output uses ('not available' without one)."""
    value = pl.col(column)
    if column == SMALL_BASE:
        value = pl.when(value).then(pl.lit(YES)).when(value.not_()).then(pl.lit(NO))
    return value.fill_null(formatting.NOT_AVAILABLE)


def ees_data(la: pl.DataFrame, areas: pl.DataFrame, definitions: pl.DataFrame) -> list[dict]:
    """Rows of the EES data file: England (all LAs, then each programme group), each region and
    each LA, per period, in that order. One select per kind of row, then one concat."""
    spec = indicators(definitions)
    first = la["period"].min()
    selected = [
        frame.select(
            pl.col("period"),
            pl.lit(kind).alias("kind"),
            *(expression.alias(name) for name, expression in {**TIME, **geography}.items()),
            *(indicator_cell(frame, item, first, is_la) for item in spec),
        )
        for kind, (frame, geography, is_la) in enumerate(geographies(la, areas))
    ]
    rows = pl.concat(selected, how="diagonal").sort("period", "kind", maintain_order=True)
    return rows.select(data_columns(definitions)).to_dicts()


def ees_meta(definitions: pl.DataFrame) -> list[dict[str, str]]:
    """The `.meta.csv`: the filters, then each indicator, in the data file's column order."""
    rows = [
        {
            "col_name": item.name,
            "col_type": "Filter",
            "label": item.label,
            "indicator_grouping": "",
            "indicator_unit": "",
            "indicator_dp": "",
            "filter_hint": item.hint,
            "filter_grouping_column": "",
        }
        for item in FILTERS
    ]
    for item in indicators(definitions):
        rows.append(
            {
                "col_name": item.name,
                "col_type": "Indicator",
                "label": label(definitions, item),
                "indicator_grouping": item.grouping,
                "indicator_unit": item.unit,
                "indicator_dp": str(item.dp),
                "filter_hint": "",
                "filter_grouping_column": "",
            }
        )
    return rows


def to_csv(rows: list[dict[str, Any]], columns: list[str] | None = None) -> str:
    """UTF-8 CSV, comma-separated, with a header row and Unix line endings; no text cell a
    spreadsheet would run as a formula (`fileio.inert`)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns or list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: inert(value) for key, value in row.items()} for row in rows)
    return buffer.getvalue()


def data_columns(definitions: pl.DataFrame) -> list[str]:
    return [*GEOGRAPHY, *(item.name for item in FILTERS),
            *(item.name for item in indicators(definitions))]  # fmt: skip


def defined(item: Indicator, formulas: dict[str, str]) -> str:
    """An indicator's definition; an interval limit's says which limit of which rate."""
    if item.source != item.rate:
        side = "lower" if item.source.endswith("_ci_low") else "upper"
        return f"the {side} limit of the 95% Wilson score interval for `{item.rate}`"
    return " ".join(formulas[item.rate].split())


def data_guidance(
    rows: list[dict], definitions: pl.DataFrame, caveats: dict[str, str], small_base_min: int,
    synthetic: bool, draft: bool,
) -> str:  # fmt: skip
    """The data file's guidance, as EES asks for beside every data file: what it holds, its
    coverage, filters and indicators with their definitions, methods, symbols and rounding."""
    periods = sorted(
        {(r["time_period"], published.MONTHS.index(r["time_identifier"])) for r in rows}
    )
    shown = [f"{published.MONTHS[month]} {year}" for year, month in periods]
    levels = {level: len({(r["region_code"], r["new_la_code"], r[GROUP_FILTER]) for r in rows
                          if r["geographic_level"] == level}) for level in
              ("National", "Regional", LOCAL_AUTHORITY)}  # fmt: skip
    formulas = dict(definitions.select("name", "formula").iter_rows())
    lines = [f"# Data guidance: {published.DATA_SET_TITLE}, derived statistics", ""]
    if draft:
        lines += [DRAFT_NOTICE, ""]
    if synthetic:
        lines += [published.SYNTHETIC_NOTE, ""]
    lines += [
        "## Data file", "",
        f"`{layout.DATA_NAME}.csv` ({len(rows)} rows), described column by column in "
        f"`{layout.DATA_NAME}.meta.csv`. Counts are as the {published.PRODUCER} published them "
        f"({published.PUBLICATION}, {published.RELEASE} release); every rate, interval, rank and "
        "comparison is derived from them.", "",
        "## Coverage", "",
        f"Time periods: {formatting.listed(shown)} (months, counted cumulatively from October "
        f"2022). Geographic levels: England ({levels['National']} rows a period: all local "
        f"authorities, then each programme group), {levels['Regional']} regions and "
        f"{levels[LOCAL_AUTHORITY]} local authorities.", "",
        "## Filters", "",
        *(f"- `{item.name}` ({item.label}): {item.hint}. 'Total' on the rows of England and "
          "the regions." if item in LA_FILTERS else f"- `{item.name}` ({item.label}): "
          f"{item.hint}." for item in FILTERS),
        "", "## Indicators", "",
        *(f"- `{item.name}` ({label(definitions, item)}; unit {item.unit or 'number'}, "
          f"{item.dp} decimal places): {defined(item, formulas)}"
          for item in indicators(definitions)),
        "", "## Methods", "",
        f"A local authority with fewer than {formatting.count(small_base_min)} eligible settings "
        "is a small base (`small_base`): its rates are of low reliability, and its rank is not "
        "given alone (`x`), only its 95% interval. Coverage is compared with England by the "
        "funnel limits that allow for the variation between local authorities "
        "(`coverage_vs_england`, `coverage_od_funnel_band`), as in the bulletin.",
        "", caveats["intervals"], "",
        "## Symbols", "",
        "- `x`: not available (a count the release lacks, or a small base's rank).",
        "- `z`: not applicable (a rank for an area that is not a local authority, a change in "
        "the first period, or a rate that cannot be calculated: a zero denominator, or a "
        "numerator above it).",
        "", "## Rounding", "", caveats["rounding"], "",
    ]  # fmt: skip
    return "\n".join(lines)
