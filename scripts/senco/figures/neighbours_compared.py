"""Drawing chart 8: a stacked bar per region of its LAs higher than, similar to and lower than
their statistical neighbours' average."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import polars as pl
from matplotlib.figure import Figure

from ..findings.charts.neighbours_compared import SHORT
from ..indicators.compute import REGIONAL
from ..indicators.neighbours import VERDICT, VERDICTS
from . import style
from .common import FigureInputs, gridlines

# Higher dark blue, similar grey, lower turquoise: each 3:1 against white and its neighbour, and
# every segment carries its count, so no reading depends on colour alone.
COLOURS = (style.DARK_BLUE, style.NEUTRAL_POINT, style.TURQUOISE)
TEXT_ON = (style.BACKGROUND, style.TEXT, style.TEXT)


def draw(inputs: FigureInputs) -> Figure:
    tables = inputs.tables
    period = tables.latest
    regions = tables.area_frame(period, REGIONAL).sort("area_code", descending=True)
    la = tables.la_frame(period)
    counts = {
        verdict: [la.filter((pl.col("region_code") == code) & (pl.col(VERDICT) == verdict)).height
                  for code in regions["area_code"]]
        for verdict in VERDICTS
    }  # fmt: skip
    figure, axes = plt.subplots(figsize=(inputs.width, 4.4 if inputs.narrow else 3.2))
    y = np.arange(regions.height)
    left = np.zeros(regions.height)
    for verdict, short, colour, text in zip(VERDICTS, SHORT, COLOURS, TEXT_ON, strict=True):
        widths = np.array(counts[verdict], dtype=float)
        axes.barh(y, widths, left=left, color=colour, height=0.62, label=short,
                  edgecolor=style.BACKGROUND, linewidth=0.6)  # fmt: skip
        for position, start, width in zip(y, left, widths, strict=True):
            if width:
                axes.text(start + width / 2, position, f"{int(width)}", ha="center",
                          va="center", color=text, fontsize=style.TINY_FONT_SIZE)  # fmt: skip
        left += widths
    axes.set_yticks(y, regions["area_name"].to_list())
    axes.tick_params(axis="y", length=0)
    axes.set_xlim(0, max(left.max(), 1) * 1.02)
    axes.set_ylim(-0.6, regions.height - 0.4)
    axes.set_xlabel(inputs.wrapped("Number of local authorities"))
    gridlines(axes, "x")
    axes.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=1 if inputs.narrow else 3,
                borderaxespad=0.3, title=inputs.wrapped("Compared with the neighbours' average"),
                title_fontsize=style.SMALL_FONT_SIZE, alignment="left")  # fmt: skip
    return figure
