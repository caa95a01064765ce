# Shared by every rule: config validation, the package on the path, and output locations.
import json
import sys
from pathlib import Path

from snakemake.exceptions import WorkflowError
from snakemake.utils import validate

sys.path.insert(0, str(Path(workflow.basedir) / "scripts"))

from senco import paths  # noqa: E402  (needs the path above)
from senco.config import one_line_config_error  # noqa: E402

try:
    validate(config, schema=str(paths.CONFIG_SCHEMA))
except WorkflowError as error:
    # One line naming the key, instead of Snakemake's multi-line report of the schema error.
    print(f"error: {one_line_config_error(error)}", file=sys.stderr)
    sys.exit(1)

# A local source must exist now: a missing input would otherwise let Snakemake keep old results.
if config["source"] not in ("snapshot", "ees") and not Path(config["source"]).is_file():
    print(
        f"error: config key source: no such file {config['source']!r}", file=sys.stderr
    )
    sys.exit(1)

# All rules run in this environment under `--sdm conda`; the Makefile venv has the same pins.
ENV = "../../environment.yml"

RAW = "results/raw"
CLEAN = "results/clean"
INDICATORS = "results/indicators"
LOGS = "results/logs"
FIGURES = "results/figures"
BULLETIN = "results/bulletin"

# The package all rules import: a change to it reruns them (Snakemake alone tracks only the
# rule's own script).
SENCO_SOURCES = sorted(
    str(path) for path in (Path(workflow.basedir) / "scripts" / "senco").glob("*.py")
)
FACTSHEETS = "results/factsheets"


def acquire_inputs(wildcards):
    """The bundled snapshot, or the user's local file, so edits to either trigger a rerun."""
    if config["source"] == "snapshot":
        manifest = paths.SNAPSHOT_MANIFEST
        return [
            str(manifest),
            str(manifest.parent / json.loads(manifest.read_text())["file"]),
        ]
    if config["source"] == "ees":
        return []
    return [config["source"]]
