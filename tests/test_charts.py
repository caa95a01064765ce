"""What each chart says and singles out: its findings, on the synthetic release and small frames.

Nothing here draws: the charts' words and choices are findings, testable without matplotlib.
"""

from __future__ import annotations

import itertools
import json

import polars as pl
import pytest

from samples import indicator_tables
from senco import formatting
from senco.core.errors import SencoError
from senco.findings import ids
from senco.findings.build import build
from senco.findings.charts import CHART_NAMES
from senco.findings.charts.change_by_region import change_title
from senco.findings.charts.hex_map import ATTRIBUTION, coverage_bands
from senco.findings.check import check
from senco.findings.model import Says, select
from senco.findings.write import to_json
from senco.indicators.tables import IndicatorTables

LATEST = "2024-11"


def findings(tables: IndicatorTables) -> dict:
    record = json.loads(to_json(build(tables)))
    return {finding["id"]: finding for finding in record["findings"]}


def said(found: dict, chart: str, piece: str) -> str:
    return found[ids.chart(chart, piece)]["text"]


@pytest.fixture(scope="module")
def full() -> IndicatorTables:
    return indicator_tables()


@pytest.fixture(scope="module")
def full_found(full) -> dict:
    return findings(full)


@pytest.fixture(scope="module")
def small() -> IndicatorTables:
    return indicator_tables(["E12000001", "E12000009"])


@pytest.mark.parametrize("name", CHART_NAMES)
def test_every_chart_says_each_piece_once_on_one_line(full_found, name):
    for piece in ("title", "subtitle", "alt_text"):
        text = said(full_found, name, piece)
        assert text and "\n" not in text and "  " not in text, piece
    table = full_found[ids.chart(name, "table")]
    assert table["caption"] == f"Data for: {said(full_found, name, 'title')}"
    assert table["rows"] and all(len(row) == len(table["columns"]) for row in table["rows"])


def test_titles_and_alt_text_carry_the_real_numbers(full, full_found):
    june, november = full.england("2024-06"), full.england(LATEST)
    glance = said(full_found, "england_at_a_glance", "title")
    assert formatting.count(june["settings_completed"]) in glance
    assert formatting.count(november["settings_completed"]) in glance
    alt = said(full_found, "england_at_a_glance", "alt_text")
    assert formatting.count(november["practitioners_registered"]) in alt
    latest = full.la_frame(LATEST)
    lowest, highest = latest["coverage_rate"].min(), latest["coverage_rate"].max()
    by_la = said(full_found, "coverage_by_la", "title")
    lowest_name = latest.filter(pl.col("coverage_rate") == lowest)["la_name"][0]
    assert f"from {formatting.percent(lowest)} in {lowest_name}" in by_la
    assert f"to {formatting.percent(highest)} in West Berkshire in" in by_la
    regions = full.area_frame(LATEST, "Regional").sort("coverage_rate")
    compared = said(full_found, "regions_compared", "title")
    assert compared.startswith(f"Coverage was highest in {regions['area_name'][-1]}")
    alt = said(full_found, "regions_compared", "alt_text")
    assert all(name in alt for name in regions["area_name"])
    assert f"the {regions.height} regions" in alt  # counted, not typed


def test_a_small_base_is_never_named_highest_and_the_title_says_so(full, full_found):
    latest = full.la_frame(LATEST)
    highest = latest["coverage_rate"].max()
    tied = latest.filter(pl.col("coverage_rate") == highest).sort("la_name")
    # West Berkshire 38 of 228 and Isles of Scilly 1 of 6 (a small base) share the highest rate.
    assert tied["la_name"].to_list() == ["Isles of Scilly", "West Berkshire"]
    assert tied["small_base"].to_list() == [True, False]
    title = said(full_found, "coverage_by_la", "title")
    assert title.startswith("Among local authorities with 30 or more eligible settings")
    assert "Isles of Scilly" not in title
    assert said(full_found, "coverage_by_la", "name.E06000053") == "Isles of Scilly [u]"
    cells = [row[0]["text"] for row in full_found["chart.coverage_by_la.table"]["rows"]]
    assert "Isles of Scilly [u]" in cells and "West Berkshire" in cells


def test_ties_are_named_when_no_small_base_is_left_out():
    tables = indicator_tables(small_base_min=1)
    title = said(findings(tables), "coverage_by_la", "title")
    assert title.startswith("Coverage ranged from")
    assert "to 16.7% in Isles of Scilly and West Berkshire in" in title


