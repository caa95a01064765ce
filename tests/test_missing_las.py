"""A release lacking LAs (allow_missing_las): totals marked incomplete, never understated, and
every output built, saying which LAs are missing."""

from __future__ import annotations

import csv
import io

import polars as pl
import pytest

from samples import neighbour_groups, synthetic_release
from senco import paths
from senco.clean.release import clean_release
from senco.core.reference import live_las, load_lookup
from senco.findings.build import build
from senco.findings.completeness import NOTICE_ID
from senco.indicators.compute import (
    definitions_table,
    la_indicators,
    load_definitions,
    rates_from,
)
from senco.indicators.tables import IndicatorTables
from senco.indicators.targeted import load_targeted_codes

NORTH_EAST = "E12000001"
BARNET, HARTLEPOOL = "E09000003", "E06000001"


def release_without(codes: set[str], november_only: set[str]) -> bytes:
    """The synthetic release without `codes` in any period and `november_only` in November."""
    rows = list(csv.reader(io.StringIO(synthetic_release().decode("utf-8"), newline="")))
    kept = [rows[0]] + [
        row for row in rows[1:]
        if row[6] not in codes and not (row[6] in november_only and row[1] == "November")
    ]  # fmt: skip
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows(kept)
    return buffer.getvalue().encode("utf-8")


@pytest.fixture(scope="module")
def tables() -> IndicatorTables:
    """North East missing from both periods (a whole region), Barnet from November."""
    north_east = {la["new_la_code"] for la in live_las(paths.LA_REFERENCE_CSV,
                                                       paths.REGION_REFERENCE_CSV)
                  if la["region_code"] == NORTH_EAST}  # fmt: skip
    lookup = load_lookup(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV)
    result = clean_release(release_without(north_east, {BARNET}), "partial.csv", lookup,
                           synthetic=True, allow_missing_las=True)  # fmt: skip
    assert result.missing.height == 12 + 13
    spec = load_definitions(paths.INDICATOR_DEFINITIONS)
    targeted = load_targeted_codes(paths.TARGETED_CODES_CSV)["new_la_code"].to_list()
    groups, group_rows = neighbour_groups()
    la, areas = la_indicators(result.table, targeted, rates_from(spec), 30, result.missing, groups)
    return IndicatorTables(la, areas, definitions_table(spec), True, 30, group_rows)


def test_every_missing_la_has_a_row_with_nothing_available(tables):
    missing = tables.la.filter(pl.col("missing_from_release"))
    assert missing.height == 25
    assert missing.filter(pl.col("new_la_code") == BARNET)["period"].to_list() == ["2024-11"]
    columns = ("settings_total", "coverage_rate", "coverage_rank")
    assert missing.select(pl.col(columns).null_count()).row(0) == (25, 25, 25)


def test_england_is_marked_incomplete_and_its_counts_are_never_understated(tables):
    england = tables.england("2024-11")
    present = tables.la.filter((pl.col("period") == "2024-11") & ~pl.col("missing_from_release"))
    assert (england["las"], england["las_missing"]) == (140, 13)
    # Counts and changes would understate the total: not given.
    assert england["settings_completed"] is None and england["settings_total"] is None
    assert england["coverage_rate_change"] is None
    # The rate is of the LAs present, from their summed counts.
    assert england["coverage_rate"] == pytest.approx(
        present["settings_completed"].sum() / present["settings_total"].sum()
    )


def test_a_whole_region_missing_has_no_value_and_complete_regions_keep_theirs(tables):
    north_east = tables.region("2024-11", NORTH_EAST)
    assert (north_east["las"], north_east["las_missing"]) == (0, 12)
    assert north_east["coverage_rate"] is None
    london_june = tables.region("2024-06", "E12000007")
    assert london_june["las_missing"] == 0 and london_june["settings_total"] is not None
    london_november = tables.region("2024-11", "E12000007")
    assert london_november["las_missing"] == 1 and london_november["settings_total"] is None
    assert london_november["coverage_rate_change"] is None  # June had Barnet, November not
    yorkshire = tables.region("2024-11", "E12000003")
    assert yorkshire["las_missing"] == 0 and yorkshire["coverage_rate_change"] is not None


