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
from ..findings.model import FindingSet, Says, Statement, select, statistic
from ..indicators.tables import (
    AREA_TABLE,
    COVERAGE,
    LA_TABLE,
    REVISIONS_TABLE,
    IndicatorTables,
    Row,
)
from ..published import COUNTRY_CODE
from .compare import OTHERS, OWN, TEXT, Report

SECTION = ids.REVISIONS
LARGEST = 3  # the largest revisions to coverage the section names
FIGURES = [OWN, OTHERS]  # a revised figure; a finding's revision is TEXT


def counted(citation, one: str, many: str) -> str:
    """A cited count with its noun: '1 figure', '2 figures'."""
    return f"{citation.shown} {one if citation.value == 1 else many}"


def how_many(s: Statement, where: dict[str, Any]) -> str:
    """A count of revisions, cited, or "none" (the count cited as what the word rests on)."""
    if statistic(select(s.tables.frame(REVISIONS_TABLE), where), None, "count") == 0:
        s.stat(REVISIONS_TABLE, where, "count", basis=True)
        return "none"
    return s.stat(REVISIONS_TABLE, where, "count").shown


SHOWN = {"cause": FIGURES, "visible_at_published_rounding": True}
HIDDEN = {"cause": FIGURES, "visible_at_published_rounding": False}
SCOPE = "In the periods both releases cover"


def figures_sentence(says: Says) -> None:
    """How many published figures changed by enough to show, how many by less, and why."""

    def words(s: Statement) -> str:
        shown = s.stat(REVISIONS_TABLE, SHOWN, "count", basis=True)
        hidden = how_many(s, HIDDEN)
        if shown.value == 0:
            if hidden == "none":
                return f"{SCOPE}, no published figure changed since the previous release."
            return (f"{SCOPE}, no published figure changed by enough to show at the published "
                    f"rounding; {hidden} changed by less, so they look the same.")  # fmt: skip
        revised = s.stat(REVISIONS_TABLE, SHOWN, "count")
        own = how_many(s, SHOWN | {"cause": OWN})
        others = how_many(s, SHOWN | {"cause": OTHERS})
        smaller = ("" if hidden == "none"
                   else f" ({hidden} more changed by less, so they look the same)")  # fmt: skip
        return (f"{SCOPE}, {counted(revised, 'published figure', 'published figures')} changed "
                f"by enough to show at the published rounding{smaller}. Of these, {own} changed "
                f"because an area's own counts were revised and {others} are figures that "
                "compare local authorities with each other, such as ranks, which move when any "
                "local authority's counts do.")  # fmt: skip

    says.say(ids.commentary(SECTION, "figures"), "sentence", words)


def england_sentence(says: Says, tables: IndicatorTables) -> None:
    """England's coverage, the headline figure: each period it was revised in, or that it was
    not (by enough to show)."""

    def words(s: Statement) -> str:
        where = {"measure": COVERAGE, "table": AREA_TABLE, "area_code": COUNTRY_CODE,
                 "visible_at_published_rounding": True}  # fmt: skip
        revised = select(tables.revisions, where).sort("period").to_dicts()
        if not revised:
            s.stat(REVISIONS_TABLE, where, "count", basis=True)
            return "England's coverage did not change by enough to show at the published rounding."
        parts = []
        for revision in revised:
            cited = Row(REVISIONS_TABLE, revision)
            parts.append(f"in {formatting.period_label(revision['period'])} from "
                         f"{s.value(cited, 'previous', COVERAGE)} to "
                         f"{s.value(cited, 'new', COVERAGE)}")  # fmt: skip
        return f"England's coverage was revised {formatting.listed(parts)}."

    says.say(ids.commentary(SECTION, "england"), "sentence", words)


def front_matter(says: Says) -> None:
    """The front matter's word on revisions: how many figures published before changed."""

    def words(s: Statement) -> str:
        if s.stat(REVISIONS_TABLE, SHOWN, "count", basis=True).value == 0:
            return "No figure published before changed by enough to show"
        revised = s.stat(REVISIONS_TABLE, SHOWN, "count")
        return f"This release revises {counted(revised, 'figure', 'figures')} published before"

    says.say(ids.REVISIONS_FRONT_MATTER, "note", words)


