"""The charts: each renders, carries a complete sidecar, and says what the numbers say."""

from __future__ import annotations

import hashlib
import json

import matplotlib.pyplot as plt
import polars as pl
import pytest

from samples import synthetic_release
from senco import figures, formatting, paths, published, style
from senco.clean import clean_release
from senco.errors import SencoError
from senco.indicators import (
    definitions_table,
    la_indicators,
    load_definitions,
    rates_from,
)
from senco.reference import load_la_reference
from senco.targeted import load_targeted_codes

DEFINITIONS = load_definitions(paths.INDICATOR_DEFINITIONS)
HEXMAP = figures.load_hexmap(paths.HEXMAP_LAYOUT)


def chart_data(clean: pl.DataFrame, synthetic: bool = True) -> figures.ChartData:
    targeted = load_targeted_codes(paths.TARGETED_CODES_CSV)["new_la_code"].to_list()
    la, areas = la_indicators(clean, targeted, rates_from(DEFINITIONS))
    return figures.ChartData(la, areas, definitions_table(DEFINITIONS), HEXMAP, synthetic)


@pytest.fixture(scope="module")
def clean_table() -> pl.DataFrame:
    reference = load_la_reference(paths.LA_REFERENCE_CSV, paths.REGION_REFERENCE_CSV)
    return clean_release(synthetic_release(), "synthetic.csv", reference, synthetic=True).table


@pytest.fixture(scope="module")
def full(clean_table) -> figures.ChartData:
    """Indicators for all 153 LAs, from the synthetic release."""
    return chart_data(clean_table)


@pytest.fixture(scope="module")
def small(clean_table) -> figures.ChartData:
    """A small fixture: the LAs of two regions only."""
    return chart_data(clean_table.filter(pl.col("region_code").is_in(["E12000001", "E12000009"])))


@pytest.fixture(autouse=True)
def matplotlib_style():
    style.apply()
    yield
    plt.close("all")


@pytest.mark.parametrize("name", [name for name, _ in figures.CHARTS])
def test_every_chart_renders_with_a_complete_sidecar(small, name, tmp_path):
    chart = dict(figures.CHARTS)[name](small)
    sidecar = chart.sidecar(figures.SYNTHETIC_SOURCE, synthetic=True)
    for key in ("title", "subtitle", "source", "alt_text"):
        assert sidecar[key] and "\n" not in sidecar[key], key
    assert "Not official statistics" in sidecar["source"]
    columns = sidecar["table"]["columns"]
    assert columns and sidecar["table"]["rows"]
    assert all(len(row) == len(columns) for row in sidecar["table"]["rows"])
    assert all({"name", "label", "unit", "decimal_places"} <= set(c) for c in columns)
    chart.figure.savefig(tmp_path / f"{name}.png")
    assert (tmp_path / f"{name}.png").stat().st_size > 5000


def test_titles_and_alt_text_carry_the_real_numbers(full):
    england = {p: full.england(p) for p in full.periods}
    glance = figures.england_at_a_glance(full)
    june, november = england["2024-06"], england["2024-11"]
    assert formatting.count(june["settings_completed"]) in glance.title
    assert formatting.count(november["settings_completed"]) in glance.title
    assert formatting.count(november["practitioners_registered"]) in glance.alt_text
    latest = full.la.filter(pl.col("period") == "2024-11")
    lowest, highest = latest["coverage_rate"].min(), latest["coverage_rate"].max()
    by_la = figures.coverage_by_la(full)
    tied = latest.filter(pl.col("coverage_rate") == highest)["la_name"].sort().to_list()
    assert len(tied) == 2  # West Berkshire 38 of 228 and Isles of Scilly 1 of 6: both named
    assert f"to {formatting.percent(highest)} in {tied[0]} and {tied[1]} in" in by_la.title
    lowest_name = latest.filter(pl.col("coverage_rate") == lowest)["la_name"][0]
    assert f"from {formatting.percent(lowest)} in {lowest_name}" in by_la.title
    assert tied[0] in by_la.alt_text
    assert formatting.percent(november["coverage_rate"]) in by_la.alt_text
    regions = full.areas.filter(
        (pl.col("geographic_level") == "Regional") & (pl.col("period") == "2024-11")
    ).sort("coverage_rate")
    compared = figures.regions_compared(full)
    assert compared.title.startswith(f"Coverage was highest in {regions['area_name'][-1]}")
    assert all(name in compared.alt_text for name in regions["area_name"])


