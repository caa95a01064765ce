"""The derived statistics as files a reader can download.

- An Explore Education Statistics (EES) data file and its `.meta.csv`, in DfE's open data
  standards: one row per time period, geography and programme group, one column per indicator,
  rates in per cent, and the symbols `x` (not available) and `z` (not applicable) in place of
  blanks.
- The same tables as an accessible spreadsheet (XLSX), following the Analysis Function's
  "Releasing statistics in spreadsheets": cover sheet, contents, notes, then one table per sheet
  starting in cell A1, each a named table with one header row, units in the headers and notes
  referenced as [note N]; no merged cells, blank rows or blank columns.
- Every chart's data table as CSV (what the figure shows, as the findings hold it).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import polars as pl

from .. import formatting, published
from ..indicators.compute import GROUP, NATIONAL, REASON_NOT_AVAILABLE, REGIONAL, TARGETED_GROUP
from .release import DRAFT_NOTICE, Release, release_from

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
)  # fmt: skip
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
    """UTF-8 CSV, comma-separated, with a header row and Unix line endings."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns or list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def data_columns(definitions: pl.DataFrame) -> list[str]:
    return [*GEOGRAPHY, *(item.name for item in FILTERS),
            *(item.name for item in indicators(definitions))]  # fmt: skip


# --- the spreadsheet --------------------------------------------------------------------------

FIXED_TIME = datetime(2000, 1, 1)  # workbook properties carry no build time: rebuilds are identical


@dataclass(frozen=True)
class Sheet:
    name: str  # also the table's name
    title: str  # cell A1 of the sheet is not used for it: the table starts in A1
    headers: list[str]
    rows: list[list[Any]]


