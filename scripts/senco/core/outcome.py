"""What a run leaves and says at its end: the workflow's onstart/onerror/onsuccess handlers.

- A failed run must not leave outputs of two inputs side by side: if `acquire` wrote a new raw
  file and a later step failed, every output built before that file (from the previous input)
  is removed, so results/ holds only what the current input made; if `acquire` refused the new
  source (so the previous raw file is gone too), every output is removed.
- Snakemake's own report of a failure is long; the one-line errors of the failed steps are
  printed again as the last lines, where a reader looks.
- A successful run ends with the validation warnings, which would otherwise scroll past.

Snakemake prints its log's location, the run time and its own error after these handlers, so
the lines are printed when the Snakemake process exits (`atexit`), after everything else.
"""

from __future__ import annotations

import atexit
import json
import sys
from pathlib import Path

from .. import layout

# A failed run's last lines, kept after the run.
FAILURE_REPORT = layout.FAILURE_REPORT

# Everything made from the raw file (the logs are kept: they say what happened).
DOWNSTREAM = (layout.CLEAN, layout.INDICATORS, layout.FINDINGS, layout.FIGURES, layout.BULLETIN,
              layout.FACTSHEETS, layout.REVISIONS)  # fmt: skip


def stale_outputs(root: Path) -> list[Path]:
    """Outputs under `root` made from an earlier input: older than its raw file, or every one
    when there is no raw file (acquire refused the new source, and Snakemake removed the raw
    file and provenance of the previous one, so nothing left can be traced to its input)."""
    raw = root / layout.RAW_CSV
    written = raw.stat().st_mtime_ns if raw.is_file() else None
    return sorted(
        path
        for folder in DOWNSTREAM
        for path in (root / folder).rglob("*")
        if path.is_file() and (written is None or path.stat().st_mtime_ns < written)
    )


def remove_stale_outputs(root: Path) -> list[Path]:
    stale = stale_outputs(root)
    for path in stale:
        path.unlink()
    return stale


def error_lines(root: Path, since_ns: int) -> list[str]:
    """The 'error: ...' lines the steps of this run wrote to their logs (a failed step writes
    its one-line errors there as well as to the terminal)."""
    lines = []
    for log in sorted((root / layout.LOGS).rglob("*.log")):
        if log.stat().st_mtime_ns >= since_ns:
            text = log.read_text(encoding="utf-8", errors="replace")
            lines += [line for line in text.splitlines() if line.startswith("error: ")]
    return lines


def failure_report(root: Path, since_ns: int) -> list[str]:
    """The last lines of a failed run: stale outputs removed, then the one-line errors."""
    removed = remove_stale_outputs(root)
    lines = []
    if removed:
        lines.append(
            f"note: removed {len(removed)} output(s) made from the previous input, so "
            f"{layout.RESULTS}/ holds nothing built from two different inputs"
        )
    return lines + error_lines(root, since_ns)


def source_lines(root: Path) -> list[str]:
    """What the received source says about itself: an API data set pinned to a version older
    than its latest (a warning), or a check for a newer version that could not be made (a
    note). Nothing for other sources."""
    try:
        provenance = json.loads((root / layout.PROVENANCE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []  # none yet, or only touched (snakemake --touch): nothing to say
    if not isinstance(provenance, dict):
        return []
    lines = []
    if newer := provenance.get("newer_version"):
        lines.append(
            f"warning: data set {provenance['data_set_id']} has a newer version "
            f"({newer['version']}, published {newer.get('published') or 'at an unknown time'}) "
            f"than the {provenance['data_set_version']} this build used: set data_set_version "
            "to use it"
        )
    if note := provenance.get("newer_version_check"):
        lines.append(f"note: data set {provenance['data_set_id']}: {note}")
    return lines


def warning_lines(root: Path) -> list[str]:
    """One line per validation check that warned in the latest clean run, then what the
    source says about itself (source_lines)."""
    path = root / layout.VALIDATION_JSON
    checks = json.loads(path.read_text(encoding="utf-8"))["checks"] if path.is_file() else []
    return [
        f"warning: {check['description']}: {check['failed']} breach(es)"
        + (f"; first: {check['details'][0]}" if check["details"] else "")
        for check in checks
        if check["outcome"] == "warn"
    ] + source_lines(root)


def on_start(root: Path) -> None:
    (root / FAILURE_REPORT).unlink(missing_ok=True)


def print_last(lines: list[str]) -> None:
    """Print `lines` to stderr when the process exits, after Snakemake's closing lines."""
    if lines:
        atexit.register(print, "\n".join(lines), file=sys.stderr, flush=True)


def on_error(root: Path, since_ns: int) -> None:
    """Remove stale outputs, keep the report, and print it last."""
    lines = failure_report(root, since_ns)
    report = root / FAILURE_REPORT
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    print_last(lines)


# What a reader opens first, named at the end of a successful run (those that exist).
OPEN_FIRST = (
    ("the bulletin", layout.BULLETIN_HTML),
    ("the bulletin as PDF", layout.BULLETIN_PDF),
    ("the factsheets", layout.FACTSHEET_INDEX),
    ("the spreadsheet", layout.SPREADSHEET),
)


def output_lines(root: Path) -> list[str]:
    """Where the release's main outputs are, as the last lines of a successful run."""
    present = [(what, path) for what, path in OPEN_FIRST if (root / path).exists()]
    return [f"{what + ':':<22}{path}" for what, path in present]


def on_success(root: Path) -> None:
    print_last(warning_lines(root) + output_lines(root))
