"""Running the Snakemake workflow from a test, in a fresh directory, as `make build` runs it."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from senco import paths

SNAKEMAKE = Path(sys.executable).parent / "snakemake"
CLEAN_FILES = (
    "senco_la.parquet",
    "senco_la.csv",
    "validation.json",
    "validation.md",
    "data_dictionary.md",
)


# As `make build` runs it: the regions' factsheets and the charts render side by side.
CORES = 2


def snakemake(
    workdir: Path, *config: str, target: str = "all", dry_run: bool = False
) -> subprocess.CompletedProcess:
    command = [
        str(SNAKEMAKE),
        "--snakefile",
        str(paths.REPO_ROOT / "Snakefile"),
        "--directory",
        str(workdir),
        "--cores",
        str(CORES),
    ]
    if dry_run:
        command.append("--dry-run")
    if config:
        command += ["--config", *config]
    # As quiet as `make build`. --quiet and --config take optional values, so "--" keeps the
    # target from being read as one.
    command += ["--quiet", "all", "--", target]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def error_lines(run: subprocess.CompletedProcess) -> list[str]:
    """The run's distinct error lines, in order (a failed run prints them as its step fails
    and again at its end)."""
    lines = [line for line in run.stderr.splitlines() if line.startswith("error: ")]
    return list(dict.fromkeys(lines))


def digests(directory: Path) -> dict[str, str]:
    return {
        str(path.relative_to(directory)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }
