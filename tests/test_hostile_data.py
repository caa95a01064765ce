"""Releases a real one could be: suppressed counts, an LA missing from one period, counts that
breach consistency (with `consistency_breach: warn`), tiny and empty denominators, every LA a
small base. Each runs from cleaning to every chart and factsheet without a traceback, and every
value the findings cite is recomputed as `make qa` does."""

from __future__ import annotations

import json

import matplotlib.pyplot as plt
import polars as pl
import pytest
from hostile import build_all, edited, setting_counts

from samples import findings_of, release_tables
from senco import paths, published
from senco.figures.common import FigureInputs
from senco.figures.output import draw_panels, load_hexmap
from senco.findings import ids
from senco.findings.charts import CHART_NAMES
from senco.findings.check import check
from senco.views import factsheets

BARNSLEY, SCILLY = "Barnsley", "E06000053"
PROVENANCE = {"retrieved_at": "2026-11-22T00:00:00Z", "sha256": "cd" * 32}
TOTAL, REGISTERED, COMPLETED = "Total local authority settings", "Registered", "Completed"


def in_la(name: str, period: str | None = None):
    return lambda row: row["la_name"] == name and period in (None, row["time_identifier"])


def replaced(which, status: str, value: str):
    """An edit: the settings count of `status` set to `value` in the rows `which` picks."""
    return lambda row: setting_counts(row, status, lambda _: value) if which(row) else row


def every(*edits):
    def edit(row):
        for one in edits:
            row = one(row)
        return row

    return edit


EVERY_ROW = lambda row: True  # noqa: E731 (read as a phrase at its uses)

CASES = {
    # One suppressed count: the release's own symbol, and another DfE publishes.
    **{
        f"one {symbol}": (replaced(in_la(BARNSLEY, "November"), COMPLETED, symbol), {})
        for symbol in ("x", "c")
    },  # fmt: skip
    "every completed count suppressed": (replaced(EVERY_ROW, COMPLETED, "x"), {}),
    "every count suppressed": (
        every(*(replaced(EVERY_ROW, status, "x") for status in (TOTAL, REGISTERED, COMPLETED))),
        {},
    ),
    "an LA missing from the first period": (
        lambda row: None if in_la(BARNSLEY, "June")(row) else row,
        {"allow_missing_las": True},
    ),
    "an LA missing from the last period": (
        lambda row: None if in_la(BARNSLEY, "November")(row) else row,
        {"allow_missing_las": True},
    ),
    "completed above the total, warned": (
        replaced(in_la(BARNSLEY), COMPLETED, "999"),
        {"on_breach": "warn"},
    ),
    "registered below completed, warned": (
        replaced(in_la(BARNSLEY), REGISTERED, "1"),
        {"on_breach": "warn"},
    ),
    "denominators of one": (
        every(
            replaced(EVERY_ROW, TOTAL, "1"),
            replaced(EVERY_ROW, REGISTERED, "1"),
            replaced(in_la(BARNSLEY), COMPLETED, "0"),
            replaced(lambda row: row["la_name"] != BARNSLEY, COMPLETED, "1"),
        ),
        {},
    ),  # fmt: skip
    "every LA a small base": (
        every(
            replaced(EVERY_ROW, TOTAL, "20"),
            replaced(EVERY_ROW, REGISTERED, "5"),
            replaced(EVERY_ROW, COMPLETED, "2"),
        ),
        {},
    ),  # fmt: skip
    "no eligible settings anywhere": (
        every(*(replaced(EVERY_ROW, status, "0") for status in (TOTAL, REGISTERED, COMPLETED))),
        {},
    ),
}


# The cases whose charts are drawn too (each takes seconds): one of each kind of gap the
# charts meet. The others differ in the findings, where every case is checked.
DRAWN = {
    "one x",
    "every count suppressed",
    "an LA missing from the first period",
    "denominators of one",
    "every LA a small base",
    "no eligible settings anywhere",
}


def built(case: str, tmp_path, small_base_min: int = 30):
    edit, options = CASES[case]
    tables = release_tables(edited(edit), small_base_min=small_base_min, **options)
    return tables, findings_of(tables, tmp_path)


def problems(tables, directory) -> list[str]:
    found = json.loads((directory / "findings.json").read_text(encoding="utf-8"))
    frames = tables.cited()
    return check(found, frames, tables.definitions)[1]


@pytest.mark.parametrize("case", CASES)
def test_a_hostile_release_gives_every_chart_and_factsheet_with_checked_findings(case, tmp_path):
    tables, found = built(case, tmp_path)
    assert problems(tables, tmp_path) == []
    if case in DRAWN:
        inputs = FigureInputs(tables, found, load_hexmap(paths.HEXMAP_LAYOUT))
        for name in CHART_NAMES:
            assert draw_panels(name, inputs), name
        plt.close("all")
    barnsley = tables.la.filter(pl.col("la_name") == BARNSLEY)["new_la_code"][0]
    for code in (barnsley, SCILLY):
        html = factsheets.render_factsheet(factsheets.factsheet_context(code, found, PROVENANCE))
        assert published.DATA_STATUS_SYNTHETIC in html, code


def test_a_suppressed_count_leaves_englands_total_unknown_and_says_so(tmp_path):
    _, found = built("one x", tmp_path)
    assert found.text("chart.england_at_a_glance.title") == (
        "The number of settings with a practitioner who completed the qualification is not "
        "available for England in November 2024"
    )


def test_a_rate_that_cannot_be_calculated_has_no_change_and_the_factsheet_says_so(tmp_path):
    tables, found = built("completed above the total, warned", tmp_path)
    row = tables.la.filter(pl.col("la_name") == BARNSLEY, pl.col("period") == tables.latest)
    assert row["coverage_rate"][0] is None and row["coverage_rate_change"][0] is None
    code = row["new_la_code"][0]
    assert found.text(f"factsheet.{code}.change").endswith(
        "; the change in coverage is not available."
    )


