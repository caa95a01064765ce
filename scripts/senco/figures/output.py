"""Drawing one chart and writing its SVG, PNG and JSON sidecar."""

from __future__ import annotations

import importlib
import io
import json
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from .. import style
from .. import svg as svg_text
from ..charts import CHART_NAMES, SOURCE_ID, finding_id
from ..errors import SencoError
from ..fileio import atomic_path, write_json_atomic, write_text_atomic
from ..findings.read import Findings
from .common import FigureInputs, mark_synthetic, no_data_figure


def load_hexmap(path: str | Path) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def draw(name: str, inputs: FigureInputs) -> Figure:
    """The chart's figure, or a 'no data' panel with the message its findings give."""
    if name not in CHART_NAMES:
        raise SencoError(f"no chart {name!r}; the charts are {', '.join(CHART_NAMES)}")
    message = inputs.no_data(name)
    if message is not None:
        return no_data_figure(message)
    # Imported by name, so a chart's job runs only that chart's drawing code.
    return importlib.import_module(f"{__package__}.{name}").draw(inputs)


def sidecar(found: Findings, name: str) -> dict[str, Any]:
    """What travels with a chart's image: its words and its data table, from the findings."""

    def text(piece: str) -> str:
        return found.text(finding_id(name, piece))

    table = found.get(finding_id(name, "table"))
    return {
        "name": name,
        "title": text("title"),
        "subtitle": text("subtitle"),
        "source": found.text(SOURCE_ID),
        "alt_text": text("alt_text"),
        "synthetic": found.synthetic,
        "notes": found.texts(finding_id(name, "note.")),
        "table": {
            "columns": table["columns"],
            "rows": [[cell["text"] for cell in row] for row in table["rows"]],
        },
    }


def write_chart(name: str, inputs: FigureInputs, svg: Path, png: Path, json_path: Path) -> dict:
    """Draw one chart and write its three files; returns the sidecar."""
    style.apply()
    figure = draw(name, inputs)
    mark_synthetic(figure, inputs.findings.synthetic)
    described = sidecar(inputs.findings, name)
    # No dates (reruns are byte-identical); the title and alt text travel with the file.
    metadata = {"Title": described["title"], "Description": described["alt_text"]}
    drawn = io.StringIO()
    figure.savefig(drawn, format="svg", metadata={**metadata, "Date": None})
    write_text_atomic(svg, svg_text.tidy(drawn.getvalue(), prefix=name.replace("_", "-")))
    with atomic_path(png) as temporary:
        figure.savefig(temporary, format="png", metadata={**metadata, "Software": None})
    plt.close(figure)
    write_json_atomic(json_path, described)
    return described


def render_all(inputs: FigureInputs, out_dir: str | Path) -> list[dict[str, Any]]:
    """Every chart into `out_dir` as `<name>.svg`, `.png` and `.json`."""
    out_dir = Path(out_dir)
    return [
        write_chart(name, inputs, *(out_dir / f"{name}.{ext}" for ext in ("svg", "png", "json")))
        for name in CHART_NAMES
    ]
