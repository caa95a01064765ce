"""Writing every finding from the indicator tables, and the readable findings.md."""

from __future__ import annotations

import json
from typing import Any

from ..charts import (
    CHART_NAMES,
    change_by_region,
    coverage_by_la,
    england_at_a_glance,
    funnel_plot,
    hex_map,
    regions_compared,
    targeted_compared,
)
from ..charts.common import say_source
from ..tables import IndicatorTables
from . import bulletin, commentary, completeness, factsheets
from .model import FindingSet, Says

# What each chart says and marks, by chart name.
DESCRIBE_CHART = {
    module.NAME: module.describe
    for module in (
        england_at_a_glance,
        coverage_by_la,
        funnel_plot,
        regions_compared,
        change_by_region,
        hex_map,
        targeted_compared,
    )
}


def build(tables: IndicatorTables, la_codes: list[str] | None = None) -> FindingSet:
    """Every finding, in the order the outputs show them; `la_codes` get a factsheet each
    (default: every LA in the tables)."""
    says = Says(tables)
    completeness.incomplete_note(says, tables)
    bulletin.main_points(says, tables)
    bulletin.section_headings(says, tables)
    bulletin.facts(says, tables)
    commentary.all_sections(says, tables)
    say_source(says, tables.synthetic)
    for name in CHART_NAMES:
        DESCRIBE_CHART[name](says, tables)
    bulletin.annex(says, tables)
    codes = factsheets.codes_with_data(tables) if la_codes is None else la_codes
    factsheets.all_factsheets(says, tables, codes)
    found = FindingSet(synthetic=tables.synthetic, periods=tables.periods)
    found.add(says.findings)
    return found


def to_json(found: FindingSet) -> str:
    """Compact, one finding per line: small enough to load in every rendering job, and a
    change to one finding is one line of a diff. Keys sorted, so the file is reproducible."""
    record = found.as_dict()
    lines = [json.dumps(f, sort_keys=True, ensure_ascii=False) for f in record["findings"]]
    head = json.dumps({"periods": record["periods"], "synthetic": record["synthetic"]})[:-1]
    return head + ', "findings": [\n' + ",\n".join(lines) + "\n]}\n"


def markdown(found: dict[str, Any]) -> str:
    """findings.json as a reviewer reads it: each statement with the values it cites."""
    lines = ["# Findings", ""]
    if found["synthetic"]:
        lines += ["**SYNTHETIC SAMPLE DATA - not official statistics.**", ""]
    lines += [
        "Every statement the bulletin and factsheets make, with the values it cites. `make qa`",
        "recomputes each cited value from `results/indicators/` and checks how it is shown.",
        "",
    ]
    for finding in found["findings"]:
        if finding["kind"] == "table":
            rows = finding["rows"]
            lines += [f"## `{finding['id']}` (table)", "", finding["caption"], ""]
            lines += [f"{len(rows)} rows; every cell cites its values (see findings.json).", ""]
            continue
        lines += [f"## `{finding['id']}` ({finding['kind']})", "", finding["text"], ""]
        for cite in finding["cites"]:
            where = (
                ", ".join(f"{k}={v}" for k, v in cite["key"].items())
                if "key" in cite
                else f"{cite['statistic']} where {cite['where']}"
            )
            lines.append(f"- `{cite['shown']}`: {cite['table']} {where}, "
                         f"`{cite['column']}` = {cite['value']!r}")  # fmt: skip
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