@pytest.mark.parametrize("small_base_min", [30, 10_000])
def test_with_no_la_to_compare_the_bulletin_says_so_and_ranks_no_small_base(
    small_base_min, tmp_path
):
    """Every LA a small base, by its counts or by a threshold above every total."""
    case = "every LA a small base" if small_base_min == 30 else "one x"
    tables, found = built(case, tmp_path, small_base_min)
    assert tables.la.filter(pl.col("small_base").not_()).is_empty()
    assert found.text("commentary.variation.range") == (
        f"No local authority had {small_base_min:,} or more eligible settings, so coverage is "
        "not compared between local authorities: every rate is of low reliability."
    )
    assert not found.has("commentary.variation.ranks")  # it would rank a small base alone
    assert found.get(ids.FACTSHEET_SCALE)["cites"][0]["value"] is not None  # the bars still drawn


def test_when_no_la_has_coverage_the_factsheet_draws_no_bars(tmp_path):
    tables, found = built("no eligible settings anywhere", tmp_path)
    assert tables.la["coverage_rate"].null_count() == tables.la.height
    context = factsheets.factsheet_context(SCILLY, found, PROVENANCE)
    assert context["chart"] is None
    html = factsheets.render_factsheet(context)
    assert 'class="bars"' not in html and "not available" in html


def test_a_release_with_every_count_suppressed_gives_a_bulletin_and_factsheets(tmp_path):
    """The views too (downloads, the bulletin's HTML and PDF, factsheet PDFs): every value they
    show is 'not available' or a symbol, never a traceback."""
    edit, options = CASES["every count suppressed"]
    (tmp_path / "factsheets").mkdir()
    result = build_all(release_tables(edited(edit), **options), tmp_path, [SCILLY])
    assert result["problems"] == []
    assert "Coverage in England in November 2024 is not available." in result["html"]
    assert [pdf.exists() for pdf in result["factsheets"]] == [True]


def test_an_older_lookup_before_the_2025_recode_keeps_every_targeted_la(tmp_path):
    """A lookup from before Barnsley and Sheffield were recoded (E08000016/19 still live, their
    2025 codes unknown): the targeted list's E08000038/39 are found by their DfE numbers."""
    from samples import synthetic_release
    from senco.clean.release import clean_release
    from senco.core.reference import following, load_lookup, read_la_codes
    from senco.indicators.targeted import load_targeted_codes, targeted_in_release

    lines = paths.LA_REFERENCE_CSV.read_text(encoding="utf-8").splitlines()
    older = [
        line.replace(",30/04/2025,", ",,").replace(",terminated,", ",live,")
        if line.startswith(("E08000016,", "E08000019,")) else line
        for line in lines
        if not line.startswith(("E08000038,", "E08000039,"))
    ]  # fmt: skip
    lookup = tmp_path / "las.csv"
    lookup.write_text("\n".join(older) + "\n", encoding="utf-8")
    clean = clean_release(
        synthetic_release(),
        "release.csv",
        load_lookup(lookup, paths.REGION_REFERENCE_CSV),
        synthetic=True,
    ).table
    assert {"E08000016", "E08000019"} <= set(clean["new_la_code"])  # as the older lookup codes them
    listed = load_targeted_codes(paths.TARGETED_CODES_CSV)["new_la_code"].to_list()
    targeted = targeted_in_release(
        clean, listed, following(lookup, paths.REGION_REFERENCE_CSV),
        read_la_codes(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV),
    )  # fmt: skip
    in_release = set(clean["new_la_code"]) & set(targeted)
    assert len(in_release) == 78 and {"E08000016", "E08000019"} <= in_release


def test_an_la_the_map_layout_lacks_is_left_off_the_map_and_named_in_a_note(tmp_path):
    """A newer lookup with an LA made after the 2023 layout (a future reorganisation)."""
    lines = paths.LA_REFERENCE_CSV.read_text(encoding="utf-8").splitlines()
    lines.append("E06000099,Newtown,01/04/2023,,E12000001,E06,Unitary Authorities,live,999")
    lookup = tmp_path / "las.csv"
    lookup.write_text("\n".join(lines) + "\n", encoding="utf-8")

    from hostile import release_rows, render

    rows = release_rows()
    rows += [{**row, "new_la_code": "E06000099", "la_name": "Newtown", "old_la_code": "999"}
             for row in rows if row["la_name"] == "Hartlepool"]  # fmt: skip
    # A new LA comes with its statistical neighbours group (here Hartlepool's).
    groups = paths.STATISTICAL_NEIGHBOURS_CSV.read_text(encoding="utf-8").splitlines()
    groups += [line.replace("805,Hartlepool,", "999,Newtown,", 1)
               for line in groups if line.startswith("805,")]  # fmt: skip
    neighbours = tmp_path / "neighbours.csv"
    neighbours.write_text("\n".join(groups) + "\n", encoding="utf-8")
    tables = release_tables(render(rows), la_lookup=lookup, neighbours_csv=neighbours)
    found = findings_of(tables, tmp_path)
    assert found.text("chart.hex_map.note.2") == (
        "Not on the map, whose layout has no hexes for it: Newtown (in the table below)."
    )
    table = found.get("chart.hex_map.table")
    assert "Newtown" in {row[0]["text"] for row in table["rows"]}
    inputs = FigureInputs(tables, found, load_hexmap(paths.HEXMAP_LAYOUT, lookup))
    assert draw_panels("hex_map", inputs)
    plt.close("all")
