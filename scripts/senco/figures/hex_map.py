"""Drawing chart 6, the hex map: each LA coloured by the band whose filter picks it."""

from __future__ import annotations

import itertools
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Polygon

from ..findings.charts.hex_map import NAME
from ..findings.model import select
from . import style
from .common import FigureInputs, fit_to_width


def band_members(inputs: FigureInputs) -> list[tuple[str, list[str]]]:
    """Each band's legend text and the codes of its LAs, lowest band first."""
    la = inputs.tables.la
    return [
        (band["text"], select(la, band["cites"][0]["where"])["new_la_code"].to_list())
        for band in inputs.pieces(NAME, "band.")
    ]


def draw(inputs: FigureInputs) -> Figure:
    # An LA the layout lacks is left off; the chart's notes name it (findings.charts.hex_map).
    bands = band_members(inputs)
    colours = list(reversed(style.SEQUENTIAL[: len(bands)]))  # light = low, dark = high
    fills = {code: colours[i] for i, (_, codes) in enumerate(bands) for code in codes}
    figure, axes = hex_map_axes(inputs.hexmap, inputs.width)
    draw_hexes(axes, inputs.hexmap, fills)
    legend = [
        Patch(facecolor=colours[i], edgecolor=style.AREA_OUTLINE, linewidth=0.4, label=text)
        for i, (text, _) in reversed(list(enumerate(bands)))
    ]
    legend.append(
        Patch(
            facecolor="white",
            edgecolor=style.NOT_AVAILABLE_HATCH_COLOUR,
            hatch="////",
            label=inputs.text(NAME, "not_available"),
        )
    )
    # Beside the map on a page, under it on a phone: never over any LA.
    axes.legend(
        handles=legend,
        title="Coverage (number of\nlocal authorities)",
        loc="upper left",
        bbox_to_anchor=(0.0, 0.0) if inputs.narrow else (1.0, 1.0),
        title_fontsize=style.SMALL_FONT_SIZE,
        alignment="left",
    )
    # Names go on last, where the map will be drawn: labels are kept clear of each other in
    # the positions they will have.
    fit_to_width(figure, inputs.widest)
    draw_regions(axes, inputs.hexmap, name_isolated(axes, inputs.hexmap))
    return figure


# A single hex far from the rest, too small to find unaided: named, with a leader line.
ISOLATED = ("E06000053",)  # the Isles of Scilly


def name_isolated(axes, hexmap: dict[str, Any]) -> list:
    """Name the isolated LAs; returns the labels, for other labels to keep clear of."""
    labels = []
    for code in ISOLATED:
        la = hexmap["local_authorities"].get(code)
        if la is None:
            continue
        x, y = np.asarray(la["polygons"][0][0]).mean(axis=0)
        labels.append(axes.annotate(
            la["name"],
            (x, y),
            xytext=(0, 42),
            textcoords="offset points",
            fontsize=style.SMALL_FONT_SIZE,
            ha="left",
            va="bottom",
            arrowprops={"arrowstyle": "-", "color": style.AREA_OUTLINE, "linewidth": 0.6,
                        "shrinkA": 1, "shrinkB": 3},
        ))  # fmt: skip
    return labels


def hover_titles(inputs: FigureInputs) -> dict[str, str]:
    """Each hex's group id and the name and value its LA's finding gives, so a reader finds
    their LA by hovering, or with a screen reader, in the HTML."""
    return {
        shape_id(code, index): inputs.text(NAME, f"la.{code}")
        for code, la in inputs.hexmap["local_authorities"].items()
        if inputs.has(NAME, f"la.{code}")
        for index in range(len(la["polygons"]))
    }


def shape_id(code: str, index: int) -> str:
    return f"la-{code}-{index}"


def region_edges(hexmap: dict[str, Any]) -> dict[str, list[tuple[tuple, tuple]]]:
    """Each region's outline as the edges of its LAs' shapes that no other shape in the region
    shares: the hexes tile a grid, so an edge inside a region appears twice (once each way)."""
    edges: dict[str, dict[frozenset, tuple]] = {}
    for la in hexmap["local_authorities"].values():
        seen = edges.setdefault(la["region"], {})
        for polygon in la["polygons"]:
            for ring in polygon:
                points = [tuple(round(v, 2) for v in point) for point in ring]
                for start, end in itertools.pairwise([*points, points[0]]):
                    if start == end:
                        continue
                    key = frozenset((start, end))
                    if key in seen:
                        del seen[key]
                    else:
                        seen[key] = (start, end)
    return {region: list(found.values()) for region, found in sorted(edges.items())}


