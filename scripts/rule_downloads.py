"""Snakemake adapter for rule `downloads`: see senco.downloads."""

from pathlib import Path

import polars as pl

from senco.adapter import run_rule
from senco.charts import CHART_NAMES
from senco.downloads import write_all
from senco.findings.read import Findings


def step(snakemake) -> list[str]:
    inputs, outputs = snakemake.input, snakemake.output
    rows = write_all(
        pl.read_parquet(inputs.la_indicators),
        pl.read_parquet(inputs.aggregates),
        pl.read_parquet(inputs.definitions),
        Findings.load(inputs.findings),
        Path(outputs.data),
        Path(outputs.meta),
        Path(outputs.spreadsheet),
        dict(zip(CHART_NAMES, map(Path, outputs.charts), strict=True)),
    )
    return [f"data file: {rows} rows", f"chart tables: {len(CHART_NAMES)}"]


run_rule(snakemake, step)  # noqa: F821  (snakemake is injected by the script directive)