def test_funnel_labels_exactly_the_las_outside_the_99_8_percent_limits(full):
    chart = figures.funnel_plot(full)
    latest = full.la.filter(pl.col("period") == "2024-11")
    outside = latest.filter(pl.col("coverage_funnel_band").str.contains("99.8%"))
    assert outside.height > 0
    labels = {text.get_text() for text in chart.figure.axes[0].texts}
    assert labels == set(outside["la_name"])
    assert chart.title.startswith(f"{outside.height} of {latest.height} local authorities")
    assert all(name in chart.alt_text for name in outside["la_name"])


def test_funnel_labels_do_not_overlap(full):
    chart = figures.funnel_plot(full)
    renderer = chart.figure.canvas.get_renderer()
    boxes = [text.get_window_extent(renderer) for text in chart.figure.axes[0].texts]
    for index, box in enumerate(boxes):
        assert not any(box.overlaps(other) for other in boxes[index + 1 :])


def test_the_map_draws_all_153_areas_and_marks_missing_ones(small):
    chart = figures.hex_map(small)
    axes = chart.figure.axes[0]
    polygons_per_la = sum(len(la["polygons"]) for la in HEXMAP["local_authorities"].values())
    assert len(HEXMAP["local_authorities"]) == 153
    assert len(axes.patches) == polygons_per_la
    # The small fixture has two regions' LAs: every other LA is drawn as not available.
    hatched = [patch for patch in axes.patches if patch.get_hatch()]
    shown = small.la["new_la_code"].n_unique()
    per_la = {code: len(la["polygons"]) for code, la in HEXMAP["local_authorities"].items()}
    missing = set(per_la) - set(small.la["new_la_code"])
    assert len(missing) == 153 - shown
    assert len(hatched) == sum(per_la[code] for code in missing)
    legend = [text.get_text() for text in axes.get_legend().get_texts()]
    assert "Not available" in legend
    assert figures.HEXMAP_ATTRIBUTION in chart.notes


def test_an_la_inside_another_is_drawn_on_top_of_it(full):
    """Leicester sits in a hole in Leicestershire: it must be drawn after (above) it."""
    chart = figures.hex_map(full)
    order = []
    for patch in chart.figure.axes[0].patches:
        for code, la in HEXMAP["local_authorities"].items():
            ring = la["polygons"][0][0]
            if [list(map(float, xy)) for xy in patch.get_xy()[: len(ring)]] == ring:
                order.append(code)
                break
    assert order.index("E06000016") > order.index("E10000018")


def test_map_bands_follow_the_displayed_values(full):
    chart = figures.hex_map(full)
    table = {row[0]: row for row in chart.table_rows}
    labels = [text.get_text() for text in chart.figure.axes[0].get_legend().get_texts()][:-1]
    for name, _region, coverage, band in table.values():
        low, _, high = band.partition(" to ")
        shown = formatting.percent(coverage)
        assert (
            float(low.rstrip("%")) <= float(shown.rstrip("%")) <= float((high or low).rstrip("%"))
        )
        assert band in labels, name


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
    assert figures.coverage_bands(values) == bands


def test_an_all_null_indicator_gives_a_no_data_panel(small):
    empty = small.la.with_columns(
        pl.lit(None, dtype=pl.Float64).alias(name)
        for name in ("coverage_rate", "coverage_rate_ci_low", "coverage_rate_ci_high")
    )
    data = figures.ChartData(empty, small.areas, small.definitions, HEXMAP, True)
    for draw in (figures.coverage_by_la, figures.hex_map):
        chart = draw(data)
        assert chart.title.startswith("Coverage is not available")
        assert chart.table_rows == []
        assert any("not available" in t.get_text() for t in chart.figure.axes[0].texts)


def test_a_missing_column_is_a_clear_error(small):
    data = figures.ChartData(
        small.la.drop("coverage_rate_ci_low"), small.areas, small.definitions, HEXMAP, True
    )
    with pytest.raises(SencoError, match="missing column\\(s\\) coverage_rate_ci_low"):
        figures.coverage_by_la(data)


