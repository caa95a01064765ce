"""Drawing one chart and writing its SVG, PNG and JSON sidecar."""

from __future__ import annotations

import importlib
import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from .. import layout, paths
from ..core.errors import SencoError
from ..core.fileio import write_bytes_atomic, write_json_atomic, write_text_atomic
from ..core.reference import followed_layout, following
from ..findings import ids
from ..findings.charts import CHART_NAMES, module_name
from ..findings.read import Findings
from . import style
from . import svg as svg_text
from .common import FigureInputs, Panel, fit_to_width, mark_synthetic, no_data_figure
from .data_csv import table_csv


def load_hexmap(
    path: str | Path,
    la_lookup: str | Path = paths.LA_REFERENCE_CSV,
    region_lookup: str | Path = paths.REGION_REFERENCE_CSV,
) -> dict[str, Any]:
    """The hex map layout, keyed by the live codes of its LAs (its 2023 codes followed through
    the lookup, so a recoded LA keeps its hexes)."""
    layout = json.loads(Path(path).read_text(encoding="utf-8"))
    return followed_layout(layout, following(la_lookup, region_lookup))


def chart_module(name: str):
    # Imported by name, so a chart's job runs only that chart's drawing code.
    return importlib.import_module(module_name(__package__, name))


def draw_panels(name: str, inputs: FigureInputs) -> list[Panel]:
    """The chart as one figure or as panels (a chart module with `draw_panels`), or a 'no data'
    figure with the message its findings give."""
    if name not in CHART_NAMES:
        raise SencoError(f"no chart {name!r}; the charts are {', '.join(CHART_NAMES)}")
    message = inputs.no_data(name)
    if message is not None:
        return [Panel("", "", no_data_figure(message))]
    module = chart_module(name)
    if hasattr(module, "draw_panels"):
        drawn = module.draw_panels(inputs)
    else:
        drawn = [Panel("", "", module.draw(inputs))]
    # Drawn at the width it is shown: the A4 text width, or a phone's.
    for panel in drawn:
        fit_to_width(panel.figure, inputs.widest)
    return drawn


def hover_titles(name: str, inputs: FigureInputs) -> dict[str, str]:
    """Names for parts of the drawing (a chart module's `hover_titles`), by their group ids."""
    if inputs.no_data(name) is not None:
        return {}
    module = chart_module(name)
    return module.hover_titles(inputs) if hasattr(module, "hover_titles") else {}


def draw(name: str, inputs: FigureInputs) -> Figure:
    """A chart drawn as one figure."""
    drawn = draw_panels(name, inputs)
    if len(drawn) != 1:
        raise SencoError(f"chart {name!r} is drawn as {len(drawn)} panels; use draw_panels")
    return drawn[0].figure


def sidecar(found: Findings, name: str) -> dict[str, Any]:
    """What travels with a chart's image: its words and its data table, from the findings."""

    def text(piece: str) -> str:
        return found.text(ids.chart(name, piece))

    table = found.get(ids.chart(name, "table"))
    return {
        "name": name,
        "title": text("title"),
        "subtitle": text("subtitle"),
        "source": found.text(ids.CHART_SOURCE),
        "alt_text": text("alt_text"),
        "synthetic": found.synthetic,
        "notes": found.notes(ids.chart(name, "note.")),
        "table": {
            "columns": table["columns"],
            "rows": [[cell["text"] for cell in row] for row in table["rows"]],
        },
    }


def write_chart(
    name: str,
    inputs: FigureInputs,
    svg: Path,
    png: Path,
    json_path: Path,
    phone: Path,
    csv_path: Path | None = None,
) -> dict:
    """Draw one chart and write its files: SVG, PNG, JSON sidecar, the SVG drawn at a phone's
    width (for a chart drawn as panels, which reflow, the same as the page's), and the table
    behind it as CSV (a download beside the bulletin)."""
    if csv_path is not None:
        write_text_atomic(csv_path, table_csv(inputs.findings.get(ids.chart(name, "table"))))
    described = write_drawing(name, inputs, svg, png, json_path)
    if inputs.no_data(name) is None and hasattr(chart_module(name), "draw_panels"):
        write_text_atomic(phone, svg.read_text(encoding="utf-8"))
    else:
        phone_inputs = replace(inputs, width=style.PHONE_WIDTH_INCHES)
        write_drawing(name, phone_inputs, phone, None, None, variant="phone")
    return described


def write_drawing(
    name: str,
    inputs: FigureInputs,
    svg: Path,
    png: Path | None,
    json_path: Path | None,
    variant: str = "",
) -> dict:
    style.apply()
    drawn = draw_panels(name, inputs)
    mark_synthetic(drawn[-1].figure, inputs.findings.synthetic)
    described = sidecar(inputs.findings, name)
    # No dates (reruns are byte-identical); the title and alt text travel with the file.
    metadata = {"Title": described["title"], "Description": described["alt_text"]}
    titles = hover_titles(name, inputs)
    svgs, pngs = [], []
    for panel in drawn:
        prefix = "-".join(filter(None, (name.replace("_", "-"), variant, panel.key)))
        text = io.StringIO()
        titled = {**metadata, "Title": panel.label} if panel.key else metadata
        panel.figure.savefig(text, format="svg", metadata={**titled, "Date": None})
        svgs.append(svg_text.tidy(svg_text.titled(text.getvalue(), titles), prefix=prefix))
        if png is not None:
            image = io.BytesIO()
            panel.figure.savefig(image, format="png", metadata={**metadata, "Software": None})
            pngs.append(image.getvalue())
        plt.close(panel.figure)
    if len(drawn) == 1:
        write_text_atomic(svg, svgs[0])
    else:
        parts = [(p.key, p.label, text) for p, text in zip(drawn, svgs, strict=True)]
        write_text_atomic(svg, svg_text.compose(parts, described["title"]))
    if png is not None:
        write_bytes_atomic(png, pngs[0] if len(pngs) == 1 else composed_png(pngs, metadata))
    if json_path is not None:
        write_json_atomic(json_path, described)
    return described


def composed_png(images: list[bytes], metadata: dict[str, str]) -> bytes:
    """Panels' PNGs in the same balanced columns as the composed SVG, on white."""
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    opened = [Image.open(io.BytesIO(data)) for data in images]
    gap = round(svg_text.PANEL_GAP / 72 * style.PNG_DPI)
    placed, width, height = svg_text.grid([(i.width, i.height) for i in opened], 2, gap)
    sheet = Image.new("RGB", (round(width), round(height)), "white")
    for image, (x, y) in zip(opened, placed, strict=True):
        sheet.paste(image.convert("RGB"), (round(x), round(y)))
    info = PngInfo()
    for key, value in metadata.items():
        info.add_text(key, value)
    out = io.BytesIO()
    sheet.save(out, format="PNG", pnginfo=info, dpi=(style.PNG_DPI, style.PNG_DPI))
    return out.getvalue()


def render_all(
    inputs: FigureInputs, out_dir: str | Path, csv_dir: str | Path | None = None
) -> list[dict[str, Any]]:
    """Every chart into `out_dir` as `<name>.svg`, `.png` and `.json` (and its table as
    `<name>.csv` in `csv_dir`, if given)."""
    out_dir = Path(out_dir)
    return [
        write_chart(
            name,
            inputs,
            *(out_dir / f"{name}.{ext}" for ext in ("svg", "png", "json", layout.PHONE_SVG)),
            Path(csv_dir) / f"{name}.csv" if csv_dir is not None else None,
        )
        for name in CHART_NAMES
    ]
