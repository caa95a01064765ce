"""Snakemake adapter for rule `factsheets` (one region per job): see senco.views.factsheets."""

import json
from pathlib import Path

from senco.core.adapter import inputs_loaded, run_rule
from senco.findings.read import Findings
from senco.views.factsheets import write_factsheets
from senco.views.release import release_from
from senco.views.revised import read_revised


def step(snakemake) -> list[str]:
    inputs = snakemake.input
    findings = Findings.load(inputs.findings)
    provenance = json.loads(Path(inputs.provenance).read_text(encoding="utf-8"))
    out_dir = Path(snakemake.output[0])
    inputs_loaded()
    release = release_from(snakemake.params.release)
    revised = read_revised(inputs.revisions)  # none without an earlier build
    written = write_factsheets(list(snakemake.params.codes), findings, provenance, out_dir,
                               release, revised)  # fmt: skip
    return [f"wrote {path}" for path in written]


run_rule(snakemake, step)  # noqa: F821  (snakemake is injected by the script directive)
