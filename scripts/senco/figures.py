"""The bulletin's charts, each with one message built from the numbers.

Every chart function takes the indicator tables and returns a `Chart`: the matplotlib figure and a
sidecar with the title (the message), a statistical subtitle, the source line, alt text naming key
values, and the table of numbers behind the chart. Titles and subtitles are not drawn in the image:
the bulletin shows them as text, which screen readers and search can use.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import polars as pl
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon
from matplotlib.ticker import Formatter, FuncFormatter, MaxNLocator
from matplotlib.transforms import Bbox

from . import formatting, published, style, tables
from .charts import CHART_NAMES
from .errors import SencoError
from .indicators import FUNNEL_BANDS, GROUP, NATIONAL, REGIONAL, Z_95, Z_998, difference_interval

COVERAGE = "coverage_rate"
SOURCE = (
    f"Source: {published.PRODUCER}, {published.PUBLICATION} ({published.RELEASE} release), "
    f"{published.DATA_SET_TITLE}. Rates derived by senco-bulletin from the published counts."
)
SYNTHETIC_SOURCE = (
    "Source: synthetic sample data with the schema of DfE's "
    f"{published.DATA_SET_TITLE} data set. Not official statistics."
)


@dataclass
class Chart:
    """A rendered chart and what the bulletin needs to present it accessibly."""

    name: str
    figure: Figure
    title: str
    subtitle: str
    alt_text: str
    table_columns: list[dict[str, Any]]
    table_rows: list[list[Any]]
    notes: list[str] = field(default_factory=list)

    @classmethod
    def from_table(cls, name, figure, title, subtitle, alt_text, columns, table) -> Chart:
        """A chart whose data table is the named `columns` of `table`, in its row order."""
        rows = table.select([column["name"] for column in columns]).rows()
        return cls(name, figure, title, subtitle, alt_text, columns, [list(row) for row in rows])

    def sidecar(self, source: str, synthetic: bool) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "subtitle": self.subtitle,
            "source": source,
            "alt_text": self.alt_text,
            "synthetic": synthetic,
            "notes": self.notes,
            "table": {"columns": self.table_columns, "rows": self.table_rows},
        }


@dataclass(frozen=True)
class ChartData:
    """The inputs every chart draws on."""

    la: pl.DataFrame
    areas: pl.DataFrame
    definitions: pl.DataFrame
    hexmap: dict[str, Any]
    synthetic: bool

    @property
    def periods(self) -> list[str]:
        return sorted(self.la["period"].unique().to_list())

    @property
    def latest(self) -> str:
        return self.periods[-1]

    def definition(self, name: str) -> dict[str, Any]:
        return tables.definition(self.definitions, name)

    def label(self, name: str) -> str:
        return self.definition(name)["label"]

    def show(self, name: str, value) -> str:
        """A value formatted by its indicator's unit and precision."""
        return tables.show(tables.formats(self.definitions), name, value)

    def column(self, name: str, label: str | None = None) -> dict[str, Any]:
        definition = self.definition(name)
        return {
            "name": name,
            "label": label or definition["label"],
            "unit": definition["unit"],
            "decimal_places": definition["decimal_places"],
        }

    def england(self, period: str) -> dict[str, Any]:
        rows = self.areas.filter(
            (pl.col("geographic_level") == NATIONAL) & (pl.col("period") == period)
        )
        if rows.height != 1:
            raise SencoError(f"aggregates: no single England row for {period}")
        return rows.row(0, named=True)


TEXT_COLUMN = {"unit": "category", "decimal_places": 0}


def text_column(name: str, label: str) -> dict[str, Any]:
    return {"name": name, "label": label, **TEXT_COLUMN}


def require(frame: pl.DataFrame, columns: list[str], what: str) -> None:
    missing = [name for name in columns if name not in frame.columns]
    if missing:
        raise SencoError(f"{what}: missing column(s) {', '.join(missing)} needed for the figures")


def no_data_chart(name: str, message: str, subtitle: str) -> Chart:
    """An explicit 'no data' panel instead of an empty or misleading chart."""
    figure, axes = plt.subplots(figsize=(style.PAGE_WIDTH_INCHES, 1.6))
    axes.set_axis_off()
    axes.text(
        0.5,
        0.5,
        message,
        ha="center",
        va="center",
        fontsize=style.BASE_FONT_SIZE,
        color=style.SECONDARY_TEXT,
        wrap=True,
        transform=axes.transAxes,
    )
    return Chart(name, figure, message, subtitle, f"No chart: {message}", [], [])


class PercentTicks(Formatter):
    """Proportions as percentages, with only the decimals the ticks need (2.5%, not 2% or 2.50%)."""

    def format_ticks(self, values):
        scaled = [value * 100 for value in values]
        decimals = next(
            places
            for places in range(4)
            if all(abs(round(v, places) - v) < 1e-9 for v in scaled) or places == 3
        )
        return [f"{v:.{decimals}f}%" for v in scaled]

    def __call__(self, value, position=None):
        return self.format_ticks([value])[0]


def percent_axis(axis, ticks: int = 6) -> None:
    axis.set_major_locator(MaxNLocator(nbins=ticks, steps=[1, 2, 2.5, 5, 10]))
    axis.set_major_formatter(PercentTicks())


def gridlines(axes, axis: str) -> None:
    """Light gridlines on the value axis only, drawn behind the data."""
    axes.grid(axis=axis)
    axes.set_axisbelow(True)


def mark_synthetic(figure: Figure, synthetic: bool) -> None:
    """Label the image itself, so a PNG passed around alone still says what it is.

    The mark goes just below everything already drawn (the figure's tight bounding box), so it
    never covers an axis label or legend.
    """
    if not synthetic:
        return
    drawn = figure.get_tightbbox(figure.canvas.get_renderer())  # in inches
    width, height = figure.get_size_inches()
    figure.text(
        drawn.x1 / width,
        (drawn.y0 - 0.04) / height,
        published.DATA_STATUS_SYNTHETIC,
        transform=figure.transFigure,
        ha="right",
        va="top",
        fontsize=style.TINY_FONT_SIZE,
        color=style.DARK_PINK,
        fontweight="bold",
    )


