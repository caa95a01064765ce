"""Snakemake adapter for rule `downloads`: see senco.views.downloads."""

import json
from pathlib import Path

import polars as pl

from senco.core.adapter import run_rule
from senco.views.downloads import write_all
from senco.views.release import release_from


def step(snakemake) -> list[str]:
    inputs, outputs = snakemake.input, snakemake.output
    provenance = json.loads(Path(inputs.provenance).read_text(encoding="utf-8"))
    rows = write_all(
        pl.read_parquet(inputs.la_indicators),
        pl.read_parquet(inputs.aggregates),
        pl.read_parquet(inputs.definitions),
        pl.read_parquet(inputs.caveats),
        bool(provenance["synthetic"]),
        Path(outputs.data),
        Path(outputs.meta),
        Path(outputs.guidance),
        Path(outputs.spreadsheet),
        snakemake.params.small_base_min,
        release_from(snakemake.params.release),
        pl.read_parquet(inputs.statistical_neighbours),
    )
    return [f"data file: {rows} rows"]


run_rule(snakemake, step)  # noqa: F821  (snakemake is injected by the script directive)
