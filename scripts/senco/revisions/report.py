"""The revisions report as files: `revisions.csv` (one row per changed figure) and a readable
`revisions.md` (what was compared, how many figures changed, the largest, where the list is)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from .. import formatting
from ..core.fileio import write_text_atomic
from .compare import COLUMNS, OTHERS, OWN, TEXT, Report

LARGEST = 10  # the largest revisions the readable report lists


def cell(value: Any) -> str:
    """A value as the CSV holds it: unrounded, 'true'/'false', empty for none."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def revisions_csv(report: Report) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for revision in report.revisions:
        writer.writerow([cell(revision[column]) for column in COLUMNS])
    return buffer.getvalue()


def listed(items: list[str]) -> str:
    return formatting.listed(items) if items else "none"


def denominators(figures: list[dict[str, Any]]) -> str:
    """A changed denominator is said as such: every rate of those areas moves with it."""
    periods: dict[str, list[str]] = {}
    for r in figures:
        if r["measure"] == "settings_total":
            periods.setdefault(r["area_code"], []).append(formatting.period_label(r["period"]))
    if not periods:
        return "- No denominator (eligible settings) changed."
    changed = [f"{area} ({formatting.listed(sorted(set(when), key=when.index))})"
               for area, when in sorted(periods.items())]  # fmt: skip
    return (
        f"- The denominator (eligible settings) changed for {formatting.count(len(changed))} "
        f"areas, so all their rates were revised: {listed(changed)}."
    )


def revisions_md(report: Report, old: Path, new: Path) -> str:
    revisions = report.revisions
    figures = [r for r in revisions if r["cause"] != TEXT]
    own = sum(r["cause"] == OWN for r in figures)
    visible = sum(r["visible_at_published_rounding"] for r in figures)
    findings = [r for r in revisions if r["cause"] == TEXT]
    lines = [
        "# Revisions",
        "",
        f"This build (`{new}`) against the earlier build `{old}`, on the periods both hold: "
        f"{listed([formatting.period_label(p) for p in report.periods_compared])}.",
        f"Periods added: {listed([formatting.period_label(p) for p in report.periods_added])}; "
        f"dropped: {listed([formatting.period_label(p) for p in report.periods_dropped])}.",
        f"Areas added: {listed(report.areas_added)}; dropped: {listed(report.areas_dropped)}.",
        "",
    ]
    if not revisions:
        lines.append("No published figure changed.")
        return "\n".join(lines) + "\n"
    lines += [
        f"- {formatting.count(len(figures))} figures changed ({formatting.count(visible)} at the "
        f"published rounding): {formatting.count(own)} because their own counts changed, "
        f"{formatting.count(len(figures) - own)} because they are computed across local "
        f"authorities ({OTHERS}).",
        f"- {formatting.count(len(findings))} findings (sentences, titles, table cells) changed"
        + (
            "."
            if report.findings_compared
            else "; findings were not compared, as the builds hold different periods."
        ),  # fmt: skip
        denominators(figures),
        "- Every revision is in `revisions.csv`, one row each.",
        "",
    ]
    numeric = [
        r for r in figures if r["difference"] is not None and r["visible_at_published_rounding"]
    ]
    largest = sorted(numeric, key=lambda r: (-abs(r["difference"]), r["measure"], r["area_code"],
                                              r["period"]))[:LARGEST]  # fmt: skip
    if largest:
        lines += ["## The largest revisions", "",
                  "| measure | area | period | previous | new | difference | cause |",
                  "|---|---|---|---|---|---|---|"]  # fmt: skip
        lines += [f"| {r['measure']} | {r['area_code']} | {r['period']} | {cell(r['previous'])} "
                  f"| {cell(r['new'])} | {cell(r['difference'])} | {r['cause']} |"
                  for r in largest]  # fmt: skip
    return "\n".join(lines) + "\n"


def write_report(report: Report, old: Path, new: Path, folder: Path) -> tuple[Path, Path]:
    """revisions.csv and revisions.md in `folder`."""
    csv_path, md_path = folder / "revisions.csv", folder / "revisions.md"
    write_text_atomic(csv_path, revisions_csv(report))
    write_text_atomic(md_path, revisions_md(report, old, new))
    return csv_path, md_path
