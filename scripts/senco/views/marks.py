"""The factsheets' chart marks (bars, dots, 95% intervals, the neighbours' average) drawn as one
SVG image under a chart's rows, not as a box each.

WeasyPrint lays out and tags every box of a page, so the two small charts' 40-odd marks cost
about a tenth of a factsheet's printing as boxes (docs/performance.md). Drawn as one background
image they cost one box. The names and values stay real text in the rows above the image, so a
screen reader reads each row's words and the image is decoration (an artifact in the PDF).

The image has no size of its own: it is stretched over its box (`background-size: 100% 100%`),
so positions along a row are percentages of the track, as the common scale places them
(senco.views.factsheets.placed), and row `i` of `n` is centred at (i + 0.5) / n of the height:
the rows must be of equal height. Widths of lines and the dots' radius are absolute lengths.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from ..figures import style

BAR_HEIGHT = "2.4mm"
DOT_RADIUS = "0.9mm"
INTERVAL_WIDTH = "1.1pt"
CASING_WIDTH = "2.5pt"  # the interval's width and 0.7pt of white each side: 3:1 on any fill
AVERAGE_WIDTH = "1pt"
AVERAGE_DASHES = "3pt 2pt"
# An interval the common scale cuts off ends in an arrow: a triangle 1.4mm long, 2.1mm high,
# its tip at the end of the scale (the image's edge, past which nothing is drawn).
CUT_ARROW = (
    '<marker id="cut" markerUnits="userSpaceOnUse" markerWidth="1.4mm" markerHeight="2.1mm" '
    'viewBox="0 0 14 21" refX="14" refY="10.5" orient="auto">'
    f'<path d="M0,0 L14,10.5 L0,21 z" fill="{style.TEXT}"/></marker>'
)


@dataclass(frozen=True)
class Interval:
    """A 95% interval along the track: where it starts and how far it runs (CSS percentages,
    as senco.views.factsheets.whisker gives them), and whether the scale cuts it off."""

    left: str
    width: str
    cut: bool


@dataclass(frozen=True)
class Row:
    """One row's marks: a bar from the start of the track to `bar`, a dot at `dot`, an
    interval; each a CSS percentage along the track, or None where the row has none."""

    bar: str | None = None
    bar_colour: str = style.EARLIER
    dot: str | None = None
    dot_colour: str = style.EARLIER
    interval: Interval | None = None


def _percent(length: str) -> float:
    return float(length.removesuffix("%"))


def _line(x1: str, x2: str, y: str, colour: str, width: str, extra: str = "") -> str:
    return (f'<line x1="{x1}" y1="{y}" x2="{x2}" y2="{y}" stroke="{colour}" '
            f'stroke-width="{width}"{extra}/>')  # fmt: skip


def _row_marks(row: Row, y: str) -> list[str]:
    drawn = []
    if row.bar is not None and _percent(row.bar) > 0:
        drawn.append(_line("0%", row.bar, y, row.bar_colour, BAR_HEIGHT))
    if row.interval is not None:
        start = _percent(row.interval.left)
        end = f"{start + _percent(row.interval.width):.2f}%"
        arrow = ' marker-end="url(#cut)"' if row.interval.cut else ""
        drawn.append(_line(row.interval.left, end, y, style.BACKGROUND, CASING_WIDTH))
        drawn.append(_line(row.interval.left, end, y, style.TEXT, INTERVAL_WIDTH, arrow))
    if row.dot is not None:
        drawn.append(f'<circle cx="{row.dot}" cy="{y}" r="{DOT_RADIUS}" fill="{row.dot_colour}" '
                     f'stroke="{style.BACKGROUND}" stroke-width="0.5pt"/>')  # fmt: skip
    return drawn


def svg(rows: list[Row], average: str | None = None) -> str:
    """The rows' marks as one SVG document, with the neighbours' average (a CSS percentage
    along the track) as a dashed line down every row."""
    drawn = [f"<defs>{CUT_ARROW}</defs>"]
    if average is not None:
        drawn.append(f'<line x1="{average}" y1="0%" x2="{average}" y2="100%" '
                     f'stroke="{style.TEXT}" stroke-width="{AVERAGE_WIDTH}" '
                     f'stroke-dasharray="{AVERAGE_DASHES}"/>')  # fmt: skip
    for index, row in enumerate(rows):
        drawn.extend(_row_marks(row, f"{(index + 0.5) * 100 / len(rows):.3f}%"))
    return '<svg xmlns="http://www.w3.org/2000/svg">' + "".join(drawn) + "</svg>"


def data_uri(document: str) -> str:
    """`document` as a data: URI for a CSS background (read by WeasyPrint, no file or fetch)."""
    return "data:image/svg+xml," + quote(document, safe="")