def names_at(frame: pl.DataFrame, column: str, value, name: str = "la_name") -> str:
    """Every name sharing `value` (ties are named, not silently broken), in a readable list."""
    names = sorted(frame.filter(pl.col(column) == value)[name].to_list())
    if len(names) > 3:
        return f"{len(names)} local authorities"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def stable_jitter(keys: list[str], spread: float = 0.22) -> np.ndarray:
    """Vertical offsets for a strip chart that look random but depend only on each LA's code,
    so the picture is the same on every run and has no pattern that could be read as data."""
    fractions = [int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF for key in keys]
    return (np.asarray(fractions) - 0.5) * 2 * spread


def rose_or_fell(before, after) -> str:
    if after > before:
        return "rose"
    return "fell" if after < before else "was unchanged"


# --- 1. England at a glance ------------------------------------------------------------------

GLANCE_MEASURES = (
    "settings_registered",
    "settings_completed",
    "practitioners_registered",
    "practitioners_completed",
)


def england_at_a_glance(data: ChartData) -> Chart:
    require(data.areas, list(GLANCE_MEASURES), "aggregates")
    periods = data.periods
    first, last = periods[0], periods[-1]
    england = {period: data.england(period) for period in periods}
    if all(england[last][m] is None for m in GLANCE_MEASURES):
        return no_data_chart(
            "england_at_a_glance",
            "No England totals are available.",
            "Settings and practitioners, England",
        )
    before, after = england[first]["settings_completed"], england[last]["settings_completed"]
    first_label, last_label = formatting.period_label(first), formatting.period_label(last)
    shown = [first, last] if first != last else [last]
    if len(shown) == 2:
        title = (
            f"Settings with a practitioner who completed the qualification "
            f"{rose_or_fell(before, after)} from {formatting.count(before)} in {first_label} "
            f"to {formatting.count(after)} in {last_label}"
        )
    else:
        title = (
            f"{formatting.count(after)} settings had a practitioner who had completed the "
            f"qualification by {last_label}"
        )
    subtitle = (
        f"Number of settings and practitioners registered for and completing the SENCO "
        f"qualification, England, {' and '.join(formatting.period_label(p) for p in shown)}"
    )
    figure, axes = plt.subplots(figsize=(style.PAGE_WIDTH_INCHES, 3.0))
    positions = np.arange(len(GLANCE_MEASURES))[::-1]
    height = 0.76 / len(shown)
    offsets = (height / 2, -height / 2) if len(shown) == 2 else (0.0,)
    colours = {first: style.SEQUENTIAL[2], last: style.DARK_BLUE}
    largest = max((england[p][m] or 0) for p in shown for m in GLANCE_MEASURES)
    for offset, period in zip(offsets, shown, strict=True):
        values = [england[period][m] for m in GLANCE_MEASURES]
        bars = axes.barh(
            positions + offset,
            [v or 0 for v in values],
            height=height,
            color=colours[period],
            label=formatting.period_label(period),
        )
        for bar, value in zip(bars, values, strict=True):
            axes.text(
                bar.get_width() + largest * 0.01,
                bar.get_y() + bar.get_height() / 2,
                formatting.count(value),
                va="center",
                fontsize=style.SMALL_FONT_SIZE,
            )
    axes.set_yticks(positions, [data.label(m) for m in GLANCE_MEASURES])
    axes.set_xlim(0, largest * 1.12)
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: formatting.count(value)))
    axes.set_xlabel("Number")
    gridlines(axes, "x")
    axes.legend(loc="lower right")
    shown_labels = " and ".join(formatting.period_label(p) for p in shown)
    alt = (
        f"Bar chart of England totals in {shown_labels}. "
        + "; ".join(
            f"{data.label(m)}: " + " then ".join(formatting.count(england[p][m]) for p in shown)
            for m in GLANCE_MEASURES
        )
        + "."
    )
    columns = [text_column("measure", "Measure")] + [
        {"name": p, "label": formatting.period_label(p), "unit": "count", "decimal_places": 0}
        for p in shown
    ]
    rows = [[data.label(m), *(england[p][m] for p in shown)] for m in GLANCE_MEASURES]
    return Chart("england_at_a_glance", figure, title, subtitle, alt, columns, rows)


# --- 2. Coverage by LA, ranked, in small multiples by region ----------------------------------


def coverage_by_la(data: ChartData) -> Chart:
    require(data.la, [COVERAGE, f"{COVERAGE}_ci_low", f"{COVERAGE}_ci_high"], "la_indicators")
    period = data.latest
    period_label = formatting.period_label(period)
    rows = data.la.filter(pl.col("period") == period)
    ranked = rows.filter(pl.col(COVERAGE).is_not_null()).sort(COVERAGE, descending=True)
    subtitle = (
        f"{data.label(COVERAGE)} with 95% confidence intervals, by local authority within "
        f"region, {period_label}"
    )
    if ranked.height == 0:
        return no_data_chart(
            "coverage_by_la", f"Coverage is not available for any LA in {period_label}.", subtitle
        )
    top, bottom = ranked.row(0, named=True), ranked.row(-1, named=True)
    top_names = names_at(ranked, COVERAGE, top[COVERAGE])
    bottom_names = names_at(ranked, COVERAGE, bottom[COVERAGE])
    england = data.england(period)[COVERAGE]
    if top[COVERAGE] == bottom[COVERAGE]:
        title = f"Coverage was {data.show(COVERAGE, top[COVERAGE])} in every local authority"
    else:
        title = (
            f"Coverage ranged from {data.show(COVERAGE, bottom[COVERAGE])} in {bottom_names} "
            f"to {data.show(COVERAGE, top[COVERAGE])} in {top_names} in {period_label}"
        )
    figure = draw_small_multiples(rows, england, data)
    lower_count = rows.filter(pl.col("coverage_vs_england") == "lower").height
    higher_count = rows.filter(pl.col("coverage_vs_england") == "higher").height
    alt = (
        f"Dot plot of coverage with 95% confidence intervals for each of {rows.height} local "
        f"authorities, in one panel per region, sorted from highest to lowest within each "
        f"region, {period_label}. England coverage is {data.show(COVERAGE, england)}. "
        f"Highest: {top_names} {data.show(COVERAGE, top[COVERAGE])}; lowest: "
        f"{bottom_names} {data.show(COVERAGE, bottom[COVERAGE])}. {higher_count} LAs were "
        f"higher than England and {lower_count} lower, judged by their intervals."
    )
    table = rows.sort("region_code", pl.col(COVERAGE).fill_null(-1.0), descending=[False, True])
    columns = [
        text_column("la_name", "Local authority"),
        text_column("region_name", "Region"),
        data.column(COVERAGE),
        {**data.column(COVERAGE, "Lower 95% limit"), "name": f"{COVERAGE}_ci_low"},
        {**data.column(COVERAGE, "Upper 95% limit"), "name": f"{COVERAGE}_ci_high"},
        data.column("coverage_vs_england"),
    ]
    return Chart.from_table("coverage_by_la", figure, title, subtitle, alt, columns, table)


