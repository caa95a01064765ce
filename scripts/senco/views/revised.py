"""The "[r]" mark beside a figure a reader has seen before in another value: a figure of this
build that the revisions report (senco.revisions, config previous_release) lists as changed by
enough to show at the published rounding.

A shown value is found by its citation (table, row key, column), so any table cell, chart value
or sentence can be marked without knowing what it says.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import polars as pl

from ..indicators.tables import AREA_TABLE, KEYS, LA_TABLE
from ..published import REVISED

Revised = frozenset[tuple[str, str, str, str]]  # (table, column, area code, period)
NONE: Revised = frozenset()
FIGURE_TABLES = (LA_TABLE, AREA_TABLE)  # the tables the revisions compare (keyed by period, area)


def revised_figures(revisions: pl.DataFrame | None) -> Revised:
    """The figures whose revision shows at the published rounding, from the revisions table
    (senco.revisions.compare.revision_table); none without one."""
    if revisions is None:
        return NONE
    shown = revisions.filter(pl.col("visible_at_published_rounding") & (pl.col("period") != ""))
    return frozenset(shown.select("table", "measure", "area_code", "period").iter_rows())


def read_revised(paths: Iterable[str | Path]) -> Revised:
    """The revised figures of the revisions table a rule's input names (none when it names none:
    no earlier build to compare with)."""
    return revised_figures(next((pl.read_parquet(path) for path in paths), None))


def is_revised(cites: list[dict[str, Any]], revised: Revised) -> bool:
    """Whether a shown value (not a basis for a claim) of these citations was revised."""
    for cite in cites:
        key = cite.get("key")
        if cite.get("basis") or not key or cite["table"] not in FIGURE_TABLES:
            continue
        area = key[KEYS[cite["table"]][1]]  # the LA's or area's code
        if (cite["table"], cite["column"], area, key["period"]) in revised:
            return True
    return False


def marked(text: str, cites: list[dict[str, Any]], revised: Revised) -> str:
    """`text` with " [r]" when a value it shows was revised."""
    return f"{text} {REVISED}" if revised and is_revised(cites, revised) else text


def marked_rows(finding: dict[str, Any], revised: Revised) -> list[list[dict[str, str]]]:
    """A table finding's cells as their text and mark: "[r]" when a value the cell shows was
    revised, else "" (a table keeps the mark apart, so its numbers stay aligned)."""
    return [[{"text": cell["text"],
              "mark": REVISED if revised and is_revised(cell["cites"], revised) else ""}
             for cell in row] for row in finding["rows"]]  # fmt: skip
