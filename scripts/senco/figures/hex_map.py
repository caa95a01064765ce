"""Drawing chart 6, the hex map: each LA coloured by the band whose filter picks it."""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Polygon

from .. import style
from ..charts.hex_map import NAME
from ..errors import SencoError
from ..findings.model import select
from .common import FigureInputs


def band_members(inputs: FigureInputs) -> list[tuple[str, list[str]]]:
    """Each band's legend text and the codes of its LAs, lowest band first."""
    la = inputs.tables.la
    return [
        (band["text"], select(la, band["cites"][0]["where"])["new_la_code"].to_list())
        for band in inputs.pieces(NAME, "band.")
    ]


def draw(inputs: FigureInputs) -> Figure:
    rows = inputs.tables.la_frame(inputs.tables.latest)
    layout = inputs.hexmap["local_authorities"]
    missing_from_layout = sorted(set(rows["new_la_code"]) - set(layout))
    if missing_from_layout:
        raise SencoError(f"hex map layout lacks LA(s) {', '.join(missing_from_layout)}")
    bands = band_members(inputs)
    colours = list(reversed(style.SEQUENTIAL[: len(bands)]))  # light = low, dark = high
    fills = {code: colours[i] for i, (_, codes) in enumerate(bands) for code in codes}
    figure, axes = hex_map_axes(inputs.hexmap)
    draw_hexes(axes, inputs.hexmap, fills)
    legend = [
        Patch(facecolor=colours[i], edgecolor=style.SECONDARY_TEXT, linewidth=0.4, label=text)
        for i, (text, _) in reversed(list(enumerate(bands)))
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
    return figure


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
    for _, code, ring in shapes:
        axes.add_patch(
            Polygon(
                np.asarray(ring),
                facecolor=fills.get(code, style.NOT_AVAILABLE_FILL),
                edgecolor="white",
                linewidth=0.4,
                hatch="////" if code not in fills else None,
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