SMALL_MULTIPLE_COLUMNS = 4


def balanced_columns(items: list, sizes: list[int], count: int) -> list[list]:
    """Split items, in order, into `count` columns whose largest total size is smallest."""
    best = None
    for cuts in itertools.combinations(range(1, len(items)), count - 1):
        bounds = (0, *cuts, len(items))
        tallest = max(sum(sizes[a:b]) for a, b in itertools.pairwise(bounds))
        if best is None or tallest < best[0]:
            best = (tallest, bounds)
    bounds = best[1] if best else (0, len(items))
    return [items[a:b] for a, b in itertools.pairwise(bounds)]


def draw_small_multiples(rows: pl.DataFrame, england, data: ChartData) -> Figure:
    """One panel per region in four columns, each LA a dot with its interval, sorted in panel.

    Drawn for a landscape A4 page so all 153 LAs are legible on one page. Panels are placed in
    inches, so every LA gets the same row height whatever its region's size. Intervals running
    past the shared axis are cut and end in an arrowhead.
    """
    row_inches, title_inches, axis_inches = 0.1, 0.19, 0.2
    label_inches = 1.42  # room for the longest LA name left of each panel
    gutter, top_margin, bottom_margin = 0.12, 0.32, 0.05
    regions = rows.select("region_code", "region_name").unique().sort("region_code").rows()
    sizes = [rows.filter(pl.col("region_code") == code).height for code, _ in regions]
    columns = balanced_columns(regions, sizes, SMALL_MULTIPLE_COLUMNS)
    size_of = dict(zip([code for code, _ in regions], sizes, strict=True))
    heights = [
        sum(title_inches + size_of[c] * row_inches + axis_inches for c, _ in side)
        for side in columns
    ]
    figure_height = max(heights) + top_margin + bottom_margin
    width = style.LANDSCAPE_WIDTH_INCHES
    count = len(columns)
    panel_width = (width - count * label_inches - (count - 1) * gutter - 0.05) / count
    left_margin = label_inches
    figure = plt.figure(figsize=(width, figure_height))
    best = rows[COVERAGE].max() or 0
    upper = min(max(rows[f"{COVERAGE}_ci_high"].max() or 0, england or 0), best * 1.6) * 1.04
    for index, side in enumerate(columns):
        x = left_margin + index * (panel_width + gutter + label_inches)
        top = figure_height - top_margin
        for code, name in side:
            height = size_of[code] * row_inches
            bottom = top - title_inches - height
            axes = figure.add_axes(
                (x / width, bottom / figure_height, panel_width / width, height / figure_height)
            )
            draw_region_panel(axes, rows.filter(pl.col("region_code") == code), england, upper)
            # The region's name sits over its LA names, left-aligned with them.
            axes.set_title(
                name,
                fontsize=style.SMALL_FONT_SIZE,
                loc="left",
                pad=3,
                x=-label_inches / panel_width,
            )
            top = bottom - axis_inches
    legend = [
        Line2D(
            [], [], marker="o", linestyle="", color=style.DARK_BLUE, markersize=3, label="Coverage"
        ),
        Line2D([], [], color=style.SEQUENTIAL[2], linewidth=1.6, label="95% confidence interval"),
        Line2D([], [], label=f"England ({data.show(COVERAGE, england)})", **style.ENGLAND_LINE),
    ]
    figure.legend(
        handles=legend, loc="upper center", ncols=3, bbox_to_anchor=(0.5, 1 - 0.02 / figure_height)
    )
    return figure


def draw_region_panel(axes, panel: pl.DataFrame, england, upper: float) -> None:
    panel = panel.sort(pl.col(COVERAGE).fill_null(-1.0), "la_name", descending=[False, True])
    y = np.arange(panel.height)
    values = panel[COVERAGE].to_numpy().astype(float)
    low = panel[f"{COVERAGE}_ci_low"].to_numpy().astype(float)
    high = panel[f"{COVERAGE}_ci_high"].to_numpy().astype(float)
    available = ~np.isnan(values)
    axes.hlines(
        y[available],
        low[available],
        np.minimum(high[available], upper),
        color=style.SEQUENTIAL[2],
        linewidth=1.6,
    )
    cut = available & (high > upper)
    axes.plot(
        np.full(cut.sum(), upper),
        y[cut],
        ">",
        color=style.SEQUENTIAL[2],
        markersize=3,
        clip_on=False,
    )
    axes.plot(values[available], y[available], "o", color=style.DARK_BLUE, markersize=2.8)
    for position in y[~available]:
        axes.text(
            0.002,
            position,
            "not available",
            va="center",
            fontsize=style.TINY_FONT_SIZE,
            color=style.SECONDARY_TEXT,
        )
    if england is not None:
        axes.axvline(england, **style.ENGLAND_LINE)
    axes.set_yticks(y, panel["la_name"].to_list(), fontsize=style.TINY_FONT_SIZE)
    axes.set_ylim(-0.6, panel.height - 0.4)
    axes.set_xlim(0, upper)
    percent_axis(axes.xaxis, ticks=4)
    axes.tick_params(axis="y", length=0)
    axes.tick_params(axis="x", labelsize=style.TINY_FONT_SIZE, pad=1.5, length=2)
    gridlines(axes, "x")


# --- 3. Funnel plot --------------------------------------------------------------------------


