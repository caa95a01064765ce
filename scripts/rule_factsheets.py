"""Snakemake adapter for the per-region factsheet rules: see senco.factsheets."""

from pathlib import Path

from senco.adapter import run_rule
from senco.factsheets import FactsheetData, write_factsheets


def step(snakemake) -> list[str]:
    inputs = snakemake.input
    data = FactsheetData.load(
        inputs.la_indicators, inputs.aggregates, inputs.definitions, inputs.provenance
    )
    out_dir = Path(snakemake.output[0]).parent
    written = write_factsheets(list(snakemake.params.codes), data, out_dir)
    return [f"wrote {path}" for path in written]


run_rule(snakemake, step)  # noqa: F821  (snakemake is injected by the script directive)
