"""Snakemake adapter for rule `findings_bulletin`: see senco.findings.bulletin."""

from senco.core.adapter import run_rule
from senco.findings.bulletin import findings
from senco.findings.write import findings_step

run_rule(snakemake, findings_step(findings))  # noqa: F821  (snakemake is injected by the script directive)