def funnel_plot(data: ChartData) -> Chart:
    needed = [COVERAGE, "settings_total", "coverage_funnel_band"]
    require(data.la, needed, "la_indicators")
    period = data.latest
    period_label = formatting.period_label(period)
    rows = data.la.filter((pl.col("period") == period) & pl.col(COVERAGE).is_not_null())
    england = data.england(period)[COVERAGE]
    subtitle = (
        f"{data.label(COVERAGE)} against the number of eligible settings, with 95% and 99.8% "
        f"limits around England's coverage, by local authority, {period_label}"
    )
    if rows.height == 0 or england is None:
        return no_data_chart(
            "funnel_plot",
            f"Coverage is not available to compare with England in {period_label}.",
            subtitle,
        )
    outside = rows.filter(pl.col("coverage_funnel_band").str.contains("99.8%")).sort(COVERAGE)
    above = outside.filter(pl.col("coverage_funnel_band") == FUNNEL_BANDS[-1]).height
    below = outside.height - above
    title = (
        f"{outside.height} of {rows.height} local authorities had coverage outside the 99.8% "
        f"limits around England's {data.show(COVERAGE, england)}: {above} above and {below} below"
    )
    figure, axes = plt.subplots(figsize=(style.PAGE_WIDTH_INCHES, 4.4))
    n = np.unique(np.concatenate([np.geomspace(1, rows["settings_total"].max() * 1.3, 300)]))
    limit_styles = {Z_95: {"linestyle": "-"}, Z_998: {"linestyle": (0, (1, 1.5))}}
    for z, line in limit_styles.items():
        half = z * np.sqrt(england * (1 - england) / n)
        for limit in (np.clip(england - half, 0, 1), np.clip(england + half, 0, 1)):
            axes.plot(n, limit, color=style.SECONDARY_TEXT, linewidth=0.8, **line)
    axes.axhline(england, **style.ENGLAND_LINE)
    # Direction by shape and colour; beyond 99.8% filled, between 95% and 99.8% hollow.
    markers = {
        "within 95%": ("o", style.NEUTRAL_POINT, True, "Within 95% limits"),
        "above 95%": ("^", style.DARK_BLUE, False, "Above 95% limit"),
        "above 99.8%": ("^", style.DARK_BLUE, True, "Above 99.8% limit"),
        "below 95%": ("v", style.ORANGE, False, "Below 95% limit"),
        "below 99.8%": ("v", style.ORANGE, True, "Below 99.8% limit"),
    }
    for band, (marker, colour, filled, label) in markers.items():
        points = rows.filter(pl.col("coverage_funnel_band") == band)
        axes.scatter(
            points["settings_total"],
            points[COVERAGE],
            s=18,
            marker=marker,
            zorder=3,
            facecolors=colour if filled else "white",
            edgecolors=colour,
            linewidths=0.3 if filled else 0.9,
            label=label,
        )
    axes.set_xscale("log")
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: formatting.count(value)))
    axes.set_xlim(max(1, rows["settings_total"].min() * 0.7), rows["settings_total"].max() * 1.3)
    axes.set_ylim(0, max(rows[COVERAGE].max(), england) * 1.12)
    percent_axis(axes.yaxis)
    axes.set_xlabel("Eligible settings in the local authority (log scale)")
    # A horizontal axis title above the axis, as the Analysis Function advises.
    axes.set_ylabel("Coverage", rotation=0, ha="center", va="bottom")
    axes.yaxis.set_label_coords(0, 1.02)
    gridlines(axes, "y")
    handles, _ = axes.get_legend_handles_labels()
    handles += [
        Line2D([], [], label="England", **style.ENGLAND_LINE),
        Line2D(
            [],
            [],
            color=style.SECONDARY_TEXT,
            linewidth=0.8,
            label="95% limits",
            **limit_styles[Z_95],
        ),
        Line2D(
            [],
            [],
            color=style.SECONDARY_TEXT,
            linewidth=0.8,
            label="99.8% limits",
            **limit_styles[Z_998],
        ),
    ]
    axes.legend(handles=handles, loc="upper center", ncols=4, bbox_to_anchor=(0.5, -0.14))
    figure.subplots_adjust(bottom=0.24)
    label_points(
        axes,
        [(r["settings_total"], r[COVERAGE], r["la_name"]) for r in outside.iter_rows(named=True)],
        obstacles=list(zip(rows["settings_total"], rows[COVERAGE], strict=True)),
    )

    def listed(band: str) -> str:
        members = outside.filter(pl.col("coverage_funnel_band") == band).sort(
            COVERAGE, descending=True
        )
        return ", ".join(
            f"{r['la_name']} {data.show(COVERAGE, r[COVERAGE])}"
            for r in members.iter_rows(named=True)
        )

    alt = (
        f"Funnel plot of coverage against the number of eligible settings for {rows.height} "
        f"local authorities, {period_label}, with England's coverage of "
        f"{data.show(COVERAGE, england)} and 95% and 99.8% limits that narrow as the number of "
        f"settings grows. Above the 99.8% limit ({above}): {listed(FUNNEL_BANDS[-1]) or 'none'}. "
        f"Below it ({below}): {listed(FUNNEL_BANDS[0]) or 'none'}."
    )
    columns = [
        text_column("la_name", "Local authority"),
        data.column("settings_total"),
        data.column(COVERAGE),
        {**data.column(COVERAGE, "Lower 99.8% limit"), "name": "coverage_funnel_low_998"},
        {**data.column(COVERAGE, "Upper 99.8% limit"), "name": "coverage_funnel_high_998"},
        data.column("coverage_funnel_band"),
    ]
    table = data.la.filter(pl.col("period") == period).sort("la_name")
    return Chart.from_table("funnel_plot", figure, title, subtitle, alt, columns, table)


