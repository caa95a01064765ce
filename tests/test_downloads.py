"""The downloads: an EES data file and its metadata, an accessible spreadsheet, chart CSVs.

The EES data file is checked against the rules of DfE's data screener (eesyscreener v0.3.1)
that can apply to it. Those that cannot, and why:
- school, provider, institution, MAT, sponsor, ward and other geographies (only National,
  Regional and Local authority rows here); financial-year and term time periods (months only);
- harmonised SEN and ethnicity variables and characteristic columns (none here);
- filter groups, filter_default and parent_filter (one filter with no groups);
- the API data dictionary (a DfE-held list, not available offline).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest
import release_reading

from samples import findings_of, indicator_tables
from senco import layout, paths
from senco.core.reference import load_la_reference
from senco.figures.data_csv import table_csv
from senco.findings import ids
from senco.findings.charts import CHART_NAMES
from senco.indicators.compute import caveats_table, load_definitions
from senco.views import ees, spreadsheet
from senco.views.release import release_from

REQUIRED_META = ["col_name", "col_type", "label", "indicator_grouping", "indicator_unit",
                 "indicator_dp", "filter_hint", "filter_grouping_column"]  # fmt: skip
OBSERVATIONAL = set(ees.GEOGRAPHY)
REGIONS = {
    "E12000001": "North East", "E12000002": "North West", "E12000003": "Yorkshire and The Humber",
    "E12000004": "East Midlands", "E12000005": "West Midlands", "E12000006": "East of England",
    "E12000007": "London", "E12000008": "South East", "E12000009": "South West",
}  # fmt: skip
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")  # fmt: skip
SMUSHED = ("male", "female", "asian", "chinese", "indian", "pakistani", "bangladeshi", "black",
           "african", "caribbean", "white", "roma", "irish", "english", "british", "scottish",
           "welsh", "arab")  # fmt: skip


@pytest.fixture(scope="module")
def tables():
    return indicator_tables()


@pytest.fixture(scope="module")
def files(tables) -> tuple[list[dict], list[dict]]:
    """The data file and meta file as written and read back as CSV."""
    rows = ees.ees_data(tables.la, tables.areas, tables.definitions)
    data = ees.to_csv(rows, ees.data_columns(tables.definitions))
    meta = ees.to_csv(ees.ees_meta(tables.definitions))
    return list(csv.DictReader(io.StringIO(data))), list(csv.DictReader(io.StringIO(meta)))


def test_file_names_follow_the_screener():
    data, meta = Path(layout.EES_DATA).name, Path(layout.EES_META).name
    assert " " not in data and re.fullmatch(r"[A-Za-z0-9_-]+\.csv", data)
    assert meta == data.replace(".csv", ".meta.csv")


def test_structure_and_meta(files):
    data, meta = files
    columns = list(data[0])
    assert list(meta[0]) == REQUIRED_META
    assert {"geographic_level", "time_period", "time_identifier", "country_code",
            "country_name"} <= set(columns)  # fmt: skip
    assert len(meta) <= len(columns) - 5
    names = [row["col_name"] for row in meta]
    labels = [row["label"] for row in meta]
    assert len(set(names)) == len(names) and len(set(labels)) == len(labels)
    assert all(label.strip() and len(label) <= 100 for label in labels)
    assert not set(names) & OBSERVATIONAL
    # Every column that is not an observational unit is described in the meta, and vice versa.
    assert set(columns) - OBSERVATIONAL == set(names)
    for column in columns:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", column) and len(column) <= 50
    for row in meta:
        assert row["col_type"] in ("Filter", "Indicator")
        if row["col_type"] == "Filter":
            assert not (row["indicator_grouping"] or row["indicator_unit"] or row["indicator_dp"])
        else:
            assert not (row["filter_hint"] or row["filter_grouping_column"])
            assert row["indicator_unit"] in ("", "%", "pp", "£", "£m", "numberstring")
            assert row["indicator_dp"].isdigit()
            assert not any(word in row["col_name"] for word in SMUSHED)


def test_cells_geography_and_time(files):
    data, meta = files
    indicators = [row["col_name"] for row in meta if row["col_type"] == "Indicator"]
    lookup = load_la_reference(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV)
    las = {(r["old_la_code"], r["new_la_code"], r["la_name"]) for r in lookup.iter_rows(named=True)}
    seen = set()
    for row in data:
        assert row["time_identifier"] in MONTHS and re.fullmatch(r"\d{4}", row["time_period"])
        assert (row["country_code"], row["country_name"]) == ("E92000001", "England")
        level = row["geographic_level"]
        assert level in ("National", "Regional", "Local authority")
        if level == "National":
            assert not any(row[c] for c in ("region_code", "region_name", "old_la_code",
                                            "new_la_code", "la_name"))  # fmt: skip
        if level == "Regional":
            assert REGIONS[row["region_code"]] == row["region_name"]
            assert not any(row[c] for c in ("old_la_code", "new_la_code", "la_name"))
        if level == "Local authority":
            assert (row["old_la_code"], row["new_la_code"], row["la_name"]) in las
            assert REGIONS[row["region_code"]] == row["region_name"]
        for column in OBSERVATIONAL:
            assert row[column] not in ("Total", "total", "All", "all")
        for column in row:
            assert row[column] not in ("NULL", "Null", "null", "NA", "na", "N/A", "n/a", ".", "..",
                                       "-")  # fmt: skip
        for name in indicators:
            value = row[name]
            assert value not in ("", "~", ":"), (name, row)
            assert value in ("x", "z") or re.fullmatch(r"-?\d+(\.\d+)?", value), (name, value)
        assert row["programme_group"] == row["programme_group"].strip() != ""
        key = tuple(row[c] for c in (*ees.GEOGRAPHY, "programme_group"))
        assert key not in seen
        seen.add(key)
    groups = {row["programme_group"] for row in data}
    assert groups == {"Total", "Targeted", "Not targeted"}  # a Total, and more than one value


def test_rates_are_per_cent_as_shown_and_symbols_follow_the_reasons(tables, files):
    data, _ = files
    england = next(
        r
        for r in data
        if (r["geographic_level"], r["programme_group"], r["time_identifier"])
        == ("National", "Total", "November")
    )
    value = tables.england("2024-11")["coverage_rate"]
    assert england["coverage_rate"] == f"{value * 100:.1f}"
    assert england["coverage_rank"] == "z"  # ranks are for LAs
    june = next(r for r in data if r["time_identifier"] == "June"
                and r["geographic_level"] == "Local authority")  # fmt: skip
    assert june["coverage_rate_change"] == "z"  # no change in the first period
    assert len(data) == 2 * (1 + 2 + 9 + tables.la_frame("2024-11").height)


def test_rows_come_by_period_then_england_groups_regions_and_las(tables, files):
    """Within each period: England, the targeted then the other group, the regions by code,
    then the LAs by code; the first period before the latest."""
    data, _ = files
    order = [(r["time_period"], r["time_identifier"]) for r in data]
    assert order == sorted(order, key=lambda p: (p[0], MONTHS.index(p[1])))
    for month in ("June", "November"):
        rows = [r for r in data if r["time_identifier"] == month]
        kinds = [(r["geographic_level"], r["programme_group"]) for r in rows[:3]]
        assert kinds == [("National", "Total"), ("National", "Targeted"),
                         ("National", "Not targeted")]  # fmt: skip
        regions = [r["region_code"] for r in rows if r["geographic_level"] == "Regional"]
        las = [r["new_la_code"] for r in rows if r["geographic_level"] == "Local authority"]
        assert regions == sorted(regions) and len(regions) == 9
        assert las == sorted(las) and len(las) == tables.la_frame("2024-11").height
        assert [r["geographic_level"] for r in rows] == (
            ["National"] * 3 + ["Regional"] * 9 + ["Local authority"] * len(las)
        )


def test_a_missing_count_is_x_and_a_zero_base_is_z(tables):
    import polars as pl

    la = tables.la.with_columns(
        coverage_rate=pl.when(pl.col("new_la_code") == "E06000001").then(None)
        .otherwise(pl.col("coverage_rate")),
        coverage_rate_reason=pl.when(pl.col("new_la_code") == "E06000001")
        .then(pl.lit("zero denominator")).otherwise(pl.col("coverage_rate_reason")),
        settings_completed=pl.when(pl.col("new_la_code") == "E06000002").then(None)
        .otherwise(pl.col("settings_completed")),
    )  # fmt: skip
    rows = ees.ees_data(la, tables.areas, tables.definitions)
    hartlepool = next(r for r in rows if r["new_la_code"] == "E06000001")
    middlesbrough = next(r for r in rows if r["new_la_code"] == "E06000002")
    assert hartlepool["coverage_rate"] == "z" and middlesbrough["settings_completed"] == "x"


def sheet_xml(book: zipfile.ZipFile) -> dict[str, str]:
    workbook = book.read("xl/workbook.xml").decode()
    names = re.findall(r'<sheet name="([^"]+)"', workbook)
    return {name: book.read(f"xl/worksheets/sheet{i}.xml").decode()
            for i, name in enumerate(names, start=1)}  # fmt: skip


def test_the_spreadsheet_follows_the_guidance_and_is_reproducible(tables, tmp_path):
    rows = ees.ees_data(tables.la, tables.areas, tables.definitions)
    caveats = spreadsheet.caveat_texts(caveats_table(load_definitions(paths.INDICATOR_DEFINITIONS)))
    notes = spreadsheet.spreadsheet_notes(True, 30, caveats)
    assert dict(notes)["Note 8"].startswith("Rates, intervals and changes are calculated from")
    sheets = spreadsheet.spreadsheet_sheets(rows, tables.definitions, tables.neighbours)
    paths_written = []
    for attempt in ("a", "b"):
        path = tmp_path / f"{attempt}.xlsx"
        cover = spreadsheet.spreadsheet_cover(True, tables.periods, release_from({}))
        spreadsheet.write_spreadsheet(path, cover, notes, sheets)
        paths_written.append(path)
    assert paths_written[0].read_bytes() == paths_written[1].read_bytes()
    with zipfile.ZipFile(paths_written[0]) as book:
        xml = sheet_xml(book)
        assert list(xml) == ["Cover", "Contents", "Notes", "Table_1", "Table_2", "Table_3",
                             "Table_4"]  # fmt: skip
        tables_xml = [book.read(n).decode() for n in sorted(book.namelist())
                      if n.startswith("xl/tables/")]  # fmt: skip
        assert len(tables_xml) == len(xml) - 1  # one marked-up table per sheet but the cover
        for sheet, table in zip(sheets, tables_xml[2:], strict=True):
            # Titled in A1, a line on what the sheet holds in A2, the table from A3.
            assert re.search(rf'ref="A3:[A-Z]+{len(sheet.rows) + 3}"', table)
        for name, text in xml.items():
            assert "<mergeCell" not in text, name
            assert ("<tablePart" in text) == (name != "Cover"), name
        shared = book.read("xl/sharedStrings.xml").decode()
        styles = book.read("xl/styles.xml").decode()
    read = release_reading.sheet_rows(paths_written[0], "Table_2")
    assert read[0][0] == "Table 2: Local authorities, by month"
    assert read[1][0].startswith("This worksheet contains one table.")
    assert read[3][1] == "2024"  # a year is a number (stored as 2024, not text)
    assert 'formatCode="0.0"' in styles  # rates shown to one decimal place, never 'General'
    assert all(sheet.formats[sheet.headers.index("Year")] == "0" for sheet in sheets[:3])
    contents = release_reading.sheet_rows(paths_written[0], "Contents")
    assert [row[0] for row in contents[3:]] == ["Notes", "Table_1", "Table_2", "Table_3",
                                                "Table_4"]  # fmt: skip
    with zipfile.ZipFile(paths_written[0]) as book:
        links = book.read("xl/worksheets/sheet2.xml").decode()
        assert links.count("<hyperlink ") == 5 and "location=\"'Table_1'!A1\"" in links
        cover_links = book.read("xl/worksheets/_rels/sheet1.xml.rels").decode()
        cover_xml = book.read("xl/worksheets/sheet1.xml").decode()
    # Relative to the spreadsheet (Excel's own form of ../bulletin.html), the methods by anchor.
    assert 'Target="..\\bulletin.html" TargetMode="External"' in cover_links
    assert 'location="methodology"' in cover_xml
    cover_text = [row[0] for row in release_reading.sheet_rows(paths_written[0], "Cover")]
    assert cover_text[0].startswith("DRAFT: ") and "Synthetic data" in cover_text
    assert {"Description", "Status", "Contact", "Bulletin", "Methodology"} <= set(cover_text)
    assert "Note 0" not in dict(notes)
    referenced = {int(n) for sheet in sheets for h in sheet.headers
                  for n in re.findall(r"\[note (\d+)\]", h)}  # fmt: skip
    assert referenced and referenced <= {int(n.split()[1]) for n, _ in notes}
    assert "[x]" in shared or "[z]" in shared
    for sheet in sheets:
        assert all(len(row) == len(sheet.headers) for row in sheet.rows)
        assert all(all(cell != "" for cell in row[:2]) for row in sheet.rows)
    units = [h for h in sheets[0].headers if "Coverage" in h]
    assert units and all("(%)" in h or "percentage points" in h for h in units)


def test_every_chart_table_is_a_csv_of_its_finding(tables, tmp_path):
    found = findings_of(tables, tmp_path)
    for name in CHART_NAMES:
        table = found.get(ids.chart(name, "table"))
        parsed = list(csv.reader(io.StringIO(table_csv(table))))
        header, rows = parsed[0], parsed[1:]
        assert len(rows) == len(table["rows"]) and all(len(r) == len(header) for r in rows)
        cites = table["rows"][0][0]["cites"]
        first = (cites[0].get("key") or {}) if cites else {}
        identity = (
            2 if "period" in first and ("new_la_code" in first or "area_code" in first) else 0
        )
        assert header[:identity] == ["time_period", "new_la_code" if "new_la_code" in first
                                     else "area_code"][:identity]  # fmt: skip
        for index, column in enumerate(table["columns"], start=identity):
            unit = column["unit"]
            suffix = {"percent": " (%)", "percentage points": " (percentage points)"}.get(unit, "")
            assert header[index] == column["label"] + suffix, (name, header[index])
            for shown, cells in zip(rows, table["rows"], strict=True):
                cell = cells[index - identity]
                if unit == "category":
                    assert shown[index] == cell["text"]
                    continue
                value = cell["cites"][0]["value"] if cell["cites"] else None
                if value is None:
                    assert shown[index] == "x"
                    continue
                # A number, no % or separator, equal to the value rounded as the chart shows it.
                assert re.fullmatch(r"-?\d+(\.\d+)?", shown[index]), (name, shown[index])
                scale = 100 if unit in ("percent", "percentage points") else 1
                assert abs(float(shown[index]) - value * scale) <= 0.5 * 10 ** -column[
                    "decimal_places"] + 1e-9  # fmt: skip
        if identity:
            assert rows[0][:2] == [
                first["period"],
                first.get("new_la_code", first.get("area_code")),
            ]


def test_each_las_verdict_band_and_small_base_are_filters_totalled_for_areas(tables, files):
    """What the bulletin says of each LA can be reproduced from the data file: its verdict,
    funnel position and small base are filters ('Total' on England's and the regions' rows),
    and a small base's rank is not given alone, as nowhere in the release is it."""
    data, meta = files
    filters = [row["col_name"] for row in meta if row["col_type"] == "Filter"]
    assert filters == ["programme_group", "coverage_vs_england", "coverage_od_funnel_band",
                       "small_base", "coverage_vs_neighbours"]  # fmt: skip
    la = {(r["period"], r["new_la_code"]): r for r in tables.la.iter_rows(named=True)}
    month = {"June": "2024-06", "November": "2024-11"}
    small_ranked = 0
    for row in data:
        if row["geographic_level"] != "Local authority":
            assert [row[name] for name in filters[1:]] == ["Total"] * 4
            continue
        source = la[month[row["time_identifier"]], row["new_la_code"]]
        assert row["coverage_vs_england"] == source["coverage_vs_england"] or "not available"
        assert row["coverage_od_funnel_band"] == (
            source["coverage_od_funnel_band"] or "not available"
        )
        assert row["small_base"] == ("Yes" if source["small_base"] else "No")
        assert row["coverage_vs_neighbours"] == source["coverage_vs_neighbours"]
        if source["small_base"] and source["coverage_rank"] is not None:
            small_ranked += 1
            assert row["coverage_rank"] == "x" and row["coverage_rank_low"].isdigit()
        elif source["coverage_rank"] is not None:
            assert row["coverage_rank"] == str(source["coverage_rank"])
    assert small_ranked  # the sample has small bases with a rank


