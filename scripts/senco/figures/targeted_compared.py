"""Drawing chart 7: each LA as a point in its group's row, with the group's quartiles and total."""

from __future__ import annotations

import matplotlib.pyplot as plt
import polars as pl
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..findings.charts.targeted_compared import GROUPS, NAME
from ..indicators.tables import COVERAGE
from . import style
from .common import FigureInputs, gridlines, percent_axis, stable_jitter

LOOK = {False: (style.OTHER_LAS, "o"), True: (style.TARGETED_LAS, "D")}


def draw(inputs: FigureInputs) -> Figure:
    tables = inputs.tables
    period = tables.latest
    rows = tables.la_frame(period).filter(pl.col(COVERAGE).is_not_null())
    figure, axes = plt.subplots(figsize=(inputs.width, 3.1 if inputs.narrow else 2.8))
    for position, (code, flag) in enumerate(GROUPS):
        colour, marker = LOOK[flag]
        members = rows.filter(pl.col("targeted") == flag).sort(COVERAGE)
        axes.scatter(
            members[COVERAGE].to_numpy(),
            position + stable_jitter(members["new_la_code"].to_list()),
            s=12,
            marker=marker,
            color=colour,
            alpha=0.85,
            linewidths=0,
            zorder=3,
        )
        low, median, high = (
            inputs.value(NAME, f"{code}.{name}")
            for name in ("lower_quartile", "median", "upper_quartile")
        )
        axes.add_patch(
            plt.Rectangle(
                (low, position - 0.3),
                high - low,
                0.6,
                fill=False,
                edgecolor=style.SECONDARY_TEXT,
                linewidth=0.8,
                zorder=2,
            )
        )
        axes.vlines(median, position - 0.3, position + 0.3, color=style.TEXT, linewidth=1.6,
                    zorder=2)  # fmt: skip
        total = tables.group(period, code)[COVERAGE]
        axes.plot([total], [position + 0.42], marker="v", color=style.TEXT, markersize=6)
    axes.set_yticks(
        range(len(GROUPS)),
        [inputs.wrapped(inputs.text(NAME, f"{code}.label"), 16) for code, _ in GROUPS],
    )
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
        ],  # fmt: skip
        loc="lower right",
        ncols=1 if inputs.narrow else 2,
        bbox_to_anchor=(1, 1.0),
    )
    return figure