def label_points(
    axes, points: list[tuple[float, float, str]], obstacles: list[tuple[float, float]] = ()
) -> None:
    """Name points so labels overlap neither each other nor any plotted point.

    Each label tries positions beside its point, right then left, moving up or down in steps of
    its own height, and takes the first that is clear of every placed label and every obstacle
    (the other points); if none is, it takes the least crowded. A moved label gets a thin leader
    line. Call after the axes' scales and limits are final.
    """
    renderer = axes.figure.canvas.get_renderer()
    to_display, to_data = axes.transData.transform, axes.transData.inverted().transform
    frame = axes.get_window_extent(renderer)
    marker = 3 * axes.figure.dpi / 72  # half a marker's width, in display units
    blocked = [
        Bbox.from_bounds(px - marker, py - marker, 2 * marker, 2 * marker)
        for px, py in (to_display(point) for point in obstacles)
    ]
    offset = 5 * axes.figure.dpi / 72
    for x, y, text in sorted(points, key=lambda point: -point[1]):
        px, py = to_display((x, y))
        label = axes.text(x, y, text, fontsize=style.TINY_FONT_SIZE, va="center", ha="left")
        extent = label.get_window_extent(renderer)
        width, height = extent.width, extent.height
        candidates = []
        for step in (0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6, 7, -7, 8, -8):
            for left in (px + offset, px - offset - width):
                box = Bbox.from_bounds(left, py - height / 2 + step * height * 1.15, width, height)
                if box.x0 < frame.x0 or box.x1 > frame.x1 or box.y0 < frame.y0 or box.y1 > frame.y1:
                    continue
                crowding = sum(box.overlaps(other) for other in blocked)
                candidates.append((crowding, abs(step), box))
                if crowding == 0:
                    break
            if candidates and candidates[-1][0] == 0:
                break
        _, step, box = min(candidates, key=lambda c: (c[0], c[1])) if candidates else (0, 0, extent)
        blocked.append(box)
        on_right = box.x0 > px
        anchor = to_data((box.x0 if on_right else box.x1, (box.y0 + box.y1) / 2))
        label.set_position(anchor)
        label.set_horizontalalignment("left" if on_right else "right")
        if step:
            axes.plot(
                [x, anchor[0]], [y, anchor[1]], color=style.SECONDARY_TEXT, linewidth=0.4, zorder=2
            )


# --- 4. Regions compared ---------------------------------------------------------------------


def regions_compared(data: ChartData) -> Chart:
    period = data.latest
    period_label = formatting.period_label(period)
    measures = ("coverage_rate", "registered_rate")
    regions = data.areas.filter(
        (pl.col("geographic_level") == REGIONAL) & (pl.col("period") == period)
    ).sort(pl.col(COVERAGE).fill_null(-1.0))
    england = data.england(period)
    subtitle = (
        f"{data.label('coverage_rate')} and {data.label('registered_rate').lower()} with 95% "
        f"confidence intervals, by region, England, {period_label}"
    )
    available = regions.filter(pl.col(COVERAGE).is_not_null())
    if available.height == 0:
        return no_data_chart("regions_compared", "Regional coverage is not available.", subtitle)
    highest, lowest = available[COVERAGE].max(), available[COVERAGE].min()
    if highest == lowest:
        title = f"Coverage was {data.show(COVERAGE, highest)} in every region"
    else:
        title = (
            f"Coverage was highest in {names_at(available, COVERAGE, highest, 'area_name')} "
            f"({data.show(COVERAGE, highest)}) and lowest in "
            f"{names_at(available, COVERAGE, lowest, 'area_name')} ({data.show(COVERAGE, lowest)})"
        )
    figure, panels = plt.subplots(1, 2, figsize=(style.PAGE_WIDTH_INCHES, 3.3), sharey=True)
    y = np.arange(regions.height)
    # One scale for both panels, so bar lengths compare across them.
    upper = max(max(regions[f"{m}_ci_high"].max() or 0, england[m] or 0) for m in measures) * 1.18
    # Mid-blue rather than dark blue, so the black interval lines stay visible on the bars.
    for axes, measure, colour in zip(
        panels, measures, (style.SEQUENTIAL[1], style.TURQUOISE), strict=True
    ):
        axes.barh(y, regions[measure].fill_null(0).to_numpy(), color=colour, height=0.6)
        for position, value in zip(y, regions[measure].to_list(), strict=True):
            if value is None:
                axes.text(
                    upper * 0.01,
                    position,
                    "not available",
                    va="center",
                    fontsize=style.TINY_FONT_SIZE,
                    color=style.SECONDARY_TEXT,
                )
        axes.errorbar(
            regions[measure].to_numpy(),
            y,
            xerr=[
                regions[measure] - regions[f"{measure}_ci_low"],
                regions[f"{measure}_ci_high"] - regions[measure],
            ],
            fmt="none",
            ecolor=style.TEXT,
            elinewidth=0.8,
            capsize=2,
        )
        if england[measure] is not None:
            axes.axvline(england[measure], **style.ENGLAND_LINE)
            axes.text(
                england[measure],
                regions.height - 0.35,
                f" England {data.show(measure, england[measure])}",
                fontsize=style.SMALL_FONT_SIZE,
                va="bottom",
            )
        axes.set_xlim(0, upper)
        axes.set_xlabel("Percentage of eligible settings", fontsize=style.SMALL_FONT_SIZE)
        percent_axis(axes.xaxis)
        axes.set_title(data.label(measure), pad=14)
        gridlines(axes, "x")
        axes.tick_params(axis="y", length=0)
    panels[0].set_yticks(y, regions["area_name"].to_list())
    panels[0].set_ylim(-0.6, regions.height + 0.2)
    alt = (
        f"Two bar charts of the nine regions with 95% confidence intervals, sorted by coverage, "
        f"{period_label}. Coverage, then reach: "
        + "; ".join(
            f"{r['area_name']} {data.show(COVERAGE, r[COVERAGE])}, "
            f"{data.show('registered_rate', r['registered_rate'])}"
            for r in regions.reverse().iter_rows(named=True)
        )
        + f". England: {data.show(COVERAGE, england[COVERAGE])} and "
        f"{data.show('registered_rate', england['registered_rate'])}."
    )
    columns = [text_column("area_name", "Region")]
    for measure in measures:
        columns += [
            data.column(measure),
            {**data.column(measure, "Lower 95% limit"), "name": f"{measure}_ci_low"},
            {**data.column(measure, "Upper 95% limit"), "name": f"{measure}_ci_high"},
        ]
    table = pl.concat(
        [
            regions.reverse(),
            data.areas.filter(
                (pl.col("geographic_level") == NATIONAL) & (pl.col("period") == period)
            ),
        ]
    )
    return Chart.from_table("regions_compared", figure, title, subtitle, alt, columns, table)


# --- 5. Change from June to November ---------------------------------------------------------


