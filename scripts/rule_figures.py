"""Snakemake adapter for rule `figures` (one job per chart): the chart's findings
(senco.findings.charts), then its drawing (senco.figures)."""

import json
from pathlib import Path

from senco.core.adapter import inputs_loaded, run_rule
from senco.core.fileio import write_text_atomic
from senco.figures.common import FigureInputs
from senco.figures.output import load_hexmap, write_chart
from senco.findings.charts.common import findings
from senco.findings.read import Findings
from senco.findings.write import tables_of, to_json


def step(snakemake) -> list[str]:
    inputs, outputs, chart = snakemake.input, snakemake.output, snakemake.wildcards.chart
    tables = tables_of(snakemake)
    said = to_json(findings(tables, chart))
    write_text_atomic(outputs.findings, said)
    # Drawn from the findings as written, exactly as the bulletin will read them.
    hexmap = load_hexmap(*inputs.hexmap) if inputs.hexmap else {}
    figure_inputs = FigureInputs(tables, Findings.of(json.loads(said), outputs.findings), hexmap)
    inputs_loaded()
    sidecar = write_chart(
        chart,
        figure_inputs,
        Path(outputs.svg),
        Path(outputs.png),
        Path(outputs.sidecar),
        Path(outputs.phone),
        Path(outputs.csv),
    )
    return [f"{chart}: {sidecar['title']}"]


run_rule(snakemake, step)  # noqa: F821  (snakemake is injected by the script directive)
