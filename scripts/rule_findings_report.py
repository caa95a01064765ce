"""Snakemake adapter for rule `findings_report`: every findings file as one findings.md."""

from senco.core.adapter import run_rule
from senco.core.fileio import write_text_atomic
from senco.findings.read import read_merged
from senco.findings.review import markdown


def step(snakemake) -> list[str]:
    paths = list(snakemake.input.findings)
    record = read_merged(paths)
    write_text_atomic(snakemake.output.md, markdown(record))
    return [f"{len(record['findings'])} findings from {len(paths)} files"]


run_rule(snakemake, step)  # noqa: F821  (snakemake is injected by the script directive)