def change_title(wide: pl.DataFrame, first_label: str, last_label: str) -> str:
    """Which way coverage moved, counting every region (one without both values is named)."""
    usable = wide.filter(pl.col("change").is_not_null())
    rose = usable.filter(pl.col("change") > 0)
    fell = usable.filter(pl.col("change") < 0)
    span = f"between {first_label} and {last_label}"
    if rose.height == wide.height:
        summary = f"Coverage rose in every region {span}"
    elif rose.height == 0 and fell.height == 0:
        summary = f"Coverage did not change in any region {span}"
    elif rose.height == 0:
        summary = f"Coverage rose in no region {span}; it fell in {fell.height} of {wide.height}"
    else:
        summary = f"Coverage rose in {rose.height} of {wide.height} regions {span}"
    if rose.height:
        most = rose["change"].max()
        summary += (
            f", most in {names_at(rose, 'change', most, name='area_name')} "
            f"({formatting.percentage_points(most)})"
        )
    missing = wide.filter(pl.col("change").is_null())
    if missing.height:
        summary += f" (not available for {', '.join(missing['area_name'].to_list())})"
    return summary


def change_by_region(data: ChartData) -> Chart:
    first, last = data.periods[0], data.periods[-1]
    first_label, last_label = formatting.period_label(first), formatting.period_label(last)
    regional = data.areas.filter(pl.col("geographic_level") == REGIONAL)
    wide = (
        regional.filter(pl.col("period") == first)
        .select("area_code", "area_name", pl.col(COVERAGE).alias("before"))
        .join(
            regional.filter(pl.col("period") == last).select(
                "area_code", pl.col(COVERAGE).alias("after")
            ),
            on="area_code",
        )
        .with_columns(change=pl.col("after") - pl.col("before"))
        .sort(pl.col("after").fill_null(-1.0))
    )
    subtitle = f"{data.label(COVERAGE)} by region, {first_label} and {last_label}"
    usable = wide.filter(pl.col("change").is_not_null())
    if first == last or usable.height == 0:
        return no_data_chart(
            "change_by_region",
            "Change cannot be shown: it needs two periods with coverage available.",
            subtitle,
        )
    title = change_title(wide, first_label, last_label)
    figure, axes = plt.subplots(figsize=(style.PAGE_WIDTH_INCHES, 3.2))
    y = np.arange(wide.height)
    axes.hlines(y, wide["before"], wide["after"], color=style.GRID, linewidth=3, zorder=1)
    axes.scatter(
        wide["before"], y, marker="o", s=30, color=style.SEQUENTIAL[2], zorder=2, label=first_label
    )
    axes.scatter(
        wide["after"], y, marker="D", s=26, color=style.DARK_BLUE, zorder=3, label=last_label
    )
    for position, row in zip(y, wide.iter_rows(named=True), strict=True):
        if row["after"] is not None:
            axes.text(
                row["after"],
                position + 0.28,
                formatting.percentage_points(row["change"]).replace(" percentage points", " pp"),
                fontsize=style.TINY_FONT_SIZE,
                ha="center",
                va="bottom",
                color=style.SECONDARY_TEXT,
            )
    axes.set_yticks(y, wide["area_name"].to_list())
    axes.tick_params(axis="y", length=0)
    axes.set_xlim(0, wide["after"].max() * 1.12)
    axes.set_ylim(-0.6, wide.height + 0.1)
    percent_axis(axes.xaxis)
    axes.set_xlabel("Coverage (numbers above the points: change in percentage points, pp)")
    gridlines(axes, "x")
    axes.legend(loc="lower right")
    alt = (
        f"Dumbbell chart of coverage by region in {first_label} and {last_label}. "
        + "; ".join(
            f"{r['area_name']} {data.show(COVERAGE, r['before'])} to "
            f"{data.show(COVERAGE, r['after'])}"
            for r in wide.reverse().iter_rows(named=True)
        )
        + "."
    )
    columns = [
        text_column("area_name", "Region"),
        {**data.column(COVERAGE, f"Coverage, {first_label}"), "name": "before"},
        {**data.column(COVERAGE, f"Coverage, {last_label}"), "name": "after"},
        {**data.column("coverage_rate_change", "Change"), "name": "change"},
    ]
    return Chart.from_table(
        "change_by_region", figure, title, subtitle, alt, columns, wide.reverse()
    )


# --- 6. Hex map ------------------------------------------------------------------------------


def displayed(value: float, decimal_places: int) -> float:
    """A proportion rounded as it is shown (23.45% -> 0.235 at one decimal place of a percentage),
    so a value always falls in the band its printed figure belongs to."""
    return float(formatting.number(value * 100, decimal_places).replace(",", "")) / 100


def coverage_bands(values: list[float], count: int = 5) -> list[tuple[float, float]]:
    """Up to `count` bands of about equal numbers of LAs, as (lower, upper) displayed values.

    Breaks are taken at distinct values, so few distinct values give fewer bands, never an
    empty or back-to-front one.
    """
    ordered = sorted(values)
    distinct = sorted(set(ordered))
    breaks = sorted({ordered[int(len(ordered) * index / count)] for index in range(1, count)})
    breaks = [b for b in breaks if b > distinct[0]]
    lowers = [distinct[0], *breaks]
    uppers = [max(v for v in distinct if v < b) for b in breaks] + [distinct[-1]]
    return list(zip(lowers, uppers, strict=True))