def test_the_funnel_names_exactly_the_las_outside_the_99_8_percent_limits(full, full_found):
    latest = full.la_frame(LATEST)
    outside = latest.filter(pl.col("coverage_od_funnel_band").str.contains("99.8%"))
    assert outside.height > 0
    labels = {
        key.rsplit(".", 1)[1]: f["text"]
        for key, f in full_found.items()
        if key.startswith("chart.funnel_plot.label.")
    }
    assert labels == dict(zip(outside["new_la_code"], outside["la_name"], strict=True))
    title = said(full_found, "funnel_plot", "title")
    assert f"variation between local authorities, {outside.height} of {latest.height}" in title
    phi = full.england(LATEST)["coverage_phi"]
    assert f"about {phi:.1f} times" in said(full_found, "funnel_plot", "note.1")
    alt = said(full_found, "funnel_plot", "alt_text")
    assert all(name in alt for name in outside["la_name"])


def test_map_bands_pick_every_la_once_by_its_displayed_value(full, full_found):
    bands = [f for key, f in full_found.items() if key.startswith("chart.hex_map.band.")]
    assert len(bands) == 5
    members = [select(full.la, band["cites"][0]["where"])["new_la_code"] for band in bands]
    picked = pl.concat(members)
    assert picked.len() == picked.n_unique() == full.la_frame(LATEST).height
    table = {row[0]["text"]: row for row in full_found["chart.hex_map.table"]["rows"]}

    def percent(text: str) -> float:
        return float(text.rstrip("%"))

    for name, (_, _, coverage, band) in table.items():
        low, _, high = band["text"].partition(" to ")
        shown = percent(coverage["text"])
        if high.startswith("under "):
            assert percent(low) <= shown < percent(high.removeprefix("under ")), name
        else:
            assert percent(low) <= shown <= percent(high or low), name
        # The legend gives each band's range and the number of LAs in it.
        assert band["text"] in [b["text"].rpartition(" (")[0] for b in bands], name
    for band, member in zip(bands, members, strict=True):
        assert band["text"].endswith(f" ({member.len()})")
    # The bands are contiguous: each runs up to (not including) where the next begins.
    legend = [band["text"].rpartition(" (")[0] for band in bands]
    for lower, upper in itertools.pairwise(legend):
        assert lower.endswith(f" to under {upper.partition(' to ')[0]}"), (lower, upper)
    assert " under " not in legend[-1]
    assert said(full_found, "hex_map", "note.1") == ATTRIBUTION
    # Every LA's hexes carry its name and value for hover and screen readers.
    row = full.la_row(LATEST, "E06000001")
    assert said(full_found, "hex_map", "la.E06000001") == (
        f"Hartlepool, North East: coverage {formatting.percent(row['coverage_rate'])}"
    )


@pytest.mark.parametrize(
    ("values", "bands"),
    [
        ([0.05] * 10, [(0.05, 0.05)]),
        ([0.05] * 5 + [0.10] * 5, [(0.05, 0.05), (0.10, 0.10)]),
        (
            [i / 100 for i in range(1, 11)],
            [(0.01, 0.02), (0.03, 0.04), (0.05, 0.06), (0.07, 0.08), (0.09, 0.10)],
        ),
    ],
)
def test_coverage_bands_never_empty_or_reversed(values, bands):
    assert coverage_bands(values) == bands


def test_chart_findings_pass_the_check(full, full_found):
    charts = [f for key, f in full_found.items() if key.startswith("chart")]
    checked, problems = check(
        {"findings": charts}, {"la_indicators": full.la, "aggregates": full.areas},
        full.definitions,
    )  # fmt: skip
    assert problems == [] and checked > 2000


def test_an_all_null_indicator_says_there_is_no_chart(small):
    empty = small.la.with_columns(
        pl.lit(None, dtype=pl.Float64).alias(name)
        for name in ("coverage_rate", "coverage_rate_ci_low", "coverage_rate_ci_high")
    )
    found = findings(IndicatorTables(empty, small.areas, small.definitions, True))
    for name in ("coverage_by_la", "hex_map"):
        assert said(found, name, "title").startswith("Coverage is not available")
        assert said(found, name, "no_data") == said(found, name, "title")
        assert found[ids.chart(name, "table")]["rows"] == []


def test_a_missing_column_is_a_clear_error(small):
    tables = IndicatorTables(
        small.la.drop("coverage_rate_ci_low"), small.areas, small.definitions, True
    )
    with pytest.raises(SencoError, match="missing column\\(s\\) coverage_rate_ci_low"):
        build(tables)


