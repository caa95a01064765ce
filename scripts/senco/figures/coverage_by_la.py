"""Drawing chart 2: every LA's coverage and interval, in one panel per region.

Each region is its own panel (figure), all the same width with the plot at the same place, so
the panels line up however they are laid out: two side by side on an A4 page, one above another
on a phone (the bulletin's CSS flows them), two columns in the composed SVG file. Every LA gets
the same row height, and names are drawn at the smallest size the bulletin allows. Intervals
running past the shared axis are cut and end in an arrowhead.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import polars as pl
from matplotlib.lines import Line2D

from ..findings.charts.coverage_by_la import NAME
from ..indicators.tables import COVERAGE
from . import style
from .common import FigureInputs, Panel, gridlines, percent_axis, shortened

PANEL_WIDTH_INCHES = 3.3  # two side by side fill the A4 text width
ROW_INCHES = 0.165  # an 8.5 pt name with room to breathe
TITLE_INCHES, AXIS_INCHES, LEGEND_INCHES = 0.24, 0.3, 0.42
RIGHT_INCHES = 0.12


def label_width_inches(texts: list[str]) -> float:
    """The width the longest text takes at the chart's label size."""
    figure = plt.figure()
    renderer = figure.canvas.get_renderer()
    widest = max(
        figure.text(0, 0, text, fontsize=style.TINY_FONT_SIZE).get_window_extent(renderer).width
        for text in texts
    )
    plt.close(figure)
    return widest / figure.dpi


def draw_panels(inputs: FigureInputs) -> list[Panel]:
    rows = inputs.tables.la_frame(inputs.tables.latest)
    england = inputs.value(NAME, "england")
    shown = names(inputs, rows)
    left = label_width_inches(list(shown.values())) + 0.08
    plot_width = PANEL_WIDTH_INCHES - left - RIGHT_INCHES
    best = rows[COVERAGE].max() or 0
    upper = min(max(rows[f"{COVERAGE}_ci_high"].max() or 0, england or 0), best * 1.6) * 1.04
    regions = rows.select("region_code", "region_name").unique().sort("region_code").rows()
    panels = []
    for index, (code, name) in enumerate(regions):
        panel = rows.filter(pl.col("region_code") == code)
        legend = LEGEND_INCHES if index == 0 else 0.0
        plot_height = panel.height * ROW_INCHES
        height = legend + TITLE_INCHES + plot_height + AXIS_INCHES
        figure = plt.figure(figsize=(PANEL_WIDTH_INCHES, height))
        axes = figure.add_axes(
            (
                left / PANEL_WIDTH_INCHES,
                AXIS_INCHES / height,
                plot_width / PANEL_WIDTH_INCHES,
                plot_height / height,
            )
        )
        draw_region_panel(axes, panel, england, upper, shown)
        # The region's name sits over its LA names, left-aligned with them.
        figure.text(
            0.0,
            (AXIS_INCHES + plot_height + 0.06) / height,
            name,
            fontsize=style.BASE_FONT_SIZE,
            fontweight="bold",
            va="bottom",
        )
        if index == 0:
            draw_legend(figure, inputs, height)
        panels.append(Panel(code, name, figure))
    return panels


def draw_legend(figure, inputs: FigureInputs, height: float) -> None:
    legend = [
        Line2D(
            [], [], marker="o", linestyle="", color=style.DARK_BLUE, markersize=4, label="Coverage"
        ),
        Line2D([], [], color=style.INTERVAL, linewidth=1.6, label="95% confidence interval"),
        Line2D([], [], label=inputs.text(NAME, "england"), **style.ENGLAND_LINE),
    ]
    figure.legend(
        handles=legend,
        loc="upper left",
        ncols=2,
        bbox_to_anchor=(0.0, 1.0),
        borderaxespad=0.0,
        handlelength=1.6,
        columnspacing=1.0,
        fontsize=style.SMALL_FONT_SIZE,
    )


def names(inputs: FigureInputs, panel: pl.DataFrame) -> dict[str, str]:
    """Each LA's name as the chart shows it (small bases marked, as the findings say)."""
    return {
        code: inputs.name(NAME, f"name.{code}")
        if inputs.has(NAME, f"name.{code}")
        else shortened(name)
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
        color=style.INTERVAL,
        linewidth=1.6,
    )
    cut = available & (high > upper)
    axes.plot(
        np.full(cut.sum(), upper * 0.985), y[cut], ">", color=style.INTERVAL, markersize=3.5,
        clip_on=False,
    )  # fmt: skip
    axes.plot(values[available], y[available], "o", color=style.DARK_BLUE, markersize=3.2)
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
    axes.tick_params(axis="x", labelsize=style.TINY_FONT_SIZE, pad=2, length=2)
    gridlines(axes, "x")
