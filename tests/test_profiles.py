"""Scale-out: the SLURM profile plans the same jobs as a local run, with per-rule resources."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from senco import paths
from senco.findings.charts import CHART_NAMES

SNAKEMAKE = Path(sys.executable).parent / "snakemake"
EXPECTED_JOBS = {
    "acquire": 1,
    "clean": 1,
    "indicators": 1,
    "findings_bulletin": 1,
    "findings_factsheets": 1,
    "findings_report": 1,
    "figures": len(CHART_NAMES),  # one job per chart, over the {chart} wildcard
    "downloads": 1,
    "bulletin": 1,
    "factsheet_index": 1,
    "all": 1,
    "factsheets": 9,  # one job per region, over the {region} wildcard
}


def dry_run(tmp_path: Path, *arguments: str) -> str:
    run = subprocess.run(
        [str(SNAKEMAKE), "--snakefile", str(paths.REPO_ROOT / "Snakefile"), "--directory",
         str(tmp_path), "--dry-run", *arguments],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout


def planned_jobs(tmp_path: Path, *arguments: str) -> dict[str, int]:
    plan = dry_run(tmp_path, *arguments)
    table = re.search(r"Job stats:\njob\s+count\n[-\s]+\n(.*?)\ntotal", plan, re.S)
    assert table, plan[-2000:]
    return {line.split()[0]: int(line.split()[1]) for line in table.group(1).splitlines()}


def test_a_dry_run_with_the_slurm_profile_plans_every_job(tmp_path):
    profile = paths.REPO_ROOT / "profiles" / "slurm"
    assert planned_jobs(tmp_path, "--workflow-profile", str(profile)) == EXPECTED_JOBS


def test_the_default_profile_plans_the_same_jobs(tmp_path):
    assert planned_jobs(tmp_path, "--cores", "2") == EXPECTED_JOBS


def test_the_bulletins_chain_starts_before_the_factsheets_that_can_wait(tmp_path):
    """With two cores, the figures, downloads and bulletin (the longest chain) go first and the
    factsheets fill the other core; the other way round the bulletin ran alone at the end."""
    plan = dry_run(tmp_path, "--cores", "2")
    priorities: dict[str, set[int]] = {}
    for job in re.split(r"\n(?=(?:local)?rule \w+:)", plan):
        rule = re.match(r"(?:local)?rule (\w+):", job)
        if rule:
            priority = re.search(r"^\s+priority: (\d+)$", job, re.M)
            priorities.setdefault(rule.group(1), set()).add(
                int(priority.group(1)) if priority else 0
            )
    chain = priorities["figures"] | priorities["downloads"] | priorities["bulletin"]
    assert min(chain) > max(priorities["factsheets"]), priorities


def test_the_slurm_profile_names_resources_for_real_rules():
    profile = yaml.safe_load((paths.REPO_ROOT / "profiles" / "slurm" / "config.yaml").read_text())
    assert profile["executor"] == "slurm"
    assert {"mem_mb", "runtime"} <= set(profile["default-resources"])
    assert set(profile["set-resources"]) <= set(EXPECTED_JOBS)


def test_the_pipeline_code_never_imports_pandas():
    """pandas comes only with the SLURM executor plugin; no pipeline code uses it."""
    sources = list((paths.REPO_ROOT / "scripts").rglob("*.py"))
    sources += list((paths.REPO_ROOT / "workflow").rglob("*.smk")) + [paths.REPO_ROOT / "Snakefile"]
    for source in sources:
        assert not re.search(r"^\s*(import|from)\s+pandas\b", source.read_text(), re.M), source