def test_no_england_row_is_a_clear_error(small):
    areas = small.areas.filter(pl.col("geographic_level") != "National")
    with pytest.raises(SencoError, match="no England row"):
        build(IndicatorTables(small.la, areas, small.definitions, True))


def regions_changing(changes: list[float | None], definitions: pl.DataFrame) -> str:
    names = [f"Region {letter}" for letter in "ABCD"[: len(changes)]]
    areas = pl.DataFrame(
        {
            "period": LATEST,
            "geographic_level": "Regional",
            "area_code": [f"E1200000{i}" for i in range(len(changes))],
            "area_name": names,
            "coverage_rate_change": changes,
        },
        schema_overrides={"coverage_rate_change": pl.Float64},
    )
    tables = IndicatorTables(pl.DataFrame(), areas, definitions, True)
    return change_title(
        Says(tables).statement("chart.test.title", "title"), tables, "2024-06", LATEST
    )


SPAN = "between June 2024 and November 2024"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            [0.01, 0.03, 0.02],
            f"Coverage rose in every region {SPAN}, by between 1.0 and 3.0 percentage points",
        ),
        ([-0.01, -0.02], f"Coverage fell in every region {SPAN}"),
        (
            [0.01, -0.02, 0.0],
            f"Coverage rose in 1 of the 3 regions {SPAN}, by 1.0 percentage points",
        ),
        ([0.0, -0.02], f"Coverage rose in no region {SPAN}; it fell in 1 of the 2 regions"),
        ([0.0, 0.0], f"Coverage did not change in any region {SPAN}"),
        (
            [0.02, -0.01, 0.02],
            f"Coverage rose in 2 of the 3 regions {SPAN}, by 2.0 percentage points",
        ),
        (
            [0.01, None],
            f"Coverage rose in the only region with a change {SPAN}, by 1.0 percentage points; "
            "change is not available for Region B",
        ),
        (
            [0.01, -0.01, None, None],
            f"Coverage rose in 1 of the 2 regions with a change {SPAN}, by 1.0 percentage points; "
            "change is not available for Region C and Region D",
        ),
        ([None, None], f"Change in coverage {SPAN} is not available for any region"),
    ],
)
def test_the_change_title_is_true_whichever_way_coverage_moved(small, changes, expected):
    assert regions_changing(changes, small.definitions) == expected


def test_one_period_is_said_once(full):
    one = IndicatorTables(
        full.la_frame(LATEST), full.areas.filter(pl.col("period") == LATEST),
        full.definitions, True,
    )  # fmt: skip
    found = findings(one)
    glance = said(found, "england_at_a_glance", "title")
    assert "by November 2024" in glance and "June" not in glance
    columns = found[ids.chart("england_at_a_glance", "table")]["columns"]
    assert [c["label"] for c in columns] == ["Measure", "November 2024"]
    assert said(found, "change_by_region", "title").startswith("Change cannot be shown")


def test_the_targeted_comparison_is_judged_at_la_level_not_pooled(full, full_found):
    targeted = full.group(LATEST, "targeted")
    # Pooled over settings, the difference's interval excludes zero; over LAs, it does not.
    assert targeted["coverage_difference_pooled_ci_low"] > 0
    assert targeted["coverage_difference_ci_low"] < 0 < targeted["coverage_difference_ci_high"]
    title = said(full_found, "targeted_compared", "title")
    assert title.startswith("Coverage was similar in targeted local authorities")
    note = said(full_found, "targeted_compared", "note.1")
    low, high, pooled_low, pooled_high = (
        formatting.percentage_points(targeted[f"coverage_difference{suffix}"], unit=False)
        for suffix in ("_ci_low", "_ci_high", "_pooled_ci_low", "_pooled_ci_high")
    )
    assert f"interval of {low} to {high} percentage points that allows for variation" in note
    assert "ignoring that settings are grouped" in note
    assert f"(Newcombe's method), is {pooled_low} to {pooled_high} percentage points" in note
    assert full_found["heading.targeted"]["text"].endswith("similar to elsewhere")
    members = full.la_frame(LATEST).filter(pl.col("targeted"))["coverage_rate"]
    median = full_found["chart.targeted_compared.targeted.median"]["cites"][0]["value"]
    assert median == pytest.approx(members.median())
    caveat = full_found["commentary.targeted.caveat"]["text"]
    assert "137391" in caveat and "not an evaluation" in caveat
