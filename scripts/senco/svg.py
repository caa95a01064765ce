"""SVG as the bulletin carries it: small, with ids that cannot clash, and inline in the HTML.

matplotlib writes coordinates to six decimal places and an id on every element, most never
referred to; charts inline in one HTML page share one id space, so the ids that are referred to
(markers, clip paths) are prefixed with the chart's name and the rest are dropped. Coordinates are
kept to hundredths of a point, far below what a screen or printer resolves. Pure string work:
the bulletin inlines charts without importing matplotlib.
"""

from __future__ import annotations

import re

from markupsafe import escape

DECIMALS = 2
_ID = re.compile(r'\sid="([^"]+)"')
_REFERENCE = re.compile(r'(url\(#|href="#)([^")]+)')
_GEOMETRY = re.compile(
    r'(\s(?:d|x|y|x1|x2|y1|y2|cx|cy|r|width|height|transform|points|viewBox|style)=")([^"]*)"'
)
_NUMBER = re.compile(rf"-?\d+\.\d{{{DECIMALS + 1},}}")


def _rounded(match: re.Match) -> str:
    shown = f"{float(match.group(0)):.{DECIMALS}f}".rstrip("0").rstrip(".")
    return "0" if shown in ("-0", "") else shown


def tidy(svg: str, prefix: str) -> str:
    """Prefix the ids the drawing refers to, drop the others, and round coordinates."""
    referenced = {name for _, name in _REFERENCE.findall(svg)}

    def rename(match: re.Match) -> str:
        name = match.group(1)
        return f' id="{prefix}-{name}"' if name in referenced else ""

    svg = _ID.sub(rename, svg)
    svg = _REFERENCE.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", svg)
    return _GEOMETRY.sub(lambda m: m.group(1) + _NUMBER.sub(_rounded, m.group(2)) + '"', svg)


def inline(svg: str, label: str, css_class: str) -> str:
    """The <svg> element alone, for a place in an HTML page: no XML prolog or metadata, its
    size set by the page's CSS (the viewBox keeps its shape), and `label` as its accessible
    name, so a screen reader announces the chart's text alternative."""
    start = svg.index("<svg")
    element = re.sub(r"\s*<metadata>.*?</metadata>", "", svg[start:], flags=re.DOTALL)
    opening_end = element.index(">")
    opening = element[:opening_end]
    opening = re.sub(r'\s(?:width|height)="[^"]*"', "", opening)
    opening += f' class="{escape(css_class)}" role="img" aria-label="{escape(label)}"'
    return opening + element[opening_end:].rstrip() + "\n"
