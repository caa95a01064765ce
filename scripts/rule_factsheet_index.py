"""Snakemake adapter for rule `factsheet_index`: the index page and the ZIP of all factsheets."""

from pathlib import Path

from senco.adapter import run_rule
from senco.bulletin import Numbers
from senco.factsheets import FactsheetData, index_context, render_index, zip_factsheets
from senco.fileio import write_text_atomic


def step(snakemake) -> list[str]:
    inputs, outputs = snakemake.input, snakemake.output
    data = FactsheetData.load(
        inputs.la_indicators, inputs.aggregates, inputs.definitions, inputs.provenance
    )
    write_text_atomic(outputs.index, render_index(index_context(data, Numbers(data.definitions))))
    pdfs = [Path(path) for path in inputs.pdfs]
    zip_factsheets(pdfs, Path(outputs.zip))
    return [f"indexed and zipped {len(pdfs)} factsheets"]


run_rule(snakemake, step)  # noqa: F821  (snakemake is injected by the script directive)
