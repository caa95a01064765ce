"""Snakemake adapter for rule `revisions`: see senco.revisions."""

from pathlib import Path

from senco import layout
from senco.core.adapter import run_rule
from senco.revisions.compare import compare, read_build
from senco.revisions.report import write_report


def step(snakemake) -> list[str]:
    previous = Path(snakemake.params.previous)
    report = compare(read_build(previous), read_build(Path(layout.RESULTS)))
    write_report(report, previous, Path(layout.RESULTS), Path(snakemake.output.csv).parent)
    return [f"{len(report.revisions)} revisions against {previous}"]


run_rule(snakemake, step)  # noqa: F821  (snakemake is injected by the script directive)
