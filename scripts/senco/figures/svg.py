"""SVG as the bulletin carries it: small, with ids that cannot clash, and inline in the HTML.

matplotlib writes coordinates to six decimal places and an id on every element, most never
referred to; charts inline in one HTML page share one id space, so the ids that are referred to
(markers, clip paths) are prefixed with the chart's name and the rest are dropped. Coordinates are
kept to hundredths of a point, far below what a screen or printer resolves. Pure string work:
the bulletin inlines charts without importing matplotlib.
"""

from __future__ import annotations

import html
import itertools
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


def compact_path(data: str) -> str:
    """Path data on one line, a repeated line-to command written once (SVG repeats the last
    command for further coordinates, so 'L 1 2 L 3 4' and 'L 1 2 3 4' draw the same)."""
    tokens = data.split()
    kept, last = [], None
    for token in tokens:
        if token.isalpha():
            if token == last == "L":
                continue
            last = token
        kept.append(token)
    return " ".join(kept)


def tidy(svg: str, prefix: str) -> str:
    """Prefix the ids the drawing refers to, drop the others, round coordinates and write path
    data compactly."""
    referenced = {name for _, name in _REFERENCE.findall(svg)}

    def rename(match: re.Match) -> str:
        name = match.group(1)
        return f' id="{prefix}-{name}"' if name in referenced else ""

    svg = _ID.sub(rename, svg)
    svg = _REFERENCE.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", svg)
    svg = _GEOMETRY.sub(lambda m: m.group(1) + _NUMBER.sub(_rounded, m.group(2)) + '"', svg)
    return re.sub(r'(\sd=")([^"]*)"', lambda m: m.group(1) + compact_path(m.group(2)) + '"', svg)


def titled(svg: str, titles: dict[str, str]) -> str:
    """Give the groups with these ids a <title> (their accessible name and hover text) and mark
    them as named images; before `tidy`, which drops ids nothing refers to."""

    def name(match: re.Match) -> str:
        text = titles.get(match.group(1))
        if text is None:
            return match.group(0)
        return f'<g id="{match.group(1)}" class="named" role="img"><title>{escape(text)}</title>'

    return re.sub(r'<g id="([^"]+)">', name, svg)


def inline(svg: str, label: str, css_class: str) -> str:
    """The <svg> element alone, for a place in an HTML page: no XML prolog or metadata, its
    size set by the page's CSS (the viewBox keeps its shape), and `label` as its accessible
    name, so a screen reader announces the chart's text alternative. A chart whose parts are
    named (`titled`) is a group, so a screen reader can reach each part; any other is one
    image."""
    start = svg.index("<svg")
    element = re.sub(r"\s*<metadata>.*?</metadata>", "", svg[start:], flags=re.DOTALL)
    opening_end = element.index(">")
    opening = element[:opening_end]
    opening = re.sub(r'\s(?:width|height)="[^"]*"', "", opening)
    role = "group" if 'class="named"' in element else "img"
    opening += f' class="{escape(css_class)}" role="{role}" aria-label="{escape(label)}"'
    return opening + element[opening_end:].rstrip() + "\n"


# --- charts drawn as panels ------------------------------------------------------------------

PANEL_GAP = 12.0  # points between panels in a composed file
_SIZE = re.compile(r'\s(width|height)="([\d.]+)pt"')
_PANEL = re.compile(r'<svg class="panel" data-key="([^"]*)"[^>]*>.*?</svg>', re.DOTALL)


def balanced_columns(sizes: list[float], count: int) -> list[list[int]]:
    """Split items (by index, in order) into at most `count` columns whose tallest total is
    smallest."""
    count = max(1, min(count, len(sizes)))
    best = None
    for cuts in itertools.combinations(range(1, len(sizes)), count - 1):
        bounds = (0, *cuts, len(sizes))
        tallest = max(sum(sizes[a:b]) for a, b in itertools.pairwise(bounds))
        if best is None or tallest < best[0]:
            best = (tallest, bounds)
    bounds = best[1] if best else (0, len(sizes))
    return [list(range(a, b)) for a, b in itertools.pairwise(bounds)]


def size_in_points(svg: str) -> tuple[float, float]:
    opening = svg[svg.index("<svg") : svg.index(">", svg.index("<svg"))]
    sizes = dict(_SIZE.findall(opening))
    return float(sizes["width"]), float(sizes["height"])


def grid(
    sizes: list[tuple[float, float]], columns: int, gap: float = PANEL_GAP
) -> tuple[list[tuple[float, float]], float, float]:
    """Where each panel goes (top-left corners) in balanced columns `gap` apart, and the total
    width and height, all in the units of `sizes`."""
    placed: list[tuple[float, float]] = [(0.0, 0.0)] * len(sizes)
    x, height = 0.0, 0.0
    for column in balanced_columns([h for _, h in sizes], columns):
        y = 0.0
        for index in column:
            placed[index] = (x, y)
            y += sizes[index][1] + gap
        height = max(height, y - gap)
        x += max(sizes[i][0] for i in column) + gap
    return placed, x - gap, height


def compose(panels: list[tuple[str, str, str]], title: str, columns: int = 2) -> str:
    """One SVG document holding the panels (key, label, tidied SVG) in balanced columns, each a
    nested <svg class="panel"> that `panels` can take out again."""
    sizes = [size_in_points(svg) for _, _, svg in panels]
    placed, width, height = grid(sizes, columns)
    parts = []
    for (key, label, svg), (x, y), (w, h) in zip(panels, placed, sizes, strict=True):
        element = re.sub(r"\s*<metadata>.*?</metadata>", "", svg[svg.index("<svg") :],
                         flags=re.DOTALL).rstrip()  # fmt: skip
        end = element.index(">")
        opening = _SIZE.sub("", element[:end])
        opening = opening.replace(
            "<svg",
            f'<svg class="panel" data-key="{escape(key)}" data-label="{escape(label)}" '
            f'x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}"',
            1,
        )
        parts.append(opening + element[end:])
    return (
        '<?xml version="1.0" encoding="utf-8" standalone="no"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{width:g}pt" height="{height:g}pt" viewBox="0 0 {width:g} {height:g}" '
        f'version="1.1">\n <title>{escape(title)}</title>\n' + "\n".join(parts) + "\n</svg>\n"
    )


def panels(svg: str) -> list[dict[str, str]]:
    """The panels of a composed SVG, each as a standalone SVG document's element, with its key
    and label; empty for a chart drawn whole."""
    found = []
    for match in _PANEL.finditer(svg):
        element = match.group(0)
        end = element.index(">")
        opening = element[:end]
        label = html.unescape(re.search(r'data-label="([^"]*)"', opening).group(1))
        width, height = (re.search(rf'\s{name}="([\d.]+)"', opening).group(1)
                         for name in ("width", "height"))  # fmt: skip
        opening = re.sub(r'\s(?:class|data-key|data-label|x|y|width|height)="[^"]*"', "", opening)
        opening = opening.replace("<svg", f'<svg width="{width}pt" height="{height}pt"', 1)
        found.append({"key": match.group(1), "label": label, "svg": opening + element[end:]})
    return found