def hex_map(data: ChartData) -> Chart:
    require(data.la, [COVERAGE], "la_indicators")
    period = data.latest
    period_label = formatting.period_label(period)
    places = data.definition(COVERAGE)["decimal_places"]
    rows = data.la.filter(pl.col("period") == period).with_columns(
        shown=pl.col(COVERAGE).map_elements(lambda v: displayed(v, places), return_dtype=pl.Float64)
    )
    layout = data.hexmap["local_authorities"]
    missing_from_layout = sorted(set(rows["new_la_code"]) - set(layout))
    if missing_from_layout:
        raise SencoError(f"hex map layout lacks LA(s) {', '.join(missing_from_layout)}")
    subtitle = f"{data.label(COVERAGE)}, by local authority, England (hex map), {period_label}"
    available = rows["shown"].drop_nulls().to_list()
    if not available:
        return no_data_chart(
            "hex_map", f"Coverage is not available for any LA in {period_label}.", subtitle
        )
    bands = coverage_bands(available)
    colours = list(reversed(style.SEQUENTIAL[: len(bands)]))  # light = low, dark = high
    band_labels = [
        formatting.percent(low)
        if low == high
        else f"{formatting.percent(low)} to {formatting.percent(high)}"
        for low, high in bands
    ]

    def band_of(value: float | None) -> int | None:
        if value is None:
            return None
        return max(index for index, (low, _) in enumerate(bands) if value >= low)

    rows = rows.with_columns(
        band=pl.col("shown").map_elements(band_of, return_dtype=pl.Int64),
    ).with_columns(
        band_label=pl.col("band").replace_strict(
            dict(enumerate(band_labels)), default=None, return_dtype=pl.String
        )
    )
    title, leading = hex_map_title(rows, bands, data, period_label)
    figure, axes = hex_map_axes(data.hexmap)
    values = dict(zip(rows["new_la_code"], rows["band"], strict=True))
    draw_hexes(axes, data.hexmap, {code: colours[b] for code, b in values.items() if b is not None})
    legend = [
        Patch(
            facecolor=colours[i],
            edgecolor=style.SECONDARY_TEXT,
            linewidth=0.4,
            label=band_labels[i],
        )
        for i in reversed(range(len(bands)))
    ]
    legend.append(
        Patch(
            facecolor="white",
            edgecolor=style.NOT_AVAILABLE_HATCH_COLOUR,
            hatch="////",
            label="Not available",
        )
    )
    axes.legend(
        handles=legend,
        title="Coverage",
        loc="upper left",
        title_fontsize=style.SMALL_FONT_SIZE,
        alignment="left",
    )
    not_available = rows.filter(pl.col("band").is_null())["la_name"].to_list()
    alt = (
        f"Map of England's {rows.height} local authorities, each drawn as a block of hexagons "
        f"roughly where it lies, shaded by coverage in {period_label} in {len(bands)} bands from "
        f"{band_labels[0]} (lightest) to {band_labels[-1]} (darkest). "
        f"LAs in the highest band by region: "
        + "; ".join(f"{r['region_name']} {r['len']}" for r in leading.iter_rows(named=True))
        + ". "
        + (
            f"Not available: {', '.join(not_available)}."
            if not_available
            else "Every LA has a value."
        )
    )
    columns = [
        text_column("la_name", "Local authority"),
        text_column("region_name", "Region"),
        data.column(COVERAGE),
        text_column("band_label", "Band on the map"),
    ]
    chart = Chart.from_table("hex_map", figure, title, subtitle, alt, columns, rows.sort("la_name"))
    chart.notes.append(HEXMAP_ATTRIBUTION)
    return chart


HEXMAP_ATTRIBUTION = (
    "Hex map layout: House of Commons Library, upper-tier local authorities 2023, "
    "Open Parliament Licence v3.0."
)


def hex_map_title(rows: pl.DataFrame, bands, data: ChartData, period_label: str):
    """The message: how many LAs are in the top band and which region has most of them."""
    if len(bands) == 1:
        value = bands[0][0]
        title = (
            f"Coverage was {formatting.percent(value)} in every local authority in {period_label}"
        )
        return title, rows.group_by("region_name").len().sort("region_name")
    in_top = rows.filter(pl.col("band") == len(bands) - 1)
    leading = (
        in_top.group_by("region_name").len().sort(["len", "region_name"], descending=[True, False])
    )
    most = leading["len"][0]
    regions = names_at(leading, "len", most, name="region_name")
    title = (
        f"{in_top.height} local authorities had coverage of {formatting.percent(bands[-1][0])} "
        f"or more in {period_label}; the most, {most} each, were in {regions}"
        if leading.filter(pl.col("len") == most).height > 1
        else f"{in_top.height} local authorities had coverage of "
        f"{formatting.percent(bands[-1][0])} or more in {period_label}; the most, {most}, were "
        f"in {regions}"
    )
    return title, leading


def hex_map_axes(hexmap: dict[str, Any]):
    points = np.concatenate(
        [
            np.asarray(ring)
            for la in hexmap["local_authorities"].values()
            for polygon in la["polygons"]
            for ring in polygon
        ]
    )
    (x0, y0), (x1, y1) = points.min(axis=0), points.max(axis=0)
    map_width = style.PAGE_WIDTH_INCHES * 0.85  # so map, title and source fit one A4 page
    figure, axes = plt.subplots(figsize=(map_width, map_width * (y1 - y0) / (x1 - x0)))
    figure.subplots_adjust(left=0, right=1, bottom=0.02, top=1)
    axes.set_xlim(x0, x1)
    axes.set_ylim(y0, y1)
    axes.set_aspect("equal")
    axes.set_axis_off()
    return figure, axes


def ring_area(ring) -> float:
    x, y = np.asarray(ring).T
    return abs(float(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1)))) / 2


def draw_hexes(axes, hexmap: dict[str, Any], fills: dict[str, str]) -> None:
    """Each LA's shape, largest first, so an LA inside another's hole (Leicester in
    Leicestershire) is drawn on top rather than hidden; LAs without a fill are hatched."""
    shapes = sorted(
        (
            (ring_area(polygon[0]), code, polygon[0])
            for code, la in hexmap["local_authorities"].items()
            for polygon in la["polygons"]
        ),
        key=lambda shape: (-shape[0], shape[1]),
    )
    polygons = [np.asarray(ring) for _, _, ring in shapes]
    faces = [fills.get(code, style.NOT_AVAILABLE_FILL) for _, code, _ in shapes]
    hatches = ["////" if code not in fills else "" for _, code, _ in shapes]
    for polygon, face, hatch in zip(polygons, faces, hatches, strict=True):
        axes.add_patch(
            Polygon(
                polygon,
                facecolor=face,
                edgecolor="white",
                linewidth=0.4,
                hatch=hatch or None,
                hatchcolor=style.NOT_AVAILABLE_HATCH_COLOUR,
            )
        )
    outlines = [
        np.asarray(polygon[0])
        for group in hexmap["groups"].values()
        for polygon in group["polygons"]
    ]
    axes.add_collection(
        PolyCollection(outlines, facecolors="none", edgecolors=style.TEXT, linewidths=0.5)
    )


# --- 7. Targeted and other LAs ---------------------------------------------------------------


