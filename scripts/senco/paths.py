"""Where the bundled inputs and schemas live, relative to the repository.

Bundled files are found from this package's location, so the pipeline works from any working
directory; generated outputs go under the working directory's `results/` (see the rules).
"""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SCHEMAS_DIR = REPO_ROOT / "workflow" / "schemas"
RESOURCES_DIR = REPO_ROOT / "resources"

SNAPSHOT_DIR = RESOURCES_DIR / "snapshot"
SNAPSHOT_MANIFEST = SNAPSHOT_DIR / "manifest.json"

REFERENCE_DIR = RESOURCES_DIR / "reference"
LA_REFERENCE_CSV = REFERENCE_DIR / "las.csv"
STATISTICAL_NEIGHBOURS_CSV = REFERENCE_DIR / "dfe_statistical_neighbours_2025.csv"
REGION_REFERENCE_CSV = REFERENCE_DIR / "region_la_hierarchy.csv"

CONFIG_SCHEMA = SCHEMAS_DIR / "config.schema.yaml"
MANIFEST_SCHEMA = SCHEMAS_DIR / "manifest.schema.yaml"
CLEAN_TABLE_SCHEMA = SCHEMAS_DIR / "clean_senco_la.schema.yaml"
TARGETED_NAMES_CSV = REFERENCE_DIR / "senco_targeted_las_2022.csv"
TARGETED_CODES_CSV = REFERENCE_DIR / "senco_targeted_la_codes.csv"

INDICATOR_DEFINITIONS = REPO_ROOT / "workflow" / "indicators.yaml"
LA_INDICATORS_SCHEMA = SCHEMAS_DIR / "la_indicators.schema.yaml"
AGGREGATES_SCHEMA = SCHEMAS_DIR / "aggregates.schema.yaml"
DEFINITIONS_SCHEMA = SCHEMAS_DIR / "definitions.schema.yaml"
CAVEATS_SCHEMA = SCHEMAS_DIR / "caveats.schema.yaml"
NEIGHBOURS_SCHEMA = SCHEMAS_DIR / "statistical_neighbours.schema.yaml"

FONTS_DIR = RESOURCES_DIR / "fonts"
FONT_FAMILY = "Liberation Sans"
MONO_FONT_FAMILY = "Liberation Mono"  # code and checksums
FONT_FILES = (
    "LiberationSans-Regular.ttf",
    "LiberationSans-Bold.ttf",
    "LiberationSans-Italic.ttf",
    "LiberationSans-BoldItalic.ttf",
)
MONO_FONT_FILE = "LiberationMono-Regular.ttf"
HEXMAP_LAYOUT = RESOURCES_DIR / "hexmap" / "utla_2023.json"
TEMPLATES_DIR = REPO_ROOT / "workflow" / "templates"


def project_file(value: str | Path) -> Path:
    """A path from config.yaml: relative paths are from the project folder (where config.yaml
    is), so the bundled defaults work from any working directory."""
    path = Path(value)
    return path if path.is_absolute() else REPO_ROOT / path
