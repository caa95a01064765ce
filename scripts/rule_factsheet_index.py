"""Snakemake adapter for rule `factsheet_index`: the index page and the ZIP of all factsheets."""

from pathlib import Path

from senco.core.adapter import run_rule
from senco.core.fileio import write_text_atomic
from senco.findings.read import Findings
from senco.views.factsheets import index_context, render_index, zip_factsheets


def step(snakemake) -> list[str]:
    inputs, outputs = snakemake.input, snakemake.output
    findings = Findings.load(inputs.findings)
    las_by_region = snakemake.params.las_by_region
    pdfs = [
        Path(folder) / f"{code}.pdf"
        for folder in inputs.regions
        for code in las_by_region[Path(folder).name]
    ]
    folder = Path(outputs.index).parent
    write_text_atomic(outputs.index, render_index(index_context(findings, folder)))
    zip_factsheets(pdfs, folder, Path(outputs.zip))
    return [f"indexed and zipped {len(pdfs)} factsheets"]


run_rule(snakemake, step)  # noqa: F821  (snakemake is injected by the script directive)
