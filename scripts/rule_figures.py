"""Snakemake adapter for rule `figures` (one job per chart): see senco.figures."""

from pathlib import Path

from senco.adapter import inputs_loaded, run_rule
from senco.figures.common import FigureInputs
from senco.figures.output import load_hexmap, write_chart
from senco.findings.read import Findings
from senco.tables import IndicatorTables


def step(snakemake) -> list[str]:
    inputs, outputs, chart = snakemake.input, snakemake.output, snakemake.wildcards.chart
    tables = IndicatorTables.load(
        inputs.la_indicators, inputs.aggregates, inputs.definitions, inputs.provenance
    )
    hexmap = load_hexmap(*inputs.hexmap) if inputs.hexmap else {}
    figure_inputs = FigureInputs(tables, Findings.load(inputs.findings), hexmap)
    inputs_loaded()
    sidecar = write_chart(
        chart,
        figure_inputs,
        Path(outputs.svg),
        Path(outputs.png),
        Path(outputs.sidecar),
        Path(outputs.phone),
    )
    return [f"{chart}: {sidecar['title']}"]


run_rule(snakemake, step)  # noqa: F821  (snakemake is injected by the script directive)
