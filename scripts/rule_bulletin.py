"""Snakemake adapter for rule `bulletin`: see senco.views.bulletin."""

import json
from pathlib import Path

from senco import paths
from senco.core.adapter import inputs_loaded, run_rule
from senco.core.fileio import write_text_atomic
from senco.views import render
from senco.views.bulletin import build_context, files_of, load_inputs, render_html, write_pdf
from senco.views.release import release_from


def step(snakemake) -> list[str]:
    inputs, outputs = snakemake.input, snakemake.output
    bulletin = load_inputs(
        definitions=Path(inputs.definitions),
        files=files_of(Path(outputs.html).parent, inputs, snakemake.params.factsheet_index),
        provenance=json.loads(Path(inputs.provenance).read_text(encoding="utf-8")),
        validation=json.loads(Path(inputs.validation).read_text(encoding="utf-8")),
        findings=[Path(path) for path in inputs.findings],
        release=release_from(snakemake.params.release),
        caveats=Path(inputs.caveats),
    )
    context = build_context(bulletin)
    inputs_loaded()
    html = render_html(context)
    write_text_atomic(outputs.html, html)
    fetcher = render.RestrictedFetcher([paths.REPO_ROOT, Path.cwd()])
    write_pdf(context, outputs.pdf, fetcher)
    lines = [f"main point: {point}" for point in context["main_points"]]
    return lines + [f"refused to fetch: {url}" for url in fetcher.refused]


run_rule(snakemake, step)  # noqa: F821  (snakemake is injected by the script directive)