def test_the_findings_say_which_las_are_missing_and_what_is_incomplete(tables):
    codes = tables.la["new_la_code"].unique().sort().to_list()
    record = build(tables, codes).as_dict()
    texts = {f["id"]: f.get("text") for f in record["findings"]}
    notice = texts[NOTICE_ID]
    assert notice.startswith("Local authorities missing from this release, shown as not "
                             "available: 12 in June 2024 (County Durham, Darlington,")  # fmt: skip
    assert "; 13 in November 2024 (Barnet, County Durham" in notice
    assert "Figures for England, London and North East cover only the local authorities" in notice
    assert texts["main_points.england"].endswith(
        "in the 140 local authorities in this release had a practitioner who had completed "
        "the SENCO qualification (13 local authorities are missing)."
    )
    assert texts["heading.england"].endswith("(incomplete)")
    assert "across the 8 regions with a value" in texts["main_points.regions"]
    assert texts[f"factsheet.{HARTLEPOOL}.missing"] == (
        "Hartlepool is missing from this release in June 2024 and November 2024, so its figures "
        "for those periods are not available."
    )
    assert texts[f"factsheet.{BARNET}.missing"] == (
        "Barnet is missing from this release in November 2024, so its figures for that period "
        "are not available."
    )


def test_a_complete_release_says_nothing_about_missing_las():
    from samples import indicator_tables

    tables = indicator_tables()
    record = build(tables, ["E09000002"]).as_dict()
    ids = {f["id"] for f in record["findings"]}
    assert NOTICE_ID not in ids and "factsheet.E09000002.missing" not in ids
    assert (tables.areas["las_missing"] == 0).all()


@pytest.fixture(scope="module")
def texts(tables) -> dict[str, str]:
    codes = tables.la["new_la_code"].unique().sort().to_list()
    return {f["id"]: f.get("text") for f in build(tables, codes).as_dict()["findings"]}


def test_an_incomplete_england_gives_rates_of_the_las_present_and_no_counts(tables, texts):
    england = tables.england("2024-11")
    registered = f"{100 * england['registered_rate']:.1f}%"
    assert texts["main_points.registered"].startswith(
        f"{registered} of eligible settings in the 140 local authorities in this release had "
        "registered a practitioner"
    )
    completed = f"{100 * england['practitioner_completion_rate']:.1f}%"
    assert texts["main_points.practitioners"] == (
        f"{completed} of the practitioners registered in the 140 local authorities in this "
        "release had completed the qualification by November 2024."
    )
    # The chart of England's counts says why it has none rather than drawing an undercount.
    assert texts["chart.england_at_a_glance.no_data"] == (
        "England totals are not shown: 13 local authorities are missing from November 2024, so "
        "totals would understate them."
    )


def test_targeted_las_are_compared_over_those_present(tables, texts):
    present = tables.la.filter((pl.col("period") == "2024-11") & ~pl.col("missing_from_release"))

    def rate(flag: bool) -> float:
        group = present.filter(pl.col("targeted") == flag)
        return group["settings_completed"].sum() / group["settings_total"].sum()

    targeted = tables.group("2024-11", "targeted")
    assert targeted["las_missing"] > 0
    assert targeted["coverage_difference"] == pytest.approx(rate(True) - rate(False))
    assert targeted["coverage_difference_ci_low"] < targeted["coverage_difference_ci_high"]
    assert texts["heading.targeted"] != "Targeted local authorities: not available"
    other = tables.group("2024-11", "not_targeted")
    assert texts["main_points.targeted"].startswith(
        f"In the {targeted['las']} targeted local authorities in this release "
        f"({targeted['las_missing']} missing), coverage was {100 * rate(True):.1f}%, compared "
        f"with {100 * rate(False):.1f}% in the {other['las']} other local authorities present "
        f"({other['las_missing']} missing)"
    )
    assert texts[f"factsheet.{BARNET}.group"].startswith(
        f"Barnet is not one of the targeted local authorities; coverage across the "
        f"{targeted['las']} of them in this release ({100 * rate(True):.1f}%)"
    )


