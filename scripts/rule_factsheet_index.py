"""Snakemake adapter for rule `factsheet_index`: the index page and the ZIP of all factsheets."""

from pathlib import Path

from senco import layout
from senco.core.adapter import run_rule
from senco.core.fileio import write_text_atomic
from senco.findings.read import Findings
from senco.views.factsheets import IndexFiles, index_context, render_index, zip_factsheets
from senco.views.release import release_from


def step(snakemake) -> list[str]:
    inputs, outputs, params = snakemake.input, snakemake.output, snakemake.params
    findings = Findings.load(inputs.findings)
    files = IndexFiles(
        folder=Path(outputs.index).parent,
        factsheets={
            code: Path(folder) / layout.factsheet_name(code)
            for folder in inputs.regions
            for code in params.las_by_region[Path(folder).name]
        },
        archive=Path(outputs.zip),
        bulletin=Path(params.bulletin),
        spreadsheet=Path(params.spreadsheet),
    )
    context = index_context(findings, files, release_from(params.release))
    write_text_atomic(outputs.index, render_index(context))
    zip_factsheets(list(files.factsheets.values()), files.folder, files.archive)
    return [f"indexed and zipped {len(files.factsheets)} factsheets"]


run_rule(snakemake, step)  # noqa: F821  (snakemake is injected by the script directive)