def largest_coverage(revisions: pl.DataFrame, la: pl.DataFrame) -> tuple[list[dict], bool]:
    """The largest revisions to LAs' coverage that show at the published rounding, one an LA
    (its largest), leaving out small bases (their rates swing most, and are of low
    reliability) and rates that were or became not available; ties with the last one listed
    are listed too. With whether there were more than those listed."""
    stable = la.select("period", pl.col("new_la_code").alias("area_code"), "small_base")
    candidates = (
        revisions.filter((pl.col("measure") == COVERAGE) & (pl.col("table") == LA_TABLE)
                         & pl.col("visible_at_published_rounding")
                         & pl.col("difference").is_not_null())
        .join(stable, on=["area_code", "period"], how="inner")
        .filter(~pl.col("small_base"))
        .with_columns(size=pl.col("difference").abs())
        .sort(["size", "area_code", "period"], descending=[True, False, False])
        .unique(subset="area_code", keep="first", maintain_order=True)
    )  # fmt: skip
    if candidates.height <= LARGEST:
        return candidates.drop("size", "small_base").to_dicts(), False
    cut = candidates["size"][LARGEST - 1]
    listed = candidates.filter(pl.col("size") >= cut)
    return listed.drop("size", "small_base").to_dicts(), listed.height < candidates.height


def coverage_sentence(says: Says, tables: IndicatorTables) -> None:
    """The largest revisions to coverage: each LA, period, previous and new rate."""

    def words(s: Statement) -> str:
        listed, more = largest_coverage(tables.revisions, tables.la)
        if not listed:
            return ("Leaving out local authorities with a small base ([u]), no local "
                    "authority's coverage changed by enough to show at the published "
                    "rounding.")  # fmt: skip
        parts = []
        for revision in listed:
            row = tables.la_row(revision["period"], revision["area_code"])
            s.basis(row, "small_base")
            cited = Row(REVISIONS_TABLE, revision)
            parts.append(
                f"{s.la_name(row)} ({formatting.period_label(revision['period'])}: "
                f"{s.value(cited, 'previous', COVERAGE)} to {s.value(cited, 'new', COVERAGE)})"
            )
        start = "Leaving out local authorities with a small base ([u]),"
        if more:
            return f"{start} the largest revisions to coverage were in {formatting.listed(parts)}."
        return f"{start} coverage was revised in {formatting.listed(parts)} only."

    says.say(ids.commentary(SECTION, "coverage"), "sentence", words)


def findings_sentence(says: Says, report: Report) -> None:
    """The statements that changed, or why they were not compared; and where the list is."""

    def words(s: Statement) -> str:
        if not report.findings_compared:
            changes = []
            if report.periods_added:
                added = [formatting.period_label(p) for p in report.periods_added]
                changes.append(f"adds {formatting.listed(added)}")
            if report.periods_dropped:
                dropped = [formatting.period_label(p) for p in report.periods_dropped]
                changes.append(f"no longer covers {formatting.listed(dropped)}")
            return (f"This release {' and '.join(changes)}, so its sentences, titles and tables "
                    "were not compared with the previous release's.")  # fmt: skip
        changed = s.stat(REVISIONS_TABLE, {"cause": TEXT}, "count", basis=True)
        if changed.value == 0:
            return ("No sentence, title or table of this bulletin or the factsheets changed, in "
                    "its words or in a number it quotes.")  # fmt: skip
        changed = s.stat(REVISIONS_TABLE, {"cause": TEXT}, "count")
        if changed.value == 1:
            return (f"{changed.shown} sentence, title or table of this bulletin or the "
                    "factsheets changed, in its words or in a number it quotes.")  # fmt: skip
        return (f"{changed.shown} sentences, titles and tables of this bulletin and the "
                "factsheets changed, in their words or in a number they quote.")  # fmt: skip

    says.say(ids.commentary(SECTION, "statements"), "sentence", words)


def revisions_findings(tables: IndicatorTables, revisions: pl.DataFrame, report: Report):
    """The Revisions section's heading and sentences, cited on `revisions`
    (senco.revisions.compare.revision_table) and the indicator tables."""
    tables = replace(tables, revisions=revisions)
    says = Says(tables)
    says.say(ids.heading(SECTION), "heading", "Revisions since the previous release")
    figures_sentence(says)
    front_matter(says)
    england_sentence(says, tables)
    coverage_sentence(says, tables)
    findings_sentence(says, report)
    return FindingSet.said(says)
