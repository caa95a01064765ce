"""Drawing chart 5: a dumbbell per region, from the previous period to the latest."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import polars as pl
from matplotlib.figure import Figure

from .. import formatting
from ..findings.charts.change_by_region import CHANGE, compared_periods
from ..indicators.compute import REGIONAL
from ..indicators.tables import COVERAGE
from . import style
from .common import FigureInputs, gridlines, percent_axis


def draw(inputs: FigureInputs) -> Figure:
    tables = inputs.tables
    before, last = compared_periods(tables)
    labels = [formatting.period_label(p) for p in (before, last)]
    earlier = tables.area_frame(before, REGIONAL).select(
        "area_code", pl.col(COVERAGE).alias("before")
    )
    # Lowest at the bottom, so the highest coverage is read first.
    wide = (
        tables.area_frame(last, REGIONAL)
        .join(earlier, on="area_code", how="left")
        .sort(pl.col(COVERAGE).fill_null(-1.0), "area_code")
    )
    figure, axes = plt.subplots(figsize=(inputs.width, 3.4 if inputs.narrow else 3.2))
    y = np.arange(wide.height)
    axes.hlines(y, wide["before"], wide[COVERAGE], color=style.GRID, linewidth=3, zorder=1)
    axes.scatter(
        wide["before"], y, marker="o", s=30, color=style.EARLIER, zorder=2, label=labels[0]
    )
    axes.scatter(wide[COVERAGE], y, marker="D", s=26, color=style.LATER, zorder=3, label=labels[1])
    for position, row in zip(y, wide.iter_rows(named=True), strict=True):
        shown = [v for v in (row["before"], row[COVERAGE]) if v is not None]
        if row[CHANGE] is not None:
            label = tables.show(CHANGE, row[CHANGE]).replace(" percentage points", " pp")
        else:  # LAs missing from a period: the two points cover different LAs, or there are none
            label = f"change {formatting.NOT_AVAILABLE}" if shown else formatting.NOT_AVAILABLE
        # Beside the rightmost point, clear of both points and of the next row.
        axes.annotate(
            label,
            (max(shown, default=0.0), position),
            xytext=(7, 0),
            textcoords="offset points",
            fontsize=style.TINY_FONT_SIZE,
            ha="left",
            va="center",
            color=style.SECONDARY_TEXT,
        )
    axes.set_yticks(y, wide["area_name"].to_list())
    axes.tick_params(axis="y", length=0)
    # Room to the right of the highest point for its label ('change not available' is longest).
    room = 1.22 if wide[CHANGE].null_count() == 0 else 1.45
    axes.set_xlim(0, wide[COVERAGE].max() * room)
    axes.set_ylim(-0.6, wide.height - 0.4)
    percent_axis(axes.xaxis)
    axes.set_xlabel(
        inputs.wrapped("Coverage; beside each region, its change in percentage points (pp)")
    )
    gridlines(axes, "x")
    axes.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=1 if inputs.narrow else 2,
                borderaxespad=0.3)  # fmt: skip
    return figure
