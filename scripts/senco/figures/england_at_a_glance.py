"""Drawing chart 1, England at a glance: grouped horizontal bars, one group per measure."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from .. import formatting
from ..findings.charts.england_at_a_glance import MEASURES, shown_periods
from . import style
from .common import FigureInputs, gridlines


def draw(inputs: FigureInputs) -> Figure:
    tables = inputs.tables
    shown = shown_periods(tables)
    england = {period: tables.england(period) for period in shown}
    figure, axes = plt.subplots(figsize=(inputs.width, 3.0))
    positions = np.arange(len(MEASURES))[::-1]
    height = 0.76 / len(shown)
    offsets = (height / 2, -height / 2) if len(shown) == 2 else (0.0,)
    colours = dict(zip(shown, (style.EARLIER, style.LATER)[-len(shown) :], strict=True))
    largest = max((england[p][m] or 0) for p in shown for m in MEASURES)
    for offset, period in zip(offsets, shown, strict=True):
        values = [england[period][m] for m in MEASURES]
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
    axes.set_yticks(positions, [tables.label(m) for m in MEASURES])
    axes.set_xlim(0, largest * 1.12)
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: formatting.count(value)))
    axes.set_xlabel("Number")
    gridlines(axes, "x")
    if inputs.narrow:  # above the bars: on a phone there is no empty corner
        axes.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), borderaxespad=0.3)
    else:
        axes.legend(loc="lower right")
    return figure
