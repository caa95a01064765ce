"""Snakemake adapter for rule `publication_check`: see senco.views.release.refusal."""

import json
from pathlib import Path

import polars as pl

from senco import layout
from senco.core.adapter import run_rule
from senco.core.errors import SencoError
from senco.core.fileio import write_text_atomic
from senco.findings.check import check
from senco.findings.read import read_merged
from senco.indicators.tables import REVISIONS_TABLE
from senco.views.release import refusal


def step(snakemake) -> list[str]:
    inputs = snakemake.input
    provenance = json.loads(Path(inputs.provenance).read_text(encoding="utf-8"))
    found = read_merged(list(inputs.findings))
    frames = {name: pl.read_parquet(inputs[name]) for name in layout.CITED_TABLES}
    # With an earlier build, the Revisions section's findings cite the revisions table.
    for path in inputs.revisions:
        frames[REVISIONS_TABLE] = pl.read_parquet(path)
    checked, problems = check(found, frames, pl.read_parquet(inputs.definitions))
    if (reason := refusal(bool(provenance["synthetic"]), problems)) is not None:
        raise SencoError(reason)
    summary = (
        f"Publication check passed: data {provenance.get('sha256', '')}, not synthetic; "
        f"{len(found['findings'])} findings, {checked} cited values recomputed and agreeing."
    )
    write_text_atomic(snakemake.output[0], summary + "\n")
    return [summary]


run_rule(snakemake, step)  # noqa: F821  (snakemake is injected by the script directive)
