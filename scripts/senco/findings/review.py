"""Findings as a reviewer reads them (results/findings/findings.md).

Reads the findings files' records only (no Polars), so the job that writes it is quick.
"""

from __future__ import annotations

from typing import Any


def markdown(found: dict[str, Any]) -> str:
    """Findings as a reviewer reads them: each statement with the values it cites."""
    lines = ["# Findings", ""]
    if found["synthetic"]:
        lines += ["**SYNTHETIC SAMPLE DATA - not official statistics.**", ""]
    lines += [
        "Every statement the bulletin, its charts and the factsheets make, with the values it",
        "cites. `make qa` recomputes each cited value from `results/indicators/` and checks how",
        "it is shown.",
        "",
    ]
    for finding in found["findings"]:
        if finding["kind"] == "table":
            rows = finding["rows"]
            lines += [f"## `{finding['id']}` (table)", "", finding["caption"], ""]
            lines += [f"{len(rows)} rows; every cell cites its values (see the JSON files).", ""]
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
