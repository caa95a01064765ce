"""Hostile but plausible releases: the synthetic release edited as a real one might be, and the
whole chain run on it in process (clean, indicators, findings, charts, downloads, bulletin and a
few factsheets), so a crash anywhere shows as the traceback of the step that raised it."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

from samples import synthetic_release

Row = dict[str, str]
LATEST, FIRST = "November", "June"


def release_rows() -> list[Row]:
    return list(csv.DictReader(io.StringIO(synthetic_release().decode("utf-8"), newline="")))


def render(rows: list[Row]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def edited(edit: Callable[[Row], Row | None]) -> bytes:
    """The synthetic release with each row passed through `edit` (None drops the row)."""
    return render([kept for row in release_rows() if (kept := edit(dict(row))) is not None])


def setting_counts(row: Row, status: str, value: Callable[[Row], str]) -> Row:
    """`row` with its settings count replaced by `value(row)` where its status is `status`."""
    if row["status"] == status:
        row["no_of_settings"] = value(row)
    return row


def build_all(tables, out: Path, factsheet_codes: list[str]) -> dict:
    """Findings, charts, downloads, the bulletin (HTML and PDF) and the factsheets of
    `factsheet_codes`, in `out`; the findings' citations recomputed as `make qa` does (a list
    of problems under "problems")."""
    import json

    from samples import build_bulletin
    from senco.findings.check import check
    from senco.views import factsheets

    built = build_bulletin(out, tables=tables)
    found = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    _, problems = check(found, tables.cited(), tables.definitions)
    provenance = {"retrieved_at": "2026-11-22T00:00:00Z", "sha256": "cd" * 32, "synthetic": True}
    pdfs = factsheets.write_factsheets(factsheet_codes, built["findings"], provenance,
                                       out / "factsheets")  # fmt: skip
    return built | {"problems": problems, "factsheets": pdfs}