def test_charts_count_only_the_areas_with_a_value_and_name_the_rest(tables, texts):
    regions = tables.area_frame("2024-11", "Regional")
    changed = regions.filter(pl.col("coverage_rate_change").is_not_null())
    rose = changed.filter(pl.col("coverage_rate_change") > 0).height
    title = texts["chart.change_by_region.title"]
    counted = f"all {rose}" if rose == changed.height else f"{rose} of the {changed.height}"
    assert title.startswith(f"Coverage rose in {counted} regions with a change between June")
    assert title.endswith("; change is not available for North East and London")
    alt = texts["chart.change_by_region.alt_text"]
    assert "North East not available" in alt and "to not available" not in alt
    assert "; London " in alt and "(change not available)" in alt
    regions_alt = texts["chart.regions_compared.alt_text"]
    assert "of the 8 regions with a value," in regions_alt
    assert regions_alt.endswith("Not available: North East.")
    assert "North East not available" not in regions_alt
    la_alt = texts["chart.coverage_by_la.alt_text"]
    assert "for each of 140 local authorities with a value," in la_alt
    assert la_alt.endswith("Coverage is not available for 13 local authorities.")


def test_the_change_section_counts_only_the_regions_with_a_change(tables, texts):
    changed = tables.area_frame("2024-11", "Regional")["coverage_rate_change"].drop_nulls()
    assert texts["heading.change"].endswith(f"{changed.len()} regions with a change")
    assert texts["commentary.change.size"].startswith(
        f"Between June 2024 and November 2024, coverage rose in each of the {changed.len()} "
        "regions with a change by between"
    )


def test_an_incomplete_releases_factsheets_carry_the_short_notice_on_one_page(tables, tmp_path):
    from pdf_checks import page_texts
    from samples import findings_of
    from senco.views import factsheets

    # As a release from DfE would be (a synthetic file is recognised by its checksum, and the
    # bundled one is complete).
    published = IndicatorTables(tables.la, tables.areas, tables.definitions, False, 30,
                                tables.neighbours)  # fmt: skip
    findings = findings_of(published, tmp_path)
    assert findings.short_incomplete_notice == (
        "Local authorities missing from this release: 12 in June 2024 and 13 in November 2024. "
        "Figures for England, London and North East cover only those present."
    )
    provenance = {"retrieved_at": "2026-11-22T00:00:00Z", "sha256": "cd" * 32, "synthetic": False}
    # Barking and Dagenham: complete, in an incomplete region; Barnet: missing in November; the
    # longest name, and the two small bases.
    codes = ["E09000002", BARNET, "E06000010", "E06000053", "E09000001"]
    for pdf in factsheets.write_factsheets(codes, findings, provenance, tmp_path):
        pages = page_texts(pdf)
        assert len(pages) == 1, pdf.name
        text = pages[0]
        assert "Local authorities missing from this release: 12 in June 2024" in text
        assert "Hartlepool" not in text  # named in the bulletin, not on every factsheet
        if pdf.stem == "E06000010":  # Hull: Middlesbrough, a neighbour, is missing
            assert "Middlesbrough: not available" in " ".join(text.split())


def test_a_missing_neighbour_is_named_in_every_comparison_never_a_silently_smaller_group(
    tables, tmp_path
):
    from samples import findings_of

    found = findings_of(tables, tmp_path)
    latest = tables.la_frame("2024-11")
    missing = set(latest.filter(pl.col("coverage_rate").is_null())["new_la_code"])
    checked = 0
    for row in latest.iter_rows(named=True):
        code = row["new_la_code"]
        group = tables.neighbours.filter(pl.col("new_la_code") == code)
        gaps = group.filter(pl.col("neighbour_new_la_code").is_in(missing))
        sentence = found.text(f"factsheet.{code}.neighbours_compared")
        assert row["neighbours_with_coverage"] == 10 - gaps.height
        table = found.table(f"factsheet.{code}.neighbours")
        assert len(table["rows"]) == 11  # the LA and all ten, with a gap or not
        if gaps.height:
            checked += 1
            assert "of its ten statistical neighbours with a figure for November 2024" in sentence
            for name in gaps["neighbour_la_name"]:
                assert name in sentence
                assert [name, "not available"] in [r[:2] for r in table["rows"]]
        else:
            assert "with a figure" not in sentence
    assert checked > 10  # the North East's neighbours, and Barnet's
