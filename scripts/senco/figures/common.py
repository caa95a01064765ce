"""What every chart's drawing shares: its inputs, axes helpers, labels, the synthetic mark."""

from __future__ import annotations

import hashlib
import textwrap
from dataclasses import dataclass
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import Formatter, MaxNLocator
from matplotlib.transforms import Bbox

from .. import published
from ..findings import ids
from ..findings.read import Findings
from ..indicators.tables import IndicatorTables
from . import style


@dataclass(frozen=True)
class Panel:
    """One panel of a chart drawn as several (one per region, say), so a page can reflow them;
    `key` names it in ids and files, `label` is what a reader calls it."""

    key: str
    label: str
    figure: Figure


@dataclass(frozen=True)
class FigureInputs:
    """What a drawing reads: the tables for positions, the findings for words and choices."""

    tables: IndicatorTables
    findings: Findings
    hexmap: dict[str, Any]
    width: float = style.PAGE_WIDTH_INCHES  # the width to draw at: the page's, or a phone's

    @property
    def narrow(self) -> bool:
        """Drawing for a phone: legends in one column, panels stacked."""
        return self.width < style.PAGE_WIDTH_INCHES

    @property
    def widest(self) -> float:
        """The width everything drawn must fit: the A4 text width, or a phone's."""
        return style.PHONE_WIDTH_INCHES if self.narrow else style.PRINT_WIDTH_INCHES

    def wrapped(self, text: str, width: int = 30) -> str:
        """A title or label broken into lines of `width` characters when drawing for a phone."""
        return textwrap.fill(text, width) if self.narrow else text

    def text(self, chart: str, piece: str) -> str:
        return self.findings.text(ids.chart(chart, piece))

    def name(self, chart: str, piece: str) -> str:
        """An LA's name as a chart draws it: shortened if very long (the alt text and the
        figure's data table give it in full)."""
        return shortened(self.text(chart, piece))

    def has(self, chart: str, piece: str) -> bool:
        return self.findings.has(ids.chart(chart, piece))

    def value(self, chart: str, piece: str) -> Any:
        """The first value a piece cites (a reference line's position, a quartile)."""
        return self.findings.get(ids.chart(chart, piece))["cites"][0]["value"]

    def pieces(self, chart: str, prefix: str) -> list[dict[str, Any]]:
        return self.findings.starting(ids.chart(chart, prefix))

    def no_data(self, chart: str) -> str | None:
        """The message to show instead of the chart, if it has no data."""
        piece = ids.chart(chart, "no_data")
        return self.findings.text(piece) if self.findings.has(piece) else None


NAME_LIMIT = 40  # characters: the longest real LA name has 27


def shortened(name: str, limit: int = NAME_LIMIT) -> str:
    """A name cut at a word to at most `limit` characters and ended with an ellipsis, keeping a
    trailing low-reliability mark ('[u]'), so one very long name cannot squeeze a chart."""
    mark = f" {published.LOW_RELIABILITY}"
    marked = name.endswith(mark)
    base = name.removesuffix(mark) if marked else name
    if len(base) > limit:
        cut = base[: limit - 1]
        if " " in cut:
            cut = cut.rsplit(" ", 1)[0]
        base = cut.rstrip(" ,;:-") + "…"
    return base + (mark if marked else "")


def no_data_figure(message: str) -> Figure:
    """An explicit 'no data' panel instead of an empty or misleading chart."""
    figure, axes = plt.subplots(figsize=(style.PHONE_WIDTH_INCHES, 1.6))
    axes.set_axis_off()
    axes.text(
        0.5,
        0.5,
        message,
        ha="center",
        va="center",
        fontsize=style.BASE_FONT_SIZE,
        color=style.SECONDARY_TEXT,
        wrap=True,
        transform=axes.transAxes,
    )
    return figure


class PercentTicks(Formatter):
    """Proportions as percentages, with only the decimals the ticks need (2.5%, not 2% or 2.50%)."""

    def format_ticks(self, values):
        scaled = [value * 100 for value in values]
        decimals = next(
            places
            for places in range(4)
            if all(abs(round(v, places) - v) < 1e-9 for v in scaled) or places == 3
        )
        return [f"{v:.{decimals}f}%" for v in scaled]

    def __call__(self, value, position=None):
        return self.format_ticks([value])[0]


