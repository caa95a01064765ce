"""The derived statistics as an accessible spreadsheet (XLSX), following the Analysis Function's
"Releasing statistics in spreadsheets": a cover sheet, contents with links, notes, then one table
per sheet, each sheet titled in cell A1 with its table below, each table named, with one header
row, units in the headers and notes referenced as [note N]; numbers stored as numbers with their
precision; no merged cells, blank rows or blank columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import polars as pl

from .. import formatting, layout, published
from .ees import (
    GROUP_FILTER,
    LOCAL_AUTHORITY,
    NEIGHBOURS_FILTER,
    NEIGHBOURS_GROUPING,
    NOT_APPLICABLE,
    NOT_AVAILABLE,
    SMALL_BASE,
    Indicator,
    indicators,
    label,
)
from .release import DRAFT_NOTICE, Release

FIXED_TIME = datetime(2000, 1, 1)  # workbook properties carry no build time: rebuilds are identical
ONE_TABLE = "This worksheet contains one table."
WITH_NOTES = f"{ONE_TABLE} Some column headers refer to notes, which are on the Notes sheet."


@dataclass(frozen=True)
class Sheet:
    name: str  # also the table's name
    title: str  # in cell A1; the table starts two rows below it
    headers: list[str]
    rows: list[list[Any]]
    # Each column's Excel number format ("0", "0.0"), or None for text.
    formats: list[str | None] | None = None


@dataclass(frozen=True)
class Cover:
    """The cover sheet: a title, then each item's heading and text (links where they go)."""

    title: str
    items: list[tuple[str, str]]
    links: dict[str, str]  # an item's heading -> the address its text links to


def write_spreadsheet(
    path: Path, cover: Cover, notes: list[tuple[str, str]], sheets: list[Sheet]
) -> None:
    """Cover, Contents (each sheet linked), Notes, then one table per sheet. Each sheet but the
    cover has its title in A1, a line saying what it holds in A2 and one named table from A3,
    with no merged cells and no blank rows or columns within it."""
    import xlsxwriter

    # Every string stays text: a name such as '=HYPERLINK(...)' is never made a live formula
    # or link (XlsxWriter turns strings starting with '=' into formulas unless told not to).
    workbook = xlsxwriter.Workbook(
        str(path),
        {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False},
    )
    workbook.set_properties(
        {
            "title": published.DATA_SET_TITLE,
            "author": "senco-bulletin",
            "created": FIXED_TIME,
            "language": "en-GB",
        }
    )
    styles = {
        "title": workbook.add_format({"bold": True, "font_size": 14}),
        "heading": workbook.add_format({"bold": True, "valign": "top"}),
        "wrap": workbook.add_format({"text_wrap": True, "valign": "top"}),
        "link": workbook.add_format({"font_color": "#1D70B8", "underline": 1, "valign": "top"}),
    }
    write_cover(workbook.add_worksheet("Cover"), cover, styles)
    contents = Sheet(
        "Contents",
        "Contents",
        ["Sheet", "Contents"],
        [["Notes", "Notes referred to in the tables' headers"],
         *([sheet.name, sheet.title] for sheet in sheets)],
    )  # fmt: skip
    notes_sheet = Sheet("Notes", "Notes", ["Note number", "Note text"], [list(n) for n in notes])
    for sheet in (contents, notes_sheet, *sheets):
        worksheet = workbook.add_worksheet(sheet.name)
        write_table(workbook, worksheet, sheet, styles)
        if sheet is contents:  # each sheet's name links to it
            for row, (name, _) in enumerate(contents.rows, start=3):
                worksheet.write_url(row, 0, f"internal:'{name}'!A1", styles["link"], name)
    workbook.close()


def write_cover(worksheet, cover: Cover, styles: dict) -> None:
    worksheet.write(0, 0, cover.title, styles["title"])
    for row, (heading, text) in enumerate(cover.items, start=1):
        worksheet.write(row, 0, heading, styles["heading"])
        if heading in cover.links:
            worksheet.write_url(row, 1, cover.links[heading], styles["link"], text)
        else:
            worksheet.write(row, 1, text, styles["wrap"])
    worksheet.set_column(0, 0, 22)
    worksheet.set_column(1, 1, 100, styles["wrap"])


