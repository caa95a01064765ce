"""Drawing chart 2: every LA's coverage and interval, in one panel per region.

Drawn for a landscape A4 page so all LAs are legible on one page. Panels are placed in inches,
so every LA gets the same row height whatever its region's size. Intervals running past the
shared axis are cut and end in an arrowhead.
"""

from __future__ import annotations

import itertools

import matplotlib.pyplot as plt
import numpy as np
import polars as pl
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .. import style
from ..charts.coverage_by_la import NAME
from ..tables import COVERAGE
from .common import FigureInputs, gridlines, percent_axis

COLUMNS = 4


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


def draw(inputs: FigureInputs) -> Figure:
    rows = inputs.tables.la_frame(inputs.tables.latest)
    england = inputs.value(NAME, "england")
    row_inches, title_inches, axis_inches = 0.1, 0.19, 0.2
    label_inches = 1.42  # room for the longest LA name left of each panel
    gutter, top_margin, bottom_margin = 0.12, 0.32, 0.05
    regions = rows.select("region_code", "region_name").unique().sort("region_code").rows()
    sizes = [rows.filter(pl.col("region_code") == code).height for code, _ in regions]
    columns = balanced_columns(regions, sizes, COLUMNS)
    size_of = dict(zip([code for code, _ in regions], sizes, strict=True))
    heights = [
        sum(title_inches + size_of[c] * row_inches + axis_inches for c, _ in side)
        for side in columns
    ]
    figure_height = max(heights) + top_margin + bottom_margin
    width = style.LANDSCAPE_WIDTH_INCHES
    count = len(columns)
    panel_width = (width - count * label_inches - (count - 1) * gutter - 0.05) / count
    figure = plt.figure(figsize=(width, figure_height))
    best = rows[COVERAGE].max() or 0
    upper = min(max(rows[f"{COVERAGE}_ci_high"].max() or 0, england or 0), best * 1.6) * 1.04
    for index, side in enumerate(columns):
        x = label_inches + index * (panel_width + gutter + label_inches)
        top = figure_height - top_margin
        for code, name in side:
            height = size_of[code] * row_inches
            bottom = top - title_inches - height
            axes = figure.add_axes(
                (x / width, bottom / figure_height, panel_width / width, height / figure_height)
            )
            panel = rows.filter(pl.col("region_code") == code)
            draw_region_panel(axes, panel, england, upper, names(inputs, panel))
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
        Line2D([], [], label=inputs.text(NAME, "england"), **style.ENGLAND_LINE),
    ]
    figure.legend(
        handles=legend, loc="upper center", ncols=3, bbox_to_anchor=(0.5, 1 - 0.02 / figure_height)
    )
    return figure


def names(inputs: FigureInputs, panel: pl.DataFrame) -> dict[str, str]:
    """Each LA's name as the chart shows it (small bases marked, as the findings say)."""
    return {
        code: inputs.text(NAME, f"name.{code}") if inputs.has(NAME, f"name.{code}") else name
        for code, name in zip(panel["new_la_code"], panel["la_name"], strict=True)
    }


def draw_region_panel(
    axes, panel: pl.DataFrame, england, upper: float, labels: dict[str, str]
) -> None:
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
        np.full(cut.sum(), upper), y[cut], ">", color=style.SEQUENTIAL[2], markersize=3,
        clip_on=False,
    )  # fmt: skip
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
    axes.set_yticks(
        y, [labels[code] for code in panel["new_la_code"]], fontsize=style.TINY_FONT_SIZE
    )
    axes.set_ylim(-0.6, panel.height - 0.4)
    axes.set_xlim(0, upper)
    percent_axis(axes.xaxis, ticks=4)
    axes.tick_params(axis="y", length=0)
    axes.tick_params(axis="x", labelsize=style.TINY_FONT_SIZE, pad=1.5, length=2)
    gridlines(axes, "x")
