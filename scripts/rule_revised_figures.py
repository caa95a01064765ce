"""Snakemake adapter for rule `revised_figures`: see senco.revisions.compare."""

from pathlib import Path

from senco import layout
from senco.core.adapter import run_rule
from senco.revisions.compare import compare, read_build, write_revision_table


def step(snakemake) -> list[str]:
    previous = Path(snakemake.params.previous)
    old, new = (read_build(folder, with_findings=False) for folder in (previous, layout.RESULTS))
    report = compare(old, new, findings=False)
    write_revision_table(report, snakemake.output[0])
    return [f"{len(report.revisions)} figures revised against {previous}"]


run_rule(snakemake, step)  # noqa: F821  (snakemake is injected by the script directive)