def write_table(workbook, worksheet, sheet: Sheet, styles: dict) -> None:
    worksheet.write(0, 0, sheet.title, styles["title"])
    worksheet.write(1, 0, WITH_NOTES if sheet.name.startswith("Table") else ONE_TABLE)
    formats = sheet.formats or [None] * len(sheet.headers)
    numbers = {code: workbook.add_format({"num_format": code}) for code in set(formats) if code}
    columns = [{"header": header, **({"format": numbers[code]} if code else {})}
               for header, code in zip(sheet.headers, formats, strict=True)]  # fmt: skip
    worksheet.add_table(
        2,
        0,
        2 + max(len(sheet.rows), 1),
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
            index, index, min(max(longest + 2, 10), 60), styles["wrap"] if longest > 60 else None
        )


def spreadsheet_value(text: str, item: Indicator | None) -> Any:
    """A number where the cell holds one; a symbol in square brackets, as the guidance asks."""
    if item is None:
        return text
    if text in (NOT_AVAILABLE, NOT_APPLICABLE):
        return f"[{text}]"
    return float(text) if item.dp else int(text)


YEAR = "0"  # a year is a number, without a thousands separator
UNIT_TEXT = {"%": " (%)", "pp": " (percentage points)", "": ""}


def header(definitions: pl.DataFrame, item: Indicator) -> str:
    """A column header with its unit and the note it needs."""
    note = ""
    if item.grouping.startswith("Rates"):
        note = " [note 2] [note 8] [note 9]"
    elif item.grouping.startswith("Change"):
        note = " [note 3] [note 8]"
    elif item.grouping == NEIGHBOURS_GROUPING:
        note = f" [note {NEIGHBOURS_NOTE}]"
    return f"{label(definitions, item)}{UNIT_TEXT[item.unit]}{note}"


NEIGHBOURS_NOTE = 10  # the note on statistical neighbours (after the table caveats, 8 and 9)
# The groups as Table 4 shows them: each column of the statistical_neighbours table, headed.
GROUP_COLUMNS = (
    ("new_la_code", "LA code"),
    ("old_la_code", "Old LA code"),
    ("la_name", "Local authority"),
    ("neighbour_rank", "Neighbour rank (1 = closest)"),
    ("neighbour_new_la_code", "Neighbour LA code"),
    ("neighbour_old_la_code", "Neighbour old LA code"),
    ("neighbour_la_name", "Neighbour"),
    ("closeness", f"Closeness [note {NEIGHBOURS_NOTE}]"),
)


Keys = list[tuple[str, str]]  # the columns a sheet opens with: a row's key, and its header
PERIOD: Keys = [("time_identifier", "Month"), ("time_period", "Year")]
AREA_KEYS: Keys = [*PERIOD, ("geographic_level", "Geographic level"),
                   ("region_code", "Region code"), ("region_name", "Region"),
                   (GROUP_FILTER, "Programme group [note 4]")]  # fmt: skip
LA_IDENTITY: Keys = [*PERIOD, ("region_name", "Region"), ("new_la_code", "LA code"),
                     ("old_la_code", "Old LA code"), ("la_name", "Local authority")]  # fmt: skip
LA_KEYS: Keys = [*LA_IDENTITY, (GROUP_FILTER, "Programme group [note 4]"),
                 ("coverage_vs_england", "Compared with England [note 6]"),
                 ("coverage_od_funnel_band", "Funnel plot position [note 6]"),
                 (SMALL_BASE, "Small base [u] [note 7]")]  # fmt: skip
NEIGHBOUR_KEYS: Keys = [*LA_IDENTITY, (NEIGHBOURS_FILTER, "Compared with statistical neighbours "
                                       f"[note {NEIGHBOURS_NOTE}]"),
                        (SMALL_BASE, "Small base [u] [note 7]")]  # fmt: skip


def data_sheet(
    name: str, title: str, selected: list[dict], keys: Keys, spec: list[Indicator],
    definitions: pl.DataFrame,
) -> Sheet:  # fmt: skip
    """A sheet of data file rows: its key columns, then the indicators of `spec`. A geography a
    row does not have is not applicable, never a blank cell; years and every indicator are
    numbers shown to their precision (never 'General', which shows 12 beside 11.8)."""
    rows = [
        [int(row[key]) if key == "time_period" else row[key] or f"[{NOT_APPLICABLE}]"
         for key, _ in keys]
        + [spreadsheet_value(row[item.name], item) for item in spec]
        for row in selected
    ]  # fmt: skip
    formats = [YEAR if key == "time_period" else None for key, _ in keys]
    formats += [f"0.{'0' * item.dp}" if item.dp else "0" for item in spec]
    headers = [label for _, label in keys] + [header(definitions, item) for item in spec]
    return Sheet(name, title, headers, rows, formats)


