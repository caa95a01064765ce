"""Snakemake adapter for rule `figures`: see senco.figures."""

from pathlib import Path

import polars as pl

from senco.adapter import run_rule
from senco.figures import ChartData, load_hexmap, render_all
from senco.published import DATA_STATUS_SYNTHETIC


def step(snakemake) -> list[str]:
    inputs = snakemake.input
    la = pl.read_parquet(inputs.la_indicators)
    data = ChartData(
        la=la,
        areas=pl.read_parquet(inputs.aggregates),
        definitions=pl.read_parquet(inputs.definitions),
        hexmap=load_hexmap(inputs.hexmap),
        synthetic=bool((la["data_status"] == DATA_STATUS_SYNTHETIC).any()),
    )
    sidecars = render_all(data, Path(snakemake.output.svg[0]).parent)
    return [f"{sidecar['name']}: {sidecar['title']}" for sidecar in sidecars]


run_rule(snakemake, step)  # noqa: F821  (snakemake is injected by the script directive)
