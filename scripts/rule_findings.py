"""Snakemake adapter for rule `findings`: see senco.findings."""

import json

from senco.adapter import run_rule
from senco.fileio import write_text_atomic
from senco.findings.build import build, markdown, to_json
from senco.tables import IndicatorTables


def step(snakemake) -> list[str]:
    inputs, outputs = snakemake.input, snakemake.output
    tables = IndicatorTables.load(
        inputs.la_indicators,
        inputs.aggregates,
        inputs.definitions,
        inputs.provenance,
        snakemake.params.small_base_min,
    )
    found = build(tables, list(snakemake.params.la_codes))
    text = to_json(found)
    write_text_atomic(outputs.json, text)
    write_text_atomic(outputs.md, markdown(json.loads(text)))
    return [f"{len(found.findings)} findings"]


run_rule(snakemake, step)  # noqa: F821  (snakemake is injected by the script directive)