def spreadsheet_sheets(
    rows: list[dict], definitions: pl.DataFrame, groups: pl.DataFrame | None = None
) -> list[Sheet]:
    """England, its programme groups and the regions; every LA; with `groups` (the
    statistical_neighbours table), every LA against its neighbours and the groups themselves."""
    every = indicators(definitions)
    own = [item for item in every if item.grouping != NEIGHBOURS_GROUPING]
    compared = [item for item in every if item.grouping == NEIGHBOURS_GROUPING]
    areas = [r for r in rows if r["geographic_level"] != LOCAL_AUTHORITY]
    las = [r for r in rows if r["geographic_level"] == LOCAL_AUTHORITY]
    sheets = [
        data_sheet("Table_1", "Table 1: England, programme groups and regions, by month", areas,
                   AREA_KEYS, own, definitions),
        data_sheet("Table_2", "Table 2: Local authorities, by month", las, LA_KEYS, own,
                   definitions),
    ]  # fmt: skip
    if groups is None:
        return sheets
    in_order = groups.sort("new_la_code", "neighbour_rank").iter_rows(named=True)
    return [
        *sheets,
        data_sheet("Table_3", "Table 3: Local authorities compared with their statistical "
                   "neighbours, by month", las, NEIGHBOUR_KEYS, compared, definitions),
        Sheet("Table_4", "Table 4: Statistical neighbours of each local authority (DfE, May "
              "2025)", [label for _, label in GROUP_COLUMNS],
              [[row[name] for name, _ in GROUP_COLUMNS] for row in in_order],
              ["0" if name == "neighbour_rank" else None for name, _ in GROUP_COLUMNS]),
    ]  # fmt: skip


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
        (
            f"Note {NEIGHBOURS_NOTE}",
            "Statistical neighbours: the ten local authorities most like each one, in the "
            "Department for Education's May 2025 groups for children's services (as its Local "
            "Authority Interactive Tool uses them), closest first with DfE's closeness band. "
            "The neighbours' average is the mean of their coverage, each counting once whatever "
            "its size; higher or lower allows for the sampling variation of the local authority "
            "and of each neighbour. A neighbour without a figure is left out of the average and "
            "counted in the number of neighbours with coverage.",
        ),
    ]
    return notes


def spreadsheet_cover(synthetic: bool, periods: list[str], release: Release) -> Cover:
    """What the tables are, who stands behind them and where the bulletin and methods are."""
    bulletin = (
        release.bulletin_url or f"external:{layout.link(layout.BULLETIN_HTML, layout.DOWNLOADS)}"
    )
    items = [
        *([("Draft", DRAFT_NOTICE)] if release.draft else []),
        *([("Synthetic data", published.SYNTHETIC_NOTE)] if synthetic else []),
        ("Description", "Early years settings and practitioners registered for and completing "
         "the special educational needs coordinator (SENCO) qualification in England: counts "
         "by local authority as DfE published them, with the rates, 95% intervals, ranks and "
         "comparisons derived from them, for each local authority, region and programme group "
         "and for England."),
        ("Published", release.publication_date),
        ("Period covered", f"{formatting.period_label(periods[0])} to "
         f"{formatting.period_label(periods[-1])}"),
        ("Status", release.status),
        ("Producer", f"{release.producer}, from counts published by {published.PRODUCER}"),
        ("Contact", ", ".join(filter(None, (release.contact, release.contact_email)))),
        ("Source data enquiries", f"{release.source_contact}, {published.PRODUCER}: "
         f"{release.source_contact_email}"),
        ("Source", f"{published.PRODUCER}, {published.PUBLICATION}, {published.RELEASE} release"),
        ("Bulletin", "The statistical bulletin these tables accompany"),
        ("Methodology", "Quality and methodology, in the bulletin"),
        ("Licence", published.LICENCE),
        ("Contents", "The Contents sheet links every sheet; notes are on the Notes sheet."),
    ]  # fmt: skip
    links = {"Bulletin": bulletin, "Methodology": f"{bulletin}#methodology",
             "Licence": published.LICENCE_URL}  # fmt: skip
    title = f"{published.DATA_SET_TITLE}: derived statistics"
    return Cover(f"DRAFT: {title}" if release.draft else title, items, links)
