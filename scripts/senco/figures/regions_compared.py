"""Drawing chart 4: a bar per region for coverage and for reach, on one shared scale."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import polars as pl
from matplotlib.figure import Figure

from ..findings.charts.regions_compared import MEASURES, NAME
from ..indicators.compute import REGIONAL
from ..indicators.tables import COVERAGE
from . import style
from .common import FigureInputs, gridlines, percent_axis


def draw(inputs: FigureInputs) -> Figure:
    tables = inputs.tables
    period = tables.latest
    # Lowest at the bottom, so the highest coverage is read first.
    regions = tables.area_frame(period, REGIONAL).sort(
        pl.col(COVERAGE).fill_null(-1.0), "area_code"
    )
    england = {m: inputs.value(NAME, f"england.{m}") for m in MEASURES}
    # Side by side on a page; one above the other on a phone.
    shape, size = ((2, 1), (inputs.width, 5.6)) if inputs.narrow else ((1, 2), (inputs.width, 3.3))
    figure, panels = plt.subplots(*shape, figsize=size, sharey=True)
    if inputs.narrow:
        figure.subplots_adjust(hspace=0.75)
    y = np.arange(regions.height)
    # One scale for both panels, so bar lengths compare across them.
    upper = max(max(regions[f"{m}_ci_high"].max() or 0, england[m] or 0) for m in MEASURES) * 1.18
    # Mid-blue rather than dark blue, so the black interval lines stay visible on the bars.
    for axes, measure, colour in zip(
        panels, MEASURES, (style.COVERAGE_BARS, style.REACH_BARS), strict=True
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
            axes.annotate(
                inputs.text(NAME, f"england.{measure}"),
                (england[measure], regions.height - 0.5),
                xytext=(3, 0),
                textcoords="offset points",
                fontsize=style.SMALL_FONT_SIZE,
                va="bottom",
            )
        axes.set_xlim(0, upper)
        axes.set_xlabel("Percentage of eligible settings", fontsize=style.SMALL_FONT_SIZE)
        percent_axis(axes.xaxis)
        axes.set_title(inputs.wrapped(tables.label(measure)), pad=14)
        gridlines(axes, "x")
        axes.tick_params(axis="y", length=0)
    for axes in panels if inputs.narrow else panels[:1]:
        axes.set_yticks(y, regions["area_name"].to_list())
    panels[0].set_ylim(-0.6, regions.height + 0.3)
    return figure