def test_rendering_twice_gives_byte_identical_files(small, tmp_path):
    digests = []
    for attempt in ("first", "second"):
        sidecars = figures.render_all(small, tmp_path / attempt)
        assert [s["name"] for s in sidecars] == [name for name, _ in figures.CHARTS]
        digests.append(
            {
                path.name: hashlib.sha256(path.read_bytes()).hexdigest()
                for path in sorted((tmp_path / attempt).iterdir())
            }
        )
    assert digests[0] == digests[1]
    assert len(digests[0]) == 3 * len(figures.CHARTS)
    svg = (tmp_path / "first" / "funnel_plot.svg").read_text()
    assert "<dc:date>" not in svg
    sidecar = json.loads((tmp_path / "first" / "funnel_plot.json").read_text())
    assert sidecar["title"] in svg  # the title travels with the file


def test_synthetic_figures_are_marked_in_the_image_and_real_ones_are_not(small):
    for synthetic in (True, False):
        chart = figures.hex_map(small)
        figures.mark_synthetic(chart.figure, synthetic)
        texts = [text.get_text() for text in chart.figure.texts]
        assert (published.DATA_STATUS_SYNTHETIC in texts) is synthetic


def test_the_bundled_font_is_the_one_used():
    from matplotlib import font_manager

    style.apply()
    found = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]))
    assert found.startswith(str(paths.FONTS_DIR))
    assert published.DATA_SET_TITLE in figures.SOURCE


def regions_wide(changes: list[float | None]) -> pl.DataFrame:
    names = [f"Region {letter}" for letter in "ABCD"[: len(changes)]]
    return pl.DataFrame(
        {"area_name": names, "change": changes}, schema_overrides={"change": pl.Float64}
    )


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            [0.01, 0.03, 0.02],
            "Coverage rose in every region between June and November, most in "
            "Region B (+3.0 percentage points)",
        ),
        ([-0.01, -0.02], "Coverage rose in no region between June and November; it fell in 2 of 2"),
        ([0.0, 0.0], "Coverage did not change in any region between June and November"),
        (
            [0.02, -0.01, 0.02],
            "Coverage rose in 2 of 3 regions between June and November, most in "
            "Region A and Region C (+2.0 percentage points)",
        ),
        (
            [0.01, None],
            "Coverage rose in 1 of 2 regions between June and November, most in "
            "Region A (+1.0 percentage points) (not available for Region B)",
        ),
    ],
)
def test_the_change_title_is_true_whichever_way_coverage_moved(changes, expected):
    assert figures.change_title(regions_wide(changes), "June", "November") == expected


def test_one_period_draws_it_once(full):
    one = full.la.filter(pl.col("period") == "2024-11")
    data = figures.ChartData(
        one, full.areas.filter(pl.col("period") == "2024-11"), full.definitions, HEXMAP, True
    )
    glance = figures.england_at_a_glance(data)
    assert "by November 2024" in glance.title and "June" not in glance.title
    assert [c["label"] for c in glance.table_columns] == ["Measure", "November 2024"]
    assert figures.change_by_region(data).title.startswith("Change cannot be shown")


def test_the_targeted_comparison_uses_the_interval_of_the_difference(full):
    chart = figures.targeted_compared(full)
    groups = full.areas.filter(
        (pl.col("geographic_level") == "Group") & (pl.col("period") == "2024-11")
    )
    targeted = groups.filter(pl.col("area_code") == "targeted").row(0, named=True)
    other = groups.filter(pl.col("area_code") == "not_targeted").row(0, named=True)
    from senco.indicators import difference_interval

    _, low, high = difference_interval(
        targeted["settings_completed"],
        targeted["settings_total"],
        other["settings_completed"],
        other["settings_total"],
    )
    # The two groups' own intervals overlap, but the difference's interval excludes zero.
    assert targeted["coverage_rate_ci_low"] < other["coverage_rate_ci_high"]
    assert low > 0 and chart.title.startswith("Coverage was higher in targeted")
    assert formatting.percentage_points(low) in chart.notes[0]


def test_no_england_row_is_a_clear_error(small):
    data = figures.ChartData(
        small.la,
        small.areas.filter(pl.col("geographic_level") != "National"),
        small.definitions,
        HEXMAP,
        True,
    )
    with pytest.raises(SencoError, match="no single England row"):
        figures.england_at_a_glance(data)
