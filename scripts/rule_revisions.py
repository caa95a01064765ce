"""Snakemake adapter for rule `revisions`: see senco.revisions."""

from pathlib import Path

from senco import layout
from senco.core.adapter import run_rule
from senco.core.fileio import write_bytes_atomic, write_text_atomic
from senco.findings.write import tables_of, to_json
from senco.revisions.compare import compare, read_build, write_revision_table
from senco.revisions.findings import revisions_findings
from senco.revisions.report import write_report


def step(snakemake) -> list[str]:
    previous = Path(snakemake.params.previous)
    report = compare(read_build(previous), read_build(Path(layout.RESULTS)))
    csv_path, _ = write_report(report, previous, Path(layout.RESULTS),
                               Path(snakemake.output.csv).parent)  # fmt: skip
    write_bytes_atomic(snakemake.output.download, csv_path.read_bytes())  # the bulletin's copy
    table = write_revision_table(report, snakemake.output.table)
    found = revisions_findings(tables_of(snakemake), table, report)
    write_text_atomic(snakemake.output.findings, to_json(found))
    return [f"{len(report.revisions)} revisions against {previous}"]


run_rule(snakemake, step)  # noqa: F821  (snakemake is injected by the script directive)