def percent_axis(axis, ticks: int = 6) -> None:
    axis.set_major_locator(MaxNLocator(nbins=ticks, steps=[1, 2, 2.5, 5, 10]))
    axis.set_major_formatter(PercentTicks())


def gridlines(axes, axis: str) -> None:
    """Light gridlines on the value axis only, drawn behind the data."""
    axes.grid(axis=axis)
    axes.set_axisbelow(True)


def mark_synthetic(figure: Figure, synthetic: bool) -> None:
    """Label the image itself, so a PNG passed around alone still says what it is.

    The mark goes just below everything already drawn (the figure's tight bounding box), so it
    never covers an axis label or legend.
    """
    if not synthetic:
        return
    drawn = figure.get_tightbbox(figure.canvas.get_renderer())  # in inches
    width, height = figure.get_size_inches()
    figure.text(
        drawn.x1 / width,
        (drawn.y0 - 0.04) / height,
        published.DATA_STATUS_SYNTHETIC,
        transform=figure.transFigure,
        ha="right",
        va="top",
        fontsize=style.TINY_FONT_SIZE,
        color=style.DARK_PINK,
        fontweight="bold",
    )


def stable_jitter(keys: list[str], spread: float = 0.22) -> np.ndarray:
    """Vertical offsets for a strip chart that look random but depend only on each LA's code,
    so the picture is the same on every run and has no pattern that could be read as data."""
    fractions = [int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF for key in keys]
    return (np.asarray(fractions) - 0.5) * 2 * spread


def label_points(
    axes,
    points: list[tuple[float, float, str]],
    obstacles: list[tuple[float, float]] = (),
    lines: list[tuple[float, float]] = (),
) -> None:
    """Name points so labels overlap neither each other nor any plotted point, and cross no
    line (given as points along it) where they can avoid it.

    Each label tries positions beside its point, right then left, moving up or down in steps of
    its own height, and takes the first that is clear of every placed label, every obstacle
    (the other points) and every line; if none is, it takes the one covering fewest points,
    then crossing fewest lines. A moved label gets a thin leader line. Call after the axes'
    scales, limits and position are final.
    """
    renderer = axes.figure.canvas.get_renderer()
    to_display, to_data = axes.transData.transform, axes.transData.inverted().transform
    frame = axes.get_window_extent(renderer)
    marker = 3 * axes.figure.dpi / 72  # half a marker's width, in display units
    blocked = [
        Bbox.from_bounds(px - marker, py - marker, 2 * marker, 2 * marker)
        for px, py in (to_display(point) for point in obstacles)
    ]
    thin = 1 * axes.figure.dpi / 72
    crossed = [
        Bbox.from_bounds(px - thin, py - thin, 2 * thin, 2 * thin)
        for px, py in (to_display(point) for point in lines)
    ]
    offset = 5 * axes.figure.dpi / 72
    for x, y, text in sorted(points, key=lambda point: -point[1]):
        px, py = to_display((x, y))
        label = axes.text(x, y, text, fontsize=style.TINY_FONT_SIZE, va="center", ha="left")
        extent = label.get_window_extent(renderer)
        width, height = extent.width, extent.height
        candidates = []
        for step in (0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6, 7, -7, 8, -8):
            for left in (px + offset, px - offset - width):
                box = Bbox.from_bounds(left, py - height / 2 + step * height * 1.15, width, height)
                if box.x0 < frame.x0 or box.x1 > frame.x1 or box.y0 < frame.y0 or box.y1 > frame.y1:
                    continue
                crowding = sum(box.overlaps(other) for other in blocked)
                crossing = sum(box.overlaps(other) for other in crossed)
                candidates.append((crowding, crossing, abs(step), box))
                if crowding == crossing == 0:
                    break
            if candidates and candidates[-1][:2] == (0, 0):
                break
        if candidates:
            _, _, step, box = min(candidates, key=lambda c: c[:3])
        else:
            step, box = 0, extent
        blocked.append(box)
        on_right = box.x0 > px
        anchor = to_data((box.x0 if on_right else box.x1, (box.y0 + box.y1) / 2))
        label.set_position(anchor)
        label.set_horizontalalignment("left" if on_right else "right")
        if step:
            axes.plot(
                [x, anchor[0]], [y, anchor[1]], color=style.SECONDARY_TEXT, linewidth=0.4, zorder=2
            )


