"""Snakemake adapter for rule `findings_report`: every findings file as one findings.md."""

import json
from pathlib import Path

from senco.core.adapter import run_rule
from senco.core.fileio import write_text_atomic
from senco.findings.read import merged
from senco.findings.review import markdown


def step(snakemake) -> list[str]:
    paths = list(snakemake.input.findings)
    records = [json.loads(Path(path).read_text(encoding="utf-8")) for path in paths]
    record = merged(records, ", ".join(paths))
    write_text_atomic(snakemake.output.md, markdown(record))
    return [f"{len(record['findings'])} findings from {len(paths)} files"]


run_rule(snakemake, step)  # noqa: F821  (snakemake is injected by the script directive)