def chained(edges: list[tuple[tuple, tuple]]) -> list[list[tuple]]:
    """Edges joined end to end into as few lines as they make (one path each in the SVG, not
    one per edge)."""
    touching: dict[tuple, list[int]] = {}
    for index, (start, end) in enumerate(edges):
        touching.setdefault(start, []).append(index)
        touching.setdefault(end, []).append(index)
    used = [False] * len(edges)
    lines = []
    for first in range(len(edges)):
        if used[first]:
            continue
        used[first] = True
        line = list(edges[first])
        while True:
            following = next((i for i in touching[line[-1]] if not used[i]), None)
            if following is None:
                break
            used[following] = True
            start, end = edges[following]
            line.append(end if start == line[-1] else start)
        lines.append(line)
    return lines


def draw_regions(axes, hexmap: dict[str, Any], placed: list) -> None:
    """Region outlines over the LAs, and each region's name at the middle of its hexes, on a
    white box so it reads over any fill (a halo drawn by path effects would turn the name into
    outlines in the SVG, no longer text)."""
    outlines = region_edges(hexmap)
    axes.add_collection(
        LineCollection(
            [line for edges in outlines.values() for line in chained(edges)],
            colors=style.REGION_OUTLINE,
            linewidths=0.9,
            capstyle="round",
        )
    )
    for region, edges in outlines.items():
        points = np.asarray([point for edge in edges for point in edge])
        x, y = points.mean(axis=0)
        label = axes.text(
            x, y, region, ha="center", va="center", fontsize=style.SMALL_FONT_SIZE,
            fontweight="bold", color=style.TEXT,
            bbox={"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none",
                  "alpha": 0.85},
        )  # fmt: skip
        keep_clear(axes, label, placed)
        placed.append(label)


def keep_clear(axes, label, placed: list) -> None:
    """Move a label down, then up, a line at a time, then sideways, until it overlaps no label
    placed before it (on a narrower map, neighbouring regions' names would collide, and the
    Isles of Scilly's leader line runs up beside the South West's name)."""
    renderer = axes.figure.canvas.get_renderer()
    x, y = label.get_position()
    up = (axes.get_ylim()[1] - axes.get_ylim()[0]) * 0.025
    across = (axes.get_xlim()[1] - axes.get_xlim()[0]) * 0.025
    vertical = [(0, offset) for offset in (0, -1, 1, -2, 2, -3, 3)]
    sideways = [(offset, 0) for offset in (1, -1, 2, -2, 3, -3)]
    for dx, dy in vertical + sideways:
        label.set_position((x + dx * across, y + dy * up))
        box = label.get_window_extent(renderer).padded(4)  # a gap a reader can see
        if not any(box.overlaps(other.get_window_extent(renderer)) for other in placed):
            return
    label.set_position((x, y))


def hex_map_axes(hexmap: dict[str, Any], widest: float):
    points = np.concatenate(
        [
            np.asarray(ring)
            for la in hexmap["local_authorities"].values()
            for polygon in la["polygons"]
            for ring in polygon
        ]
    )
    (x0, y0), (x1, y1) = points.min(axis=0), points.max(axis=0)
    # As tall as a chart may be (so map, title, source and notes fit one A4 page) and no wider
    # than the page: drawn at the size it is printed, so its text keeps its size.
    height = style.MAX_FIGURE_HEIGHT_INCHES
    width = min(widest, height * (x1 - x0) / (y1 - y0))
    figure, axes = plt.subplots(figsize=(width, width * (y1 - y0) / (x1 - x0)))
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
            (ring_area(polygon[0]), code, index, polygon[0])
            for code, la in hexmap["local_authorities"].items()
            for index, polygon in enumerate(la["polygons"])
        ),
        key=lambda shape: (-shape[0], shape[1], shape[2]),
    )
    for _, code, index, ring in shapes:
        patch = Polygon(
            np.asarray(ring),
            facecolor=fills.get(code, style.NOT_AVAILABLE_FILL),
            edgecolor=style.AREA_OUTLINE,
            linewidth=0.35,
            hatch="////" if code not in fills else None,
            hatchcolor=style.NOT_AVAILABLE_HATCH_COLOUR,
        )
        patch.set_gid(shape_id(code, index))
        axes.add_patch(patch)
