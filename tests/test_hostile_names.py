"""Names a release or a lookup could hold: very long ones and ones with dollar signs are drawn as
written (never as mathtext) and kept from squeezing a chart; control characters and a lookup in
another encoding are refused in one line naming the file, line and column."""

from __future__ import annotations

import io
import re

import matplotlib.pyplot as plt
import pytest
from hostile import edited

from samples import findings_of, indicator_tables, release_tables
from senco import paths
from senco.clean.checks import ValidationFailed
from senco.core.errors import InputError
from senco.core.reference import load_lookup
from senco.figures import style
from senco.figures.common import (
    NAME_LIMIT,
    FigureInputs,
    label_mark_overlaps,
    shortened,
    text_overlaps,
)
from senco.figures.output import draw_panels, load_hexmap

LONG = ("Hartlepool " + "and the Very Long Borough of Somewhere " * 8).strip()  # 323 characters
DOLLARS = "Hert$\\alpha$fordshire $x^2$"  # the funnel plot names Hertfordshire


@pytest.mark.parametrize(
    ("name", "drawn"),
    [
        ("Barnsley", "Barnsley"),
        ("Isles of Scilly [u]", "Isles of Scilly [u]"),
        ("x" * NAME_LIMIT, "x" * NAME_LIMIT),
        ("x" * (NAME_LIMIT + 1), "x" * (NAME_LIMIT - 1) + "…"),
        (LONG, "Hartlepool and the Very Long Borough…"),
        (LONG + " [u]", "Hartlepool and the Very Long Borough… [u]"),
    ],
)
def test_a_name_is_shortened_at_a_word_only_when_too_long(name, drawn):
    assert shortened(name) == drawn


def test_long_names_and_dollar_signs_are_drawn_as_written_and_clear_of_each_other(tmp_path):
    """The charts that draw LA names: the coverage panels and the funnel plot's labels."""
    style.apply()
    tables = indicator_tables(rename={"Hartlepool": LONG, "Hertfordshire": DOLLARS})
    found = findings_of(tables, tmp_path)
    inputs = FigureInputs(tables, found, load_hexmap(paths.HEXMAP_LAYOUT))
    drawn = []
    for name in ("coverage_by_la", "funnel_plot"):
        for panel in draw_panels(name, inputs):
            assert text_overlaps(panel.figure) == [], (name, panel.key)
            assert label_mark_overlaps(panel.figure) == [], (name, panel.key)
            svg = io.StringIO()
            panel.figure.savefig(svg, format="svg")
            drawn += re.findall(r"<text[^>]*>([^<]*)</text>", svg.getvalue())
    plt.close("all")
    assert drawn.count(DOLLARS) == 2  # its coverage panel and its funnel label, as written
    assert shortened(LONG) in drawn and LONG not in drawn
    # The full name is in the figure's data table and the hex map's hover text.
    table = found.get("chart.coverage_by_la.table")
    assert LONG in {row[0]["text"] for row in table["rows"]}
    assert found.text("chart.hex_map.la.E06000001").startswith(LONG)


@pytest.mark.parametrize("character", ["\x0b", "\x1b", "\u202e", "\x85"])
@pytest.mark.parametrize("column", ["la_name", "status"])
def test_a_control_character_in_the_release_is_refused_naming_line_and_column(character, column):
    def edit(row):
        if row["la_name"] == "Barnsley" and row["time_identifier"] == "November":
            row[column] = row[column][:3] + character + row[column][3:]
        return row

    with pytest.raises(ValidationFailed) as caught:
        release_tables(edited(edit))
    code = f"U+{ord(character):04X}"
    assert caught.value.lines[0].startswith(
        f"release.csv, line 467, column '{column}': holds the control character {code}"
    )
    assert "\n" not in caught.value.lines[0] and character not in caught.value.lines[0]


@pytest.mark.parametrize(
    ("encode", "expected"),
    [
        (lambda text: text.encode("latin-1"), r"las\.csv, line 85: is not UTF-8 \(byte 0xE9\)"),
        (lambda text: text.replace("Barnsléy", "Barns\x1bley").encode(),
         r"las\.csv, line 85, column 'la_name': holds the control character U\+001B"),
    ],
)  # fmt: skip
def test_a_lookup_in_another_encoding_or_with_a_control_character_is_one_line(
    tmp_path, encode, expected
):
    text = paths.LA_REFERENCE_CSV.read_text(encoding="utf-8").replace("Barnsley", "Barnsléy", 1)
    lookup = tmp_path / "las.csv"
    lookup.write_bytes(encode(text))
    with pytest.raises(InputError, match=expected):
        load_lookup(lookup, paths.REGION_REFERENCE_CSV)


FORMULAS = {
    "Hartlepool": '=HYPERLINK("http://example.invalid","click")',
    "Darlington": "+cmd|' /C calc'!A0",
    "Barnsley": "@SUM(1+1)",
    "Sheffield": "-2+3",
}


def test_no_text_cell_of_any_download_is_a_formula(tmp_path):
    """LA names a spreadsheet would run: text in the spreadsheet, and apostrophe-led in every
    CSV download (OWASP's advice), while negative numbers stay numbers."""
    import csv
    import io
    import zipfile

    from senco import layout
    from senco.figures.data_csv import table_csv
    from senco.indicators.compute import caveats_table, load_definitions
    from senco.views.downloads import write_all

    tables = indicator_tables(rename=FORMULAS)
    found = findings_of(tables, tmp_path)
    name = tmp_path / layout.DATA_NAME
    write_all(tables.la, tables.areas, tables.definitions,
              caveats_table(load_definitions(paths.INDICATOR_DEFINITIONS)), True,
              name.with_suffix(".csv"), name.with_suffix(".meta.csv"),
              name.with_suffix(".guidance.md"), name.with_suffix(".xlsx"), 30)  # fmt: skip
    with zipfile.ZipFile(name.with_suffix(".xlsx")) as book:
        sheets = [book.read(n).decode() for n in book.namelist() if n.startswith("xl/worksheets/")]
        strings = book.read("xl/sharedStrings.xml").decode()
    assert sheets and not any("<f>" in sheet for sheet in sheets)  # no formula cell at all
    assert "=HYPERLINK(" in strings.replace("&quot;", '"')  # the name, as text
    chart = table_csv(found.get("chart.coverage_by_la.table"))
    for text in (name.with_suffix(".csv").read_text(encoding="utf-8"), chart):
        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        risky = [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r"))]
        assert risky == [], risky[:3]
        assert all(f"'{formula}" in cells for formula in FORMULAS.values())


@pytest.mark.parametrize(
    ("value", "written"),
    [("-1.5", "-1.5"), ("+3", "+3"), ("-x", "'-x"), ("=1+1", "'=1+1"), ("\tA", "'\tA"),
     ("Barnsley", "Barnsley"), ("", ""), (None, None), (2, 2)],
)  # fmt: skip
def test_a_cell_is_made_inert_only_when_a_spreadsheet_would_run_it(value, written):
    from senco.core.fileio import inert

    assert inert(value) == written
