"""The bulletin's Revisions section as findings: how many published figures were revised since
the earlier build, why, the largest revisions to coverage, and where the full list is.

Every number is cited on the revisions table (layout.REVISIONS_TABLE) or the indicator tables,
so `make qa` recomputes it like any other finding. These findings are written after the
comparison and are not themselves compared (they are not among layout.findings_files).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import polars as pl

from .. import formatting
from ..findings import ids
from ..findings.model import FindingSet, Says, Statement
from ..indicators.tables import COVERAGE, LA_TABLE, REVISIONS_TABLE, IndicatorTables, Row
from .compare import OTHERS, OWN, TEXT, Report

SECTION = ids.REVISIONS
LARGEST = 3  # the largest revisions to coverage the section names
FIGURES = [OWN, OTHERS]  # a revised figure; a finding's revision is TEXT


def counted(citation, one: str, many: str) -> str:
    """A cited count with its noun: '1 figure', '2 figures'."""
    return f"{citation.shown} {one if citation.value == 1 else many}"


def figures_sentence(says: Says) -> None:
    """How many figures changed, how many show at the published rounding, and why."""
    table = REVISIONS_TABLE

    def words(s: Statement) -> str:
        revised = s.stat(table, {"cause": FIGURES}, "count")
        if revised.value == 0:
            return "Compared with the previous release, no published figure changed."
        visible = s.count(table, {"cause": FIGURES, "visible_at_published_rounding": True})
        own = s.count(table, {"cause": OWN})
        others = s.count(table, {"cause": OTHERS})
        was = "was" if revised.value == 1 else "were"
        figures = counted(revised, "published figure", "published figures")
        return (f"Compared with the previous release, {figures} {was} revised ({visible} by "
                f"enough to show at the published rounding): {own} because an area's own counts "
                f"changed and {others} because they are computed across local authorities "
                "(ranks, funnel limits and bands move when any local authority's counts "
                "do).")  # fmt: skip

    says.say(ids.commentary(SECTION, "figures"), "sentence", words)


def largest_coverage(revisions: pl.DataFrame) -> list[dict[str, Any]]:
    """The LAs' coverage revisions that show at the published rounding, largest first (ties by
    area and period, so the choice is reproducible)."""
    shown = revisions.filter(
        (pl.col("measure") == COVERAGE)
        & (pl.col("table") == LA_TABLE)
        & pl.col("visible_at_published_rounding")
    )
    ordered = shown.with_columns(size=pl.col("difference").abs()).sort(
        ["size", "area_code", "period"], descending=[True, False, False]
    )
    return ordered.head(LARGEST).drop("size").to_dicts()


def coverage_sentence(says: Says, tables: IndicatorTables) -> None:
    """The largest revisions to coverage: each LA, period, previous and new rate."""

    def words(s: Statement) -> str:
        largest = largest_coverage(tables.revisions)
        if not largest:
            s.stat(REVISIONS_TABLE, {"measure": COVERAGE, "table": LA_TABLE,
                                     "visible_at_published_rounding": True}, "count",
                   basis=True)  # fmt: skip
            return "No local authority's coverage changed at the published rounding."
        parts = []
        for revision in largest:
            row = tables.la_row(revision["period"], revision["area_code"])
            cited = Row(REVISIONS_TABLE, revision)
            parts.append(
                f"{s.la_name(row)} ({formatting.period_label(revision['period'])}: "
                f"{s.value(cited, 'previous', COVERAGE)} to {s.value(cited, 'new', COVERAGE)})"
            )
        which = "revision to coverage was" if len(parts) == 1 else "revisions to coverage were"
        return f"The largest {which} in {formatting.listed(parts)}."

    says.say(ids.commentary(SECTION, "coverage"), "sentence", words)


def findings_sentence(says: Says, report: Report) -> None:
    """The statements that changed, or why they were not compared; and where the list is."""

    def words(s: Statement) -> str:
        where = "Every revision is listed, with its previous and new value, in revisions.csv."
        if not report.findings_compared:
            added = [formatting.period_label(p) for p in report.periods_added]
            return (
                f"This release adds {formatting.listed(added) if added else 'no period'}, so its "
                f"statements were not compared with the previous release's. {where}"
            )
        changed = s.stat(REVISIONS_TABLE, {"cause": TEXT}, "count")
        what = counted(changed, "statement, title or table cell",
                       "statements, titles and table cells")  # fmt: skip
        its = "its" if changed.value == 1 else "their"
        return f"{what} changed in {its} words or in a value cited. {where}"

    says.say(ids.commentary(SECTION, "statements"), "sentence", words)


def revisions_findings(tables: IndicatorTables, revisions: pl.DataFrame, report: Report):
    """The Revisions section's heading and sentences, cited on `revisions`
    (senco.revisions.compare.revision_table) and the indicator tables."""
    tables = replace(tables, revisions=revisions)
    says = Says(tables)
    says.say(ids.heading(SECTION), "heading", "Revisions since the previous release")
    figures_sentence(says)
    coverage_sentence(says, tables)
    findings_sentence(says, report)
    return FindingSet.said(says)