def targeted_compared(data: ChartData) -> Chart:
    period = data.latest
    period_label = formatting.period_label(period)
    rows = data.la.filter((pl.col("period") == period) & pl.col(COVERAGE).is_not_null())
    groups = data.areas.filter((pl.col("geographic_level") == GROUP) & (pl.col("period") == period))
    subtitle = (
        f"{data.label(COVERAGE)} in local authorities targeted by the programme and in other "
        f"local authorities, England, {period_label}"
    )
    complete = groups.filter(pl.col(COVERAGE).is_not_null())
    if rows.height == 0 or complete.height < 2:
        return no_data_chart("targeted_compared", "Coverage is not available by group.", subtitle)
    targeted = groups.filter(pl.col("area_code") == "targeted").row(0, named=True)
    other = groups.filter(pl.col("area_code") == "not_targeted").row(0, named=True)
    difference, low, high = difference_interval(
        targeted["settings_completed"],
        targeted["settings_total"],
        other["settings_completed"],
        other["settings_total"],
    )
    relation = "higher in" if low > 0 else "lower in" if high < 0 else "similar in"
    gap = (
        f"a difference of {formatting.percentage_points(difference)}, 95% confidence interval "
        f"{formatting.percentage_points(low)} to {formatting.percentage_points(high)}"
    )
    title = (
        f"Coverage was {relation} targeted local authorities "
        f"({data.show(COVERAGE, targeted[COVERAGE])}) "
        f"{'than in' if relation != 'similar in' else 'and'} other local authorities "
        f"({data.show(COVERAGE, other[COVERAGE])})"
    )
    figure, axes = plt.subplots(figsize=(style.PAGE_WIDTH_INCHES, 2.8))
    summary = []
    for position, (flag, group, colour, marker) in enumerate(
        ((False, other, style.TURQUOISE, "o"), (True, targeted, style.DARK_BLUE, "D"))
    ):
        members = rows.filter(pl.col("targeted") == flag).sort(COVERAGE)
        values = members[COVERAGE].to_numpy()
        axes.scatter(
            values,
            position + stable_jitter(members["new_la_code"].to_list()),
            s=12,
            marker=marker,
            color=colour,
            alpha=0.85,
            linewidths=0,
            zorder=3,
        )
        quartiles = np.quantile(values, [0.25, 0.5, 0.75]) if len(values) else [math.nan] * 3
        axes.add_patch(
            plt.Rectangle(
                (quartiles[0], position - 0.3),
                quartiles[2] - quartiles[0],
                0.6,
                fill=False,
                edgecolor=style.SECONDARY_TEXT,
                linewidth=0.8,
                zorder=2,
            )
        )
        axes.vlines(
            quartiles[1], position - 0.3, position + 0.3, color=style.TEXT, linewidth=1.6, zorder=2
        )
        axes.plot([group[COVERAGE]], [position + 0.42], marker="v", color=style.TEXT, markersize=6)
        summary.append((group, len(values), quartiles))
    axes.set_yticks([0, 1], [f"Other LAs ({summary[0][1]})", f"Targeted LAs ({summary[1][1]})"])
    axes.set_ylim(-0.6, 1.65)
    axes.set_xlim(0, rows[COVERAGE].max() * 1.08)
    percent_axis(axes.xaxis)
    axes.set_xlabel("Coverage")
    gridlines(axes, "x")
    axes.tick_params(axis="y", length=0)
    axes.legend(
        handles=[
            Line2D([], [], color=style.TEXT, linewidth=1.6, label="Median LA (box: middle half)"),
            Line2D(
                [],
                [],
                marker="v",
                linestyle="",
                color=style.TEXT,
                label="Group total (all its settings)",
            ),
        ],
        loc="upper right",
        ncols=2,
        bbox_to_anchor=(1, 1.12),
    )
    alt = (
        f"Strip chart of coverage for each local authority, {period_label}, in two rows: "
        f"{summary[1][1]} targeted LAs (median {formatting.percent(summary[1][2][1])}, group "
        f"total {data.show(COVERAGE, targeted[COVERAGE])}) and {summary[0][1]} other LAs (median "
        f"{formatting.percent(summary[0][2][1])}, group total "
        f"{data.show(COVERAGE, other[COVERAGE])}): {gap}."
    )
    columns = [
        text_column("area_name", "Group"),
        {"name": "las", "label": "Local authorities", "unit": "count", "decimal_places": 0},
        data.column(COVERAGE),
        {**data.column(COVERAGE, "Lower 95% limit"), "name": f"{COVERAGE}_ci_low"},
        {**data.column(COVERAGE, "Upper 95% limit"), "name": f"{COVERAGE}_ci_high"},
    ]
    chart = Chart.from_table(
        "targeted_compared",
        figure,
        title,
        subtitle,
        alt,
        columns,
        groups.sort("area_code", descending=True),
    )
    chart.notes.append(
        f"Targeted minus other local authorities: {gap} (Newcombe's method for a difference "
        f"between two proportions)."
    )
    return chart


# Each chart is drawn by the function of the same name.
CHARTS: tuple[tuple[str, Callable[[ChartData], Chart]], ...] = tuple(
    (name, globals()[name]) for name in CHART_NAMES
)


def load_hexmap(path: str | Path) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def render_all(data: ChartData, out_dir: str | Path) -> list[dict[str, Any]]:
    """Draw every chart; write `<name>.svg`, `<name>.png` and `<name>.json` into `out_dir`."""
    from .fileio import atomic_path, write_json_atomic

    style.apply()
    source = SYNTHETIC_SOURCE if data.synthetic else SOURCE
    out_dir = Path(out_dir)
    sidecars = []
    for name, draw in CHARTS:
        chart = draw(data)
        mark_synthetic(chart.figure, data.synthetic)
        # No dates (reruns are byte-identical); the title and alt text travel with the file.
        described = {"Title": chart.title, "Description": chart.alt_text}
        with atomic_path(out_dir / f"{name}.svg") as temporary:
            chart.figure.savefig(temporary, format="svg", metadata={**described, "Date": None})
        with atomic_path(out_dir / f"{name}.png") as temporary:
            chart.figure.savefig(temporary, format="png", metadata={**described, "Software": None})
        plt.close(chart.figure)
        sidecar = chart.sidecar(source, data.synthetic)
        write_json_atomic(out_dir / f"{name}.json", sidecar)
        sidecars.append(sidecar)
    return sidecars