def write_spreadsheet(
    path: Path, cover: list[tuple[str, str]], notes: list[tuple[str, str]], sheets: list[Sheet]
) -> None:
    """Cover, Contents, Notes, then one table per sheet. Every sheet holds one table starting in
    A1 (the cover and contents are two-column tables too), marked up as an Excel table with a
    name, with no merged cells and no blank rows or columns."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    workbook.set_properties(
        {
            "title": published.DATA_SET_TITLE,
            "author": "senco-bulletin",
            "created": FIXED_TIME,
            "language": "en-GB",
        }
    )
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    contents = [(s.name, s.title) for s in sheets]
    tables = [
        Sheet("Cover", "About these tables", ["Item", "Detail"], [list(r) for r in cover]),
        Sheet(
            "Contents",
            "Sheets in this workbook",
            ["Sheet", "Contents"],
            [["Notes", "Notes referred to in the tables' headers"], *map(list, contents)],
        ),
        Sheet("Notes", "Notes", ["Note number", "Note text"], [list(n) for n in notes]),
        *sheets,
    ]
    for sheet in tables:
        worksheet = workbook.add_worksheet(sheet.name)
        columns = [{"header": header} for header in sheet.headers]
        last_row = max(len(sheet.rows), 1)
        worksheet.add_table(
            0,
            0,
            last_row,
            len(sheet.headers) - 1,
            {
                "name": sheet.name.replace(" ", "_"),
                "columns": columns,
                "data": sheet.rows or [["" for _ in sheet.headers]],
                "style": "Table Style Light 1",
                "autofilter": False,
            },
        )
        for index, header in enumerate(sheet.headers):
            longest = max([len(str(header))] + [len(str(row[index])) for row in sheet.rows])
            worksheet.set_column(
                index, index, min(max(longest + 2, 10), 60), wrap if longest > 60 else None
            )
    workbook.close()


def spreadsheet_value(text: str, item: Indicator | None) -> Any:
    """A number where the cell holds one; a symbol in square brackets, as the guidance asks."""
    if item is None:
        return text
    if text in (NOT_AVAILABLE, NOT_APPLICABLE):
        return f"[{text}]"
    return float(text) if item.dp else int(text)


UNIT_TEXT = {"%": " (%)", "pp": " (percentage points)", "": ""}


def header(definitions: pl.DataFrame, item: Indicator) -> str:
    """A column header with its unit and the note it needs."""
    note = ""
    if item.grouping.startswith("Rates"):
        note = " [note 2] [note 8] [note 9]"
    elif item.grouping.startswith("Change"):
        note = " [note 3] [note 8]"
    return f"{label(definitions, item)}{UNIT_TEXT[item.unit]}{note}"


def spreadsheet_sheets(rows: list[dict], definitions: pl.DataFrame) -> list[Sheet]:
    """Two tables: England, its programme groups and the regions; and every LA."""
    spec = indicators(definitions)
    headers = [header(definitions, item) for item in spec]

    def table(selected: list[dict], keys: list[tuple[str, str]]) -> list[list[Any]]:
        return [
            [row[key] for key, _ in keys] + [spreadsheet_value(row[i.name], i) for i in spec]
            for row in selected
        ]

    period = [("time_identifier", "Month"), ("time_period", "Year")]
    areas_keys = [
        *period,
        ("geographic_level", "Geographic level"),
        ("region_code", "Region code"),
        ("region_name", "Region"),
        (GROUP_FILTER, "Programme group [note 4]"),
    ]
    la_keys = [
        *period,
        ("region_name", "Region"),
        ("new_la_code", "LA code"),
        ("old_la_code", "Old LA code"),
        ("la_name", "Local authority"),
        (GROUP_FILTER, "Programme group [note 4]"),
        ("coverage_vs_england", "Compared with England [note 6]"),
        ("coverage_od_funnel_band", "Funnel plot position [note 6]"),
        (SMALL_BASE, "Small base [u] [note 7]"),
    ]
    areas = [r for r in rows if r["geographic_level"] != LOCAL_AUTHORITY]
    las = [r for r in rows if r["geographic_level"] == LOCAL_AUTHORITY]
    return [
        Sheet(
            "Table_1",
            "England, programme groups and regions, by month",
            [label for _, label in areas_keys] + headers,
            table(areas, areas_keys),
        ),
        Sheet(
            "Table_2",
            "Local authorities, by month",
            [label for _, label in la_keys] + headers,
            table(las, la_keys),
        ),
    ]


# The caveats every table of the downloads needs (from the caveats table, their one owner).
TABLE_CAVEATS = ("rounding", "intervals")


def caveat_texts(caveats: pl.DataFrame) -> dict[str, str]:
    return dict(caveats.select("key", "text").iter_rows())


def spreadsheet_notes(
    synthetic: bool, small_base_min: int, caveats: dict[str, str]
) -> list[tuple[str, str]]:
    notes = [
        (
            "Note 1",
            "Counts are as published by the Department for Education. Every rate, interval, "
            "rank and change is derived by senco-bulletin from those counts; they are not "
            "DfE statistics.",
        ),
        (
            "Note 2",
            "Rates are per cent of the denominator named in the heading, with 95% Wilson "
            "score intervals. Eligible settings are Ofsted's count of childminders and "
            f"group-based providers on {published.DENOMINATOR_DATE}.",
        ),
        (
            "Note 3",
            "Completions are cumulative from October 2022, so counts and coverage cannot "
            "fall between periods; change is since the previous month in the table.",
        ),
        (
            "Note 4",
            "Targeted: one of the local authorities the programme targeted "
            f"({published.TARGETED_SOURCE}). Total: all local authorities.",
        ),
        (
            "Note 5",
            "[x] not available; [z] not applicable (for example, a rank for an area that "
            "is not a local authority, or change in the first month).",
        ),
        (
            "Note 6",
            "A local authority is higher than England or lower than England when its coverage "
            "lies outside the 95% limits that allow for the variation between local "
            "authorities, and unusually so outside the 99.8% limits (the funnel plot "
            "position); otherwise it is similar to England. The bulletin uses the same rule.",
        ),
        (
            "Note 7",
            "[u] low reliability: a local authority with fewer than "
            f"{formatting.count(small_base_min)} eligible settings (a small base), whose rates "
            "can change greatly with one or two settings. Its rank is not given alone, as "
            "everywhere in this release, only its 95% interval: the rank shows [x].",
        ),
        *((f"Note {number}", caveats[key]) for number, key in enumerate(TABLE_CAVEATS, start=8)),
    ]
    if synthetic:
        notes.insert(
            0,
            (
                "Note 0",
                f"{published.DATA_STATUS_SYNTHETIC}: invented counts with the "
                "published schema. Do not use or quote.",
            ),
        )
    return notes


def spreadsheet_cover(
    synthetic: bool, periods: list[str], release: Release
) -> list[tuple[str, str]]:
    draft = [("DRAFT", DRAFT_NOTICE)] if release.draft else []
    return [
        *draft,
        ("Title", f"{published.DATA_SET_TITLE}: derived statistics"),
        ("Published", release.publication_date),
        ("Status", published.DATA_STATUS_SYNTHETIC if synthetic else release.status),
        ("Producer", f"{release.producer}, from counts published by {published.PRODUCER}"),
        (
            "Contact",
            release.contact + (f", {release.contact_email}" if release.contact_email else ""),
        ),  # fmt: skip
        (
            "Period covered",
            " to ".join(formatting.period_label(p) for p in (periods[0], periods[-1])),
        ),
        ("Source", f"{published.PRODUCER}, {published.PUBLICATION}, {published.RELEASE} release"),
        ("Licence", published.LICENCE),
        ("Contents", "Notes are on the Notes sheet; tables are on sheets Table_1 and Table_2."),
    ]


def write_all(
    la: pl.DataFrame,
    areas: pl.DataFrame,
    definitions: pl.DataFrame,
    caveats: pl.DataFrame,
    synthetic: bool,
    data: Path,
    meta: Path,
    spreadsheet: Path,
    small_base_min: int,
    release: Release | None = None,
) -> int:
    """Every download but the charts' tables (written with each chart), at the paths given
    (the data file's rows are returned for the log)."""
    from ..core.fileio import atomic_path, write_text_atomic

    rows = ees_data(la, areas, definitions)
    write_text_atomic(data, to_csv(rows, data_columns(definitions)))
    write_text_atomic(meta, to_csv(ees_meta(definitions)))
    with atomic_path(spreadsheet) as temporary:
        write_spreadsheet(
            Path(temporary),
            spreadsheet_cover(
                synthetic, sorted(la["period"].unique().to_list()), release or release_from({})
            ),  # fmt: skip
            spreadsheet_notes(synthetic, small_base_min, caveat_texts(caveats)),
            spreadsheet_sheets(rows, definitions),
        )
    return len(rows)
