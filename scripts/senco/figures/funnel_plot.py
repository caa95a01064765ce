"""Drawing chart 3, the funnel plot; the LAs named on it are the chart's label findings."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import polars as pl
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

from .. import formatting
from ..findings.charts.funnel_plot import BAND, NAME, label_id
from ..indicators.compute import FUNNEL_BANDS, Z_95, Z_998
from ..indicators.dispersion import adjusted_limit
from ..indicators.tables import COVERAGE
from . import style
from .common import FigureInputs, fit_to_width, gridlines, label_points, percent_axis

# Direction by shape and colour; beyond 99.8% filled, between 95% and 99.8% hollow. In the order
# of the bands (lowest first): marker, colour, filled, legend label.
MARKERS = dict(
    zip(
        FUNNEL_BANDS,
        (
            ("v", style.ORANGE, True, "Below 99.8% limit"),
            ("v", style.ORANGE, False, "Below 95% limit"),
            ("o", style.NEUTRAL_POINT, True, "Within 95% limits"),
            ("^", style.DARK_BLUE, False, "Above 95% limit"),
            ("^", style.DARK_BLUE, True, "Above 99.8% limit"),
        ),
        strict=True,
    )
)
LIMIT_STYLES = {Z_95: {"linestyle": "-"}, Z_998: {"linestyle": (0, (1, 1.5))}}


def limit_curve(england: float, sizes: np.ndarray, tau2: float, z: float) -> np.ndarray:
    return np.array([adjusted_limit(england, n, tau2, z) for n in sizes])


def draw(inputs: FigureInputs) -> Figure:
    tables = inputs.tables
    period = tables.latest
    rows = tables.la_frame(period).filter(pl.col(COVERAGE).is_not_null())
    england = inputs.value(NAME, "england")
    tau2 = inputs.value(NAME, "tau2")
    figure, axes = plt.subplots(figsize=(inputs.width, 5.6 if inputs.narrow else 4.4))
    sizes = np.geomspace(1, rows["settings_total"].max() * 1.3, 300)
    # The limits of chance alone, faint, under the adjusted ones when there is overdispersion.
    layers = [(0.0, style.CHANCE_LIMITS, "chance alone")]
    if tau2:
        layers.append((tau2, style.ADJUSTED_LIMITS, "adjusted"))
    for variance, colour, _ in layers:
        for z, line in LIMIT_STYLES.items():
            for sign in (-1, 1):
                curve = limit_curve(england, sizes, variance, sign * z)
                axes.plot(sizes, curve, color=colour, linewidth=0.8, **line)
    axes.axhline(england, **style.ENGLAND_LINE)
    for band, (marker, colour, filled, label) in MARKERS.items():
        points = rows.filter(pl.col(BAND) == band)
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
    handles.append(Line2D([], [], label="England", **style.ENGLAND_LINE))
    for _, colour, qualifier in layers:
        for z, level in ((Z_95, "95%"), (Z_998, "99.8%")):
            label = f"{level} limits" + (f", {qualifier}" if qualifier else "")
            handles.append(
                Line2D([], [], color=colour, linewidth=0.8, label=label, **LIMIT_STYLES[z])
            )
    axes.legend(handles=handles, loc="upper center", ncols=2 if inputs.narrow else 3,
                bbox_to_anchor=(0.5, -0.14))  # fmt: skip
    figure.subplots_adjust(bottom=0.42 if inputs.narrow else 0.3)
    labels = []
    for code in rows["new_la_code"]:
        piece = label_id(code)
        if inputs.has(NAME, piece):
            row = tables.la_row(period, code)
            labels.append((row["settings_total"], row[COVERAGE], inputs.name(NAME, piece)))
    fit_to_width(figure, inputs.widest)  # first, so labels are placed where they will be drawn
    # Labels keep clear of every point and of the lines: the limits and England's.
    lines = [
        (x, y)
        for line in axes.lines
        if line.get_transform() is axes.transData
        for x, y in zip(*line.get_data(), strict=True)
        if np.isfinite(y)
    ]
    england_line = [(size, england) for size in sizes] if england is not None else []
    points = list(zip(rows["settings_total"], rows[COVERAGE], strict=True))
    label_points(axes, labels, obstacles=points, lines=lines + england_line)
    return figure