def test_the_data_guidance_describes_every_column_symbol_and_caveat(tables, files):
    data, meta = files
    caveats = spreadsheet.caveat_texts(caveats_table(load_definitions(paths.INDICATOR_DEFINITIONS)))
    rows = ees.ees_data(tables.la, tables.areas, tables.definitions)
    guidance = ees.data_guidance(rows, tables.definitions, caveats, 30, True, True)
    for row in meta:
        assert f"- `{row['col_name']}` ({row['label']}" in guidance, row["col_name"]
    for heading in ("Data file", "Coverage", "Filters", "Indicators", "Methods", "Symbols",
                    "Rounding"):  # fmt: skip
        assert f"\n## {heading}\n" in guidance
    assert caveats["rounding"] in guidance and caveats["intervals"] in guidance
    assert f"({len(rows)} rows)" in guidance and "June 2024 and November 2024" in guidance
    assert guidance.count("DRAFT") == 1 and "SYNTHETIC" in guidance
    published = ees.data_guidance(rows, tables.definitions, caveats, 30, False, False)
    assert "DRAFT" not in published and "SYNTHETIC" not in published
    assert "fewer than 30 eligible settings" in published


def test_the_neighbours_figures_in_the_data_file_and_spreadsheet_are_as_recomputed(
    tables, files, tmp_path
):
    """Every LA's neighbours' average, range and rank among the eleven, recomputed from the
    groups file and the counts alone, as the EES data file and the spreadsheet give them."""
    from decimal import ROUND_HALF_UP, Decimal

    with paths.STATISTICAL_NEIGHBOURS_CSV.open(encoding="utf-8", newline="") as handle:
        listed: dict[str, list[str]] = {}
        for row in csv.DictReader(handle):
            listed.setdefault(row["old_la_code"], []).append(row["neighbour_old_la_code"])

    def per_cent(value: float) -> str:
        return str(Decimal(value * 100).quantize(Decimal("0.1"), ROUND_HALF_UP))

    data, meta = files
    assert {"neighbours_coverage_average", "coverage_rank_in_neighbours",
            "coverage_vs_neighbours"} <= {m["col_name"] for m in meta}  # fmt: skip
    rows = ees.ees_data(tables.la, tables.areas, tables.definitions)
    sheets = spreadsheet.spreadsheet_sheets(rows, tables.definitions, tables.neighbours)
    path = tmp_path / "book.xlsx"
    cover = spreadsheet.spreadsheet_cover(True, tables.periods, release_from({}))
    spreadsheet.write_spreadsheet(path, cover, [("Note 1", "n")], sheets)
    table_3 = release_reading.sheet_rows(path, "Table_3")
    headers = table_3[2]
    by_key = {(r[headers.index("LA code")], r[headers.index("Month")]): r for r in table_3[3:]}
    average_column = next(
        i for i, h in enumerate(headers) if h.startswith("Statistical neighbours' average")
    )
    checked = 0
    for period in tables.periods:
        counts = {r["old_la_code"]: r["settings_completed"] / r["settings_total"]
                  for r in tables.la_frame(period).iter_rows(named=True)}  # fmt: skip
        month = MONTHS[int(period[5:]) - 1]
        for row in (r for r in data if r["geographic_level"] == "Local authority"
                    and r["time_identifier"] == month):  # fmt: skip
            values = [counts[n] for n in listed[row["old_la_code"]]]
            assert row["neighbours_coverage_average"] == per_cent(sum(values) / 10)
            assert row["neighbours_coverage_min"] == per_cent(min(values))
            assert row["neighbours_coverage_max"] == per_cent(max(values))
            rank = 1 + sum(v > counts[row["old_la_code"]] for v in values)
            small = row["small_base"] == "Yes"
            assert row["coverage_rank_in_neighbours"] == ("x" if small else str(rank))
            assert 1 <= int(row["coverage_rank_in_neighbours_low"]) <= rank
            assert rank <= int(row["coverage_rank_in_neighbours_high"]) <= 11
            sheet = by_key[(row["new_la_code"], month)]
            assert float(sheet[average_column]) == pytest.approx(float(per_cent(sum(values) / 10)))
            checked += 1
    assert checked == 306
    table_4 = release_reading.sheet_rows(path, "Table_4")
    assert len(table_4) == 3 + 1530 and table_4[2][3].startswith("Neighbour rank")