def fit_to_width(figure: Figure, widest: float) -> None:
    """Make everything the figure draws (labels past its edges included, as the saved tight box
    keeps them) fit `widest` inches (the A4 text width, or a phone's): the figure is made no
    wider than that, then its axes are narrowed and moved in from whichever side their labels
    overflow. Text keeps its size; only the plotting area gives way."""
    width, height = figure.get_size_inches()
    if width > widest:
        figure.set_size_inches(widest, height)
    pad = plt.rcParams["savefig.pad_inches"]
    for _ in range(6):
        drawn = figure.get_tightbbox(figure.canvas.get_renderer())
        width = figure.get_size_inches()[0]
        spare = widest - 2 * pad - drawn.width
        left = max(0.0, -drawn.x0)
        right = max(0.0, drawn.x1 - width)
        if spare >= -0.005 or (left <= 0.005 and right <= 0.005):
            if spare < -0.005:  # nothing overflows the figure: the figure itself is too wide
                figure.set_size_inches(width + spare, height)
                continue
            return
        for axes in figure.axes:
            box = axes.get_position()
            x0 = box.x0 + (left + 0.01) / width
            x1 = box.x1 - (right + 0.01) / width
            if x1 - x0 < 0.2:
                return  # the labels alone are wider than the page: leave it to be seen
            axes.set_position((x0, box.y0, x1 - x0, box.height))


# --- checking a drawn figure -------------------------------------------------------------------


def drawn_texts(figure: Figure) -> list:
    """Every piece of text the figure draws: titles, axis and tick labels within the view,
    legends, annotations and free text."""
    from matplotlib.text import Text

    figure.canvas.draw()
    texts: list[Text] = list(figure.texts)
    texts += [text for legend in figure.legends for text in legend.get_texts()]
    for axes in figure.axes:
        texts += [axes.title, axes._left_title, axes._right_title, *axes.texts]
        if axes.get_legend() is not None:
            texts += axes.get_legend().get_texts()
        for axis in (axes.xaxis, axes.yaxis):
            texts.append(axis.label)
            low, high = sorted(axis.get_view_interval())
            span = (high - low) * 1e-9
            texts += [tick.label1 for tick in axis.get_major_ticks()
                      if low - span <= tick.get_loc() <= high + span]  # fmt: skip
    return [t for t in texts if t.get_visible() and t.get_text().strip()]


def _boxes(figure: Figure) -> list[tuple[str, Bbox]]:
    renderer = figure.canvas.get_renderer()
    return [(text.get_text(), text.get_window_extent(renderer)) for text in drawn_texts(figure)]


def text_overlaps(figure: Figure, tolerance: float = 0.5) -> list[tuple[str, str]]:
    """Pairs of texts whose boxes overlap by more than `tolerance` pixels."""
    boxes = [(name, box.expanded(1, 1).padded(-tolerance)) for name, box in _boxes(figure)]
    return [
        (first, second)
        for index, (first, box) in enumerate(boxes)
        for second, other in boxes[index + 1 :]
        if box.overlaps(other)
    ]


def label_mark_overlaps(figure: Figure) -> list[tuple[str, tuple[float, float]]]:
    """Labels (an axes' free texts and annotations) that cover a plotted point: the point's
    centre within the label's box grown by the marker's radius."""
    from matplotlib.collections import PathCollection
    from matplotlib.lines import Line2D

    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    points_per_pixel = figure.dpi / 72
    found = []
    for axes in figure.axes:
        marks: list[tuple[np.ndarray, float]] = []
        for collection in axes.collections:
            if isinstance(collection, PathCollection) and len(collection.get_offsets()):
                centres = collection.get_offset_transform().transform(collection.get_offsets())
                sizes = collection.get_sizes()
                radius = np.sqrt(sizes.max() if len(sizes) else 0) / 2 * points_per_pixel
                marks.append((centres, radius))
        for line in axes.lines:
            if isinstance(line, Line2D) and line.get_marker() not in (None, "None", "", " "):
                data = np.column_stack(line.get_data())
                if len(data):
                    centres = axes.transData.transform(data.astype(float))
                    marks.append((centres, line.get_markersize() / 2 * points_per_pixel))
        for text in axes.texts:
            if not (text.get_visible() and text.get_text().strip()):
                continue
            box = text.get_window_extent(renderer)
            for centres, radius in marks:
                grown = box.padded(radius - 0.5)
                for x, y in centres:
                    if np.isfinite(x) and np.isfinite(y) and grown.contains(x, y):
                        found.append((text.get_text(), (float(x), float(y))))
    return found
