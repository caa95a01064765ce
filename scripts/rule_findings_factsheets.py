"""Snakemake adapter for rule `findings_factsheets`: see senco.findings.factsheets."""

from senco.core.adapter import run_rule
from senco.findings.factsheets import findings
from senco.findings.write import findings_step

# Every LA in the DfE lookup gets a factsheet, whether or not it is in this release.
codes = list(snakemake.params.la_codes)  # noqa: F821  (snakemake is injected by the script directive)
run_rule(snakemake, findings_step(lambda tables: findings(tables, codes)))  # noqa: F821
