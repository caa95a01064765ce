# Shared by every rule: config validation, output locations, and each rule's code dependencies.
import hashlib
import json
import sys
import time
from pathlib import Path

import yaml

from snakemake.exceptions import WorkflowError
from snakemake.utils import validate

# `senco` is installed into the environment (`pip install -e .`, done by `make build`).
from senco import layout, paths
from senco.acquire.credentials import redacted
from senco.acquire.kinds import SOURCE_EES_API, SOURCE_LOCAL, source_kind
from senco.findings.charts import CHART_NAMES
from senco.core.config import as_typed, beyond_schema, one_line_config_error
from senco.core.errors import SencoError
from senco.core.outcome import on_error, on_start, on_success
from senco.core.neighbours import read_neighbours
from senco.core.reference import by_region, live_codes
from senco.views.release import KEYS as RELEASE_KEYS, publishing, unset_to_publish
from senco.core.rule_code import PACKAGE_DIR, modules_used_by, remember_imports_in


def stop(problem):
    """End the run before it starts with one line, instead of Snakemake's multi-line report."""
    print(f"error: {problem}", file=sys.stderr)
    sys.exit(1)


config.update(as_typed(config, yaml.safe_load(paths.CONFIG_SCHEMA.read_text())))
try:
    validate(config, schema=str(paths.CONFIG_SCHEMA))
except WorkflowError as error:
    stop(one_line_config_error(error))  # names the key
if (problem := beyond_schema(config)) is not None:
    stop(problem)
if (problem := unset_to_publish(config)) is not None:
    stop(problem)
# The release essentials every view shows (a param, so changing one reruns the views).
RELEASE = {key: config[key] for key in RELEASE_KEYS}

# The lookups of LA codes and regions (configuration; the bundled copies by default).
LA_LOOKUP = str(paths.project_file(config["la_lookup"]))
REGION_LOOKUP = str(paths.project_file(config["region_lookup"]))

# Files the configuration names must exist now: a missing input would otherwise let Snakemake
# keep old results.
STATISTICAL_NEIGHBOURS = str(paths.project_file(config["statistical_neighbours"]))
named_files = {
    "la_lookup": LA_LOOKUP,
    "region_lookup": REGION_LOOKUP,
    "statistical_neighbours": STATISTICAL_NEIGHBOURS,
}
if source_kind(config["source"]) == SOURCE_EES_API and not config["data_set_id"]:
    stop(
        "config key data_set_id: source ees-api needs the API data set's ID (see the README)"
    )
if source_kind(config["source"]) == SOURCE_LOCAL:
    named_files = {"source": config["source"], **named_files}
for key, named in named_files.items():
    if not Path(named).is_file():
        stop(f"config key {key}: no such file {named!r}")

# An earlier build to report revisions against: its files' presence checked now, so a missing or
# foreign folder stops the run in one line before anything is built (the revisions rule reads it).
PREVIOUS_RELEASE = config["previous_release"]
if PREVIOUS_RELEASE:
    if Path(PREVIOUS_RELEASE).resolve() == Path(layout.RESULTS).resolve():
        stop(f"config key previous_release: {PREVIOUS_RELEASE!r} is this build's own results "
             "folder; name a copy of the earlier build")  # fmt: skip
    from senco.revisions.compare import check_layout  # only then: it loads Polars

    try:
        check_layout(Path(PREVIOUS_RELEASE))
    except SencoError as error:
        stop(f"config key previous_release: {error}")
# What the bulletin's Revisions section, the factsheets' revised marks and the publication check
# read when there is an earlier build: nothing without one.
REVISIONS_FINDINGS = [layout.REVISIONS_FINDINGS] if PREVIOUS_RELEASE else []
REVISIONS_TABLE = [layout.REVISIONS_TABLE] if PREVIOUS_RELEASE else []
REVISIONS_DOWNLOAD = [layout.REVISIONS_DOWNLOAD] if PREVIOUS_RELEASE else []
REVISED_FIGURES = [layout.REVISED_FIGURES] if PREVIOUS_RELEASE else []

# When this run started (set by onstart): a failed run reports the errors its steps logged since.
RUN_STARTED = []

# All rules run in this environment under `--sdm conda`; the Makefile venv has the same pins.
ENV = "../../environment.yml"
SCRIPTS = Path(workflow.basedir) / "scripts"

# Jobs of a higher priority start first when cores are free (Snakemake's `priority`).
BULLETIN_CHAIN_PRIORITY = 10

# The live LAs of each region, from the lookup: one factsheet job per region.
# The neighbour groups are checked against the lookup now: a bad file stops the run before any
# step writes anything.
try:
    LIVE_LAS = live_codes(LA_LOOKUP, REGION_LOOKUP)
    LAS_BY_REGION = by_region(LIVE_LAS)
    read_neighbours(STATISTICAL_NEIGHBOURS, LIVE_LAS)
except SencoError as error:
    stop(error)
REGIONS = sorted(LAS_BY_REGION)


wildcard_constraints:
    region="|".join(REGIONS),
    chart="|".join(CHART_NAMES),


remember_imports_in(Path(".snakemake") / "senco_imports.json")


def code_of(script):
    """The package modules `script` imports (read from its source), so that editing a module
    reruns only the rules that run it. Snakemake itself tracks the script."""
    return [str(path) for path in modules_used_by(SCRIPTS / script)]


def fonts(mono=True):
    names = (*paths.FONT_FILES, paths.MONO_FONT_FILE) if mono else paths.FONT_FILES
    return [str(paths.FONTS_DIR / name) for name in names]


def templates(*names):
    return [str(paths.TEMPLATES_DIR / name) for name in names]


def acquire_inputs(wildcards):
    """The bundled snapshot, or the user's local file, so edits to either trigger a rerun."""
    if config["source"] == "snapshot":
        manifest = paths.SNAPSHOT_MANIFEST
        return [
            str(manifest),
            str(manifest.parent / json.loads(manifest.read_text())["file"]),
        ]
    if source_kind(config["source"]) != SOURCE_LOCAL:
        return []  # a download: nothing on disk to watch
    return [config["source"]]


def source_sha256():
    """The local source's sha256 when the workflow loads, as a param of `acquire`: a corrected
    file reruns it whatever its modification time (a copy with `cp -p` keeps an older one), and
    the rule checks that what it reads still has this checksum. None for a download."""
    if source_kind(config["source"]) != SOURCE_LOCAL:
        return None
    with open(config["source"], "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def region_las(wildcards):
    return LAS_BY_REGION[wildcards.region]


def figure_code(wildcards):
    """The adapter's modules, and the chart's own wording and drawing modules, which it imports
    by name."""
    own = [PACKAGE_DIR / "findings" / "charts", PACKAGE_DIR / "figures"]
    modules = [folder / f"{wildcards.chart}.py" for folder in own]
    found = {
        str(path) for module in modules for path in (module, *modules_used_by(module))
    }
    return sorted({*code_of("rule_figures.py"), *found})


def figure_files(extension):
    return [layout.figure_file(name, extension) for name in CHART_NAMES]
