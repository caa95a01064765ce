"""Drawing chart 3, the funnel plot; the LAs named on it are the chart's label findings."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import polars as pl
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

from .. import formatting, style
from ..charts.common import COVERAGE
from ..charts.funnel_plot import NAME, label_id
from ..indicators import FUNNEL_BANDS, Z_95, Z_998
from .common import FigureInputs, gridlines, label_points, percent_axis

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


def draw(inputs: FigureInputs) -> Figure:
    tables = inputs.tables
    period = tables.latest
    rows = tables.la_frame(period).filter(pl.col(COVERAGE).is_not_null())
    england = inputs.value(NAME, "england")
    figure, axes = plt.subplots(figsize=(style.PAGE_WIDTH_INCHES, 4.4))
    n = np.geomspace(1, rows["settings_total"].max() * 1.3, 300)
    for z, line in LIMIT_STYLES.items():
        half = z * np.sqrt(england * (1 - england) / n)
        for limit in (np.clip(england - half, 0, 1), np.clip(england + half, 0, 1)):
            axes.plot(n, limit, color=style.SECONDARY_TEXT, linewidth=0.8, **line)
    axes.axhline(england, **style.ENGLAND_LINE)
    for band, (marker, colour, filled, label) in MARKERS.items():
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
    limits = {"color": style.SECONDARY_TEXT, "linewidth": 0.8}
    handles += [
        Line2D([], [], label="England", **style.ENGLAND_LINE),
        Line2D([], [], label="95% limits", **limits, **LIMIT_STYLES[Z_95]),
        Line2D([], [], label="99.8% limits", **limits, **LIMIT_STYLES[Z_998]),
    ]
    axes.legend(handles=handles, loc="upper center", ncols=4, bbox_to_anchor=(0.5, -0.14))
    figure.subplots_adjust(bottom=0.24)
    labels = []
    for code in rows["new_la_code"]:
        piece = label_id(code)
        if inputs.has(NAME, piece):
            row = tables.la_row(period, code)
            labels.append((row["settings_total"], row[COVERAGE], inputs.text(NAME, piece)))
    label_points(
        axes, labels, obstacles=list(zip(rows["settings_total"], rows[COVERAGE], strict=True))
    )
    return figure
