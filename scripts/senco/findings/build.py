"""Writing every finding from the indicator tables, and the readable findings.md."""

from __future__ import annotations

import json
from typing import Any

from ..tables import IndicatorTables
from . import bulletin, factsheets
from .model import FindingSet, Says


def build(tables: IndicatorTables, la_codes: list[str] | None = None) -> FindingSet:
    """Every finding, in the order the outputs show them; `la_codes` get a factsheet each
    (default: every LA in the tables)."""
    says = Says(tables)
    bulletin.main_points(says, tables)
    bulletin.section_headings(says, tables)
    bulletin.annex(says, tables)
    codes = factsheets.codes_with_data(tables) if la_codes is None else la_codes
    factsheets.all_factsheets(says, tables, codes)
    found = FindingSet(synthetic=tables.synthetic)
    found.add(says.findings)
    return found


def to_json(found: FindingSet) -> str:
    """Compact, one finding per line: small enough to load in every rendering job, and a
    change to one finding is one line of a diff. Keys sorted, so the file is reproducible."""
    record = found.as_dict()
    lines = [json.dumps(f, sort_keys=True, ensure_ascii=False) for f in record["findings"]]
    head = json.dumps({"synthetic": record["synthetic"]})[:-1]
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
