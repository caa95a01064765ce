"""`make qa`'s check of every finding: each cited value recomputed from the indicator tables.

For each citation: the row (by its key) or the statistic (by its filter) is looked up again in
`results/indicators/`, its value must equal the cited one, formatting it must give the string
shown, and that string must appear in the finding's text (or its table cell).
"""

from __future__ import annotations

import math
from typing import Any

import polars as pl

from ..indicators.tables import KEYS, formats, show
from .model import select, statistic


def equal(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return a == b or math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-15)
    return a == b


class Tables:
    """The indicator tables, with each row indexed by its key for fast lookup."""

    def __init__(self, frames: dict[str, pl.DataFrame], definitions: pl.DataFrame) -> None:
        self.frames = frames
        self.formats = formats(definitions)
        self.rows: dict[tuple, list[dict[str, Any]]] = {}
        for table, frame in frames.items():
            for row in frame.iter_rows(named=True):
                key = (table, *(row[column] for column in KEYS[table]))
                self.rows.setdefault(key, []).append(row)

    def recompute(self, cite: dict[str, Any]) -> Any:
        table = cite["table"]
        if "key" in cite:
            if set(cite["key"]) != set(KEYS[table]):
                raise LookupError(f"key {cite['key']} does not identify a row of {table}")
            rows = self.rows.get((table, *(cite["key"][column] for column in KEYS[table])), [])
            if len(rows) != 1:
                raise LookupError(f"{len(rows)} rows of {table} match {cite['key']}")
            return rows[0][cite["column"]]
        return statistic(select(self.frames[table], cite["where"]), cite["column"],
                         cite["statistic"])  # fmt: skip


def problems_with(cite: dict[str, Any], text: str, tables: Tables) -> list[str]:
    try:
        actual = tables.recompute(cite)
    except (LookupError, KeyError, pl.exceptions.PolarsError) as error:
        return [f"cannot recompute {cite['column']}: {error}"]
    found = []
    if not equal(actual, cite["value"]):
        found.append(f"{cite['column']} is {actual!r} in the tables, cited as {cite['value']!r}")
    expected = show(tables.formats, cite["format"], actual)
    if expected != cite["shown"]:
        found.append(f"{cite['column']} formatted is {expected!r}, shown as {cite['shown']!r}")
    if not cite.get("basis") and cite["shown"] not in text:
        found.append(f"{cite['shown']!r} is cited but not in the text {text!r}")
    return found


def check(found: dict[str, Any], frames: dict[str, pl.DataFrame], definitions: pl.DataFrame):
    """(number of citations checked, one line per problem naming its finding)."""
    tables = Tables(frames, definitions)
    checked, problems = 0, []
    for finding in found["findings"]:
        if finding["kind"] == "table":
            pieces = [
                (f"{finding['id']} row {r + 1}, column {c + 1}", cell["text"], cell["cites"])
                for r, row in enumerate(finding["rows"])
                for c, cell in enumerate(row)
            ]
        else:
            pieces = [(finding["id"], finding["text"], finding["cites"])]
        for where, text, cites in pieces:
            for cite in cites:
                checked += 1
                problems += [f"{where}: {p}" for p in problems_with(cite, text, tables)]
    return checked, problems
