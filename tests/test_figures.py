"""Drawing the charts: each renders its findings, reproducibly, with the marks they single out."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace
from pathlib import Path

import matplotlib.pyplot as plt
import polars as pl
import pytest

from samples import findings_of, indicator_tables
from senco import paths, published
from senco.figures import style
from senco.figures.common import (
    FigureInputs,
    drawn_texts,
    label_mark_overlaps,
    mark_synthetic,
    text_overlaps,
)
from senco.figures.output import draw, draw_panels, load_hexmap, render_all, sidecar
from senco.findings.charts import CHART_NAMES
from senco.findings.charts.common import SYNTHETIC_SOURCE
from senco.indicators.tables import IndicatorTables

HEXMAP = load_hexmap(paths.HEXMAP_LAYOUT)


def inputs_for(tables: IndicatorTables, directory) -> FigureInputs:
    return FigureInputs(tables, findings_of(tables, directory), HEXMAP)


@pytest.fixture(scope="module")
def full(tmp_path_factory) -> FigureInputs:
    """Indicators for all 153 LAs, from the synthetic release."""
    return inputs_for(indicator_tables(), tmp_path_factory.mktemp("full"))


@pytest.fixture(scope="module")
def full_rendered(full, tmp_path_factory) -> Path:
    """Every chart of the full release, written once (SVG, PNG, sidecar, phone SVG) for the
    tests that read the files."""
    folder = tmp_path_factory.mktemp("full-rendered")
    render_all(full, folder)
    return folder


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> FigureInputs:
    """A small fixture: the LAs of two regions only."""
    tables = indicator_tables(["E12000001", "E12000009"])
    return inputs_for(tables, tmp_path_factory.mktemp("small"))


@pytest.fixture(autouse=True)
def matplotlib_style():
    style.apply()
    yield
    plt.close("all")


@pytest.mark.parametrize("name", CHART_NAMES)
def test_every_chart_renders_with_a_complete_sidecar(small, name, tmp_path):
    described = sidecar(small.findings, name)
    for key in ("title", "subtitle", "source", "alt_text"):
        assert described[key] and "\n" not in described[key], key
    assert described["source"] == SYNTHETIC_SOURCE
    columns = described["table"]["columns"]
    assert columns and described["table"]["rows"]
    assert all(len(row) == len(columns) for row in described["table"]["rows"])
    assert all({"name", "label", "unit", "decimal_places"} <= set(c) for c in columns)
    for panel in draw_panels(name, small):
        panel.figure.savefig(tmp_path / f"{name}.png")
        assert (tmp_path / f"{name}.png").stat().st_size > 5000


def test_the_funnel_draws_the_labels_its_findings_name(full):
    figure = draw("funnel_plot", full)
    named = {f["text"] for f in full.findings.starting("chart.funnel_plot.label.")}
    assert named and {text.get_text() for text in figure.axes[0].texts} == named


def test_funnel_labels_do_not_overlap(full):
    figure = draw("funnel_plot", full)
    renderer = figure.canvas.get_renderer()
    boxes = [text.get_window_extent(renderer) for text in figure.axes[0].texts]
    for index, box in enumerate(boxes):
        assert not any(box.overlaps(other) for other in boxes[index + 1 :])


def test_the_map_draws_all_153_areas_and_marks_missing_ones(small):
    axes = draw("hex_map", small).axes[0]
    per_la = {code: len(la["polygons"]) for code, la in HEXMAP["local_authorities"].items()}
    assert len(per_la) == 153
    assert len(axes.patches) == sum(per_la.values())
    # The small fixture has two regions' LAs: every other LA is drawn as not available.
    hatched = [patch for patch in axes.patches if patch.get_hatch()]
    missing = set(per_la) - set(small.tables.la["new_la_code"])
    assert len(missing) == 153 - small.tables.la["new_la_code"].n_unique()
    assert len(hatched) == sum(per_la[code] for code in missing)
    legend = [text.get_text() for text in axes.get_legend().get_texts()]
    bands = [f["text"] for f in small.findings.starting("chart.hex_map.band.")]
    assert legend == [*reversed(bands), "Not available"]


def test_an_la_inside_another_is_drawn_on_top_of_it(full):
    """Leicester sits in a hole in Leicestershire: it must be drawn after (above) it."""
    order = []
    for patch in draw("hex_map", full).axes[0].patches:
        for code, la in HEXMAP["local_authorities"].items():
            ring = la["polygons"][0][0]
            if [list(map(float, xy)) for xy in patch.get_xy()[: len(ring)]] == ring:
                order.append(code)
                break
    assert order.index("E06000016") > order.index("E10000018")


def test_a_chart_without_data_draws_its_message(small, tmp_path):
    empty = small.tables.la.with_columns(
        pl.lit(None, dtype=pl.Float64).alias(name)
        for name in ("coverage_rate", "coverage_rate_ci_low", "coverage_rate_ci_high")
    )
    tables = IndicatorTables(empty, small.tables.areas, small.tables.definitions, True)
    inputs = inputs_for(tables, tmp_path)
    for name in ("coverage_by_la", "hex_map"):
        texts = [t.get_text() for t in draw(name, inputs).axes[0].texts]
        assert texts == [inputs.findings.text(f"chart.{name}.no_data")]


def test_rendering_twice_gives_byte_identical_files(full, full_rendered, tmp_path):
    # Drawn again, in the same process after every other chart, and compared with the module's
    # first rendering: nothing drawn before may leak into a file.
    sidecars = render_all(full, tmp_path)
    assert [s["name"] for s in sidecars] == list(CHART_NAMES)
    digests = [
        {
            path.name: hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.iterdir())
        }
        for folder in (full_rendered, tmp_path)
    ]
    assert digests[0] == digests[1]
    assert len(digests[0]) == 4 * len(CHART_NAMES)  # SVG, PNG, sidecar and the phone SVG
    svg = (tmp_path / "funnel_plot.svg").read_text()
    assert "<dc:date>" not in svg
    described = json.loads((tmp_path / "funnel_plot.json").read_text())
    assert described["title"] in svg  # the title travels with the file


def test_synthetic_figures_are_marked_in_the_image_and_real_ones_are_not(small):
    for synthetic in (True, False):
        figure = draw("hex_map", small)
        mark_synthetic(figure, synthetic)
        texts = [text.get_text() for text in figure.texts]
        assert (published.DATA_STATUS_SYNTHETIC in texts) is synthetic


def test_the_bundled_font_is_the_one_used():
    from matplotlib import font_manager

    style.apply()
    found = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]))
    assert found.startswith(str(paths.FONTS_DIR))


def test_an_unknown_chart_is_a_clear_error(small):
    from senco.core.errors import SencoError

    with pytest.raises(SencoError, match="no chart 'pie'"):
        draw("pie", small)


def test_the_overlap_checks_catch_overlapping_labels_and_covered_points():
    figure, axes = plt.subplots(figsize=(3, 2))
    axes.scatter([0.5], [0.5], s=40)
    axes.text(0.5, 0.5, "on the point", ha="center", va="center")
    axes.text(0.1, 0.9, "first label", transform=axes.transAxes)
    axes.text(0.12, 0.9, "second label", transform=axes.transAxes)
    assert ("first label", "second label") in text_overlaps(figure)
    assert [text for text, _ in label_mark_overlaps(figure)] == ["on the point"]
    clear, axes = plt.subplots(figsize=(3, 2))
    axes.scatter([0.5], [0.5], s=40)
    axes.annotate("beside", (0.5, 0.5), xytext=(8, 0), textcoords="offset points", va="center")
    assert text_overlaps(clear) == [] and label_mark_overlaps(clear) == []


WIDTHS = {"page": style.PAGE_WIDTH_INCHES, "phone": style.PHONE_WIDTH_INCHES}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", CHART_NAMES)
def test_no_label_overlaps_another_or_the_marks_it_names(full, name, width):
    """Every text box of the drawn chart (titles, ticks, legends, labels) is clear of every
    other, and no label covers a plotted point, on the full release's 153 LAs, as drawn for a
    page and for a phone."""
    for panel in draw_panels(name, replace(full, width=WIDTHS[width])):
        assert text_overlaps(panel.figure) == [], panel.key
        assert label_mark_overlaps(panel.figure) == [], panel.key


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", CHART_NAMES)
def test_no_chart_text_is_smaller_than_the_bulletins_table_text(full, name, width):
    """Charts are drawn at the size they are shown (on A4, or on a phone), so a font size is the
    size a reader sees, and everything drawn fits that width."""
    widest = {"page": style.PRINT_WIDTH_INCHES, "phone": style.PHONE_WIDTH_INCHES}[width]
    for panel in draw_panels(name, replace(full, width=WIDTHS[width])):
        sizes = {text.get_fontsize() for text in drawn_texts(panel.figure)}
        assert min(sizes) >= style.MIN_FONT_SIZE == 8.5, (panel.key, sorted(sizes))
        drawn = panel.figure.get_tightbbox(panel.figure.canvas.get_renderer())
        assert drawn.width <= widest + 0.01, (panel.key, drawn.width)
        assert panel.figure.get_size_inches()[1] <= style.MAX_FIGURE_HEIGHT_INCHES


def test_the_map_names_every_la_outlines_regions_and_finds_the_isles_of_scilly(full, full_rendered):
    svg = (full_rendered / "hex_map.svg").read_text()
    titles = re.findall(r'<g class="named" role="img"><title>([^<]+)</title>', svg)
    polygons = sum(len(la["polygons"]) for la in HEXMAP["local_authorities"].values())
    assert len(titles) == polygons
    expected = {
        full.findings.text(f"chart.hex_map.la.{code}") for code in HEXMAP["local_authorities"]
    }
    assert set(titles) == expected and len(expected) == 153
    texts = re.findall(r"<text[^>]*>([^<]+)</text>", svg)
    regions = full.tables.la["region_name"].unique().to_list()
    assert all(region in texts for region in regions)
    assert "Isles of Scilly" in texts
    legend = [f["text"] for f in full.findings.starting("chart.hex_map.band.")]
    assert all(text in texts for text in legend)  # the number of LAs in each band


def test_region_outlines_are_the_edges_no_two_shapes_of_a_region_share():
    from senco.figures.hex_map import chained, region_edges

    square = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]
    beside = [[1, 0], [2, 0], [2, 1], [1, 1], [1, 0]]
    layout = {"local_authorities": {
        "A": {"region": "R", "polygons": [[square]]},
        "B": {"region": "R", "polygons": [[beside]]},
        "C": {"region": "S", "polygons": [[[[x + 5, y] for x, y in square]]]},
    }}  # fmt: skip
    edges = region_edges(layout)
    assert len(edges["R"]) == 6  # two squares' 8 edges less the shared one, counted twice
    assert ((1.0, 0.0), (1.0, 1.0)) not in edges["R"] and len(edges["S"]) == 4
    lines = chained(edges["R"])
    assert len(lines) == 1 and lines[0][0] == lines[0][-1]  # one closed outline


def test_every_text_drawn_is_text_in_the_svg(full, full_rendered):
    """No chart's words become outlines (a path effect or a font type would do it): each text
    the figure draws is a <text> element of its SVG file."""
    import html

    for name in CHART_NAMES:
        drawn = {t.get_text() for p in draw_panels(name, full) for t in drawn_texts(p.figure)}
        svg = (full_rendered / f"{name}.svg").read_text()
        texts = {html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)}
        assert drawn - texts == set(), name


def test_saved_charts_fit_the_printed_column_so_print_never_shrinks_their_text(full, full_rendered):
    from senco.figures import svg as svg_text

    css = (paths.TEMPLATES_DIR / "bulletin.css").read_text()
    gap_mm = float(re.search(r"\.panels \{ columns: 2; column-gap: ([\d.]+)mm; \}", css).group(1))
    page = style.PRINT_WIDTH_INCHES * 72
    column = (page - gap_mm / 25.4 * 72) / 2
    for name in CHART_NAMES:
        drawn = (full_rendered / f"{name}.svg").read_text()
        panels = svg_text.panels(drawn)
        if panels:
            assert all(svg_text.size_in_points(p["svg"])[0] <= column for p in panels)
        else:
            width, height = svg_text.size_in_points(drawn)
            assert width <= page, name
            assert height <= style.MAX_FIGURE_HEIGHT_INCHES * 72 + 30, name
